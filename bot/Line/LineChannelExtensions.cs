using DgBot.Bot.Channels;
using DgBot.Bot.Hosting;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Line;

/// <summary>Registers the LINE channel (webhook, event queue, renderer, client, /healthz status).</summary>
public static class LineChannelExtensions
{
    /// <summary>Adds the LINE channel when <c>Line:ChannelSecret</c> is set; otherwise registers nothing.</summary>
    public static IHostApplicationBuilder AddLineChannel(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{LineOptions.SectionName}:{nameof(LineOptions.ChannelSecret)}"]))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddLineClient();
        services.AddSingleton(sp => new LineSignature(sp.GetRequiredService<IOptions<LineOptions>>().Value.ChannelSecret));
        services.AddSingleton(_ => new LineMessageRenderer(LineMessageRenderer.LoadTexts()));
        services.AddSingleton<LineEventProcessor>();
        services.AddChatExecutor();
        services.AddSingleton<LineEventDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<LineEventDispatcher>());
        services.AddSingleton<IChannelStatus>(sp => sp.GetRequiredService<LineChannelStatus>());
        return builder;
    }

    /// <summary>
    /// Adds <see cref="LineOptions"/> (validated at start-up) and the typed <see cref="LineMessagingClient"/>, for the
    /// channel and for anything else that sends to LINE (reminders, broadcasts, <c>dgbot line quota</c>).
    /// </summary>
    public static IServiceCollection AddLineClient(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddOptions<LineOptions>()
            .BindConfiguration(LineOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<LineOptions>, LineOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<LineChannelStatus>();
        services.AddHttpClient<LineMessagingClient>((sp, http) =>
        {
            var options = sp.GetRequiredService<IOptions<LineOptions>>().Value;
            http.BaseAddress = new Uri(options.ApiBaseUrl.TrimEnd('/') + "/");
            http.DefaultRequestHeaders.Authorization = new("Bearer", options.ChannelAccessToken);
            http.Timeout = TimeSpan.FromSeconds(30);
        });
        return services;
    }
}
