using System.Diagnostics;
using System.Threading.Channels;
using DgBot.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Conversation;

/// <summary>How many turns the committer saved, in how many transactions, and how long its commits took.</summary>
public readonly record struct CommitStatistics(long Turns, long Batches, long Failed, int LargestBatch, TimeSpan CommitTime)
{
    public double TurnsPerBatch => Batches == 0 ? 0 : (double)Turns / Batches;
}

/// <summary>
/// Group commit for turns: a turn's changes, prepared outside any transaction, are saved together with the changes of
/// other turns waiting at the same moment in one SQLite transaction on one writer connection, so one fsync makes a
/// whole batch durable. Each turn is saved inside its own savepoint: a turn whose save fails is rolled back alone and
/// gets the exception, the others are committed. <see cref="CommitAsync"/> completes only after the batch's COMMIT
/// returned, so a reply is never produced before its answer is durable.
/// </summary>
/// <remarks>
/// Batches form by themselves: while one batch commits, the turns that finish meanwhile queue up and become the next
/// batch; a lone turn is committed at once. The writer holds the process-wide database turn of <see cref="UserTurnLocks"/>
/// while its transaction is open, so turns that write in a transaction of their own wait asynchronously instead of in
/// SQLite's busy handler.
/// </remarks>
public sealed class TurnCommitter : IAsyncDisposable, IDisposable
{
    private const int MaxBatch = 128;

    private readonly UserTurnLocks _locks;
    private readonly Channel<Request> _queue = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Dictionary<string, SqliteConnection> _writers = new(StringComparer.Ordinal);
    private readonly Task _loop;
    private readonly Lock _statistics = new();
    private CommitStatistics _totals;

    public TurnCommitter(UserTurnLocks locks)
    {
        ArgumentNullException.ThrowIfNull(locks);
        _locks = locks;
        _loop = Task.Run(LoopAsync);
    }

    /// <summary>Whether the context's changes can be group-committed (it is configured with a connection string).</summary>
    public static bool Supports(DgBotDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return !string.IsNullOrEmpty(db.Database.GetConnectionString()) && db.Database.CurrentTransaction is null;
    }

    /// <summary>
    /// Saves the context's pending changes in the next batch and returns once they are committed (or failed). The context
    /// must not be used until then; afterwards it is back on a connection of its own.
    /// </summary>
    public Task CommitAsync(DgBotDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var request = new Request(db, db.Database.GetConnectionString()!);
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(request), this);

        return request.Done.Task;
    }

    public CommitStatistics Statistics
    {
        get
        {
            lock (_statistics)
            {
                return _totals;
            }
        }
    }

    public void ResetStatistics()
    {
        lock (_statistics)
        {
            _totals = default;
        }
    }

    /// <summary>Commits what is queued, then closes the writer connections.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _loop.ConfigureAwait(false);
        foreach (var writer in _writers.Values)
        {
            await writer.DisposeAsync().ConfigureAwait(false);
        }

        _writers.Clear();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task LoopAsync()
    {
        var batch = new List<Request>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            // One process normally has one database; a test process may have several, each batched on its own.
            foreach (var group in batch.GroupBy(r => r.ConnectionString, StringComparer.Ordinal))
            {
                using var database = await _locks.AcquireDatabaseAsync(CancellationToken.None).ConfigureAwait(false);
                await CommitBatchAsync(group.Key, group.ToList()).ConfigureAwait(false);
            }
        }
    }

    private async Task CommitBatchAsync(string connectionString, List<Request> batch)
    {
        SqliteTransaction transaction;
        SqliteConnection writer;
        try
        {
            writer = Writer(connectionString);
            transaction = writer.BeginTransaction(deferred: false);
        }
        catch (Exception exception) when (exception is SqliteException or InvalidOperationException)
        {
            DropWriter(connectionString);
            batch.ForEach(r => r.Done.TrySetException(exception));
            Count(batch.Count, 0, batch.Count, TimeSpan.Zero);
            return;
        }

        var saved = new List<Request>(batch.Count);
        using (transaction)
        {
            foreach (var request in batch)
            {
                var database = request.Db.Database;
                try
                {
                    database.SetDbConnection(writer, contextOwnsConnection: false);
                    database.UseTransaction(transaction);

                    // Inside a transaction EF Core saves within a savepoint and rolls back to it when the save fails.
                    await request.Db.SaveChangesAsync().ConfigureAwait(false);
                    saved.Add(request);
                }
                catch (Exception exception)
                {
                    request.Done.TrySetException(exception);
                }
                finally
                {
                    database.UseTransaction(null);
                    database.SetDbConnection(null, contextOwnsConnection: true);
                    database.SetConnectionString(request.ConnectionString);
                }
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                transaction.Commit();
            }
            catch (SqliteException exception)
            {
                DropWriter(connectionString);
                saved.ForEach(r => r.Done.TrySetException(exception));
                Count(batch.Count, 1, batch.Count, Stopwatch.GetElapsedTime(started));
                return;
            }

            Count(batch.Count, 1, batch.Count - saved.Count, Stopwatch.GetElapsedTime(started));
        }

        saved.ForEach(r => r.Done.TrySetResult());
    }

    private SqliteConnection Writer(string connectionString)
    {
        if (!_writers.TryGetValue(connectionString, out var writer))
        {
            writer = new SqliteConnection(connectionString);
            writer.Open();
            SqliteSetup.ApplyPragmas(writer);
            _writers[connectionString] = writer;
        }

        return writer;
    }

    private void DropWriter(string connectionString)
    {
        // After a failed BEGIN or COMMIT the connection's state is unknown: the next batch opens a new one.
        if (_writers.Remove(connectionString, out var writer))
        {
            writer.Dispose();
        }
    }

    private void Count(int turns, int batches, int failed, TimeSpan commit)
    {
        lock (_statistics)
        {
            _totals = new CommitStatistics(
                _totals.Turns + turns,
                _totals.Batches + batches,
                _totals.Failed + failed,
                Math.Max(_totals.LargestBatch, turns),
                _totals.CommitTime + commit);
        }
    }

    private sealed class Request(DgBotDbContext db, string connectionString)
    {
        public DgBotDbContext Db { get; } = db;

        public string ConnectionString { get; } = connectionString;

        public TaskCompletionSource Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
