using System.Globalization;
using DgBot.Bot.Hosting;
using DgBot.Bot.Outbox;
using DgBot.Bot.Telegram;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Outbox;
using DgBot.TestDoubles.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Telegram.Bot;

namespace DgBot.Bot.Tests.Reminders;

/// <summary>The Telegram outbox sender with the real <see cref="TelegramSender"/> against the Telegram double.</summary>
public sealed class TelegramOutboxTests
{
    /// <summary>The host's services with the Telegram channel pointed at the double (the host itself is not started).</summary>
    private static IHost TelegramServices(TelegramBotApiDouble api, OutboxWorld world, double broadcastRate = 100, string perChatInterval = "00:00:00.005", bool pooling = false)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:DgBot"] = "Data Source=" + world.DatabasePath + (pooling ? "" : ";Pooling=False"),
            ["Telegram:Token"] = api.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["Telegram:GlobalRatePerSecond"] = "1000",
            ["Telegram:BroadcastRatePerSecond"] = broadcastRate.ToString(CultureInfo.InvariantCulture),
            ["Telegram:PerChatInterval"] = perChatInterval,
        });
        builder.Logging.ClearProviders();
        builder.AddDgBotData();
        builder.AddTelegramChannel();
        return builder.Build();
    }

    private static TelegramOutboxSender Sender(IHost host, OutboxWorld world, ReminderOptions options) => new(
        host.Services.GetRequiredService<IServiceScopeFactory>(),
        host.Services.GetRequiredService<TelegramSender>(),
        Options.Create(options),
        TimeProvider.System,
        NullLogger<TelegramOutboxSender>.Instance);

    [Fact]
    public async Task KeepsTheReminderRateAndWaitsOutRetryAfterOnInjected429s()
    {
        await using var api = await TelegramBotApiDouble.StartAsync();
        await using var world = await OutboxWorld.StartAsync(window: "00:00-24:00", start: TimeProvider.System.GetUtcNow());
        var people = await world.PeopleAsync(agencies: 3, perAgency: 10, channel: ChannelKind.Telegram);
        await world.EnqueueSlotAsync("d3");
        using var host = TelegramServices(api, world, broadcastRate: 20);
        api.Fail("sendMessage", 429, times: 2, retryAfter: 1);

        await Sender(host, world, new ReminderOptions()).DrainOnceAsync(CancellationToken.None);

        var calls = api.CallsOf("sendMessage");
        Assert.Equal(32, calls.Count);
        Assert.Equal([429, 429], calls.Take(2).Select(c => c.Status));

        // After each 429 nothing is sent until retry_after (1 s) has passed.
        Assert.True(calls[1].At - calls[0].At >= TimeSpan.FromSeconds(0.95), $"second call {calls[1].At - calls[0].At} after the first 429");
        Assert.True(calls[2].At - calls[1].At >= TimeSpan.FromSeconds(0.95), $"third call {calls[2].At - calls[1].At} after the second 429");

        // The 30 accepted sends keep to 20/s: no second holds more than 21 of them.
        var accepted = calls.Where(c => c.Status == 200).Select(c => c.At).ToList();
        var busiest = accepted.Max(t => accepted.Count(u => u >= t && u < t + TimeSpan.FromSeconds(1)));
        Assert.InRange(busiest, 1, 21);
        Assert.True(accepted[^1] - accepted[0] >= TimeSpan.FromSeconds(29 / 20.0 * 0.9));

        // Every recipient got exactly one reminder, with the ทำต่อ button.
        foreach (var person in people)
        {
            var message = Assert.Single(api.Messages(long.Parse(person.ChatId, CultureInfo.InvariantCulture)));
            Assert.Contains(message.Buttons.SelectMany(r => r), b => b.Text == "ทำต่อ" && b.Data == Payload.Menu("survey"));
        }

        Assert.Equal(30, (await world.StatusesAsync())[OutboxStatus.Sent]);
        api.AssertNoViolations();
    }

    [Fact]
    public async Task ABlockedRecipientIsMarkedUnreachableAndSkippedNextTime()
    {
        await using var api = await TelegramBotApiDouble.StartAsync();
        await using var world = await OutboxWorld.StartAsync(window: "00:00-24:00", start: TimeProvider.System.GetUtcNow());
        var people = await world.PeopleAsync(agencies: 1, perAgency: 3, channel: ChannelKind.Telegram);
        var blocked = long.Parse(people[1].ChatId, CultureInfo.InvariantCulture);
        api.Block(blocked);
        await world.EnqueueSlotAsync("d7");
        using var host = TelegramServices(api, world);
        var sender = Sender(host, world, new ReminderOptions());

        await sender.DrainOnceAsync(CancellationToken.None);

        var statuses = await world.StatusesAsync();
        Assert.Equal(2, statuses[OutboxStatus.Sent]);
        Assert.Equal(1, statuses[OutboxStatus.Unreachable]);
        await using (var db = world.NewDb())
        {
            Assert.True((await db.ChatUsers.SingleAsync(u => u.Id == people[1].Id)).Unreachable);
        }

        // The next slot does not even write a message for them.
        Assert.Equal(2, await world.EnqueueSlotAsync("d3"));
    }

    [Fact]
    public async Task AMessageInFlightAtACrashIsMarkedUncertainAndNotSentAgain()
    {
        await using var api = await TelegramBotApiDouble.StartAsync();
        await using var world = await OutboxWorld.StartAsync(window: "00:00-24:00", start: TimeProvider.System.GetUtcNow());
        await world.PeopleAsync(agencies: 1, perAgency: 3, channel: ChannelKind.Telegram);
        await world.EnqueueSlotAsync("d7");
        await using (var db = world.NewDb())
        {
            var first = await db.Outbox.OrderBy(m => m.Id).FirstAsync();
            first.StartAttempt(world.Now);
            await db.SaveChangesAsync();
        }

        using var host = TelegramServices(api, world);
        var sender = Sender(host, world, new ReminderOptions());
        Assert.Equal(1, await sender.RecoverAsync(CancellationToken.None));
        await sender.DrainOnceAsync(CancellationToken.None);

        Assert.Equal(2, api.CallsOf("sendMessage").Count);
        var statuses = await world.StatusesAsync();
        Assert.Equal(2, statuses[OutboxStatus.Sent]);
        Assert.Equal(1, statuses[OutboxStatus.Uncertain]);
    }

    [Fact]
    public async Task DrainingTheOutboxLeavesEveryPooledConnectionCommittingWithFullDurability()
    {
        await using var api = await TelegramBotApiDouble.StartAsync();
        await using var world = await OutboxWorld.StartAsync(window: "00:00-24:00", start: TimeProvider.System.GetUtcNow());
        await world.PeopleAsync(agencies: 1, perAgency: 3, channel: ChannelKind.Telegram);
        await world.EnqueueSlotAsync("d7");
        using var host = TelegramServices(api, world, pooling: true);

        await Sender(host, world, new ReminderOptions()).DrainOnceAsync(CancellationToken.None);

        // The next turn takes a pooled connection; it must still commit with synchronous=FULL (2).
        for (var i = 0; i < 3; i++)
        {
            using var scope = host.Services.CreateScope();
            var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
            var mode = await db.Database.SqlQueryRaw<long>("SELECT synchronous AS Value FROM pragma_synchronous").SingleAsync();
            Assert.Equal(2, mode);
        }
    }

    [Fact]
    public async Task AReminderToAChatThatWasJustAnsweredWaitsForThatChatsIntervalInTheOneGate()
    {
        await using var api = await TelegramBotApiDouble.StartAsync();
        await using var world = await OutboxWorld.StartAsync(window: "00:00-24:00", start: TimeProvider.System.GetUtcNow());
        var people = await world.PeopleAsync(agencies: 1, perAgency: 2, channel: ChannelKind.Telegram);
        await world.EnqueueSlotAsync("d7");
        using var host = TelegramServices(api, world, perChatInterval: "00:00:05");
        var gate = host.Services.GetRequiredService<TelegramSender>();
        var busy = long.Parse(people[0].ChatId, CultureInfo.InvariantCulture);
        await gate.CallAsync(busy, (c, ct) => c.SendMessage(busy, "ตอบกลับ", cancellationToken: ct), CancellationToken.None);

        await Sender(host, world, new ReminderOptions()).DrainOnceAsync(CancellationToken.None);

        // The other chat got its reminder at once; the busy chat's reminder is deferred, not sent inside its interval.
        Assert.Single(api.Messages(busy));
        Assert.Single(api.Messages(long.Parse(people[1].ChatId, CultureInfo.InvariantCulture)));
        var statuses = await world.StatusesAsync();
        Assert.Equal(1, statuses[OutboxStatus.Sent]);
        Assert.Equal(1, statuses[OutboxStatus.Pending]);
    }
}
