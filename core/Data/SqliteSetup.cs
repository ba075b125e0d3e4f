using System.Collections.Concurrent;
using System.Data.Common;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace DgBot.Core.Data;

/// <summary>
/// How DgBot opens SQLite: WAL journal, a busy timeout so concurrent writers wait instead of failing, and
/// synchronous=FULL so a commit that returned survives a crash or power loss.
/// </summary>
public static class SqliteSetup
{
    /// <summary>The default database: a file in a <c>data/</c> folder under the working directory.</summary>
    public const string DefaultConnectionString = "Data Source=data/dgbot.db";

    public const int BusyTimeoutMilliseconds = 10_000;

    /// <summary>Configures EF Core for the connection string, creating the database's folder when missing.</summary>
    public static DbContextOptionsBuilder UseDgBotSqlite(this DbContextOptionsBuilder options, string? connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        var normalized = Normalize(connectionString);
        EnsurePrivateFile(normalized);
        return options
            .UseSqlite(normalized, sqlite => sqlite.MigrationsAssembly(typeof(SqliteSetup).Assembly.GetName().Name))
            .AddInterceptors(PragmaInterceptor.Instance);
    }

    /// <summary>Fills in defaults and makes sure the folder of a file database exists.</summary>
    public static string Normalize(string? connectionString)
    {
        var builder = new SqliteConnectionStringBuilder(string.IsNullOrWhiteSpace(connectionString) ? DefaultConnectionString : connectionString);
        if (builder.DefaultTimeout < BusyTimeoutMilliseconds / 1000)
        {
            builder.DefaultTimeout = BusyTimeoutMilliseconds / 1000;
        }

        var dataSource = builder.DataSource;
        if (!string.IsNullOrEmpty(dataSource) && dataSource != ":memory:" && builder.Mode != SqliteOpenMode.Memory)
        {
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(folder))
            {
                PrivateFiles.EnsureFolder(folder);
            }
        }

        return builder.ToString();
    }

    /// <summary>The database files this process has already made owner-only (a context is configured per scope).</summary>
    private static readonly ConcurrentDictionary<string, bool> PrivateDatabases = new(StringComparer.Ordinal);

    /// <summary>
    /// Creates a file database as an empty owner-only file before SQLite first opens it, so it, its WAL and its SHM are
    /// 0600 whatever the umask (SQLite gives the WAL and SHM the database file's mode).
    /// </summary>
    private static void EnsurePrivateFile(string normalized)
    {
        var builder = new SqliteConnectionStringBuilder(normalized);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode is SqliteOpenMode.Memory or SqliteOpenMode.ReadOnly)
        {
            return;
        }

        var path = Path.GetFullPath(builder.DataSource);
        if (PrivateDatabases.ContainsKey(path) && File.Exists(path))
        {
            return;
        }

        PrivateFiles.EnsureFile(path);
        PrivateDatabases[path] = true;
    }

    /// <summary>Applies the committed migrations and switches the file to WAL.</summary>
    public static async Task MigrateAsync(DgBotDbContext db, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The per-connection settings every DgBot connection runs with (EF Core applies them on open).</summary>
    public const string ConnectionPragmas = "PRAGMA busy_timeout=10000; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";

    /// <summary>Applies <see cref="ConnectionPragmas"/> to a connection opened outside EF Core.</summary>
    public static void ApplyPragmas(DbConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = ConnectionPragmas;
        command.ExecuteNonQuery();
    }

    /// <summary>
    /// Runs <see cref="ConnectionPragmas"/> when EF Core opens a connection. The settings stay with SQLite's connection
    /// handle, which the pool hands out again and again, so a handle that already has them is not set up twice.
    /// </summary>
    private sealed class PragmaInterceptor : DbConnectionInterceptor
    {
        public static readonly PragmaInterceptor Instance = new();

        private const string Pragmas = ConnectionPragmas;

        private static readonly ConditionalWeakTable<object, object> Prepared = [];

        public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
        {
            if (NeedsPragmas(connection))
            {
                using var command = connection.CreateCommand();
                command.CommandText = Pragmas;
                command.ExecuteNonQuery();
                Remember(connection);
            }
        }

        public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
        {
            if (NeedsPragmas(connection))
            {
                var command = connection.CreateCommand();
                await using (command.ConfigureAwait(false))
                {
                    command.CommandText = Pragmas;
                    await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                Remember(connection);
            }
        }

        private static bool NeedsPragmas(DbConnection connection) =>
            connection is not SqliteConnection { Handle: { } handle } || !Prepared.TryGetValue(handle, out _);

        private static void Remember(DbConnection connection)
        {
            if (connection is SqliteConnection { Handle: { } handle })
            {
                Prepared.AddOrUpdate(handle, Instance);
            }
        }
    }
}
