using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace DgBot.Bot.Telegram;

/// <summary>Start-up calls: check the token (getMe), publish the Thai command menu (setMyCommands), and set up how updates arrive.</summary>
internal sealed partial class TelegramBootstrap(
    TelegramSender sender,
    TelegramTexts texts,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramBootstrap> logger)
{
    /// <summary>Runs the start-up calls. In webhook mode it keeps trying setWebhook until Telegram accepts it.</summary>
    public async Task StartAsync(bool webhook, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        await TryAsync("getMe", async ct =>
        {
            var me = await sender.CallAsync(null, (c, t) => c.GetMe(t), ct).ConfigureAwait(false);
            if (!string.IsNullOrEmpty(settings.BotUsername) && !string.Equals(me.Username, settings.BotUsername, StringComparison.OrdinalIgnoreCase))
            {
                Log.UsernameMismatch(logger, settings.BotUsername, me.Username ?? "");
            }
        }, cancellationToken).ConfigureAwait(false);

        await TryAsync("setMyCommands", ct => sender.CallAsync(null, (c, t) => c.SetMyCommands(texts.Commands, cancellationToken: t), ct), cancellationToken).ConfigureAwait(false);

        if (!webhook)
        {
            // getUpdates is refused (409) while a webhook is set; keep pending updates.
            await TryAsync("deleteWebhook", ct => sender.CallAsync(null, (c, t) => c.DeleteWebhook(false, t), ct), cancellationToken).ConfigureAwait(false);
            return;
        }

        while (!cancellationToken.IsCancellationRequested)
        {
            var done = await TryAsync("setWebhook", ct => sender.CallAsync(null, (c, t) => c.SetWebhook(
                settings.WebhookUrl!,
                allowedUpdates: TelegramPollingService.AllowedUpdates,
                secretToken: settings.WebhookSecret,
                cancellationToken: t), ct), cancellationToken).ConfigureAwait(false);
            if (done)
            {
                Log.WebhookSet(logger);
                return;
            }

            try
            {
                await Task.Delay(settings.ErrorCooldown, time, cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Removes the webhook when the bot stops (pending updates stay with Telegram).</summary>
    public Task StopWebhookAsync(CancellationToken cancellationToken) =>
        TryAsync("deleteWebhook", ct => sender.CallAsync(null, (c, t) => c.DeleteWebhook(false, t), ct), cancellationToken);

    private async Task<bool> TryAsync(string method, Func<CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        try
        {
            await call(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException)
        {
            Log.StartupCallFailed(logger, e, method);
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4131, Level = LogLevel.Error, Message = "Telegram {Method} failed at start-up")]
        public static partial void StartupCallFailed(ILogger logger, Exception exception, string method);

        [LoggerMessage(EventId = 4132, Level = LogLevel.Warning, Message = "Telegram:BotUsername is {Configured} but the token belongs to @{Actual}; deep links will point to the wrong bot")]
        public static partial void UsernameMismatch(ILogger logger, string configured, string actual);

        [LoggerMessage(EventId = 4133, Level = LogLevel.Information, Message = "Telegram webhook registered")]
        public static partial void WebhookSet(ILogger logger);
    }
}
