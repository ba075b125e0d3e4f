using DgBot.TestDoubles.Processes;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using DgBot.Bot.Cli;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Outbox;
using DgBot.TestDoubles.Telegram;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Tests.Reminders;

/// <summary>
/// A reminder run in a real <c>dgbot serve</c> child process, killed (SIGKILL) while the Telegram double is receiving
/// the N-th of M sends, then started again: every recipient ends with exactly one reminder for the slot.
/// </summary>
public sealed class KillRestartTests
{
    private const int Recipients = 60;
    private const int KillAt = 25;

    [Fact]
    public async Task KilledMidRunAndRestartedEveryRecipientHoldsExactlyOneReminder()
    {
        await using var api = await TelegramBotApiDouble.StartAsync();
        var database = Path.Combine(Path.GetTempPath(), "dgbot-kill-" + Guid.NewGuid().ToString("N") + ".db");
        var chats = await SeedAsync(database);

        // The slot is written by the CLI, as an administrator would; serve only drains.
        var (exit, output) = await CliAsync(database, "reminders", "run-now", "--slot", "d7");
        Assert.True(exit == 0, output);
        Assert.Contains(string.Create(CultureInfo.InvariantCulture, $"{Recipients} new messages"), output, StringComparison.Ordinal);

        DgBotProcess? first = null;
        var sends = 0;
        api.OnCall = call =>
        {
            if (call.Method == "sendMessage" && Interlocked.Increment(ref sends) == KillAt)
            {
                // Killed while the double holds the N-th request: Telegram has it, the bot never hears back.
                first?.Kill();
            }
        };
        first = StartServe(api, database);
        await WaitAsync(() => first.HasExited, TimeSpan.FromSeconds(60), () => "the first process was not killed:\n" + first.Output);
        Assert.Equal(KillAt, api.CallsOf("sendMessage").Count);
        api.OnCall = null;

        using var second = StartServe(api, database);
        try
        {
            await WaitAsync(() => chats.All(c => api.Messages(c).Count > 0), TimeSpan.FromSeconds(60), () => "not every chat got its reminder:\n" + second.Output);
            await WaitAsync(() => OutboxSettled(database), TimeSpan.FromSeconds(30), () => "the outbox did not settle:\n" + second.Output);

            // Give a duplicate every chance to show up.
            await Task.Delay(TimeSpan.FromSeconds(1.5));
        }
        finally
        {
            second.Kill();
        }

        foreach (var chat in chats)
        {
            var message = Assert.Single(api.Messages(chat));
            Assert.Contains("ตอบแล้ว", message.Text, StringComparison.Ordinal);
        }

        Assert.Equal(Recipients, api.CallsOf("sendMessage").Count(c => c.Status == 200));
        await using var db = Open(database);
        var statuses = await db.Outbox.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
        Assert.Equal(Recipients, statuses.GetValueOrDefault(OutboxStatus.Sent) + statuses.GetValueOrDefault(OutboxStatus.Uncertain));
        Assert.InRange(statuses.GetValueOrDefault(OutboxStatus.Uncertain), 0, 1);
        api.AssertNoViolations();
        await db.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(database + suffix);
        }
    }

    private static bool OutboxSettled(string database)
    {
        using var db = Open(database);
        return !db.Outbox.Any(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Attempting);
    }

    private static DgBotDbContext Open(string database)
    {
        var builder = new DbContextOptionsBuilder<DgBotDbContext>();
        builder.UseDgBotSqlite("Data Source=" + database + ";Pooling=False");
        return new DgBotDbContext(builder.Options);
    }

    /// <summary>Agencies, Telegram staff and a round (all-day window, deadline 30 days out); returns the chat ids.</summary>
    private static async Task<List<long>> SeedAsync(string database)
    {
        var (exit, output) = await CliAsync(database, "rounds", "create", "--name", "kill-test", "--deadline",
            DateOnly.FromDateTime(TimeProvider.System.GetUtcNow().UtcDateTime).AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            "--reminders", "7", "--window", "00:00-24:00");
        Assert.True(exit == 0, output);
        await using var db = Open(database);
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var chats = new List<long>();
        for (var a = 0; a < 6; a++)
        {
            var agency = new Agency($"K{a:D2}", $"หน่วยงานทดสอบ {a}", "ลำปาง", "กรม", now);
            db.Agencies.Add(agency);
            await db.SaveChangesAsync();
            for (var p = 0; p < Recipients / 6; p++)
            {
                var chat = 500_000 + (a * 100) + p;
                var user = new ChatUser(ChannelKind.Telegram, chat.ToString(CultureInfo.InvariantCulture), chat.ToString(CultureInfo.InvariantCulture), "ผู้ตอบ", now);
                user.Join(agency.Id, UserRole.Staff, now);
                db.ChatUsers.Add(user);
                chats.Add(chat);
            }
        }

        await db.SaveChangesAsync();
        return chats;
    }

    private static async Task<(int Exit, string Output)> CliAsync(string database, params string[] args)
    {
        CliHost.Overrides = new Dictionary<string, string?> { ["ConnectionStrings:DgBot"] = "Data Source=" + database };
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        var exit = await DgBotCli.Build().Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = output });
        return (exit, output.ToString());
    }

    private static async Task WaitAsync(Func<bool> condition, TimeSpan timeout, Func<string> what)
    {
        var clock = Stopwatch.StartNew();
        while (!condition())
        {
            if (clock.Elapsed > timeout)
            {
                Assert.Fail(what());
            }

            await Task.Delay(50);
        }
    }

    /// <summary><c>dgbot serve</c> against the Telegram double, draining reminders quickly.</summary>
    private static DgBotProcess StartServe(TelegramBotApiDouble api, string database) =>
        DgBotProcess.Start(["serve"], new Dictionary<string, string?>
        {
            ["ConnectionStrings:DgBot"] = "Data Source=" + database,
            ["Telegram:Token"] = api.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["Telegram:PollingTimeoutSeconds"] = "1",
            ["Telegram:GlobalRatePerSecond"] = "1000",
            ["Telegram:BroadcastRatePerSecond"] = "40",
            ["Reminders:PollInterval"] = "00:00:00.100",
        });
}
