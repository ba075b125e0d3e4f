namespace DgBot.Core.Data;

/// <summary>What a turn decided: its result, and whether its tracked changes are to be committed (false: roll back).</summary>
public readonly record struct TurnOutcome<T>(T Result, bool Commit);

/// <summary>
/// Where a conversation turn's changes become durable. A turn runs inside one database transaction: it reads, decides
/// and changes tracked entities, and the store saves them and commits before the turn's replies may be sent.
/// </summary>
public interface ITurnStore
{
    /// <summary>
    /// Runs <paramref name="turn"/> inside one transaction of the turn's <see cref="DgBotDbContext"/> and, when the
    /// outcome asks for it, saves the tracked changes and commits; otherwise rolls back. Returns only after the commit
    /// returned (with <c>synchronous=FULL</c>: durable). Nothing is kept in memory between turns.
    /// </summary>
    Task<T> RunAsync<T>(Func<CancellationToken, Task<TurnOutcome<T>>> turn, CancellationToken cancellationToken);
}
