using DgBot.Bot.Line;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Diagnostics;
using DgBot.Core.Outbox;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Outbox;

/// <summary>
/// Drains the LINE part of the outbox by multicast: messages with the same text go together, at most
/// <see cref="ReminderOptions.LineBatchSize"/> recipients per request. Before a new batch the monthly quota is checked;
/// a batch that would exceed it is not sent (a warning is logged and it waits). Each batch gets an
/// <c>X-Line-Retry-Key</c> that is stored with its messages before the request, so a retry, also after a crash, repeats
/// the same key and LINE answers 409 for a batch it already accepted: delivered once.
/// </summary>
public sealed partial class LineOutboxSender(
    IServiceScopeFactory scopes,
    LineMessagingClient client,
    LineMessageRenderer renderer,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<LineOutboxSender> logger,
    OutboxDepth? depth = null) : BackgroundService
{
    private const int ReadLimit = 5000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
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
            catch (Exception ex) when (ex is DbUpdateException or HttpRequestException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                LogDrainFailed(logger, ex);
                DgBotMetrics.Error("outbox");
                await Task.Delay(options.Value.PollInterval * 5, time, stoppingToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Sends every LINE batch that is due now; returns the number of batches tried.</summary>
    public async Task<int> DrainOnceAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
            var now = time.GetUtcNow().UtcDateTime;

            // Batches that were in flight when the process stopped, or wait for a retry: the same recipients, the same key.
            var keyed = await db.Outbox
                .Where(m => m.Channel == ChannelKind.Line && m.BatchKey != null
                    && (m.Status == OutboxStatus.Attempting || (m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now)))
                .OrderBy(m => m.Id)
                .Take(ReadLimit)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
            var tried = 0;
            foreach (var batch in keyed.GroupBy(m => m.BatchKey!.Value))
            {
                await SendBatchAsync(db, batch.Key, [.. batch], cancellationToken).ConfigureAwait(false);
                tried++;
            }

            var fresh = await db.Outbox
                .Where(m => m.Channel == ChannelKind.Line && m.BatchKey == null && m.Status == OutboxStatus.Pending && m.NextAttemptUtc <= now)
                .OrderBy(m => m.Id)
                .Take(ReadLimit)
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false);
            if (fresh.Count == 0)
            {
                if (tried > 0 && depth is not null)
                {
                    await depth.RefreshAsync(db, cancellationToken).ConfigureAwait(false);
                }

                return tried;
            }

            var sendable = await OutboxRules.SendableAsync(db, fresh, now, cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            var batches = sendable
                .GroupBy(m => (m.Text, m.ResumeButton))
                .SelectMany(g => g.Chunk(settings.LineBatchSize))
                .ToList();
            LineQuota? quota = null;
            foreach (var batch in batches)
            {
                quota ??= await client.GetQuotaAsync(cancellationToken).ConfigureAwait(false);
                if (quota.Remaining is { } remaining && remaining < batch.Length)
                {
                    LogQuotaWouldBeExceeded(logger, batch.Length, remaining, quota.Limit ?? 0);
                    foreach (var message in batch)
                    {
                        message.Defer(time.GetUtcNow().UtcDateTime + settings.QuotaRecheckInterval, "LINE monthly quota would be exceeded");
                    }

                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    continue;
                }

                var key = Guid.NewGuid();
                var delivered = await SendBatchAsync(db, key, batch, cancellationToken).ConfigureAwait(false);
                quota = delivered ? quota with { Used = quota.Used + batch.Length } : null;
                tried++;
            }

            if (depth is not null)
            {
                await depth.RefreshAsync(db, cancellationToken).ConfigureAwait(false);
            }

            return tried;
        }
    }

    private async Task<bool> SendBatchAsync(DgBotDbContext db, Guid key, OutboxMessage[] batch, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var now = time.GetUtcNow().UtcDateTime;

        // The key is durable before the request: whatever happens next, a retry repeats it.
        foreach (var message in batch)
        {
            message.StartAttempt(now, key);
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

        var messages = renderer.Render(OutboxRules.ToReply(batch[0]));
        var result = await client.MulticastAsync([.. batch.Select(m => m.ChatId)], messages, key, cancellationToken).ConfigureAwait(false);
        now = time.GetUtcNow().UtcDateTime;
        foreach (var message in batch)
        {
            switch (result.Status)
            {
                case LineSendStatus.Delivered:
                    message.MarkSent(now);
                    break;
                case LineSendStatus.Rejected:
                    message.Fail(result.Error ?? ("LINE answered " + result.StatusCode));
                    break;
                default:
                    if (message.Attempts >= settings.MaxAttempts)
                    {
                        message.Fail(result.Error ?? "LINE could not be reached");
                    }
                    else
                    {
                        message.Retry(now + settings.Backoff(message.Attempts), result.Error ?? "LINE could not be reached");
                    }

                    break;
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        LogBatch(logger, batch.Length, result.Status, result.StatusCode ?? 0);
        return result.Delivered;
    }

    [LoggerMessage(EventId = 6201, Level = LogLevel.Warning, Message = "LINE multicast of {Count} recipients not sent: only {Remaining} of the monthly quota of {Limit} messages is left; it waits")]
    private static partial void LogQuotaWouldBeExceeded(ILogger logger, int count, long remaining, long limit);

    [LoggerMessage(EventId = 6202, Level = LogLevel.Information, Message = "LINE multicast to {Count} recipients: {Status} ({StatusCode})")]
    private static partial void LogBatch(ILogger logger, int count, LineSendStatus status, int statusCode);

    [LoggerMessage(EventId = 6203, Level = LogLevel.Error, Message = "The LINE outbox sender failed; trying again shortly")]
    private static partial void LogDrainFailed(ILogger logger, Exception exception);
}
