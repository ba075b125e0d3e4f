using System.Collections.Concurrent;

namespace DgBot.Core.Conversation;

/// <summary>
/// Serialises the turns of one person while different people run in parallel. One semaphore per person seen in
/// this process (a few thousand at most in a survey round, so they are kept rather than evicted).
/// </summary>
public sealed class UserTurnLocks : IDisposable
{
    private readonly ConcurrentDictionary<string, SemaphoreSlim> _locks = new(StringComparer.Ordinal);

    // SQLite has one writer and every turn begins with BEGIN IMMEDIATE, so turns are serialised by the database anyway.
    // Waiting for it there blocks a thread-pool thread in SQLite's busy handler (sleep and retry, unfair), which under
    // load starves the thread pool and ends in 'database is locked'. Waiting here is asynchronous and first come, first
    // served; other processes (administrative commands) still meet the busy timeout.
    private readonly SemaphoreSlim _database = new(1, 1);

    /// <summary>The process-wide turn of the database: held from the start of a turn's transaction to its commit.</summary>
    public async Task<IDisposable> AcquireDatabaseAsync(CancellationToken cancellationToken)
    {
        await _database.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(_database);
    }

    public async Task<IDisposable> AcquireAsync(string key, CancellationToken cancellationToken)
    {
        var semaphore = _locks.GetOrAdd(key, static _ => new SemaphoreSlim(1, 1));
        await semaphore.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new Releaser(semaphore);
    }

    public void Dispose() => _database.Dispose();

    private sealed class Releaser(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
