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
    private readonly Dictionary<string, Writer> _writers = new(StringComparer.Ordinal);
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
            writer.Dispose();
        }

        _writers.Clear();
    }

    public void Dispose() => DisposeAsync().AsTask().GetAwaiter().GetResult();

    private async Task LoopAsync()
    {
        var batch = new List<Request>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync().ConfigureAwait(false))
        {
            // The batch is taken once the database is ours: turns that queued while it was held commit together.
            using var database = await _locks.AcquireDatabaseAsync(CancellationToken.None).ConfigureAwait(false);
            batch.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var request))
            {
                batch.Add(request);
            }

            // One process normally has one database; a test process may have several, each batched on its own.
            foreach (var group in batch.GroupBy(r => r.ConnectionString, StringComparer.Ordinal))
            {
                await CommitBatchAsync(group.Key, group.ToList()).ConfigureAwait(false);
            }
        }
    }

    private async Task CommitBatchAsync(string connectionString, List<Request> batch)
    {
        SqliteTransaction transaction;
        Writer writer;
        try
        {
            writer = WriterFor(connectionString);
            transaction = writer.Connection.BeginTransaction(deferred: false);
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
                try
                {
                    await SaveAsync(writer, transaction, request).ConfigureAwait(false);
                    saved.Add(request);
                }
                catch (Exception exception)
                {
                    request.Done.TrySetException(exception);
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

    /// <summary>
    /// Saves one turn's changes inside its own savepoint: with the prepared statements of <see cref="PreparedChangeWriter"/>
    /// when its shapes allow, else with EF Core's SaveChanges on the writer connection.
    /// </summary>
    private static async Task SaveAsync(Writer writer, SqliteTransaction transaction, Request request)
    {
        var db = request.Db;
        if (PreparedChangeWriter.TryPlan(db) is { } changes)
        {
            if (changes.Count == 0)
            {
                return;
            }

            Writer.Run(writer.Savepoint, transaction);
            try
            {
                writer.Changes.Write(db, changes, transaction);
            }
            catch
            {
                Writer.Run(writer.RollbackTo, transaction);
                Writer.Run(writer.Release, transaction);
                throw;
            }

            Writer.Run(writer.Release, transaction);
            return;
        }

        var database = db.Database;
        try
        {
            database.SetDbConnection(writer.Connection, contextOwnsConnection: false);
            database.UseTransaction(transaction);

            // Inside a transaction EF Core saves within a savepoint and rolls back to it when the save fails.
            await db.SaveChangesAsync().ConfigureAwait(false);
        }
        finally
        {
            database.UseTransaction(null);
            database.SetDbConnection(null, contextOwnsConnection: true);
            database.SetConnectionString(request.ConnectionString);
        }
    }

    private Writer WriterFor(string connectionString)
    {
        if (!_writers.TryGetValue(connectionString, out var writer))
        {
            var connection = new SqliteConnection(connectionString);
            connection.Open();
            SqliteSetup.ApplyPragmas(connection);
            writer = _writers[connectionString] = new Writer(connection);
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

    /// <summary>The writer connection of one database with its prepared statements.</summary>
    private sealed class Writer : IDisposable
    {
        public Writer(SqliteConnection connection)
        {
            Connection = connection;
            Changes = new PreparedChangeWriter(connection);
            Savepoint = Command(connection, "SAVEPOINT turn;");
            Release = Command(connection, "RELEASE turn;");
            RollbackTo = Command(connection, "ROLLBACK TO turn;");
        }

        public SqliteConnection Connection { get; }

        public PreparedChangeWriter Changes { get; }

        public SqliteCommand Savepoint { get; }

        public SqliteCommand Release { get; }

        public SqliteCommand RollbackTo { get; }

        public static void Run(SqliteCommand command, SqliteTransaction transaction)
        {
            command.Transaction = transaction;
            command.ExecuteNonQuery();
        }

        public void Dispose()
        {
            Changes.Dispose();
            Savepoint.Dispose();
            Release.Dispose();
            RollbackTo.Dispose();
            Connection.Dispose();
        }

        private static SqliteCommand Command(SqliteConnection connection, string sql)
        {
            var command = connection.CreateCommand();
            command.CommandText = sql;
            return command;
        }
    }
}
