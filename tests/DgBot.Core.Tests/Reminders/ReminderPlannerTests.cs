using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using DgBot.Core.Outbox;
using DgBot.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using static DgBot.Core.Tests.Reminders.ReminderWorld;

namespace DgBot.Core.Tests.Reminders;

public sealed class ReminderPlannerTests
{
    [Fact]
    public async Task RemindsEveryReachableStaffMemberOfAgenciesThatHaveNotSubmitted()
    {
        await using var world = await CreateAsync();
        var open = await world.AgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var done = await world.AgencyAsync("LPG-02", "สำนักงานสาธารณสุขจังหวัดลำปาง");
        await world.AnswerAsync(open, 5);
        await world.AnswerAsync(done, 3, submit: true);
        var a = await world.PersonAsync(open, "101");
        var b = await world.PersonAsync(open, "U102", channel: ChannelKind.Line);
        await world.PersonAsync(open, "103", unreachable: true);
        await world.PersonAsync(done, "201");
        await world.PersonAsync(open, "301", UserRole.Officer);

        world.Time.SetUtcNow(Bangkok(2026, 12, 12, 9, 30));
        var slot = ReminderSchedule.Due(world.Round, world.Now).Single();
        await using var db = world.NewDb();
        var added = await world.Planner(db).EnqueueAsync(world.Round, slot, CancellationToken.None);

        Assert.Equal(2, added);
        var rows = await db.Outbox.AsNoTracking().OrderBy(m => m.RecipientUserId).ToListAsync();
        Assert.Equal([a.Id, b.Id], rows.Select(r => r.RecipientUserId));
        Assert.All(rows, r =>
        {
            Assert.Equal("d3", r.Slot);
            Assert.Equal(OutboxStatus.Pending, r.Status);
            Assert.True(r.ResumeButton);
            Assert.Equal("09:00-16:00", r.SendWindow);
            Assert.Contains("3 วัน", r.Text, StringComparison.Ordinal);
            Assert.Contains("15 ธ.ค. 2569", r.Text, StringComparison.Ordinal);
            Assert.Contains("สำนักงานจังหวัดลำปาง", r.Text, StringComparison.Ordinal);
            Assert.Matches(@"ตอบแล้ว 5/\d+ ข้อ", r.Text);
        });
        Assert.Equal([ChannelKind.Telegram, ChannelKind.Line], rows.Select(r => r.Channel));
    }

    [Fact]
    public async Task EnqueueingTheSameSlotAgainAddsNothing()
    {
        await using var world = await CreateAsync();
        var agency = await world.AgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        await world.PersonAsync(agency, "101");
        await world.PersonAsync(agency, "102");
        world.Time.SetUtcNow(Bangkok(2026, 12, 8, 10));
        var slot = ReminderSchedule.Due(world.Round, world.Now).Single();

        await using (var db = world.NewDb())
        {
            Assert.Equal(2, await world.Planner(db).EnqueueAsync(world.Round, slot, CancellationToken.None));
        }

        await world.PersonAsync(agency, "103");
        await using (var db = world.NewDb())
        {
            Assert.Equal(1, await world.Planner(db).EnqueueAsync(world.Round, slot, CancellationToken.None));
            Assert.Equal(0, await world.Planner(db).EnqueueAsync(world.Round, slot, CancellationToken.None));
            Assert.Equal(3, await db.Outbox.CountAsync());
        }
    }

    [Fact]
    public async Task TheOutboxRefusesASecondRowForTheSameRoundSlotAndRecipient()
    {
        await using var world = await CreateAsync();
        var agency = await world.AgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var person = await world.PersonAsync(agency, "101");
        await using var db = world.NewDb();
        db.Outbox.Add(new OutboxMessage(world.Round.Id, "d7", OutboxKind.Reminder, person.Id, ChannelKind.Telegram, "101", "a", true, null, world.Now));
        await db.SaveChangesAsync();
        db.Outbox.Add(new OutboxMessage(world.Round.Id, "d7", OutboxKind.Reminder, person.Id, ChannelKind.Telegram, "101", "b", true, null, world.Now));
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task ConcurrentEnqueuersWriteOneMessagePerRecipient()
    {
        await using var world = await CreateAsync();
        var agency = await world.AgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        for (var i = 0; i < 30; i++)
        {
            await world.PersonAsync(agency, "p" + i);
        }

        world.Time.SetUtcNow(Bangkok(2026, 12, 8, 10));
        var slot = ReminderSchedule.Due(world.Round, world.Now).Single();
        var runs = Enumerable.Range(0, 4).Select(async _ =>
        {
            await using var db = world.NewDb();
            return await world.Planner(db).EnqueueAsync(world.Round, slot, CancellationToken.None);
        });
        var added = await Task.WhenAll(runs);

        await using var check = world.NewDb();
        Assert.Equal(30, await check.Outbox.CountAsync());
        Assert.Equal(30, added.Sum());
    }

    [Fact]
    public async Task OfficersGetTheirProvincesAgenciesThatHaveNotSubmitted()
    {
        await using var world = await CreateAsync();
        var office = await world.AgencyAsync("LPG-00", "สำนักงานจังหวัดลำปาง");
        var health = await world.AgencyAsync("LPG-02", "สำนักงานสาธารณสุขจังหวัดลำปาง");
        var land = await world.AgencyAsync("LPG-03", "สำนักงานที่ดินจังหวัดลำปาง");
        var other = await world.AgencyAsync("CMI-01", "สำนักงานจังหวัดเชียงใหม่", "เชียงใหม่");
        await world.AnswerAsync(health, 4);
        await world.AnswerAsync(land, 2, submit: true);
        await world.AnswerAsync(other, 1, submit: true);
        var lampangOfficer = await world.PersonAsync(office, "900", UserRole.Officer);
        var chiangMaiOfficer = await world.PersonAsync(other, "901", UserRole.Officer);
        await world.PersonAsync(health, "100");

        world.Time.SetUtcNow(Bangkok(2026, 12, 14, 9, 5));
        var digest = ReminderSchedule.Due(world.Round, world.Now).Single(s => s.Kind == SlotKind.Digest);
        await using var db = world.NewDb();
        var planned = await world.Planner(db).PlanAsync(world.Round, digest, CancellationToken.None);

        Assert.Equal([lampangOfficer.Id, chiangMaiOfficer.Id], planned.Select(p => p.UserId).Order());
        var lampang = planned.Single(p => p.UserId == lampangOfficer.Id).Text;
        Assert.Contains("ลำปาง ที่ยังไม่ส่งแบบสำรวจ 2 แห่ง", lampang, StringComparison.Ordinal);
        Assert.Contains("สำนักงานสาธารณสุขจังหวัดลำปาง — ตอบแล้ว 4/", lampang, StringComparison.Ordinal);
        Assert.Contains("สำนักงานจังหวัดลำปาง — ตอบแล้ว 0/", lampang, StringComparison.Ordinal);
        Assert.DoesNotContain("ที่ดิน", lampang, StringComparison.Ordinal);
        Assert.DoesNotContain("เชียงใหม่", lampang, StringComparison.Ordinal);
        Assert.Contains("ส่งแบบสำรวจครบแล้ว", planned.Single(p => p.UserId == chiangMaiOfficer.Id).Text, StringComparison.Ordinal);
        Assert.All(planned, p => Assert.False(p.ResumeButton));
    }

    [Fact]
    public async Task BroadcastToIncompleteSkipsSubmittedAgenciesAndOtherProvinces()
    {
        await using var world = await CreateAsync();
        var open = await world.AgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var done = await world.AgencyAsync("LPG-02", "สำนักงานสาธารณสุขจังหวัดลำปาง");
        var far = await world.AgencyAsync("CMI-01", "สำนักงานจังหวัดเชียงใหม่", "เชียงใหม่");
        await world.AnswerAsync(done, 1, submit: true);
        var a = await world.PersonAsync(open, "1");
        var b = await world.PersonAsync(done, "2");
        await world.PersonAsync(far, "3");
        var officer = await world.PersonAsync(open, "4", UserRole.Officer);
        await using var db = world.NewDb();
        var planner = world.Planner(db);

        var incomplete = await planner.PlanBroadcastAsync(world.Round, BroadcastAudience.Incomplete, "ลำปาง", "ประกาศ", CancellationToken.None);
        var all = await planner.PlanBroadcastAsync(world.Round, BroadcastAudience.All, "ลำปาง", "ประกาศ", CancellationToken.None);

        Assert.Equal([a.Id], incomplete.Select(p => p.UserId));
        Assert.Equal([a.Id, b.Id, officer.Id], all.Select(p => p.UserId).Order());
    }

    [Fact]
    public void TimeLeftIsThaiAndNeverBelowAnHour()
    {
        Assert.Equal("3 วัน", ReminderPlanner.TimeLeft(TimeSpan.FromDays(3)));
        Assert.Contains("ชั่วโมง", ReminderPlanner.TimeLeft(TimeSpan.FromHours(15)), StringComparison.Ordinal);
        Assert.Equal(ReminderPlanner.TimeLeft(TimeSpan.FromHours(1)), ReminderPlanner.TimeLeft(TimeSpan.FromMinutes(5)));
    }
}
