using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DgBot.Bot.Channels;

/// <summary>Registers what the channels share.</summary>
public static class ChannelServices
{
    /// <summary>
    /// The one <see cref="ChatExecutor"/> (once, whichever channel asks first), as a hosted service, so on shutdown it
    /// waits for the work in hand.
    /// </summary>
    public static IServiceCollection AddChatExecutor(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(ChatExecutor)))
        {
            return services;
        }

        services.AddSingleton<ChatExecutor>();
        services.AddHostedService(sp => sp.GetRequiredService<ChatExecutor>());
        return services;
    }
}
