using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using DgBot.Core.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace DgBot.Bot.Telegram;

/// <summary>The webhook endpoint: the secret header first (401 without reading the body), then the update, handled before answering.</summary>
internal static partial class TelegramWebhook
{
    public const string SecretHeader = "X-Telegram-Bot-Api-Secret-Token";

    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(TelegramOptions.WebhookPath, HandleAsync).ExcludeFromDescription();
    }

    private static async Task<Results<Ok, UnauthorizedHttpResult, BadRequest, StatusCodeHttpResult>> HandleAsync(
        HttpContext context,
        IOptions<TelegramOptions> options,
        TelegramUpdateDispatcher dispatcher,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        if (!SecretMatches(context.Request.Headers[SecretHeader], options.Value.WebhookSecret))
        {
            return TypedResults.Unauthorized();
        }

        var logger = loggers.CreateLogger(typeof(TelegramWebhook));
        Update? update;
        try
        {
            update = await JsonSerializer.DeserializeAsync<Update>(context.Request.Body, JsonBotAPI.Options, cancellationToken).ConfigureAwait(false);
        }
        catch (JsonException e)
        {
            Log.BadUpdate(logger, e);
            return TypedResults.BadRequest();
        }

        if (update is null)
        {
            return TypedResults.BadRequest();
        }

        try
        {
            // Handled before answering: a non-2xx makes Telegram deliver it again, and the engine de-duplicates.
            await dispatcher.DispatchAsync(update, cancellationToken).ConfigureAwait(false);
            return TypedResults.Ok();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            DgBotMetrics.Error("telegram");
            Log.UpdateFailed(logger, e, update.Id);
            return TypedResults.StatusCode(StatusCodes.Status500InternalServerError);
        }
    }

    private static bool SecretMatches(string? given, string? expected)
    {
        if (string.IsNullOrEmpty(given) || string.IsNullOrEmpty(expected))
        {
            return false;
        }

        return CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4141, Level = LogLevel.Warning, Message = "The Telegram webhook got a body that is not an update")]
        public static partial void BadUpdate(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 4142, Level = LogLevel.Error, Message = "Telegram update {UpdateId} failed in the webhook; Telegram will deliver it again")]
        public static partial void UpdateFailed(ILogger logger, Exception exception, int updateId);
    }
}

/// <summary>Webhook mode: registers the webhook at start (with the secret) and removes it at stop.</summary>
internal sealed class TelegramWebhookRegistration(TelegramBootstrap bootstrap) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) => bootstrap.StartAsync(webhook: true, stoppingToken);

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        await bootstrap.StopWebhookAsync(cancellationToken).ConfigureAwait(false);
    }
}
