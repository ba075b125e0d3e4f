using System.Collections.Concurrent;
using DgBot.Core.Conversation;

namespace DgBot.Line.Tests.Infrastructure;

/// <summary>
/// A stand-in conversation engine for adapter tests: records every inbound event and answers with the turn the
/// test scripts. It can hold a turn until the test releases it (to observe slow answers and ordering).
/// </summary>
public sealed class ScriptedEngine : IConversationEngine
{
    private readonly ConcurrentQueue<Inbound> _received = new();

    public Func<Inbound, TurnResult> Answer { get; set; } = inbound => new TurnResult([new TextReply("echo: " + (inbound.Text ?? inbound.Payload ?? inbound.Kind.ToString()))]);

    /// <summary>When set, each turn waits for this task before answering.</summary>
    public Func<Inbound, Task>? Hold { get; set; }

    public IReadOnlyList<Inbound> Received => [.. _received];

    public async Task<TurnResult> HandleAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        _received.Enqueue(inbound);
        if (Hold is { } hold)
        {
            await hold(inbound).WaitAsync(cancellationToken);
        }

        return Answer(inbound);
    }
}
