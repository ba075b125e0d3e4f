using System.Text.RegularExpressions;
using DgBot.Bot.Cli;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Invitations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DgBot.Bot.Tests.Cli;

public sealed partial class InviteCliTests : IDisposable
{
    private readonly List<CliTestDatabase> databases = [];

    public void Dispose()
    {
        foreach (var database in databases)
        {
            database.Dispose();
        }
    }

    [Fact]
    public async Task CreatePrintsAFormattedCodeAndStoresOnlyItsHash()
    {
        var database = await NewDatabaseAsync();

        var result = await database.RunAsync("invites", "create", "--agency", "LPG-01", "--role", "staff");

        Assert.Equal(0, result.ExitCode);
        var code = ExtractCode(result.Output);
        Assert.Equal(InvitationCodes.Length, code.Length);
        Assert.All(code, c => Assert.Contains(c, InvitationCodes.Alphabet));
        Assert.DoesNotContain("t.me", result.Output, StringComparison.Ordinal);

        await using (var db = database.NewContext())
        {
            var invitation = await db.Invitations.Include(i => i.Agency).SingleAsync();
            Assert.Equal("LPG-01", invitation.Agency!.Code);
            Assert.Equal(UserRole.Staff, invitation.Role);
            Assert.Equal(InviteCommands.DefaultStaffUses, invitation.MaxUses);
            Assert.Equal(TimeSpan.FromDays(7), invitation.ExpiresUtc - invitation.CreatedUtc);
            var key = InvitationKey.ReadOrCreate(InvitationKey.PathFor(database.Path));
            Assert.Equal(InvitationKey.Hash(key, code), invitation.CodeHash);
            Assert.NotEqual(InvitationCodes.LegacyHash(code), invitation.CodeHash);
            Assert.Contains($"expires: {InviteDates.Format(invitation.ExpiresUtc)} (Asia/Bangkok)", result.Output, StringComparison.Ordinal);
        }

        // Neither the code nor its formatted form is stored anywhere in the invitations table.
        var cells = await ReadAllCellsAsync(database, "Invitations");
        Assert.NotEmpty(cells);
        Assert.DoesNotContain(cells, cell => cell.Contains(code, StringComparison.OrdinalIgnoreCase)
            || cell.Contains(InvitationCodes.Format(code), StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task CreatePrintsTheTelegramDeepLinkWhenTheBotUsernameIsConfigured()
    {
        var database = await NewDatabaseAsync(new Dictionary<string, string?> { ["Telegram:BotUsername"] = "@dgbot_test_bot" });

        var result = await database.RunAsync("invites", "create", "--agency", "lpg-02", "--role", "officer");

        Assert.Equal(0, result.ExitCode);
        var code = ExtractCode(result.Output);
        Assert.Contains($"https://t.me/dgbot_test_bot?start={code}", result.Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("officer", null, "12h", 1, 12 * 60)]
    [InlineData("officer", "3", "30m", 3, 30)]
    [InlineData("staff", "50", "2d", 50, 2 * 24 * 60)]
    public async Task CreateAppliesRoleDefaultsUsesAndExpiry(string role, string? uses, string expiresIn, int expectedUses, int expectedMinutes)
    {
        var database = await NewDatabaseAsync();
        string[] args = ["invites", "create", "--agency", "LPG-03", "--role", role, "--expires-in", expiresIn];
        if (uses is not null)
        {
            args = [.. args, "--uses", uses];
        }

        var result = await database.RunAsync(args);

        Assert.Equal(0, result.ExitCode);
        await using var db = database.NewContext();
        var invitation = await db.Invitations.SingleAsync();
        Assert.Equal(expectedUses, invitation.MaxUses);
        Assert.Equal(TimeSpan.FromMinutes(expectedMinutes), invitation.ExpiresUtc - invitation.CreatedUtc);
        Assert.Equal(role == "officer" ? UserRole.Officer : UserRole.Staff, invitation.Role);
    }

    [Theory]
    [InlineData("--agency", "NOPE-99", "--role", "staff")]
    [InlineData("--agency", "LPG-01", "--role", "admin")]
    [InlineData("--agency", "LPG-01", "--role", "staff", "--expires-in", "3w")]
    [InlineData("--agency", "LPG-01", "--role", "staff", "--expires-in", "0d")]
    [InlineData("--agency", "LPG-01", "--role", "staff", "--uses", "0")]
    [InlineData("--role", "staff")]
    public async Task CreateRefusesBadInputAndStoresNothing(params string[] options)
    {
        var database = await NewDatabaseAsync();

        var result = await database.RunAsync(["invites", "create", .. options]);

        Assert.NotEqual(0, result.ExitCode);
        Assert.NotEqual(string.Empty, result.Error.Trim());
        await using var db = database.NewContext();
        Assert.Equal(0, await db.Invitations.CountAsync());
    }

    [Theory]
    [InlineData("0d")]
    [InlineData("0h")]
    [InlineData("0m")]
    public async Task ZeroExpiryExplainsTheMinimumInThaiAndEnglish(string expiresIn)
    {
        var database = await NewDatabaseAsync();

        var result = await database.RunAsync("invites", "create", "--agency", "LPG-01", "--role", "staff", "--expires-in", expiresIn);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--expires-in must be at least 1 minute (1m)", result.Error, StringComparison.Ordinal);
        Assert.Contains("อย่างน้อย 1 นาที", result.Error, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Equal(0, await db.Invitations.CountAsync());
    }

    [Fact]
    public async Task CreateNamesAnUnknownAgency()
    {
        var database = await NewDatabaseAsync();
        var result = await database.RunAsync("invites", "create", "--agency", "NOPE-99", "--role", "staff");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Unknown agency 'NOPE-99'", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListShowsHintsButNeverTheCodes()
    {
        var database = await NewDatabaseAsync();
        var first = ExtractCode((await database.RunAsync("invites", "create", "--agency", "LPG-01", "--role", "staff")).Output);
        var second = ExtractCode((await database.RunAsync("invites", "create", "--agency", "LPG-02", "--role", "officer")).Output);

        var result = await database.RunAsync("invites", "list", "--all");

        Assert.Equal(0, result.ExitCode);
        foreach (var code in new[] { first, second })
        {
            Assert.DoesNotContain(code, result.Output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(code[..5], result.Output, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain(code[5..], result.Output, StringComparison.OrdinalIgnoreCase);
            Assert.Contains("…" + code[^2..], result.Output, StringComparison.Ordinal);
        }

        var rows = DataRows(result.Output);
        Assert.Equal(2, rows.Count);
        Assert.Matches(@"^1\s+LPG-01\s+staff\s+0/20\s+\d{1,2} \S+ 25\d\d \d\d:\d\d\s+ใช้ได้\s+…", rows[0]);
        Assert.Matches(@"^2\s+LPG-02\s+officer\s+0/1\s+", rows[1]);
    }

    [Fact]
    public async Task ListShowsOnlyUsableInvitationsUnlessAllIsGiven()
    {
        var database = await NewDatabaseAsync();
        var usable = ExtractCode((await database.RunAsync("invites", "create", "--agency", "LPG-01", "--role", "staff")).Output);
        await database.RunAsync("invites", "create", "--agency", "LPG-01", "--role", "staff");
        await database.RunAsync("invites", "revoke", "2");

        // An expired one (created a month ago for one day) and a used-up one (one use, redeemed).
        // The CLI reads the system clock; a fake clock a month back makes an invitation that is long expired by then.
        var monthAgo = new FakeTimeProvider(TimeProvider.System.GetUtcNow().AddDays(-30));
        await using (var db = database.NewContext())
        {
            var lpg02 = await db.Agencies.SingleAsync(a => a.Code == "LPG-02");
            await new InvitationService(db, monthAgo).CreateAsync(lpg02, UserRole.Staff, 5, TimeSpan.FromDays(1), default);
            var usedUp = await new InvitationService(db, TimeProvider.System).CreateAsync(lpg02, UserRole.Officer, 1, TimeSpan.FromDays(1), default);
            var user = new ChatUser(ChannelKind.Telegram, "77", "77", null, TimeProvider.System.GetUtcNow().UtcDateTime);
            db.ChatUsers.Add(user);
            await db.SaveChangesAsync();
            Assert.Equal(JoinOutcome.Joined, (await new InvitationService(db, TimeProvider.System).RedeemAsync(user, usedUp.Code, default)).Outcome);
            await db.SaveChangesAsync();
        }

        var usableOnly = DataRows((await database.RunAsync("invites", "list")).Output);
        var everything = DataRows((await database.RunAsync("invites", "list", "--all")).Output);
        var lpg02Only = DataRows((await database.RunAsync("invites", "list", "--all", "--agency", "LPG-02")).Output);

        var row = Assert.Single(usableOnly);
        Assert.StartsWith("1 ", row, StringComparison.Ordinal);
        Assert.Contains("…" + usable[^2..], row, StringComparison.Ordinal);
        Assert.Equal(4, everything.Count);
        Assert.Contains(InvitationStatusLabels.Usable, everything[0], StringComparison.Ordinal);
        Assert.Contains(InvitationStatusLabels.Revoked, everything[1], StringComparison.Ordinal);
        Assert.Contains(InvitationStatusLabels.Expired, everything[2], StringComparison.Ordinal);
        Assert.Contains(InvitationStatusLabels.UsedUp, everything[3], StringComparison.Ordinal);
        Assert.Contains("1/1", everything[3], StringComparison.Ordinal);
        Assert.Equal(2, lpg02Only.Count);
        Assert.All(lpg02Only, r => Assert.Contains("LPG-02", r, StringComparison.Ordinal));
    }

    [Fact]
    public async Task RevokeMakesTheCodeUnusable()
    {
        var database = await NewDatabaseAsync();
        var revoked = ExtractCode((await database.RunAsync("invites", "create", "--agency", "LPG-01", "--role", "staff")).Output);
        var kept = ExtractCode((await database.RunAsync("invites", "create", "--agency", "LPG-01", "--role", "staff")).Output);

        var result = await database.RunAsync("invites", "revoke", "1");
        var again = await database.RunAsync("invites", "revoke", "1");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("revoked", result.Output, StringComparison.Ordinal);
        Assert.Contains("already revoked", again.Output, StringComparison.Ordinal);
        await using var db = database.NewContext();
        var service = new InvitationService(db, TimeProvider.System);
        var userA = new ChatUser(ChannelKind.Telegram, "10", "10", null, TimeProvider.System.GetUtcNow().UtcDateTime);
        var userB = new ChatUser(ChannelKind.Line, "11", "11", null, TimeProvider.System.GetUtcNow().UtcDateTime);
        db.ChatUsers.AddRange(userA, userB);
        await db.SaveChangesAsync();
        Assert.Equal(JoinOutcome.Rejected, (await service.RedeemAsync(userA, revoked, default)).Outcome);
        Assert.Equal(JoinOutcome.Joined, (await service.RedeemAsync(userB, kept, default)).Outcome);
    }

    [Fact]
    public async Task ACopiedDatabaseWithoutItsKeyFileDoesNotGiveTheCodesAway()
    {
        var database = await NewDatabaseAsync();
        var code = ExtractCode((await database.RunAsync("invites", "create", "--agency", "LPG-01", "--role", "staff")).Output);
        var keyFile = InvitationKey.PathFor(database.Path);

        // The key was made beside the database, owner-only, and the stored hash is not the code's plain SHA-256.
        Assert.True(File.Exists(keyFile));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(keyFile));
        }

        string stored;
        await using (var db = database.NewContext())
        {
            stored = (await db.Invitations.SingleAsync()).CodeHash;
        }

        Assert.NotEqual(InvitationCodes.LegacyHash(code), stored);
        Assert.NotEqual(InvitationKey.Hash(new byte[32], code), stored);

        // Someone with the database file only: trying every code against an unkeyed hash finds nothing.
        var copy = System.IO.Path.Combine(database.Folder, "copied.db");
        File.Copy(database.Path, copy);
        await using (var stolen = OpenAt($"Data Source={copy}"))
        {
            var user = new ChatUser(ChannelKind.Telegram, "10", "10", null, TimeProvider.System.GetUtcNow().UtcDateTime);
            stolen.ChatUsers.Add(user);
            await stolen.SaveChangesAsync();
            Assert.Equal(JoinOutcome.Rejected, (await new InvitationService(stolen, TimeProvider.System).RedeemAsync(user, code, default)).Outcome);
        }
    }

    [Fact]
    public async Task ACodeStoredByAnOlderDgBotStillWorksOnceAndIsThenStoredKeyed()
    {
        var database = await NewDatabaseAsync();
        var code = ExtractCode((await database.RunAsync("invites", "create", "--agency", "LPG-01", "--role", "staff")).Output);
        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlAsync($"UPDATE Invitations SET CodeHash = {InvitationCodes.LegacyHash(code)}");
        }

        await using (var db = database.NewContext())
        {
            var user = new ChatUser(ChannelKind.Telegram, "10", "10", null, TimeProvider.System.GetUtcNow().UtcDateTime);
            db.ChatUsers.Add(user);
            await db.SaveChangesAsync();
            Assert.Equal(JoinOutcome.Joined, (await new InvitationService(db, TimeProvider.System).RedeemAsync(user, code, default)).Outcome);
            await db.SaveChangesAsync();
        }

        await using (var db = database.NewContext())
        {
            var key = InvitationKey.ReadOrCreate(InvitationKey.PathFor(database.Path));
            Assert.Equal(InvitationKey.Hash(key, code), (await db.Invitations.SingleAsync()).CodeHash);
        }
    }

    [Fact]
    public async Task RevokeOfAnUnknownIdFails()
    {
        var database = await NewDatabaseAsync();
        var result = await database.RunAsync("invites", "revoke", "42");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("No invitation with id 42", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("7d", 7 * 24 * 60)]
    [InlineData("12h", 12 * 60)]
    [InlineData("30m", 30)]
    [InlineData(" 2D ", 2 * 24 * 60)]
    [InlineData("365d", 365 * 24 * 60)]
    public void ParsesExpiryDurations(string text, int minutes)
    {
        Assert.True(InviteCommands.TryParseDuration(text, out var duration));
        Assert.Equal(TimeSpan.FromMinutes(minutes), duration);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("7")]
    [InlineData("d")]
    [InlineData("0d")]
    [InlineData("-1d")]
    [InlineData("+1d")]
    [InlineData("1.5h")]
    [InlineData("3w")]
    [InlineData("7 d")]
    [InlineData("366d")]
    public void RejectsBadExpiryDurations(string? text)
    {
        Assert.False(InviteCommands.TryParseDuration(text, out _));
    }

    [Theory]
    [InlineData(2026, 11, 30, 7, 0, "30 พ.ย. 2569 14:00")]
    [InlineData(2026, 12, 31, 17, 30, "1 ม.ค. 2570 00:30")]
    [InlineData(2027, 4, 13, 2, 5, "13 เม.ย. 2570 09:05")]
    public void FormatsExpiryAsBuddhistEraBangkokTime(int year, int month, int day, int hour, int minute, string expected)
    {
        Assert.Equal(expected, InviteDates.Format(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Utc)));
    }

    private async Task<CliTestDatabase> NewDatabaseAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var database = new CliTestDatabase(settings);
        databases.Add(database);
        var import = await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath);
        Assert.Equal(0, import.ExitCode);
        return database;
    }

    private static DgBotDbContext OpenAt(string connectionString)
    {
        var options = new DbContextOptionsBuilder<DgBotDbContext>();
        options.UseDgBotSqlite(connectionString);
        return new DgBotDbContext(options.Options);
    }

    private static string ExtractCode(string output)
    {
        var match = CodeLine().Match(output);
        Assert.True(match.Success, output);
        return match.Groups[1].Value + match.Groups[2].Value;
    }

    private static List<string> DataRows(string output) =>
        output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => l.Length > 0 && char.IsAsciiDigit(l[0]) && l.Contains('…', StringComparison.Ordinal)).ToList();

    private static async Task<List<string>> ReadAllCellsAsync(CliTestDatabase database, string table)
    {
        var cells = new List<string>();
        await using var connection = new SqliteConnection(database.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT * FROM \"{table}\"";
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                cells.Add(reader.IsDBNull(i) ? string.Empty : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture) ?? string.Empty);
            }
        }

        return cells;
    }

    [GeneratedRegex(@"code:\s+([A-Z0-9]{5})-([A-Z0-9]{5})")]
    private static partial Regex CodeLine();
}
