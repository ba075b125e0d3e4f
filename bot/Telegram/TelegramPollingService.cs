using DgBot.Core.Diagnostics;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace DgBot.Bot.Telegram;

/// <summary>
/// Long polling. Updates are handled one at a time, in order; an update is confirmed (the next getUpdates carries an
/// offset past it) only after its turn was committed and its replies sent, so a crash means re-delivery, never loss.
/// The engine de-duplicates a re-delivered update by its update id.
/// </summary>
internal sealed partial class TelegramPollingService(
    TelegramSender sender,
    TelegramUpdateDispatcher dispatcher,
    TelegramBootstrap bootstrap,
    TelegramChannelStatus status,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPollingService> logger) : BackgroundService
{
    private const int MaxAttemptsPerUpdate = 3;

    private readonly SemaphoreSlim _parallel = new(options.Value.MaxParallelChats);

    internal static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await bootstrap.StartAsync(webhook: false, stoppingToken).ConfigureAwait(false);

        using var handling = new CancellationTokenSource();
        using var onStop = stoppingToken.Register(() => handling.CancelAfter(settings.ShutdownGrace));

        int? offset = null;
        while (!stoppingToken.IsCancellationRequested)
        {
            Update[] updates;
            try
            {
                updates = await sender.CallAsync(null, (c, ct) => c.GetUpdates(offset, 100, settings.PollingTimeoutSeconds, AllowedUpdates, ct), stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException or TaskCanceledException)
            {
                DgBotMetrics.Error("telegram");
                Log.PollFailed(logger, e);
                if (!await CoolDownAsync(settings.ErrorCooldown, stoppingToken).ConfigureAwait(false))
                {
                    break;
                }

                continue;
            }

            if (updates.Length == 0)
            {
                status.MarkSuccess();
                continue;
            }

            // The chats of one batch are handled side by side (one chat's replies, paced at about one a second, do not
            // hold up the others); within a chat, in order. The batch is confirmed when all of it is done.
            var chats = updates.GroupBy(ChatOf).ToList();
            var done = await Task.WhenAll(chats.Select(chat => HandleChatAsync(chat, settings, handling.Token, stoppingToken))).ConfigureAwait(false);
            if (done.Contains(false))
            {
                // Stopping: the batch stays unconfirmed and comes again after the restart (handled updates are recognised).
                return;
            }

            offset = updates.Max(u => u.Id) + 1;
            status.MarkSuccess();
        }
    }

    /// <summary>Handles one chat's updates of a batch in order, a limited number of chats at a time.</summary>
    private async Task<bool> HandleChatAsync(IEnumerable<Update> updates, TelegramOptions settings, CancellationToken handlingToken, CancellationToken stoppingToken)
    {
        try
        {
            await _parallel.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }

        try
        {
            foreach (var update in updates)
            {
                if (!await HandleAsync(update, settings, handlingToken, stoppingToken).ConfigureAwait(false))
                {
                    return false;
                }
            }

            return true;
        }
        finally
        {
            _parallel.Release();
        }
    }

    public override void Dispose()
    {
        _parallel.Dispose();
        base.Dispose();
    }

    private static long ChatOf(Update update) => update switch
    {
        { Message.Chat.Id: var chat } => chat,
        { CallbackQuery.Message.Chat.Id: var chat } => chat,
        { CallbackQuery.From.Id: var user } => user,
        _ => 0,
    };

    /// <summary>Handles one update, trying again after a failure; false when the service is stopping before it was done.</summary>
    private async Task<bool> HandleAsync(Update update, TelegramOptions settings, CancellationToken handlingToken, CancellationToken stoppingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await dispatcher.DispatchAsync(update, handlingToken).ConfigureAwait(false);
                return true;
            }
            catch (OperationCanceledException) when (handlingToken.IsCancellationRequested)
            {
                return false;
            }
            catch (Exception e) when (attempt < MaxAttemptsPerUpdate)
            {
                DgBotMetrics.Error("telegram");
                Log.UpdateFailed(logger, e, update.Id, attempt);
                if (!await CoolDownAsync(settings.ErrorCooldown, stoppingToken).ConfigureAwait(false))
                {
                    return false;
                }
            }
            catch (Exception e)
            {
                // A poison update must not stop every other conversation: give up on it and move on.
                DgBotMetrics.Error("telegram");
                Log.UpdateDropped(logger, e, update.Id, attempt);
                return true;
            }
        }
    }

    private async Task<bool> CoolDownAsync(TimeSpan delay, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(delay, time, stoppingToken).ConfigureAwait(false);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4121, Level = LogLevel.Warning, Message = "getUpdates failed; cooling down before polling again")]
        public static partial void PollFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 4122, Level = LogLevel.Error, Message = "Telegram update {UpdateId} failed (attempt {Attempt}); trying again")]
        public static partial void UpdateFailed(ILogger logger, Exception exception, int updateId, int attempt);

        [LoggerMessage(EventId = 4123, Level = LogLevel.Critical, Message = "Telegram update {UpdateId} failed {Attempt} times; skipping it")]
        public static partial void UpdateDropped(ILogger logger, Exception exception, int updateId, int attempt);
    }
}
