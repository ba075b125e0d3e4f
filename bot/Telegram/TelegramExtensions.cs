using DgBot.Bot.Channels;
using DgBot.Bot.Hosting;
using DgBot.Bot.Telegram.Charts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace DgBot.Bot.Telegram;

public static class TelegramExtensions
{
    private const string HttpClientName = "telegram";

    /// <summary>
    /// Adds the Telegram channel when <c>Telegram:Token</c> is set (nothing otherwise): options validated at start-up,
    /// the Bot API client with Telegram.Bot's own retry off, the rate-keeping sender, polling or the webhook, and /healthz status.
    /// </summary>
    public static IHostApplicationBuilder AddTelegramChannel(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[$"{TelegramOptions.Section}:Token"]))
        {
            return builder;
        }

        var services = builder.Services;
        services.AddOptions<TelegramOptions>()
            .BindConfiguration(TelegramOptions.Section)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<TelegramOptions>, TelegramOptionsValidator>();
        services.TryAddSingleton(TimeProvider.System);

        // No request logging: the token is part of every Bot API address.
        services.AddHttpClient(HttpClientName).RemoveAllLoggers();
        services.AddSingleton<ITelegramBotClient>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<TelegramOptions>>().Value;
            var http = sp.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName);
            http.Timeout = TimeSpan.FromSeconds(settings.PollingTimeoutSeconds + 30);
            return new TelegramBotClient(new TelegramBotClientOptions(settings.Token, settings.ApiBaseUrl) { RetryThreshold = 0 }, http);
        });

        services.AddSingleton<TelegramChannelStatus>();
        services.AddSingleton<IChannelStatus>(sp => sp.GetRequiredService<TelegramChannelStatus>());
        services.AddSingleton<TelegramSender>(sp => new TelegramSender(
            sp.GetRequiredService<ITelegramBotClient>(),
            sp.GetRequiredService<IOptions<TelegramOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<TelegramChannelStatus>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<TelegramSender>>()));
        services.AddSingleton(_ => TelegramTexts.Load());
        services.AddSingleton<ScoreChart>();
        services.AddSingleton<TelegramBootstrap>();
        services.AddSingleton<TelegramUpdateDispatcher>();
        services.AddScoped<TelegramUpdateHandler>();

        if (ConfiguredMode(builder.Configuration) == TelegramMode.Webhook)
        {
            services.AddHostedService<TelegramWebhookRegistration>();
        }
        else
        {
            services.AddChatExecutor();
            services.AddHostedService<TelegramPollingService>();
        }

        return builder;
    }

    /// <summary>Maps the webhook endpoint (<see cref="TelegramOptions.WebhookPath"/>) when the channel runs in webhook mode.</summary>
    public static IEndpointRouteBuilder MapTelegram(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<IOptions<TelegramOptions>>() is not null
            && endpoints.ServiceProvider.GetService<TelegramUpdateDispatcher>() is not null
            && endpoints.ServiceProvider.GetService<IConfiguration>() is { } configuration
            && ConfiguredMode(configuration) == TelegramMode.Webhook)
        {
            TelegramWebhook.Map(endpoints);
        }

        return endpoints;
    }

    /// <summary>The mode as configured; an unknown value counts as polling here and is reported, naming the key, when the options are bound at start-up.</summary>
    private static TelegramMode ConfiguredMode(IConfiguration configuration) =>
        Enum.TryParse<TelegramMode>(configuration[$"{TelegramOptions.Section}:Mode"], ignoreCase: true, out var mode) ? mode : TelegramMode.Polling;
}
