using System.Globalization;
using System.Text.Json;
using DgBot.Bot.Tests.Cli;
using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using DgBot.Core.Outbox;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Tests.Reminders;

/// <summary>`dgbot rounds`, `status`, `broadcast` and `reminders` in-process against a real SQLite file.</summary>
public sealed class RoundCliTests : IDisposable
{
    private readonly CliTestDatabase database = new();

    public void Dispose() => database.Dispose();

    private static string InDays(int days) =>
        DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(days).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private async Task<SurveyRound> SeedAsync()
    {
        Assert.Equal(0, (await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath)).ExitCode);
        var created = await database.RunAsync("rounds", "create", "--name", "2569", "--deadline", InDays(20), "--window", "00:00-24:00");
        Assert.True(created.ExitCode == 0, created.Error);
        await using var db = database.NewContext();
        var round = await db.Rounds.SingleAsync();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var agencies = await db.Agencies.OrderBy(a => a.Code).Take(3).ToListAsync();
        foreach (var (agency, i) in agencies.Select((a, i) => (a, i)))
        {
            var staff = new ChatUser(i == 1 ? ChannelKind.Line : ChannelKind.Telegram, "u" + i, i == 1 ? "U" + i : (1000 + i).ToString(CultureInfo.InvariantCulture), "คนที่ " + i, now);
            staff.Join(agency.Id, UserRole.Staff, now);
            db.ChatUsers.Add(staff);
        }

        var officer = new ChatUser(ChannelKind.Telegram, "officer", "9999", "เจ้าหน้าที่จังหวัด", now);
        officer.Join(agencies[0].Id, UserRole.Officer, now);
        db.ChatUsers.Add(officer);
        var submitted = new Response(agencies[2].Id, round.Id, now);
        submitted.Submit(null, now);
        db.Responses.Add(submitted);
        await db.SaveChangesAsync();
        return round;
    }

    [Fact]
    public async Task CreateStoresTheEndOfTheDeadlineDayInBangkokAndShowsABuddhistEraDate()
    {
        var created = await database.RunAsync("rounds", "create", "--name", "2569", "--deadline", "2569-12-15", "--reminders", "1,7,3");
        Assert.Equal(0, created.ExitCode);
        Assert.Contains("15 ธ.ค. 2569", created.Output, StringComparison.Ordinal);

        await using (var db = database.NewContext())
        {
            var round = await db.Rounds.SingleAsync();
            Assert.Equal(new DateTime(2026, 12, 15, 17, 0, 0, DateTimeKind.Utc), round.DeadlineUtc);
            Assert.Equal("7,3,1", round.ReminderDays);
            Assert.Equal("09:00-16:00", round.SendWindow);
        }

        var list = await database.RunAsync("rounds", "list");
        Assert.Contains("2569", list.Output, StringComparison.Ordinal);
        Assert.Contains("open", list.Output, StringComparison.Ordinal);
        Assert.Contains("8 ธ.ค. 2569 09:00 น.", list.Output, StringComparison.Ordinal);
        Assert.Contains("1 round (1 รอบ)", list.Output, StringComparison.Ordinal);

        var again = await database.RunAsync("rounds", "create", "--name", "2569", "--deadline", "2569-12-15");
        Assert.Equal(1, again.ExitCode);
        Assert.Contains("already exists", again.Error, StringComparison.Ordinal);

        var closed = await database.RunAsync("rounds", "close");
        Assert.Equal(0, closed.ExitCode);
        Assert.Contains("closed", (await database.RunAsync("rounds", "list")).Output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--deadline", "15/12/2026", "--deadline")]
    [InlineData("--reminders", "7,x", "--reminders")]
    [InlineData("--window", "16:00-09:00", "--window")]
    public async Task CreateRefusesBadValuesNamingTheOption(string option, string value, string named)
    {
        var args = new List<string> { "rounds", "create", "--name", "x", "--deadline", "2569-12-15" };
        var at = args.IndexOf(option);
        if (at >= 0)
        {
            args[at + 1] = value;
        }
        else
        {
            args.AddRange([option, value]);
        }

        var run = await database.RunAsync([.. args]);
        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith(named, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusShowsEachAgencyAndTheCompletionSummary()
    {
        await SeedAsync();

        var table = await database.RunAsync("status");
        Assert.Equal(0, table.ExitCode);
        Assert.Contains("1/19 agencies submitted", table.Output, StringComparison.Ordinal);
        Assert.Contains("ยังไม่ส่ง", table.Output, StringComparison.Ordinal);
        Assert.Contains("ส่งแล้ว", table.Output, StringComparison.Ordinal);

        var json = await database.RunAsync("status", "--format", "json", "--province", "ลำปาง");
        using var doc = JsonDocument.Parse(json.Output);
        Assert.Equal(19, doc.RootElement.GetProperty("agencies").GetInt32());
        Assert.Equal(1, doc.RootElement.GetProperty("submitted").GetInt32());
        var first = doc.RootElement.GetProperty("items")[0];
        Assert.Equal("LPG-01", first.GetProperty("code").GetString());
        Assert.Equal(1, first.GetProperty("staffJoined").GetInt32());
        Assert.True(first.GetProperty("total").GetInt32() > 0);

        var none = await database.RunAsync("status", "--province", "เชียงใหม่");
        Assert.Contains("0/0 agencies submitted", none.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BroadcastDryRunListsRecipientsAndChannelsAndWritesNothing()
    {
        await SeedAsync();

        var dry = await database.RunAsync("broadcast", "--to", "incomplete", "--message", "ประกาศทดสอบ", "--dry-run");
        Assert.Equal(0, dry.ExitCode);
        Assert.Contains("Dry run: 2 recipients (Telegram 1, Line 1)", dry.Output, StringComparison.Ordinal);
        Assert.Contains("คนที่ 0", dry.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("คนที่ 2", dry.Output, StringComparison.Ordinal);
        await using (var db = database.NewContext())
        {
            Assert.Equal(0, await db.Outbox.CountAsync());
        }

        var all = await database.RunAsync("broadcast", "--to", "all", "--message", "ประกาศทดสอบ");
        Assert.Equal(0, all.ExitCode);
        Assert.Contains("4 messages written", all.Output, StringComparison.Ordinal);
        await using (var db = database.NewContext())
        {
            var rows = await db.Outbox.ToListAsync();
            Assert.Equal(4, rows.Count);
            Assert.All(rows, r => Assert.Equal(OutboxKind.Broadcast, r.Kind));
            Assert.Single(rows.Select(r => r.Slot).Distinct());
        }
    }

    [Fact]
    public async Task RunNowWritesASlotOnceAndScheduleCountsIt()
    {
        await SeedAsync();

        var first = await database.RunAsync("reminders", "run-now", "--slot", "d3");
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("2 new messages", first.Output, StringComparison.Ordinal);
        var second = await database.RunAsync("reminders", "run-now", "--slot", "d3");
        Assert.Contains("0 new messages", second.Output, StringComparison.Ordinal);

        var digest = await database.RunAsync("reminders", "run-now", "--slot", "digest");
        Assert.Contains("1 new message in the outbox", digest.Output, StringComparison.Ordinal);
        Assert.Contains("of round 2569", digest.Output, StringComparison.Ordinal);

        var schedule = await database.RunAsync("reminders", "schedule");
        Assert.Contains("Pending 2", schedule.Output, StringComparison.Ordinal);
        Assert.StartsWith("Round 2569, deadline ", schedule.Output, StringComparison.Ordinal);

        var bad = await database.RunAsync("reminders", "run-now", "--slot", "d5");
        Assert.Equal(1, bad.ExitCode);
        Assert.Contains("d7, d3, d1", bad.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OnlyOneRoundIsOpenAtATimeAndCloseNamesTheRoundItClosed()
    {
        var first = await database.RunAsync("rounds", "create", "--name", "2569", "--deadline", InDays(40));
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("(สร้างรอบ 2569", first.Output, StringComparison.Ordinal);

        // A second open round is refused, naming the open one and how to close it; nothing is stored.
        var second = await database.RunAsync("rounds", "create", "--name", "2569-extra", "--deadline", InDays(10));
        Assert.Equal(1, second.ExitCode);
        Assert.Contains("Round 2569 ", second.Error, StringComparison.Ordinal);
        Assert.Contains("only one round can be open at a time", second.Error, StringComparison.Ordinal);
        Assert.Contains("dgbot rounds close --name 2569", second.Error, StringComparison.Ordinal);
        Assert.Contains("เปิดได้ครั้งละหนึ่งรอบ", second.Error, StringComparison.Ordinal);
        await using (var db = database.NewContext())
        {
            Assert.Equal(["2569"], await db.Rounds.Select(r => r.Name).ToListAsync());
        }

        var closed = await database.RunAsync("rounds", "close");
        Assert.Equal(0, closed.ExitCode);
        Assert.Contains("Round 2569 closed", closed.Output, StringComparison.Ordinal);
        Assert.Contains("ปิดรอบ 2569 แล้ว", closed.Output, StringComparison.Ordinal);

        // Once it is closed the next round can be created.
        var next = await database.RunAsync("rounds", "create", "--name", "2570", "--deadline", InDays(10));
        Assert.True(next.ExitCode == 0, next.Error);
    }

    [Fact]
    public async Task CloseWithoutANameRefusesToGuessAmongSeveralOpenRoundsOfAnOlderDatabase()
    {
        Assert.Equal(0, (await database.RunAsync("rounds", "create", "--name", "soon", "--deadline", InDays(5))).ExitCode);
        await using (var db = database.NewContext())
        {
            // Before the one-open-round rule a database could get a second open round, created later but due later.
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            db.Rounds.Add(new SurveyRound("later", now.AddDays(60), "1", now.AddMinutes(1)));
            await db.SaveChangesAsync();
        }

        var refused = await database.RunAsync("rounds", "close");
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Several rounds are open (soon, later)", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--name", refused.Error, StringComparison.Ordinal);
        await using (var db = database.NewContext())
        {
            Assert.Equal(0, await db.Rounds.CountAsync(r => r.ClosedUtc != null));
        }

        var named = await database.RunAsync("rounds", "close", "--name", "soon");
        Assert.Equal(0, named.ExitCode);
        Assert.Contains("Round soon closed", named.Output, StringComparison.Ordinal);
    }
}
