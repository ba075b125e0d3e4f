using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using DgBot.Core.Outbox;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Tests.Reminders;

public sealed class LineOutboxTests
{
    [Fact]
    public async Task MulticastSendsAtMostTheBatchSizePerRequestAndEachRecipientOnce()
    {
        await using var world = await OutboxWorld.StartAsync(lineBatchSize: 500);
        var people = await world.PeopleAsync(agencies: 3, perAgency: 401);
        Assert.Equal(1203, await world.BroadcastAsync("ประกาศ: ขยายเวลาส่งแบบสำรวจ"));

        await world.LineSender().DrainOnceAsync(CancellationToken.None);

        var multicasts = world.Line.Calls.Where(c => c.Path == "/v2/bot/message/multicast").ToList();
        Assert.Equal(3, multicasts.Count);
        Assert.Equal(3, multicasts.Select(c => c.RetryKey).Distinct().Count());
        Assert.All(multicasts, c => Assert.Equal(200, c.Status));
        var deliveries = world.Line.Deliveries;
        Assert.Equal(1203, deliveries.Count);
        Assert.Equal(people.Select(p => p.ChatId).Order(), deliveries.Select(d => d.To).Order());
        Assert.Equal(1203, (await world.StatusesAsync())[OutboxStatus.Sent]);
        Assert.Empty(world.Line.Violations);

        // A second pass finds nothing left to send.
        Assert.Equal(0, await world.LineSender().DrainOnceAsync(CancellationToken.None));
        Assert.Equal(1203, world.Line.Deliveries.Count);
    }

    [Fact]
    public async Task RemindersGoOutWithAResumeChoiceAndTheirAgencysProgressOnePerAgencyText()
    {
        await using var world = await OutboxWorld.StartAsync();
        await world.PeopleAsync(agencies: 2, perAgency: 3);
        Assert.Equal(6, await world.EnqueueSlotAsync("d3"));

        await world.LineSender().DrainOnceAsync(CancellationToken.None);

        Assert.Equal(2, world.Line.Calls.Count(c => c.Path == "/v2/bot/message/multicast"));
        var delivery = world.Line.Deliveries[0];
        Assert.Contains("ตอบแล้ว 0/", delivery.Texts.Single(), StringComparison.Ordinal);
        var quickReply = delivery.Messages[0]!["quickReply"]!["items"]![0]!["action"]!;
        Assert.Equal("ทำต่อ", (string?)quickReply["label"]);
        Assert.Equal(Payload.Menu("survey"), (string?)quickReply["data"]);
    }

    [Fact]
    public async Task ABatchThatWouldExceedTheMonthlyQuotaIsNotSent()
    {
        await using var world = await OutboxWorld.StartAsync(quotaLimit: 120, lineBatchSize: 100);
        await world.PeopleAsync(agencies: 1, perAgency: 150);
        await world.BroadcastAsync("ประกาศ");

        await world.LineSender().DrainOnceAsync(CancellationToken.None);

        Assert.Equal(100, world.Line.Consumption);
        Assert.Single(world.Line.Calls, c => c.Path == "/v2/bot/message/multicast");
        await using var db = world.NewDb();
        var held = await db.Outbox.Where(m => m.Status == OutboxStatus.Pending).ToListAsync();
        Assert.Equal(50, held.Count);
        Assert.All(held, m =>
        {
            Assert.Null(m.BatchKey);
            Assert.True(m.NextAttemptUtc > world.Now);
            Assert.Contains("quota", m.LastError, StringComparison.Ordinal);
        });

        // Still held on the next pass while the quota has not changed (the clock has not moved).
        await world.LineSender().DrainOnceAsync(CancellationToken.None);
        Assert.Equal(100, world.Line.Consumption);
    }

    [Fact]
    public async Task ThrottledMulticastIsRetriedWithTheSameKeyAndDeliveredOnce()
    {
        await using var world = await OutboxWorld.StartAsync();
        await world.PeopleAsync(agencies: 1, perAgency: 20);
        await world.BroadcastAsync("ประกาศ");
        world.Line.InjectFailures("/v2/bot/message/multicast", 429, count: 2);

        await world.LineSender().DrainOnceAsync(CancellationToken.None);

        var calls = world.Line.Calls.Where(c => c.Path == "/v2/bot/message/multicast").ToList();
        Assert.Equal([429, 429, 200], calls.Select(c => c.Status));
        Assert.Single(calls.Select(c => c.RetryKey).Distinct());
        Assert.Equal(20, world.Line.Deliveries.Count);
        Assert.Equal(20, (await world.StatusesAsync())[OutboxStatus.Sent]);
    }

    [Fact]
    public async Task ABatchInFlightWhenTheProcessDiedIsRepeatedWithItsKeyAndNotDeliveredTwice()
    {
        await using var world = await OutboxWorld.StartAsync();
        await world.PeopleAsync(agencies: 1, perAgency: 30);
        await world.BroadcastAsync("ประกาศ");

        // The process wrote the key, LINE accepted the request, and the process died before recording it.
        var key = Guid.NewGuid();
        await using (var db = world.NewDb())
        {
            var rows = await db.Outbox.OrderBy(m => m.Id).ToListAsync();
            foreach (var row in rows)
            {
                row.StartAttempt(world.Now, key);
            }

            await db.SaveChangesAsync();
            var result = await world.LineClient.MulticastAsync([.. rows.Select(r => r.ChatId)], [Line.LineMessage.TextMessage(rows[0].Text)], key, CancellationToken.None);
            Assert.True(result.Delivered);
        }

        await world.LineSender().DrainOnceAsync(CancellationToken.None);

        Assert.Equal(409, world.Line.Calls.Last(c => c.Path == "/v2/bot/message/multicast").Status);
        Assert.Equal(30, world.Line.Deliveries.Count);
        Assert.Equal(30, world.Line.Deliveries.Select(d => d.To).Distinct().Count());
        Assert.Equal(30, (await world.StatusesAsync())[OutboxStatus.Sent]);
    }

    [Fact]
    public async Task AnAnswerLostAfterLineAcceptedIsRetriedLaterWithTheSameKey()
    {
        await using var world = await OutboxWorld.StartAsync();
        await world.PeopleAsync(agencies: 1, perAgency: 10);
        await world.BroadcastAsync("ประกาศ");
        world.Line.InjectFailures("/v2/bot/message/multicast", 500, count: 4, afterAccepting: true);

        await world.LineSender().DrainOnceAsync(CancellationToken.None);
        var statuses = await world.StatusesAsync();
        Assert.Equal(10, statuses[OutboxStatus.Pending]);

        world.Time.Advance(TimeSpan.FromMinutes(1));
        await world.LineSender().DrainOnceAsync(CancellationToken.None);

        Assert.Equal(10, world.Line.Deliveries.Count);
        Assert.Equal(10, (await world.StatusesAsync())[OutboxStatus.Sent]);
        Assert.Single(world.Line.Calls.Where(c => c.Path == "/v2/bot/message/multicast").Select(c => c.RetryKey).Distinct());
    }

    [Fact]
    public async Task SubmittedAgenciesAndUnreachablePeopleAreSkippedWhenTheirTurnComes()
    {
        await using var world = await OutboxWorld.StartAsync();
        var people = await world.PeopleAsync(agencies: 2, perAgency: 2);
        await world.EnqueueSlotAsync("d1");
        await using (var db = world.NewDb())
        {
            var response = new Response(people[0].AgencyId!.Value, world.Round.Id, world.Now);
            response.Submit(null, world.Now);
            db.Responses.Add(response);
            var gone = await db.ChatUsers.SingleAsync(u => u.Id == people[2].Id);
            gone.MarkUnreachable();
            await db.SaveChangesAsync();
        }

        await world.LineSender().DrainOnceAsync(CancellationToken.None);

        Assert.Equal([people[3].ChatId], world.Line.Deliveries.Select(d => d.To));
        var statuses = await world.StatusesAsync();
        Assert.Equal(2, statuses[OutboxStatus.Skipped]);
        Assert.Equal(1, statuses[OutboxStatus.Unreachable]);
        Assert.Equal(1, statuses[OutboxStatus.Sent]);
    }

    [Fact]
    public async Task RemindersWaitOutsideTheSendWindow()
    {
        await using var world = await OutboxWorld.StartAsync();
        await world.PeopleAsync(agencies: 1, perAgency: 2);
        await world.EnqueueSlotAsync("d3");
        world.Time.SetUtcNow(new DateTimeOffset(2026, 12, 12, 15, 0, 0, TimeSpan.Zero)); // 22:00 in Bangkok

        await world.LineSender().DrainOnceAsync(CancellationToken.None);
        Assert.Empty(world.Line.Deliveries);

        world.Time.SetUtcNow(new DateTimeOffset(2026, 12, 13, 2, 0, 0, TimeSpan.Zero)); // 09:00 the next morning
        await world.LineSender().DrainOnceAsync(CancellationToken.None);
        Assert.Equal(2, world.Line.Deliveries.Count);
    }
}
