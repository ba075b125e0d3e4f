using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Tests.Conversation;

/// <summary>
/// The turn store (one SaveChanges in one transaction per turn) under concurrent turns: nothing lost, nothing doubled,
/// a failing turn alone rolled back, a turn that asks for it rolled back entirely, no stale author after an erasure,
/// changes made outside the engine (or by another process) seen at once.
/// </summary>
public sealed class TurnStoreTests
{
    [Fact]
    public async Task ATurnWhoseSaveFailsIsRolledBackAloneAndTheOthersAreStored()
    {
        await using var h = await EngineHarness.CreateAsync();
        await using (var seed = h.NewDb())
        {
            seed.ProcessedEvents.Add(new ProcessedEvent("telegram:taken", h.Time.GetUtcNow().UtcDateTime));
            await seed.SaveChangesAsync();
        }

        var contexts = Enumerable.Range(0, 5).Select(_ => h.NewDb()).ToList();
        try
        {
            var now = h.Time.GetUtcNow().UtcDateTime;
            Task[] turns;
            using (await h.Locks.AcquireDatabaseAsync(CancellationToken.None))
            {
                // While the database is held (as by another turn) the turns queue up behind it, none begun.
                turns = contexts.Select((db, i) => new EfTurnStore(db, h.Locks).RunAsync(
                    _ =>
                    {
                        // The third turn repeats an event key that is already stored: its save violates the primary key.
                        db.ProcessedEvents.Add(new ProcessedEvent(i == 2 ? "telegram:taken" : "telegram:e" + i, now));
                        db.JoinFailures.Add(new JoinFailure(ChannelKind.Telegram, "u" + i, now));
                        return Task.FromResult(new TurnOutcome<int>(i, Commit: true));
                    },
                    CancellationToken.None)).ToArray();
                await Task.Delay(100);
                Assert.All(turns, t => Assert.False(t.IsCompleted));
            }

            await Assert.ThrowsAsync<DbUpdateException>(() => turns[2]);
            await Task.WhenAll(turns.Where((_, i) => i != 2));

            await using var check = h.NewDb();
            Assert.Equal(
                ["telegram:e0", "telegram:e1", "telegram:e3", "telegram:e4", "telegram:taken"],
                await check.ProcessedEvents.OrderBy(e => e.Key).Select(e => e.Key).ToListAsync());
            Assert.Equal(["u0", "u1", "u3", "u4"], await check.JoinFailures.OrderBy(f => f.PlatformUserId).Select(f => f.PlatformUserId).ToListAsync());

            // Each context is out of its transaction and usable for the next turn.
            Assert.All(contexts, c => Assert.Null(c.Database.CurrentTransaction));
            Assert.Equal(5, await contexts[0].ProcessedEvents.CountAsync());
        }
        finally
        {
            foreach (var context in contexts)
            {
                await context.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task ATurnThatDoesNotCommitLeavesNothingEvenWhatItSavedOnTheWay()
    {
        await using var h = await EngineHarness.CreateAsync();
        await using var db = h.NewDb();
        var now = h.Time.GetUtcNow().UtcDateTime;
        var result = await new EfTurnStore(db, h.Locks).RunAsync(
            async ct =>
            {
                db.ProcessedEvents.Add(new ProcessedEvent("telegram:saved-midway", now));
                await db.SaveChangesAsync(ct);
                db.ProcessedEvents.Add(new ProcessedEvent("telegram:tracked", now));
                return new TurnOutcome<string>("replayed", Commit: false);
            },
            CancellationToken.None);

        Assert.Equal("replayed", result);
        Assert.Null(db.Database.CurrentTransaction);
        await using var check = h.NewDb();
        Assert.Empty(await check.ProcessedEvents.ToListAsync());
    }

    [Fact]
    public async Task ManyStaffOfSeveralAgenciesAnsweringAtOnceLoseNothing()
    {
        await using var h = await EngineHarness.CreateAsync();
        var questionnaire = h.Catalog.Current;
        var people = new List<(Person Person, Agency Agency)>();
        for (var a = 1; a <= 4; a++)
        {
            var agency = await h.AddAgencyAsync("LPG-0" + a, "หน่วยงานทดสอบ " + a);
            for (var s = 1; s <= 3; s++)
            {
                people.Add((await h.StaffAsync(agency, $"a{a}s{s}", $"เจ้าหน้าที่ {a}-{s}"), agency));
            }
        }

        var accepted = new int[people.Count];
        await Task.WhenAll(people.Select((p, i) => Task.Run(async () =>
        {
            await p.Person.SendAsync("ทำแบบสำรวจ");
            for (var turn = 0; turn < 15 && SurveyWalker.QuestionOf(p.Person.LastPrompt, questionnaire) is not null; turn++)
            {
                var result = await SurveyWalker.AnswerShownQuestionAsync(p.Person, questionnaire);
                Assert.NotEqual(ButtonOutcome.Stale, result.Button);
                accepted[i]++;
            }
        })));

        Assert.All(accepted, a => Assert.True(a > 0));
        await AssertEveryAnswerAuditedAsync(h, people.Select(p => p.Agency.Id).Distinct());

        // The people resume where the stored answers say, in a new process over the same file.
        await using var restarted = await EngineHarness.CreateAsync(h.DatabasePath);
        var progress = await restarted.Person("a1s1").SendAsync("ความคืบหน้า");
        Assert.Contains("ตอบแล้ว ", progress.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("ตอบแล้ว 0/", progress.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaffOfOneAgencyAnsweringThroughTwoProcessesOnOneDatabaseLoseNothing()
    {
        await using var first = await EngineHarness.CreateAsync();
        var agency = await first.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");

        // A second harness over the same file has its own container, locks and memory: another process.
        await using var second = await EngineHarness.CreateAsync(first.DatabasePath, first.Time.GetUtcNow());
        var people = new List<Person>();
        for (var s = 1; s <= 4; s++)
        {
            var code = await first.InviteAsync(agency);
            var person = (s % 2 == 0 ? second : first).Person("p" + s, "เจ้าหน้าที่ " + s);
            await person.SendAsync("/start " + code);
            people.Add(person);
        }

        var questionnaire = first.Catalog.Current;
        await Task.WhenAll(people.Select(p => Task.Run(async () =>
        {
            await p.SendAsync("ทำแบบสำรวจ");
            for (var turn = 0; turn < 12 && SurveyWalker.QuestionOf(p.LastPrompt, questionnaire) is not null; turn++)
            {
                var result = await SurveyWalker.AnswerShownQuestionAsync(p, questionnaire);
                Assert.NotEqual(ButtonOutcome.Stale, result.Button);
            }
        })));

        await AssertEveryAnswerAuditedAsync(first, [agency.Id]);
        await using var db = first.NewDb();
        Assert.Equal(1, await db.Responses.CountAsync(r => r.AgencyId == agency.Id));
    }

    [Fact]
    public async Task AnEventDeliveredToTwoProcessesAtOnceIsAppliedOnce()
    {
        await using var first = await EngineHarness.CreateAsync();
        var (_, here) = await SomchaiAnsweredTheFirstQuestionAsync(first);
        var payload = here.LastPrompt!.Choices[0].Payload;

        // The same platform event reaches a second process on the same database at the same moment.
        await using var second = await EngineHarness.CreateAsync(first.DatabasePath, first.Time.GetUtcNow());
        var there = second.Person(here.UserId, "สมชาย");
        var results = await Task.WhenAll(
            Task.Run(() => here.PressPayloadAsync(payload, "update-77")),
            Task.Run(() => there.PressPayloadAsync(payload, "update-77")));

        Assert.Single(results, r => r.Button == ButtonOutcome.Accepted);
        await using var db = first.NewDb();
        Assert.Equal(1, await db.ProcessedEvents.CountAsync(e => e.Key == "telegram:update-77"));
        Assert.Equal(2, await db.AnswerAudits.CountAsync());
    }

    [Fact]
    public async Task AColleagueNeverSeesTheNameOfSomeoneWhoErasedTheirData()
    {
        await using var h = await EngineHarness.CreateAsync();
        var (agency, somchai) = await SomchaiAnsweredTheFirstQuestionAsync(h);
        var malee = await h.StaffAsync(agency, "u2", "มาลี");

        // Malee's turn reads the agency's answers as Somchai's turn left them.
        var first = await malee.SendAsync("แก้ข้อ 1");
        Assert.Contains("ตอบโดย สมชาย", first.Prompt().Text, StringComparison.Ordinal);

        await somchai.SendAsync("/forget");
        await somchai.PressAsync("ยืนยัน");

        var after = await malee.SendAsync("แก้ข้อ 1");
        Assert.Contains("ตอบโดย ผู้ตอบที่ลบข้อมูลแล้ว", after.Prompt().Text, StringComparison.Ordinal);
        Assert.DoesNotContain("สมชาย", after.Prompt().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerChangedOutsideTheEngineIsSeenAtOnce()
    {
        await using var h = await EngineHarness.CreateAsync();
        var (_, somchai) = await SomchaiAnsweredTheFirstQuestionAsync(h);

        await using (var db = h.NewDb())
        {
            await db.Answers.ExecuteUpdateAsync(s => s.SetProperty(a => a.Value, "o:drafting"));
        }

        var shown = await somchai.SendAsync("แก้ข้อ 1");
        Assert.Contains("คำตอบปัจจุบัน: อยู่ระหว่างจัดทำ", shown.Prompt().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARoundClosedFromTheCommandLineIsSeenAtOnce()
    {
        await using var h = await EngineHarness.CreateAsync();
        var (_, somchai) = await SomchaiAnsweredTheFirstQuestionAsync(h);

        await using (var db = h.NewDb())
        {
            var now = h.Time.GetUtcNow().UtcDateTime;
            await db.Rounds.ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosedUtc, now));
        }

        var refused = await somchai.PressAsync("ครบทุกงานบริการ");
        Assert.Contains("ปิดรับแล้ว", refused.Text(), StringComparison.Ordinal);
        await using var check = h.NewDb();
        Assert.Equal("o:none", (await check.Answers.SingleAsync()).Value);
    }

    [Fact]
    public async Task TheStoreSurvivesADatabaseItCannotOpen()
    {
        await using var h = await EngineHarness.CreateAsync();
        var folder = h.DatabasePath + "-unopenable";
        var options = new DbContextOptionsBuilder<DgBotDbContext>();
        options.UseDgBotSqlite("Data Source=" + Path.Combine(folder, "missing.db") + ";Mode=ReadOnly;Pooling=False");
        using var cleanup = new FolderCleanup(folder);
        await using var broken = new DgBotDbContext(options.Options);
        await Assert.ThrowsAnyAsync<SqliteException>(() => StoreEventAsync(h, broken, "telegram:x"));

        // The next turn on the real database still commits (the failed one released the database gate).
        await using var db = h.NewDb();
        await StoreEventAsync(h, db, "telegram:y");
        await using var check = h.NewDb();
        Assert.True(await check.ProcessedEvents.AnyAsync(e => e.Key == "telegram:y"));
    }

    /// <summary>One turn through the default store that records a processed event.</summary>
    private static Task<bool> StoreEventAsync(EngineHarness h, DgBotDbContext db, string key) =>
        new EfTurnStore(db, h.Locks).RunAsync(
            _ =>
            {
                db.ProcessedEvents.Add(new ProcessedEvent(key, h.Time.GetUtcNow().UtcDateTime));
                return Task.FromResult(new TurnOutcome<bool>(true, Commit: true));
            },
            CancellationToken.None);

    /// <summary>Somchai of สำนักงานจังหวัดลำปาง has answered the first question ("ไม่มี").</summary>
    private static async Task<(Agency Agency, Person Somchai)> SomchaiAnsweredTheFirstQuestionAsync(EngineHarness h)
    {
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var somchai = await h.StaffAsync(agency, "u1", "สมชาย");
        await somchai.SendAsync("ทำแบบสำรวจ");
        await somchai.PressAsync("ไม่มี");
        return (agency, somchai);
    }

    /// <summary>Every stored answer has its audit trail ending in the stored value; every audited question is answered.</summary>
    private static async Task AssertEveryAnswerAuditedAsync(EngineHarness h, IEnumerable<int> agencyIds)
    {
        await using var db = h.NewDb();
        foreach (var agencyId in agencyIds)
        {
            var response = await db.Responses.Include(r => r.Answers).SingleAsync(r => r.AgencyId == agencyId);
            var audits = await db.AnswerAudits.Where(a => a.ResponseId == response.Id).ToListAsync();
            Assert.NotEmpty(response.Answers);
            Assert.Equal(audits.Select(a => a.QuestionId).ToHashSet(), response.Answers.Select(a => a.QuestionId).ToHashSet());
            foreach (var answer in response.Answers)
            {
                var last = audits.Where(a => a.QuestionId == answer.QuestionId).OrderBy(a => a.Id).Last();
                Assert.Equal(answer.Value, last.NewValue);
            }
        }
    }

    private sealed class FolderCleanup(string folder) : IDisposable
    {
        public void Dispose()
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }
}
