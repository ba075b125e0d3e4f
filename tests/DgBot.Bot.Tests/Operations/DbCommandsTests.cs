using DgBot.Bot.Hosting;
using DgBot.Bot.Operations;
using DgBot.Bot.Tests.Cli;
using DgBot.Core.Data;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace DgBot.Bot.Tests.Operations;

public sealed class DbCommandsTests : IDisposable
{
    private readonly CliTestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task BackupRefusesToOverwriteAnExistingFileWithoutForce()
    {
        Assert.Equal(0, (await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath)).ExitCode);
        var target = Path.Combine(database.Folder, "backup.db");
        await File.WriteAllTextAsync(target, "an older backup that must not be lost");

        var refused = await database.RunAsync("db", "backup", "--out", target);

        Assert.Equal(1, refused.ExitCode);
        Assert.Contains(target + " already exists", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Contains("มีไฟล์นี้อยู่แล้ว", refused.Error, StringComparison.Ordinal);
        Assert.Equal("an older backup that must not be lost", await File.ReadAllTextAsync(target));
        Assert.False(File.Exists(target + ".partial"));

        var forced = await database.RunAsync("db", "backup", "--out", target, "--force");

        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.Contains("integrity ok", forced.Output, StringComparison.Ordinal);
        Assert.Contains("สำรองฐานข้อมูลแล้ว", forced.Output, StringComparison.Ordinal);
        Assert.True((await DatabaseBackup.CheckFileAsync(target)).Ok);
    }

    [Fact]
    public async Task CheckReportsIntegrityAndRowCounts()
    {
        Assert.Equal(0, (await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath)).ExitCode);

        var result = await database.RunAsync("db", "check");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Integrity: ok", result.Output, StringComparison.Ordinal);
        Assert.Contains("(ความสมบูรณ์: ผ่าน)", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"(?m)^\s+Agencies\s+19$", result.Output);
        Assert.Matches(@"(?m)^\s+ChatUsers\s+0$", result.Output);
        Assert.Matches(@"(?m)^Migration: \d{14}_\w+", result.Output);
    }

    [Fact]
    public async Task CheckFindsADamagedFile()
    {
        Assert.Equal(0, (await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath)).ExitCode);
        SqliteConnection.ClearAllPools();
        await CheckpointAsync(database.Path);

        // Overwrite the middle of every page after the first (the tables' b-trees) with garbage.
        await using (var file = new FileStream(database.Path, FileMode.Open, FileAccess.ReadWrite))
        {
            for (var page = 1L; page < file.Length / 4096; page++)
            {
                file.Position = (page * 4096) + 1024;
                file.Write(Enumerable.Repeat((byte)0xA5, 2048).ToArray());
            }
        }

        var result = await database.RunAsync("db", "check");

        Assert.Equal(1, result.ExitCode);
        Assert.DoesNotContain("Integrity: ok", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupThenRestoreBringsBackTheDataAndKeepsThePreviousDatabase()
    {
        Assert.Equal(0, (await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath)).ExitCode);
        var backup = Path.Combine(database.Folder, "backups", "before.db");

        var made = await database.RunAsync("db", "backup", "--out", backup);
        Assert.Equal(0, made.ExitCode);
        Assert.Contains("integrity ok", made.Output, StringComparison.Ordinal);

        // Something goes wrong after the backup: agencies are deleted.
        await using (var db = database.NewContext())
        {
            await db.Agencies.Where(a => a.Code != "LPG-01").ExecuteDeleteAsync();
        }

        var restored = await database.RunAsync("db", "restore", backup);

        Assert.Equal(0, restored.ExitCode);
        Assert.Contains("integrity ok", restored.Output, StringComparison.Ordinal);
        Assert.Contains(database.Path + ".before-restore", restored.Output, StringComparison.Ordinal);
        await using (var db = database.NewContext())
        {
            Assert.Equal(19, await db.Agencies.CountAsync());
        }

        await using (var previous = EngineLoad.Open(database.Path + ".before-restore"))
        {
            Assert.Equal(1, await previous.Agencies.CountAsync());
        }
    }

    [Fact]
    public async Task RestoreRefusesWhileTheBotServesTheDatabase()
    {
        Assert.Equal(0, (await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath)).ExitCode);
        var backup = Path.Combine(database.Folder, "b.db");
        Assert.Equal(0, (await database.RunAsync("db", "backup", "--out", backup)).ExitCode);

        await using (var app = BotHost.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:DgBot"] = database.ConnectionString,
            ["Urls"] = "http://127.0.0.1:0",
        })))
        {
            await app.StartAsync();
            await using (var db = database.NewContext())
            {
                await db.Agencies.Where(a => a.Code == "LPG-02").ExecuteDeleteAsync();
            }

            var refused = await database.RunAsync("db", "restore", backup);

            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("The bot is running", refused.Error, StringComparison.Ordinal);
            Assert.Contains(database.Path, refused.Error, StringComparison.Ordinal);
            await using (var db = database.NewContext())
            {
                Assert.Equal(18, await db.Agencies.CountAsync());
            }

            // An online backup is fine meanwhile.
            Assert.Equal(0, (await database.RunAsync("db", "backup", "--out", Path.Combine(database.Folder, "live.db"))).ExitCode);
            await app.StopAsync();
        }

        // Once the bot has stopped, the same restore goes through.
        var restored = await database.RunAsync("db", "restore", backup);
        Assert.Equal(0, restored.ExitCode);
        await using (var db = database.NewContext())
        {
            Assert.Equal(19, await db.Agencies.CountAsync());
        }
    }

    [Fact]
    public async Task ASecondBotOnTheSameDatabaseStopsWithOneLine()
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:DgBot"] = database.ConnectionString,
            ["Urls"] = "http://127.0.0.1:0",
        };
        await using var first = BotHost.Build([], b => b.Configuration.AddInMemoryCollection(settings));
        await first.StartAsync();

        using var error = new StringWriter();
        var exitCode = await StartupErrors.RunAsync(() => BotHost.Build([], b => b.Configuration.AddInMemoryCollection(settings)), error, CancellationToken.None);

        Assert.Equal(StartupErrors.ExitCode, exitCode);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("ConnectionStrings:DgBot", line, StringComparison.Ordinal);
        Assert.Contains("lock", line, StringComparison.Ordinal);
        await first.StopAsync();
    }

    [Fact]
    public async Task RestoreRefusesAFileThatIsNotADgBotDatabase()
    {
        Assert.Equal(0, (await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath)).ExitCode);
        var text = database.WriteFile("notes.db", "this is not a database, only text that someone named .db\n");
        var foreign = Path.Combine(database.Folder, "foreign.db");
        await using (var connection = new SqliteConnection($"Data Source={foreign};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "CREATE TABLE t (x INTEGER); INSERT INTO t VALUES (1);";
            await command.ExecuteNonQueryAsync();
        }

        var notSqlite = await database.RunAsync("db", "restore", text);
        var notOurs = await database.RunAsync("db", "restore", foreign);

        Assert.Equal(1, notSqlite.ExitCode);
        Assert.Contains("Restore refused", notSqlite.Error, StringComparison.Ordinal);
        Assert.Equal(1, notOurs.ExitCode);
        Assert.Contains("not a DgBot database", notOurs.Error, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Equal(19, await db.Agencies.CountAsync());
        Assert.False(File.Exists(database.Path + ".before-restore"));
    }

    [Fact]
    public async Task RestoreRefusesABackupFromANewerVersion()
    {
        Assert.Equal(0, (await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath)).ExitCode);
        var backup = Path.Combine(database.Folder, "newer.db");
        Assert.Equal(0, (await database.RunAsync("db", "backup", "--out", backup)).ExitCode);
        await using (var connection = new SqliteConnection($"Data Source={backup};Pooling=False"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO __EFMigrationsHistory (MigrationId, ProductVersion) VALUES ('29991231000000_FromTheFuture', '99.0.0');";
            await command.ExecuteNonQueryAsync();
        }

        var result = await database.RunAsync("db", "restore", backup);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("29991231000000_FromTheFuture", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BackupOfAMissingDatabaseFailsWithoutCreatingOne()
    {
        var result = await database.RunAsync("db", "backup", "--out", Path.Combine(database.Folder, "x.db"));

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No database at", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(database.Path));
    }

    private static async Task CheckpointAsync(string path)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE); PRAGMA journal_mode=DELETE;";
        await command.ExecuteNonQueryAsync();
    }
}
