using DgBot.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Tests.Data;

public sealed class SqliteSetupTests
{
    [Fact]
    public async Task EveryConnectionEfCoreOpensIsDurableWaitsForLocksAndChecksForeignKeys()
    {
        var path = Path.Combine(Path.GetTempPath(), "dgbot-setup-" + Guid.NewGuid().ToString("N") + ".db");
        var builder = new DbContextOptionsBuilder<DgBotDbContext>();
        builder.UseDgBotSqlite("Data Source=" + path);
        var options = builder.Options;
        try
        {
            await using (var db = new DgBotDbContext(options))
            {
                await SqliteSetup.MigrateAsync(db);
            }

            // The pool hands the same SQLite connection out again (its settings are applied once): each open has them.
            for (var open = 0; open < 3; open++)
            {
                await using var db = new DgBotDbContext(options);
                await db.Database.OpenConnectionAsync();
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                Assert.Equal(2L, Pragma(connection, "synchronous"));
                Assert.Equal(10_000L, Pragma(connection, "busy_timeout"));
                Assert.Equal(1L, Pragma(connection, "foreign_keys"));
                Assert.Equal("wal", Pragma(connection, "journal_mode"));
            }

            // A connection of a new pool (a new SQLite handle) gets them too.
            SqliteConnection.ClearAllPools();
            await using (var db = new DgBotDbContext(options))
            {
                await db.Database.OpenConnectionAsync();
                var connection = (SqliteConnection)db.Database.GetDbConnection();
                Assert.Equal(2L, Pragma(connection, "synchronous"));
                Assert.Equal(10_000L, Pragma(connection, "busy_timeout"));
                Assert.Equal(1L, Pragma(connection, "foreign_keys"));
            }
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var file in new[] { path, path + "-wal", path + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    private static object? Pragma(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name + ";";
        return command.ExecuteScalar();
    }
}
