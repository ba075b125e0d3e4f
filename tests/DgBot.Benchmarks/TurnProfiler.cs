using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DgBot.Benchmarks;

/// <summary>
/// Where the time of a turn goes (<c>--profile</c>): time to begin the transaction (the SQLite write lock: BEGIN
/// IMMEDIATE waits here), SQL commands (count and time), the commit (the fsync), and connection opens. Added beside the
/// host's own interceptors; totals over all turns of a run.
/// </summary>
internal sealed class TurnProfiler : IDbCommandInterceptor, IDbTransactionInterceptor, IDbConnectionInterceptor
{
    private long _commands;
    private long _commandTicks;
    private long _beginTicks;
    private long _commitTicks;
    private long _commits;
    private long _opens;
    private long _openTicks;
    private long _maxBeginTicks;
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, long> _texts = new(StringComparer.Ordinal);

    public void Reset()
    {
        _commands = _commandTicks = _beginTicks = _commitTicks = _commits = _opens = _openTicks = _maxBeginTicks = 0;
        _texts.Clear();
    }

    public string Describe(int turns)
    {
        static double Ms(long ticks) => TimeSpan.FromTicks(ticks).TotalMilliseconds;
        return EngineBenchmark.Invariant(
            $"per turn: {(double)_commands / turns:0.0} SQL commands taking {Ms(_commandTicks) / turns:0.00} ms, begin (write lock) {Ms(_beginTicks) / turns:0.00} ms (max {Ms(_maxBeginTicks):0.0} ms), commit {Ms(_commitTicks) / Math.Max(1, _commits):0.00} ms x {(double)_commits / turns:0.00}, {(double)_opens / turns:0.00} connection opens taking {Ms(_openTicks) / turns:0.00} ms")
            + string.Concat(_texts.OrderByDescending(t => t.Value).Take(12).Select(t => EngineBenchmark.Invariant($"\n    {(double)t.Value / turns:0.00} per turn: {t.Key}")));
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        return ValueTask.FromResult(result);
    }

    public ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData, DbDataReader result, CancellationToken cancellationToken = default)
    {
        Add(eventData.Duration, ref _commandTicks, ref _commands);
        Count(command);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        return ValueTask.FromResult(result);
    }

    public ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        Add(eventData.Duration, ref _commandTicks, ref _commands);
        Count(command);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        return ValueTask.FromResult(result);
    }

    public ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
    {
        Add(eventData.Duration, ref _commandTicks, ref _commands);
        Count(command);
        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult<DbTransaction>> TransactionStartingAsync(DbConnection connection, TransactionStartingEventData eventData, InterceptionResult<DbTransaction> result, CancellationToken cancellationToken = default)
    {
        return ValueTask.FromResult(result);
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result, CancellationToken cancellationToken = default)
    {
        var ticks = eventData.Duration.Ticks;
        Interlocked.Add(ref _beginTicks, ticks);
        long seen;
        while (ticks > (seen = Interlocked.Read(ref _maxBeginTicks)) && Interlocked.CompareExchange(ref _maxBeginTicks, ticks, seen) != seen)
        {
        }

        return ValueTask.FromResult(result);
    }

    public ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        return ValueTask.FromResult(result);
    }

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Add(eventData.Duration, ref _commitTicks, ref _commits);
        return Task.CompletedTask;
    }

    public ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        return ValueTask.FromResult(result);
    }

    public Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        // The host's pragma interceptor runs after this one, so its PRAGMA command is counted as a command.
        Add(eventData.Duration, ref _openTicks, ref _opens);
        return Task.CompletedTask;
    }

    private void Count(DbCommand command)
    {
        var text = string.Join(' ', command.CommandText.Split((char[])['\n', '\r', '\t', ' '], StringSplitOptions.RemoveEmptyEntries));
        _texts.AddOrUpdate(text.Length > 110 ? text[..110] : text, 1, (_, n) => n + 1);
    }

    private static void Add(TimeSpan duration, ref long ticks, ref long count)
    {
        Interlocked.Add(ref ticks, duration.Ticks);
        Interlocked.Increment(ref count);
    }
}
