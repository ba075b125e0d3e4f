using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Tests.Conversation;

/// <summary>
/// Turns of different agencies prepared in parallel and committed together (TurnCommitter), and the answers kept
/// between an agency's turns (SurveyCache): nothing lost, nothing doubled, a failing turn alone rolled back, and no
/// stale author after an erasure.
/// </summary>
public sealed class GroupCommitTests
{
    [Fact]
    public async Task TurnsWaitingTogetherAreCommittedInOneTransactionAndAFailingOneIsRolledBackAlone()
    {
        await using var h = await EngineHarness.CreateAsync();
        await using (var seed = h.NewDb())
        {
            seed.ProcessedEvents.Add(new ProcessedEvent("telegram:taken", h.Time.GetUtcNow().UtcDateTime));
            await seed.SaveChangesAsync();
        }

        var before = h.Committer.Statistics;
        var contexts = Enumerable.Range(0, 5).Select(_ => h.NewDb()).ToList();
        try
        {
            var now = h.Time.GetUtcNow().UtcDateTime;
            for (var i = 0; i < contexts.Count; i++)
            {
                // The third turn repeats an event key that is already stored: its save violates the primary key.
                contexts[i].ProcessedEvents.Add(new ProcessedEvent(i == 2 ? "telegram:taken" : "telegram:e" + i, now));
                contexts[i].JoinFailures.Add(new JoinFailure(ChannelKind.Telegram, "u" + i, now));
            }

            Task[] commits;
            using (await h.Locks.AcquireDatabaseAsync(CancellationToken.None))
            {
                // While the database is held (as by a turn with its own transaction) the turns queue up behind it.
                commits = contexts.Select(h.Committer.CommitAsync).ToArray();
                await Task.Delay(100);
                Assert.All(commits, c => Assert.False(c.IsCompleted));
            }

            await Assert.ThrowsAsync<DbUpdateException>(() => commits[2]);
            await Task.WhenAll(commits.Where((_, i) => i != 2));

            var after = h.Committer.Statistics;
            Assert.Equal(5, after.Turns - before.Turns);
            Assert.Equal(1, after.Failed - before.Failed);
            Assert.True(after.Batches - before.Batches <= 2, "five waiting turns need at most two commits");
            Assert.True(after.LargestBatch >= 4, "the turns queued behind the held database form one batch");

            await using var db = h.NewDb();
            Assert.Equal(
                ["telegram:e0", "telegram:e1", "telegram:e3", "telegram:e4", "telegram:taken"],
                await db.ProcessedEvents.OrderBy(e => e.Key).Select(e => e.Key).ToListAsync());
            Assert.Equal(["u0", "u1", "u3", "u4"], await db.JoinFailures.OrderBy(f => f.PlatformUserId).Select(f => f.PlatformUserId).ToListAsync());

            // Each context is back on a connection of its own and usable for the next turn.
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

        var before = h.Committer.Statistics;
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

        var statistics = h.Committer.Statistics;
        Assert.Equal(0, statistics.Failed - before.Failed);
        Assert.True(statistics.Turns - before.Turns >= accepted.Sum(), "every answering turn went through the committer");

        await using var db = h.NewDb();
        foreach (var group in people.GroupBy(p => p.Agency.Id))
        {
            var response = await db.Responses.Include(r => r.Answers).SingleAsync(r => r.AgencyId == group.Key);
            var audits = await db.AnswerAudits.Where(a => a.ResponseId == response.Id).ToListAsync();

            // Every stored answer has its audit trail ending in the stored value; every audited question is answered.
            Assert.NotEmpty(response.Answers);
            Assert.Equal(audits.Select(a => a.QuestionId).ToHashSet(), response.Answers.Select(a => a.QuestionId).ToHashSet());
            foreach (var answer in response.Answers)
            {
                var last = audits.Where(a => a.QuestionId == answer.QuestionId).OrderBy(a => a.Id).Last();
                Assert.Equal(answer.Value, last.NewValue);
            }
        }

        // The people resume where the stored answers say, in a new process over the same file.
        await using var restarted = await EngineHarness.CreateAsync(h.DatabasePath);
        var progress = await restarted.Person("a1s1").SendAsync("ความคืบหน้า");
        Assert.Contains("ตอบแล้ว ", progress.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("ตอบแล้ว 0/", progress.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AColleagueNeverSeesTheNameOfSomeoneWhoErasedTheirData()
    {
        await using var h = await EngineHarness.CreateAsync();
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var somchai = await h.StaffAsync(agency, "u1", "สมชาย");
        var malee = await h.StaffAsync(agency, "u2", "มาลี");
        await somchai.SendAsync("ทำแบบสำรวจ");
        await somchai.PressAsync("ไม่มี");

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
    public async Task AnAnswerChangedOutsideTheEngineIsSeenOnceTheKeptCopyIsOld()
    {
        await using var h = await EngineHarness.CreateAsync();
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var somchai = await h.StaffAsync(agency, "u1", "สมชาย");
        await somchai.SendAsync("ทำแบบสำรวจ");
        await somchai.PressAsync("ไม่มี");

        await using (var db = h.NewDb())
        {
            await db.Answers.ExecuteUpdateAsync(s => s.SetProperty(a => a.Value, "o:drafting"));
        }

        h.Time.Advance(SurveyCache.Lifetime + TimeSpan.FromSeconds(1));
        var shown = await somchai.SendAsync("แก้ข้อ 1");
        Assert.Contains("คำตอบปัจจุบัน: อยู่ระหว่างจัดทำ", shown.Prompt().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARoundClosedFromTheCommandLineIsSeenOnceTheKeptCopyIsOld()
    {
        await using var h = await EngineHarness.CreateAsync();
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var somchai = await h.StaffAsync(agency, "u1", "สมชาย");
        await somchai.SendAsync("ทำแบบสำรวจ");
        await somchai.PressAsync("ไม่มี");

        await using (var db = h.NewDb())
        {
            var now = h.Time.GetUtcNow().UtcDateTime;
            await db.Rounds.ExecuteUpdateAsync(s => s.SetProperty(r => r.ClosedUtc, now));
        }

        h.Time.Advance(SurveyCache.Lifetime + TimeSpan.FromSeconds(1));
        var refused = await somchai.PressAsync("ครบทุกงานบริการ");
        Assert.Contains("ปิดรับแล้ว", refused.Text(), StringComparison.Ordinal);
        await using var check = h.NewDb();
        Assert.Equal("o:none", (await check.Answers.SingleAsync()).Value);
    }

    [Fact]
    public async Task TheCommitterSurvivesADatabaseItCannotOpen()
    {
        await using var h = await EngineHarness.CreateAsync();
        var folder = h.DatabasePath + "-unopenable";
        var options = new DbContextOptionsBuilder<DgBotDbContext>();
        options.UseDgBotSqlite("Data Source=" + Path.Combine(folder, "missing.db") + ";Mode=ReadOnly;Pooling=False");
        using var cleanup = new FolderCleanup(folder);
        await using var broken = new DgBotDbContext(options.Options);
        broken.ProcessedEvents.Add(new ProcessedEvent("telegram:x", h.Time.GetUtcNow().UtcDateTime));
        await Assert.ThrowsAnyAsync<SqliteException>(() => h.Committer.CommitAsync(broken));

        // The next turn on the real database still commits.
        await using var db = h.NewDb();
        db.ProcessedEvents.Add(new ProcessedEvent("telegram:y", h.Time.GetUtcNow().UtcDateTime));
        await h.Committer.CommitAsync(db);
        await using var check = h.NewDb();
        Assert.True(await check.ProcessedEvents.AnyAsync(e => e.Key == "telegram:y"));
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
