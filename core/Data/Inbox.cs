using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Data;

/// <summary>An event offered to the inbox: its channel's key (a redelivery repeats it), chat and body.</summary>
public readonly record struct InboxOffer(string EventKey, string ChatId, string Body);

/// <summary>
/// The durable inbox: a channel writes every inbound event here, in one committed transaction, before it tells the
/// platform the event arrived, then processes it and marks it processed. An event offered again (the platform
/// redelivered it) is not stored twice, so it is handled once; events left unprocessed by a killed process are
/// processed at the next start. Everything is in the database, so another process sees the same inbox.
/// </summary>
public sealed class Inbox(DgBotDbContext db, UserTurnLocks locks, TimeProvider time)
{
    /// <summary>Start-ups that may try an event before it is given up on (a poison event must not stop every start).</summary>
    public const int MaxAttempts = 3;

    /// <summary>
    /// How long processed events (and the turn's processed-event keys) are kept. Longer than any redelivery (LINE and
    /// Telegram both give up within a day), shorter than the week after which Telegram may start its update ids again,
    /// so a key kept here can never meet a restarted id.
    /// </summary>
    public static readonly TimeSpan KeepProcessedFor = TimeSpan.FromDays(2);

    /// <summary>
    /// Stores the offers not seen before on <paramref name="channel"/> and commits; returns them, in order, with their
    /// ids. Offers whose key is already in the inbox (a redelivery, or twice in one batch) are left out.
    /// </summary>
    public async Task<IReadOnlyList<InboxEvent>> StoreAsync(string channel, IReadOnlyList<InboxOffer> offers, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(offers);
        if (offers.Count == 0)
        {
            return [];
        }

        var now = time.GetUtcNow().UtcDateTime;
        var keys = offers.Select(o => o.EventKey).Distinct(StringComparer.Ordinal).ToList();
        using var database = await locks.AcquireDatabaseAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var known = await db.InboxEvents
                .Where(e => e.Channel == channel && keys.Contains(e.EventKey))
                .Select(e => e.EventKey)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            var seen = new HashSet<string>(known, StringComparer.Ordinal);
            var stored = new List<InboxEvent>();
            foreach (var offer in offers)
            {
                if (seen.Add(offer.EventKey))
                {
                    stored.Add(new InboxEvent(channel, offer.EventKey, offer.ChatId, offer.Body, now));
                }
            }

            if (stored.Count > 0)
            {
                db.InboxEvents.AddRange(stored);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            db.ChangeTracker.Clear();
            return stored;
        }
    }

    /// <summary>Marks an event handled: it will not be processed again.</summary>
    public Task MarkProcessedAsync(long id, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        return WriteAsync(
            ct => db.InboxEvents.Where(e => e.Id == id && e.ProcessedUtc == null).ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedUtc, now), ct),
            cancellationToken);
    }

    /// <summary>
    /// At start-up: the events of <paramref name="channel"/> a previous process left waiting, in arrival order, each
    /// counted as one more attempt. One that start-ups already tried <see cref="MaxAttempts"/> times is given up on
    /// (marked processed and left out), so a poison event cannot fail every start.
    /// </summary>
    public async Task<IReadOnlyList<InboxEvent>> TakePendingAsync(string channel, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await WriteAsync(
            ct => db.InboxEvents
                .Where(e => e.Channel == channel && e.ProcessedUtc == null && e.Attempts >= MaxAttempts)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.ProcessedUtc, now), ct),
            cancellationToken).ConfigureAwait(false);
        await WriteAsync(
            ct => db.InboxEvents
                .Where(e => e.Channel == channel && e.ProcessedUtc == null)
                .ExecuteUpdateAsync(s => s.SetProperty(e => e.Attempts, e => e.Attempts + 1), ct),
            cancellationToken).ConfigureAwait(false);
        return await db.InboxEvents.AsNoTracking()
            .Where(e => e.Channel == channel && e.ProcessedUtc == null)
            .OrderBy(e => e.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>How many events of any channel are waiting (for /healthz and tests).</summary>
    public Task<int> PendingCountAsync(CancellationToken cancellationToken) =>
        db.InboxEvents.CountAsync(e => e.ProcessedUtc == null, cancellationToken);

    /// <summary>
    /// Deletes processed events and processed-event keys older than <see cref="KeepProcessedFor"/>; returns how many
    /// rows went. Waiting events are never deleted.
    /// </summary>
    public async Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().UtcDateTime - KeepProcessedFor;
        var inbox = await WriteAsync(
            ct => db.InboxEvents.Where(e => e.ProcessedUtc != null && e.ProcessedUtc < before).ExecuteDeleteAsync(ct),
            cancellationToken).ConfigureAwait(false);
        var keys = await WriteAsync(
            ct => db.ProcessedEvents.Where(e => e.ProcessedUtc < before).ExecuteDeleteAsync(ct),
            cancellationToken).ConfigureAwait(false);
        return inbox + keys;
    }

    private async Task<int> WriteAsync(Func<CancellationToken, Task<int>> write, CancellationToken cancellationToken)
    {
        using var database = await locks.AcquireDatabaseAsync(cancellationToken).ConfigureAwait(false);
        return await write(cancellationToken).ConfigureAwait(false);
    }
}
