using DgBot.Core.Conversation;

namespace DgBot.Core.Data;

/// <summary>
/// The default <see cref="ITurnStore"/>: one EF Core transaction per turn, its changes written with <c>SaveChanges</c>.
/// On SQLite the transaction begins with <c>BEGIN IMMEDIATE</c>, which admits one writer at a time across every
/// process on the file, so a turn reads what every earlier turn committed and no two turns of an agency interleave:
/// correctness comes from the database, not from memory.
/// </summary>
/// <remarks>
/// Inside this process the turns also queue for <see cref="UserTurnLocks.AcquireDatabaseAsync"/> before they begin:
/// waiting there is asynchronous and first come, first served, where SQLite's busy handler would block a thread-pool
/// thread per waiting turn. It only orders; another process still meets SQLite's lock and its busy timeout.
/// </remarks>
public sealed class EfTurnStore(DgBotDbContext db, UserTurnLocks locks) : ITurnStore
{
    public async Task<T> RunAsync<T>(Func<CancellationToken, Task<TurnOutcome<T>>> turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        using var database = await locks.AcquireDatabaseAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var outcome = await turn(cancellationToken).ConfigureAwait(false);
            if (!outcome.Commit)
            {
                // Disposing the transaction rolls back whatever the turn saved on the way (a response it needed an id for).
                db.ChangeTracker.Clear();
                return outcome.Result;
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return outcome.Result;
        }
    }
}
