using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Tests.Cli;

/// <summary>`dgbot audit list` and the views the command line itself logs, against a real SQLite file.</summary>
public sealed class AuditCliTests : IDisposable
{
    private readonly CliTestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task ListsViewsWithBuddhistEraBangkokTimesFilteredByAgencyAndDay()
    {
        Assert.Equal(0, (await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath)).ExitCode);
        await using (var db = database.NewContext())
        {
            var agencies = await db.Agencies.OrderBy(a => a.Code).Take(2).ToListAsync();
            var person = new ChatUser(ChannelKind.Telegram, "u1", "1", "สมชาย", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
            person.Join(agencies[0].Id, UserRole.Staff, person.CreatedUtc);
            db.ChatUsers.Add(person);
            await db.SaveChangesAsync();
            db.AccessLog.Add(new AccessLogEntry(new DateTime(2026, 11, 30, 18, 30, 0, DateTimeKind.Utc), person.Id, null, AccessRole.Staff, "telegram", ResultsScope.Agency, ResultsViewKind.Scores, agencies[0], null, "2569"));
            db.AccessLog.Add(new AccessLogEntry(new DateTime(2026, 12, 2, 3, 0, 0, DateTimeKind.Utc), 999, null, AccessRole.Staff, "line", ResultsScope.Agency, ResultsViewKind.ImproveFirst, agencies[1], null, "2569"));
            await db.SaveChangesAsync();
        }

        var all = await database.RunAsync("audit", "list");
        Assert.True(all.ExitCode == 0, all.Error);
        Assert.Contains("1 ธ.ค. 2569 01:30 น.", all.Output, StringComparison.Ordinal);
        Assert.Contains("สมชาย", all.Output, StringComparison.Ordinal);
        Assert.Contains("#999 (erased)", all.Output, StringComparison.Ordinal);
        Assert.Contains("2 views", all.Output, StringComparison.Ordinal);

        var since = await database.RunAsync("audit", "list", "--since", "2569-12-02");
        Assert.Contains("1 views", since.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("สมชาย", since.Output, StringComparison.Ordinal);

        await using (var db = database.NewContext())
        {
            var code = (await db.Agencies.OrderBy(a => a.Code).FirstAsync()).Code;
            var one = await database.RunAsync("audit", "list", "--agency", code);
            Assert.Contains("1 views", one.Output, StringComparison.Ordinal);
            Assert.Contains("สมชาย", one.Output, StringComparison.Ordinal);
        }

        var bad = await database.RunAsync("audit", "list", "--since", "1/12/2026");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("--since", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusIsLoggedAsAnOperatorsViewOfTheProvince()
    {
        Assert.Equal(0, (await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath)).ExitCode);
        Assert.Equal(0, (await database.RunAsync("rounds", "create", "--name", "2569", "--deadline", "2099-12-15")).ExitCode);

        Assert.Equal(0, (await database.RunAsync("status", "--province", "ลำปาง")).ExitCode);

        await using var db = database.NewContext();
        var row = await db.AccessLog.SingleAsync();
        Assert.Equal((AccessRole.Operator, "cli", ResultsScope.Province, ResultsViewKind.Status, "ลำปาง", "2569"), (row.Role, row.Channel, row.Scope, row.Kind, row.Province, row.RoundName));
        Assert.False(string.IsNullOrEmpty(row.OperatorName));
        Assert.Contains("status", (await database.RunAsync("audit", "list")).Output, StringComparison.OrdinalIgnoreCase);
    }
}
