using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using DgBot.Core.Privacy;
using DgBot.Core.Data;
using DgBot.Core.Tests.Conversation;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DgBot.Core.Tests.Privacy;

/// <summary>Personal data is erased RetentionDays after the respondent's round closes; a restored backup gets the erasures again.</summary>
public sealed class RetentionTests
{
    private static async Task<int> EraseDueAsync(EngineHarness h)
    {
        await using var scope = h.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionEraser>().EraseDueAsync(CancellationToken.None);
    }

    [Fact]
    public async Task ARespondentIsErasedRetentionDaysAfterTheirRoundClosesAndTheAnswersStay()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1", "สมชาย");
        await p.SendAsync("ทำแบบสำรวจ");
        await p.PressAsync("ไม่มี");
        DateTime deadline;
        await using (var db = h.NewDb())
        {
            deadline = (await db.Rounds.SingleAsync()).DeadlineUtc;
        }

        // While the round is open, and until RetentionDays after its deadline, nothing is erased.
        Assert.Equal(0, await EraseDueAsync(h));
        h.Time.SetUtcNow(deadline.AddDays(h.Options.Privacy.RetentionDays).AddMinutes(-1));
        Assert.Equal(0, await EraseDueAsync(h));

        h.Time.SetUtcNow(deadline.AddDays(h.Options.Privacy.RetentionDays).AddMinutes(1));
        Assert.Equal(1, await EraseDueAsync(h));

        await using var check = h.NewDb();
        Assert.Empty(await check.ChatUsers.ToListAsync());
        var answer = await check.Answers.SingleAsync();
        Assert.Null(answer.AnsweredByUserId);
        Assert.Equal("o:none", answer.Value);
        Assert.Single(ErasureJournal.Read(ErasureJournal.PathFor(h.DatabasePath)));
        File.Delete(ErasureJournal.PathFor(h.DatabasePath));
    }

    [Fact]
    public async Task RestoringAnOlderCopyAppliesTheErasuresMadeSinceAndLeavesAReusedRowIdAlone()
    {
        await using var h = await EngineHarness.CreateAsync();
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        await h.StaffAsync(agency, "u1", "สมชาย");
        var backup = h.DatabasePath + ".backup";
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Copy(h.DatabasePath, backup);
        try
        {
            var forget = h.Person("u1");
            await forget.SendAsync("/forget");
            await forget.PressAsync("ยืนยัน");
            await using (var db = h.NewDb())
            {
                Assert.Empty(await db.ChatUsers.ToListAsync());
            }

            // The older copy still holds the person; re-applying the journal erases them there too.
            var builder = new DbContextOptionsBuilder<DgBot.Core.Data.DgBotDbContext>();
            builder.UseDgBotSqlite("Data Source=" + backup + ";Pooling=False");
            var options = builder.Options;
            await using (var restored = new DgBot.Core.Data.DgBotDbContext(options))
            {
                Assert.Single(await restored.ChatUsers.ToListAsync());
                Assert.Equal(1, await ErasureJournal.ReapplyAsync(restored, ErasureJournal.PathFor(h.DatabasePath), CancellationToken.None));
                Assert.Empty(await restored.ChatUsers.ToListAsync());
            }

            // A newcomer who got the same row id later is not touched by the journal.
            await h.StaffAsync(agency, "u2", "สมหญิง");
            await using (var db = h.NewDb())
            {
                Assert.Equal(0, await ErasureJournal.ReapplyAsync(db, ErasureJournal.PathFor(h.DatabasePath), CancellationToken.None));
                Assert.Single(await db.ChatUsers.ToListAsync());
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(backup);
            File.Delete(ErasureJournal.PathFor(h.DatabasePath));
        }
    }
}
