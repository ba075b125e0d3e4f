using System.Collections.Concurrent;
using DgBot.Core.Conversation;

namespace DgBot.Telegram.Tests.Adapter;

/// <summary>
/// A stand-in for the conversation engine in adapter tests: each test scripts what a turn returns. It records every
/// inbound and, like the real engine, treats an event id it has already handled as handled.
/// </summary>
public sealed class ScriptedEngine : IConversationEngine
{
    private readonly ConcurrentDictionary<string, bool> _seen = new(StringComparer.Ordinal);

    public Func<Inbound, CancellationToken, Task<TurnResult>> Script { get; set; } = (_, _) => Task.FromResult(TurnResult.Empty);

    public ConcurrentQueue<Inbound> Received { get; } = new();

    /// <summary>Calls that reached the script (not counting duplicates).</summary>
    public int Handled => _handled;

    private int _handled;

    public async Task<TurnResult> HandleAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        Received.Enqueue(inbound);
        if (inbound.EventId is { } id && _seen.ContainsKey(id))
        {
            return TurnResult.Empty;
        }

        var result = await Script(inbound, cancellationToken);
        if (inbound.EventId is { } done)
        {
            _seen[done] = true;
        }

        Interlocked.Increment(ref _handled);
        return result;
    }
}
