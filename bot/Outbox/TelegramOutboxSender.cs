using System.Globalization;
using DgBot.Bot.Telegram;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Diagnostics;
using DgBot.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace DgBot.Bot.Outbox;

/// <summary>
/// Drains the Telegram part of the outbox, one message at a time, through <see cref="TelegramSender"/>, the one place
/// Telegram's limits are kept: each message is a <see cref="TelegramCall.Broadcast"/> (the global rate, the broadcast
/// share, the per-chat interval, 429 holds). A message whose chat is not free yet (<see cref="TelegramSender.SendableAt"/>)
/// is deferred to when it is, and the next chat's message goes meanwhile; the sender keeps no pacing of its own.
/// <para>
/// Telegram has no idempotency key, so each message is committed as <see cref="OutboxStatus.Attempting"/> before its
/// request (in the same commit that records the previous message's result) and as sent after Telegram accepted it.
/// A message found attempting at start-up was in flight when the process died: it may or may not have arrived, and it
/// is marked <see cref="OutboxStatus.Uncertain"/> and not sent again. Sending one at a time keeps that to at most one
/// message per crash; everything before it is sent, everything after it is still pending.
/// </para>
/// </summary>
public sealed partial class TelegramOutboxSender(
    IServiceScopeFactory scopes,
    TelegramSender sender,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<TelegramOutboxSender> logger,
    OutboxDepth? depth = null) : BackgroundService
{
    private const int ReadLimit = 500;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await RecoverAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var sent = await DrainOnceAsync(stoppingToken).ConfigureAwait(false);
                if (sent == 0)
                {
                    await Task.Delay(options.Value.PollInterval, time, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                LogDrainFailed(logger, ex);
                DgBotMetrics.Error("outbox");
                await Task.Delay(options.Value.PollInterval * 5, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Marks the messages that were in flight when the process stopped as uncertain; returns how many.</summary>
    public async Task<int> RecoverAsync(CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
            var inFlight = await db.Outbox.Where(m => m.Channel == ChannelKind.Telegram && m.Status == OutboxStatus.Attempting)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var message in inFlight)
            {
                message.MarkUncertain();
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (inFlight.Count > 0)
            {
                LogUncertain(logger, inFlight.Count);
            }

            return inFlight.Count;
        }
    }

    /// <summary>Sends every Telegram message that is due now (up to a page); returns the number of requests made.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
            var now = time.GetUtcNow().UtcDateTime;
            var due = await db.Outbox
                .Where(m => m.Channel == ChannelKind.Telegram && m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now)
                .OrderBy(m => m.NextAttemptUtc).ThenBy(m => m.Id)
                .Take(ReadLimit)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
            if (due.Count == 0)
            {
                return 0;
            }

            var sendable = await OutboxRules.SendableAsync(db, due, now, cancellationToken).ConfigureAwait(false);
            var requests = 0;
            foreach (var message in sendable)
            {
                if (!long.TryParse(message.ChatId, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var chatId))
                {
                    message.Fail("not a Telegram chat id");
                    continue;
                }

                var free = sender.SendableAt(chatId);
                if (free - time.GetUtcNow() > TimeSpan.FromMilliseconds(1))
                {
                    message.Defer(free.UtcDateTime, null);
                    continue;
                }

                // Durable before the request: the previous message's result and this one's attempt, in one commit.
                message.StartAttempt(time.GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                requests++;
                await SendAsync(db, message, chatId, settings, cancellationToken).ConfigureAwait(false);
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            if (depth is not null)
            {
                await depth.RefreshAsync(db, cancellationToken).ConfigureAwait(false);
            }

            return requests;
        }
    }

    private async Task SendAsync(DgBotDbContext db, OutboxMessage message, long chatId, ReminderOptions settings, CancellationToken cancellationToken)
    {
        var reply = OutboxRules.ToReply(message);
        var keyboard = reply is PromptReply prompt ? TelegramText.Keyboard(prompt.Choices) : null;
        var text = TelegramText.Truncate(message.Text, TelegramText.MaxMessageLength);
        try
        {
            await sender.CallAsync(TelegramCall.Broadcast, chatId, (client, ct) => client.SendMessage(chatId, text, replyMarkup: keyboard, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
            message.MarkSent(time.GetUtcNow().UtcDateTime);
        }
        catch (TelegramChatUnreachableException)
        {
            message.MarkUnreachable();
            var user = await db.ChatUsers.FindAsync([message.RecipientUserId], cancellationToken).ConfigureAwait(false);
            user?.MarkUnreachable();
        }
        catch (ApiRequestException ex) when (ex.ErrorCode is 429 or >= 500)
        {
            // Refused (rate-limited past the sender's retries, or a server error): it did not arrive; try again later.
            RetryOrFail(message, settings, string.Create(CultureInfo.InvariantCulture, $"Telegram answered {ex.ErrorCode}"));
        }
        catch (ApiRequestException ex)
        {
            message.Fail(string.Create(CultureInfo.InvariantCulture, $"Telegram answered {ex.ErrorCode}: {ex.Message}"));
        }
        catch (RequestException ex) when (ex.InnerException is TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            // A timeout: the request may have arrived. Not sent again (no idempotency key on Telegram).
            message.MarkUncertain();
            LogTimedOut(logger, message.Id);
        }
        catch (RequestException ex)
        {
            RetryOrFail(message, settings, ex.Message);
        }
        catch (HttpRequestException ex)
        {
            RetryOrFail(message, settings, ex.Message);
        }
    }

    private void RetryOrFail(OutboxMessage message, ReminderOptions settings, string error)
    {
        if (message.Attempts >= settings.MaxAttempts)
        {
            message.Fail(error);
        }
        else
        {
            message.Retry(time.GetUtcNow().UtcDateTime + settings.Backoff(message.Attempts), error);
        }
    }

    [LoggerMessage(EventId = 6301, Level = LogLevel.Warning, Message = "{Count} Telegram outbox messages were in flight when the process stopped; they may or may not have arrived and are not sent again (status Uncertain)")]
    private static partial void LogUncertain(ILogger logger, int count);

    [LoggerMessage(EventId = 6302, Level = LogLevel.Warning, Message = "Telegram outbox message {Id} timed out; it may have arrived and is not sent again (status Uncertain)")]
    private static partial void LogTimedOut(ILogger logger, long id);

    [LoggerMessage(EventId = 6303, Level = LogLevel.Error, Message = "The Telegram outbox sender failed; trying again shortly")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception);
}
