using DgBot.Bot.Hosting;
using DgBot.Bot.Outbox;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Outbox;
using DgBot.Core.Reminders;
using DgBot.Core.Rounds;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Tests.Reminders;

public sealed class ReminderHostTests
{
    [Theory]
    [InlineData("Reminders:LineBatchSize", "600")]
    [InlineData("Reminders:PollInterval", "00:00:00")]
    [InlineData("Reminders:MaxAttempts", "0")]
    public async Task ABadSettingStopsStartUpNamingTheKey(string key, string value)
    {
        var database = Path.Combine(Path.GetTempPath(), "dgbot-remhost-" + Guid.NewGuid().ToString("N") + ".db");
        await using var app = BotHost.Build([], b =>
        {
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Logging.ClearProviders();
            b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:DgBot"] = "Data Source=" + database,
                [key] = value,
            });
        });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());
        Assert.Contains(key, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheSchedulerWritesADueSlotOnceAndNothingAtNight()
    {
        await using var world = await OutboxWorld.StartAsync();
        await world.PeopleAsync(agencies: 2, perAgency: 2);
        var services = new ServiceCollection()
            .AddSingleton<TimeProvider>(world.Time)
            .AddSingleton(_ => SurveyCatalog.BuiltIn())
            .AddDbContext<DgBotDbContext>(o => o.UseDgBotSqlite("Data Source=" + world.DatabasePath + ";Pooling=False"))
            .AddScoped<RoundStatusService>()
            .AddScoped<ReminderPlanner>()
            .BuildServiceProvider();
        await using (services)
        {
            using var depth = new OutboxDepth();
            var scheduler = new ReminderScheduler(services.GetRequiredService<IServiceScopeFactory>(), Options.Create(new ReminderOptions()), world.Time, NullLogger<ReminderScheduler>.Instance, depth);

            // 12 Dec 10:00 Bangkok: d3 is due; the outbox-depth gauge sees the four waiting messages.
            Assert.Equal(4, await scheduler.RunOnceAsync(CancellationToken.None));
            Assert.Equal(4, depth.Value);
            Assert.Equal(0, await scheduler.RunOnceAsync(CancellationToken.None));

            // 13 Dec 22:00: outside the window, nothing; 14 Dec 09:00: d1 and the digest (no officers here).
            world.Time.SetUtcNow(new DateTimeOffset(2026, 12, 13, 15, 0, 0, TimeSpan.Zero));
            Assert.Equal(0, await scheduler.RunOnceAsync(CancellationToken.None));
            world.Time.SetUtcNow(new DateTimeOffset(2026, 12, 14, 2, 0, 0, TimeSpan.Zero));
            Assert.Equal(4, await scheduler.RunOnceAsync(CancellationToken.None));

            // After the deadline: nothing.
            world.Time.SetUtcNow(new DateTimeOffset(2026, 12, 16, 3, 0, 0, TimeSpan.Zero));
            Assert.Equal(0, await scheduler.RunOnceAsync(CancellationToken.None));
        }

        await using var db = world.NewDb();
        Assert.Equal(["d1", "d3"], await db.Outbox.Select(m => m.Slot).Distinct().OrderBy(s => s).ToListAsync());
        Assert.All(await db.Outbox.ToListAsync(), m => Assert.Equal(OutboxKind.Reminder, m.Kind));
    }
}
