using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Tests.Conversation;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Tests.Data;

/// <summary>The durable inbox on a real SQLite file: stored once, taken back in order after a crash, bounded.</summary>
public sealed class InboxTests
{
    [Fact]
    public async Task AnEventOfferedAgainIsNotStoredTwiceWithinABatchOrAcrossBatches()
    {
        await using var h = await EngineHarness.CreateAsync();
        await using var db = h.NewDb();
        var inbox = new Inbox(db, h.Locks, h.Time);

        var first = await inbox.StoreAsync("line", [new("e1", "c1", "{}"), new("e2", "c1", "{}"), new("e1", "c1", "{}")], CancellationToken.None);
        var again = await inbox.StoreAsync("line", [new("e2", "c1", "{}"), new("e3", "c2", "{}")], CancellationToken.None);
        var otherChannel = await inbox.StoreAsync("telegram", [new("e1", "c1", "{}")], CancellationToken.None);

        Assert.Equal(["e1", "e2"], first.Select(e => e.EventKey));
        Assert.Equal(["e3"], again.Select(e => e.EventKey));
        Assert.Single(otherChannel);
        Assert.True(first[0].Id < first[1].Id && first[1].Id < again[0].Id);
        await using var check = h.NewDb();
        Assert.Equal(4, await check.InboxEvents.CountAsync());
    }

    [Fact]
    public async Task WaitingEventsAreTakenInArrivalOrderAndAPoisonOneIsGivenUpAfterThreeStarts()
    {
        await using var h = await EngineHarness.CreateAsync();
        await using var db = h.NewDb();
        var inbox = new Inbox(db, h.Locks, h.Time);
        var stored = await inbox.StoreAsync("line", [new("a", "c1", "{}"), new("b", "c2", "{}"), new("c", "c1", "{}")], CancellationToken.None);
        await inbox.MarkProcessedAsync(stored[1].Id, CancellationToken.None);

        for (var start = 1; start <= Inbox.MaxAttempts; start++)
        {
            var pending = await inbox.TakePendingAsync("line", CancellationToken.None);
            Assert.Equal(["a", "c"], pending.Select(e => e.EventKey));
            Assert.All(pending, e => Assert.Equal(start, e.Attempts));
        }

        Assert.Empty(await inbox.TakePendingAsync("line", CancellationToken.None));
        Assert.Empty(await inbox.TakePendingAsync("telegram", CancellationToken.None));
        Assert.Equal(0, await inbox.PendingCountAsync(CancellationToken.None));
    }

    [Fact]
    public async Task PruningDeletesOnlyWhatWasProcessedLongerAgoThanAnyRedeliveryAndNeverAWaitingEvent()
    {
        await using var h = await EngineHarness.CreateAsync();
        await using var db = h.NewDb();
        var inbox = new Inbox(db, h.Locks, h.Time);
        var old = await inbox.StoreAsync("line", [new("old", "c1", "{}"), new("waiting", "c1", "{}")], CancellationToken.None);
        await inbox.MarkProcessedAsync(old[0].Id, CancellationToken.None);
        db.ProcessedEvents.Add(new ProcessedEvent("line:old", h.Time.GetUtcNow().UtcDateTime));
        await db.SaveChangesAsync();

        h.Time.Advance(Inbox.KeepProcessedFor - TimeSpan.FromMinutes(1));
        var recent = await inbox.StoreAsync("line", [new("recent", "c1", "{}")], CancellationToken.None);
        await inbox.MarkProcessedAsync(recent[0].Id, CancellationToken.None);
        Assert.Equal(0, await inbox.PruneAsync(CancellationToken.None));

        h.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(2, await inbox.PruneAsync(CancellationToken.None));

        await using var check = h.NewDb();
        Assert.Equal(["recent", "waiting"], await check.InboxEvents.OrderBy(e => e.EventKey).Select(e => e.EventKey).ToListAsync());
        Assert.Empty(await check.ProcessedEvents.ToListAsync());

        // A pruned key can be stored again: a Telegram update id that restarted after a quiet week is a new event.
        Assert.Single(await inbox.StoreAsync("line", [new("old", "c1", "{}")], CancellationToken.None));
    }

    [Fact]
    public void KeysAreKeptLongerThanAnyRedeliveryAndShorterThanTelegramsQuietWeek()
    {
        Assert.True(Inbox.KeepProcessedFor > TimeSpan.FromDays(1));
        Assert.True(Inbox.KeepProcessedFor < TimeSpan.FromDays(7));
    }
}
