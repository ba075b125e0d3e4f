using System.Collections.Concurrent;

namespace DgBot.Bot.Line;

/// <summary>
/// Remembers recent <c>webhookEventId</c>s so a redelivered event is processed once. The engine also ignores a
/// repeated <c>Inbound.EventId</c> (durably); this stops a redelivery before it costs a turn or a reply.
/// </summary>
public sealed class LineEventDeduplicator(TimeProvider time)
{
    private static readonly TimeSpan Window = TimeSpan.FromDays(1);
    private const int PruneAbove = 50_000;

    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);

    /// <summary>True the first time an event id is seen (within a day); false for a redelivery.</summary>
    public bool TryMarkNew(string webhookEventId)
    {
        ArgumentException.ThrowIfNullOrEmpty(webhookEventId);
        var now = time.GetUtcNow();
        if (_seen.Count > PruneAbove)
        {
            foreach (var (id, at) in _seen)
            {
                if (now - at > Window)
                {
                    _seen.TryRemove(id, out _);
                }
            }
        }

        return _seen.TryAdd(webhookEventId, now);
    }
}
