using System.Runtime.InteropServices;
using DgBot.Bot.Operations;
using DgBot.Bot.Tests.Cli;
using DgBot.Core.Data;
using DgBot.Core.Invitations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Tests.Operations;

/// <summary>
/// The database, its WAL and SHM, backups, restore copies and the invitation key are created owner-only (0600, folders
/// 0700) even under a umask that lets everyone read: they hold chat ids, names and answers. Runs with the process umask
/// set to 000, alone, so no other test's files are created meanwhile.
/// </summary>
[Collection(SerialTests.Name)]
public sealed partial class FileModesTests : IDisposable
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;

    private readonly CliTestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task EveryFileHoldingPersonalDataIsOwnerOnlyWhateverTheUmask()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var previous = Umask(0);
        try
        {
            Assert.Equal(0, (await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath)).ExitCode);
            Assert.Equal(0, (await database.RunAsync("invites", "create", "--agency", "LPG-01", "--role", "staff")).ExitCode);

            // A connection that has written keeps the WAL and SHM in place while the modes are read.
            await using (var db = database.NewContext())
            {
                await db.Database.OpenConnectionAsync();
                await db.Database.ExecuteSqlRawAsync("UPDATE Agencies SET Code = Code WHERE Code = 'LPG-01';");
                foreach (var file in new[] { database.Path, database.Path + "-wal", database.Path + "-shm", InvitationKey.PathFor(database.Path) })
                {
                    Assert.True(File.Exists(file), file);
                    Assert.Equal(OwnerFile, File.GetUnixFileMode(file));
                }
            }

            var backups = Path.Combine(database.Folder, "backups", "daily");
            var backup = Path.Combine(backups, "b.db");
            Assert.Equal(0, (await database.RunAsync("db", "backup", "--out", backup)).ExitCode);
            Assert.Equal(OwnerFolder, File.GetUnixFileMode(backups));
            Assert.Equal(OwnerFolder, File.GetUnixFileMode(Path.GetDirectoryName(backups)!));
            Assert.Equal(OwnerFile, File.GetUnixFileMode(backup));
            Assert.Equal(OwnerFile, File.GetUnixFileMode(InvitationKey.PathFor(backup)));

            SqliteConnection.ClearAllPools();
            Assert.Equal(0, (await database.RunAsync("db", "restore", backup)).ExitCode);
            Assert.Equal(OwnerFile, File.GetUnixFileMode(database.Path));
            Assert.Equal(OwnerFile, File.GetUnixFileMode(database.Path + ".before-restore"));
            Assert.Equal(OwnerFile, File.GetUnixFileMode(InvitationKey.PathFor(database.Path)));

            // A new database in a new folder: the folder is private too.
            var fresh = Path.Combine(database.Folder, "new", "dgbot.db");
            await using (var db = OpenAt($"Data Source={fresh}"))
            {
                await SqliteSetup.MigrateAsync(db);
            }

            Assert.Equal(OwnerFolder, File.GetUnixFileMode(Path.GetDirectoryName(fresh)!));
            Assert.Equal(OwnerFile, File.GetUnixFileMode(fresh));
        }
        finally
        {
            _ = Umask(previous);
        }
    }

    [Fact]
    public async Task AnExistingReadableDatabaseIsMadeOwnerOnlyWhenTheBotOpensIt()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        var path = Path.Combine(database.Folder, "older.db");
        await File.WriteAllBytesAsync(path, []);
        File.SetUnixFileMode(path, OwnerFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);

        await using (var db = OpenAt($"Data Source={path}"))
        {
            await SqliteSetup.MigrateAsync(db);
        }

        Assert.Equal(OwnerFile, File.GetUnixFileMode(path));
    }

    private static DgBotDbContext OpenAt(string connectionString)
    {
        var options = new DbContextOptionsBuilder<DgBotDbContext>();
        options.UseDgBotSqlite(connectionString);
        return new DgBotDbContext(options.Options);
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);
}
