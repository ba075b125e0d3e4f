using System.CommandLine;
using System.Globalization;
using DgBot.Bot.Operations;
using DgBot.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Cli;

/// <summary>
/// <c>dgbot db backup --out FILE [--force]</c> (online, while the bot runs), <c>dgbot db restore FILE</c> (bot stopped) and
/// <c>dgbot db check</c>. They read <c>ConnectionStrings:DgBot</c> from the same sources as the bot and never migrate.
/// </summary>
public static class DbCommands
{
    public static Command Create()
    {
        var command = new Command("db", "ฐานข้อมูล: สำรอง กู้คืน และตรวจสอบ (database: backup, restore, check)");
        command.Subcommands.Add(CreateBackup());
        command.Subcommands.Add(CreateRestore());
        command.Subcommands.Add(CreateCheck());
        return command;
    }

    private static Command CreateBackup()
    {
        var output = new Option<FileInfo>("--out")
        {
            Description = "The backup file to write (an existing file is kept unless --force is given)",
            Required = true,
        };
        var force = new Option<bool>("--force")
        {
            Description = "Replace the --out file if it exists (atomically: the old file stays until the new copy is complete and checked)",
        };
        var command = new Command("backup", "สำรองฐานข้อมูลขณะบอททำงานอยู่ได้ (consistent online backup; the bot may keep running)")
        {
            output,
            force,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            if (Database(stderr) is not { } database)
            {
                return 1;
            }

            var target = parseResult.GetValue(output)!.FullName;
            var overwrite = parseResult.GetValue(force);
            if (!overwrite && File.Exists(target))
            {
                await stderr.WriteLineAsync(AdminTexts.BackupExists(target)).ConfigureAwait(false);
                return 1;
            }

            try
            {
                var check = await DatabaseBackup.BackupAsync(database, target, overwrite, cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync(AdminTexts.BackedUp(database.Path, target, check.Tables.Sum(t => t.Rows), check.Tables.Count)).ConfigureAwait(false);
                return 0;
            }
            catch (IOException) when (!overwrite && File.Exists(target))
            {
                // Another process wrote the file between the check above and the final move.
                await stderr.WriteLineAsync(AdminTexts.BackupExists(target)).ConfigureAwait(false);
                return 1;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                await stderr.WriteLineAsync("Backup failed: " + ex.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    private static Command CreateRestore()
    {
        var file = new Argument<FileInfo>("FILE") { Description = "A backup made by 'dgbot db backup'" };
        var command = new Command("restore", "กู้คืนฐานข้อมูลจากไฟล์สำรอง ต้องหยุดบอทก่อน (restore a backup; the bot must be stopped)")
        {
            file,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            if (Database(stderr) is not { } database)
            {
                return 1;
            }

            var source = parseResult.GetValue(file)!;
            if (!source.Exists)
            {
                await stderr.WriteLineAsync($"File not found: {source.FullName}").ConfigureAwait(false);
                return 1;
            }

            using var held = ServeLock.TryAcquire(database.LockPath);
            if (held is null)
            {
                await stderr.WriteLineAsync(AdminTexts.RestoreRefused(database.Path, database.LockPath)).ConfigureAwait(false);
                return 1;
            }

            try
            {
                var kept = await DatabaseBackup.RestoreAsync(database, source.FullName, KnownMigrations(database), cancellationToken).ConfigureAwait(false);

                // Erasures made since the backup (/forget, retention) are applied to it again: a backup must not bring
                // back someone who asked to be forgotten.
                var erased = await ReapplyErasuresAsync(database, cancellationToken).ConfigureAwait(false);
                if (erased > 0)
                {
                    await stdout.WriteLineAsync($"Applied {erased.ToString(CultureInfo.InvariantCulture)} erasures recorded since the backup (ลบข้อมูลส่วนบุคคลที่ขอลบไว้หลังการสำรองซ้ำ {erased.ToString(CultureInfo.InvariantCulture)} ราย).").ConfigureAwait(false);
                }

                var check = await DatabaseBackup.CheckFileAsync(database.Path, cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync(AdminTexts.Restored(source.FullName, database.Path, check.Ok, check.Tables.Sum(t => t.Rows))).ConfigureAwait(false);
                if (kept is not null)
                {
                    await stdout.WriteLineAsync(AdminTexts.PreviousKept(kept)).ConfigureAwait(false);
                }

                return check.Ok ? 0 : 1;
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                await stderr.WriteLineAsync("Restore refused: " + ex.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    /// <summary>Brings the restored file to the current schema and applies the erasure journal kept beside the database.</summary>
    private static async Task<int> ReapplyErasuresAsync(DatabaseFile database, CancellationToken cancellationToken)
    {
        var journal = Core.Privacy.ErasureJournal.PathFor(database.Path);
        if (!File.Exists(journal))
        {
            return 0;
        }

        var options = new Microsoft.EntityFrameworkCore.DbContextOptionsBuilder<Core.Data.DgBotDbContext>();
        options.UseDgBotSqlite("Data Source=" + database.Path + ";Pooling=False");
        await using var db = new Core.Data.DgBotDbContext(options.Options);
        await Core.Data.SqliteSetup.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
        return await Core.Privacy.ErasureJournal.ReapplyAsync(db, journal, cancellationToken).ConfigureAwait(false);
    }

    private static Command CreateCheck()
    {
        var command = new Command("check", "ตรวจความสมบูรณ์ของฐานข้อมูลและนับจำนวนแถว (integrity check and row counts)");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var stdout = parseResult.InvocationConfiguration.Output;
            var stderr = parseResult.InvocationConfiguration.Error;
            if (Database(stderr) is not { } database)
            {
                return 1;
            }

            try
            {
                var check = await DatabaseBackup.CheckFileAsync(database.Path, cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync($"Database: {database.Path}").ConfigureAwait(false);
                await stdout.WriteLineAsync(AdminTexts.Integrity(check.Ok)).ConfigureAwait(false);
                foreach (var problem in check.Problems)
                {
                    await stderr.WriteLineAsync("  " + problem).ConfigureAwait(false);
                }

                await stdout.WriteLineAsync("Migration: " + ((check.Migrations.Count > 0 ? check.Migrations[^1] : null) ?? "(none)")).ConfigureAwait(false);
                foreach (var table in check.Tables)
                {
                    await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {table.Table,-24} {table.Rows,10}")).ConfigureAwait(false);
                }

                return check.Ok ? 0 : 1;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException)
            {
                await stderr.WriteLineAsync("Check failed: " + ex.Message).ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }

    /// <summary>The database file from the bot's configuration (without migrating it), or null after writing why not.</summary>
    private static DatabaseFile? Database(TextWriter error)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddUserSecrets(typeof(DbCommands).Assembly, optional: true);
        if (CliHost.Overrides is { } overrides)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        try
        {
            if (DatabaseFile.From(builder.Configuration) is { } file)
            {
                return file;
            }

            error.WriteLine("ConnectionStrings:DgBot points at an in-memory database; there is no file to back up, restore or check.");
        }
        catch (ArgumentException ex)
        {
            error.WriteLine($"ConnectionStrings:DgBot is not a valid SQLite connection string ({ex.Message}).");
        }

        return null;
    }

    private static string[] KnownMigrations(DatabaseFile database)
    {
        var options = new DbContextOptionsBuilder<DgBotDbContext>();
        options.UseDgBotSqlite(database.ConnectionString);
        using var db = new DgBotDbContext(options.Options);
        return db.Database.GetMigrations().ToArray();
    }
}
