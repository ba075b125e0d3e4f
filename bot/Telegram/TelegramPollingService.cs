using System.Globalization;
using System.Text.Json;
using DgBot.Bot.Channels;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace DgBot.Bot.Telegram;

/// <summary>
/// Long polling through the durable inbox. Each polled batch is written to the <see cref="Inbox"/> in one commit and
/// only then confirmed (the next getUpdates carries an offset past it), so a crash never loses an update Telegram was
/// told arrived; the updates are then handled by the <see cref="ChatExecutor"/>, each chat in order and chats side by
/// side, while polling goes on, so one chat never waits for another. At start-up the updates a previous process stored
/// and did not finish are handled first. An update Telegram delivers again (not yet confirmed) is not stored twice,
/// and the engine ignores an update id it has applied.
/// </summary>
internal sealed partial class TelegramPollingService(
    TelegramSender sender,
    TelegramUpdateDispatcher dispatcher,
    TelegramBootstrap bootstrap,
    TelegramChannelStatus status,
    ChatExecutor executor,
    IServiceScopeFactory scopes,
    IOptions<TelegramOptions> options,
    TimeProvider time,
    ILogger<TelegramPollingService> logger) : BackgroundService
{
    public const string Channel = "telegram";

    private const int MaxAttemptsPerUpdate = 3;

    // Cancelled ShutdownGrace after shutdown was asked for: the updates in hand may finish until then.
    private readonly CancellationTokenSource _handling = new();

    internal static readonly UpdateType[] AllowedUpdates = [UpdateType.Message, UpdateType.CallbackQuery];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        await bootstrap.StartAsync(webhook: false, stoppingToken).ConfigureAwait(false);
        using var onStop = stoppingToken.Register(() => _handling.CancelAfter(settings.ShutdownGrace));
        if (!await RecoverAsync(settings, stoppingToken).ConfigureAwait(false))
        {
            return;
        }

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

            IReadOnlyList<InboxEvent> stored;
            try
            {
                stored = await StoreAsync(updates, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Not stored, so not confirmed: the same batch comes again after the cool-down.
                DgBotMetrics.Error("telegram");
                Log.StoreFailed(logger, e, updates.Length);
                if (!await CoolDownAsync(settings.ErrorCooldown, stoppingToken).ConfigureAwait(false))
                {
                    break;
                }

                continue;
            }

            var byId = updates.ToDictionary(u => u.Id.ToString(CultureInfo.InvariantCulture), StringComparer.Ordinal);
            foreach (var row in stored)
            {
                Enqueue(byId[row.EventKey], row, settings);
            }

            offset = updates.Max(u => u.Id) + 1;
            status.MarkSuccess();
        }
    }

    private async Task<IReadOnlyList<InboxEvent>> StoreAsync(Update[] updates, CancellationToken cancellationToken)
    {
        var offers = updates
            .Select(u => new InboxOffer(
                u.Id.ToString(CultureInfo.InvariantCulture),
                ChatOf(u).ToString(CultureInfo.InvariantCulture),
                JsonSerializer.Serialize(u, JsonBotAPI.Options)))
            .ToList();
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            return await scope.ServiceProvider.GetRequiredService<Inbox>().StoreAsync(Channel, offers, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Queues the updates a previous process stored and did not finish; false when stopping meanwhile.</summary>
    private async Task<bool> RecoverAsync(TelegramOptions settings, CancellationToken stoppingToken)
    {
        IReadOnlyList<InboxEvent> pending;
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                pending = await scope.ServiceProvider.GetRequiredService<Inbox>().TakePendingAsync(Channel, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return false;
        }

        foreach (var row in pending)
        {
            Update? update = null;
            try
            {
                update = JsonSerializer.Deserialize<Update>(row.Body, JsonBotAPI.Options);
            }
            catch (JsonException e)
            {
                Log.Unreadable(logger, e, row.Id);
            }

            if (update is not null)
            {
                Enqueue(update, row, settings);
            }
        }

        if (pending.Count > 0)
        {
            Log.Recovered(logger, pending.Count);
        }

        return true;
    }

    private void Enqueue(Update update, InboxEvent row, TelegramOptions settings) =>
        executor.Enqueue(Channel, row.ChatId, row.Id, async ct =>
        {
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _handling.Token);
            await HandleAsync(update, settings, linked.Token).ConfigureAwait(false);
        });

    public override void Dispose()
    {
        _handling.Dispose();
        base.Dispose();
    }

    private static long ChatOf(Update update) => update switch
    {
        { Message.Chat.Id: var chat } => chat,
        { CallbackQuery.Message.Chat.Id: var chat } => chat,
        { CallbackQuery.From.Id: var user } => user,
        _ => 0,
    };

    /// <summary>
    /// Handles one update, trying again after a failure. Cut short by shutdown, it throws (the update stays in the inbox
    /// for the next start); after the last attempt it is logged and given up on, so a poison update cannot stop every
    /// other conversation.
    /// </summary>
    private async Task HandleAsync(Update update, TelegramOptions settings, CancellationToken handlingToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await dispatcher.DispatchAsync(update, handlingToken).ConfigureAwait(false);
                return;
            }
            catch (OperationCanceledException) when (handlingToken.IsCancellationRequested)
            {
                throw;
            }
            catch (Exception e) when (attempt < MaxAttemptsPerUpdate)
            {
                DgBotMetrics.Error("telegram");
                Log.UpdateFailed(logger, e, update.Id, attempt);
                await Task.Delay(settings.ErrorCooldown, time, handlingToken).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                DgBotMetrics.Error("telegram");
                Log.UpdateDropped(logger, e, update.Id, attempt);
                return;
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

        [LoggerMessage(EventId = 4124, Level = LogLevel.Error, Message = "Could not store {Count} polled Telegram updates in the inbox; they stay unconfirmed and come again")]
        public static partial void StoreFailed(ILogger logger, Exception exception, int count);

        [LoggerMessage(EventId = 4125, Level = LogLevel.Information, Message = "Handling {Count} Telegram updates a previous run stored and did not finish")]
        public static partial void Recovered(ILogger logger, int count);

        [LoggerMessage(EventId = 4126, Level = LogLevel.Error, Message = "Inbox row {RowId} is not a readable Telegram update; skipped")]
        public static partial void Unreadable(ILogger logger, Exception exception, long rowId);
    }
}
