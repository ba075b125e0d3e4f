using System.Globalization;
using DgBot.Core.Data;
using DgBot.Core.Invitations;
using Microsoft.Data.Sqlite;

namespace DgBot.Bot.Operations;

public sealed record TableCount(string Table, long Rows);

public sealed record CheckResult(bool Ok, IReadOnlyList<string> Problems, IReadOnlyList<TableCount> Tables, IReadOnlyList<string> Migrations);

/// <summary>
/// Backup, restore and integrity check of the SQLite database. A backup uses SQLite's online backup API: it reads one
/// consistent snapshot while the bot keeps writing (WAL lets writers go on), copies it to a temporary file, checks it
/// and only then moves it to the requested name, so a file with the requested name is always complete.
/// </summary>
public static class DatabaseBackup
{
    /// <summary>Copies the live database to <paramref name="outPath"/> and checks the copy; an existing file is replaced.</summary>
    public static Task<CheckResult> BackupAsync(DatabaseFile database, string outPath, CancellationToken cancellationToken = default) =>
        BackupAsync(database, outPath, overwrite: true, cancellationToken);

    /// <summary>
    /// Copies the live database to <paramref name="outPath"/> and checks the copy. Without <paramref name="overwrite"/>
    /// an existing file is kept and an <see cref="IOException"/> thrown (the final move does not replace it).
    /// </summary>
    public static async Task<CheckResult> BackupAsync(DatabaseFile database, string outPath, bool overwrite, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(outPath);
        if (!File.Exists(database.Path))
        {
            throw new FileNotFoundException($"No database at {database.Path}.", database.Path);
        }

        var target = Path.GetFullPath(outPath);
        if (string.Equals(target, database.Path, StringComparison.Ordinal))
        {
            throw new IOException("The backup file must not be the database itself.");
        }

        PrivateFiles.EnsureFolder(Path.GetDirectoryName(target)!);
        var partial = target + ".partial";
        DeleteWithCompanions(partial);
        try
        {
            await Task.Run(
                () =>
                {
                    using var source = Open(database.Path, SqliteOpenMode.ReadWrite);
                    CopyInto(source, partial);
                },
                cancellationToken).ConfigureAwait(false);

            var check = await CheckFileAsync(partial, cancellationToken).ConfigureAwait(false);
            if (!check.Ok)
            {
                throw new IOException("The backup copy failed its integrity check: " + string.Join("; ", check.Problems));
            }

            File.Move(partial, target, overwrite);

            // Codes are stored as a keyed hash: a backup without its key could not check them after a restore.
            var key = InvitationKey.PathFor(database.Path);
            if (File.Exists(key))
            {
                PrivateFiles.Copy(key, InvitationKey.PathFor(target));
            }

            return check;
        }
        finally
        {
            DeleteWithCompanions(partial);
        }
    }

    /// <summary>Runs <c>PRAGMA integrity_check</c> and counts the rows of every table, without changing the file.</summary>
    public static Task<CheckResult> CheckFileAsync(string path, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"No database at {Path.GetFullPath(path)}.", path);
        }

        return Task.Run(
            () =>
            {
                using var connection = Open(path, SqliteOpenMode.ReadWrite);
                var problems = new List<string>();
                try
                {
                    using (var check = connection.CreateCommand())
                    {
                        check.CommandText = "PRAGMA integrity_check;";
                        using var reader = check.ExecuteReader();
                        while (reader.Read())
                        {
                            var line = reader.GetString(0);
                            if (line != "ok")
                            {
                                problems.Add(line);
                            }
                        }
                    }
                }
                catch (SqliteException ex)
                {
                    return new CheckResult(false, [ex.Message], [], []);
                }

                var tables = new List<TableCount>();
                foreach (var table in TableNames(connection))
                {
                    using var count = connection.CreateCommand();
                    count.CommandText = $"SELECT COUNT(*) FROM \"{table.Replace("\"", "\"\"", StringComparison.Ordinal)}\";";
                    tables.Add(new TableCount(table, Convert.ToInt64(count.ExecuteScalar(), CultureInfo.InvariantCulture)));
                }

                var migrations = new List<string>();
                if (tables.Any(t => t.Table == "__EFMigrationsHistory"))
                {
                    using var history = connection.CreateCommand();
                    history.CommandText = "SELECT MigrationId FROM __EFMigrationsHistory ORDER BY MigrationId;";
                    using var reader = history.ExecuteReader();
                    while (reader.Read())
                    {
                        migrations.Add(reader.GetString(0));
                    }
                }
                else
                {
                    problems.Add("not a DgBot database (no __EFMigrationsHistory table)");
                }

                return new CheckResult(problems.Count == 0, problems, tables, migrations);
            },
            cancellationToken);
    }

    /// <summary>
    /// Puts a backup back. The caller must hold the <see cref="ServeLock"/>. The backup is checked first; the current
    /// database (with anything still in its WAL) is kept as <c>&lt;database&gt;.before-restore</c>.
    /// </summary>
    /// <returns>The path the previous database was kept at, or null when there was none.</returns>
    public static async Task<string?> RestoreAsync(DatabaseFile database, string backupPath, IEnumerable<string> knownMigrations, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(database);
        ArgumentNullException.ThrowIfNull(backupPath);
        ArgumentNullException.ThrowIfNull(knownMigrations);
        var source = Path.GetFullPath(backupPath);
        if (string.Equals(source, database.Path, StringComparison.Ordinal))
        {
            throw new IOException("The backup file is the database itself.");
        }

        var check = await CheckFileAsync(source, cancellationToken).ConfigureAwait(false);
        if (!check.Ok)
        {
            throw new InvalidDataException($"{source} is not a sound DgBot backup: " + string.Join("; ", check.Problems));
        }

        var unknown = check.Migrations.Except(knownMigrations, StringComparer.Ordinal).ToArray();
        if (unknown.Length > 0)
        {
            throw new InvalidDataException($"{source} comes from a newer DgBot (migration {unknown[0]} is unknown to this version); upgrade DgBot first.");
        }

        PrivateFiles.EnsureFolder(Path.GetDirectoryName(database.Path)!);
        var restoring = database.Path + ".restoring";
        DeleteWithCompanions(restoring);
        string? kept = null;
        await Task.Run(
            () =>
            {
                using (var from = Open(source, SqliteOpenMode.ReadWrite))
                {
                    CopyInto(from, restoring);
                }

                if (File.Exists(database.Path))
                {
                    kept = database.Path + ".before-restore";
                    DeleteWithCompanions(kept);
                    using var current = Open(database.Path, SqliteOpenMode.ReadWrite);
                    CopyInto(current, kept);
                }

                // Pooled connections of this process would keep reading the replaced file.
                SqliteConnection.ClearAllPools();
                DeleteWithCompanions(database.Path);
                File.Move(restoring, database.Path);

                // The backup's invitation key goes back with it (the current one is kept beside the previous database).
                var backupKey = InvitationKey.PathFor(source);
                var currentKey = InvitationKey.PathFor(database.Path);
                if (File.Exists(backupKey))
                {
                    if (kept is not null && File.Exists(currentKey))
                    {
                        PrivateFiles.Copy(currentKey, InvitationKey.PathFor(kept));
                    }

                    PrivateFiles.Copy(backupKey, currentKey);
                }
            },
            cancellationToken).ConfigureAwait(false);
        return kept;
    }

    /// <summary>Copies the whole database in one backup step (one read snapshot) into a new standalone file.</summary>
    private static void CopyInto(SqliteConnection source, string path)
    {
        // Created owner-only before SQLite opens it: a copy holds the same personal data as the database.
        PrivateFiles.EnsureFile(path);
        using (var destination = Open(path, SqliteOpenMode.ReadWriteCreate))
        {
            source.BackupDatabase(destination);
            using var command = destination.CreateCommand();

            // The copy is a single file: no WAL beside it until the bot opens it again.
            command.CommandText = "PRAGMA journal_mode=DELETE;";
            command.ExecuteNonQuery();
        }
    }

    private static SqliteConnection Open(string path, SqliteOpenMode mode)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = mode,
            Pooling = false,
            DefaultTimeout = 30,
        }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA busy_timeout=10000;";
        command.ExecuteNonQuery();
        return connection;
    }

    private static List<string> TableNames(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name;";
        using var reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static void DeleteWithCompanions(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }
}
