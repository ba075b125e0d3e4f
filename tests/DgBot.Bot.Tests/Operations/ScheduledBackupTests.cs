using System.Globalization;
using DgBot.Bot.Operations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DgBot.Bot.Tests.Operations;

public sealed class ScheduledBackupTests
{
    [Fact]
    public async Task BacksUpOnScheduleKeepsTheNewestAndShowsTheLastInHealth()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2026, 11, 24, 1, 0, 0, TimeSpan.Zero));
        var folder = Path.Combine(Path.GetTempPath(), "dgbot-sched-" + Guid.NewGuid().ToString("N"));
        try
        {
            await using var bot = await BotUnderTest.StartAsync(
                new Dictionary<string, string?>
                {
                    ["Backup:Directory"] = folder,
                    ["Backup:Every"] = "01:00:00",
                    ["Backup:Keep"] = "2",
                },
                b => b.Services.AddSingleton<TimeProvider>(time));
            var status = bot.App.Services.GetRequiredService<BackupStatus>();
            Assert.Null((await bot.HealthAsync()).Backup!.LastSuccess);

            var made = new List<DateTimeOffset>();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            while (made.Count < 4)
            {
                // The service may not have armed its timer yet; an hour that passes unseen is simply passed again.
                time.Advance(TimeSpan.FromHours(1));
                var now = time.GetUtcNow();
                for (var i = 0; i < 100 && status.LastSuccess != now; i++)
                {
                    await Task.Delay(20, timeout.Token);
                }

                if (status.LastSuccess == now)
                {
                    made.Add(now);
                }
            }

            var files = Directory.GetFiles(folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
            var expected = made.TakeLast(2).Select(t => "dgbot-" + t.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".db").ToArray();
            Assert.Equal(expected, files);
            foreach (var file in files)
            {
                var check = await DatabaseBackup.CheckFileAsync(Path.Combine(folder, file!));
                Assert.True(check.Ok);
                Assert.Contains(check.Tables, t => t.Table == "Agencies");
            }

            var health = await bot.HealthAsync();
            Assert.Equal(Path.GetFullPath(folder), health.Backup!.Directory);
            Assert.Equal(made[^1], health.Backup.LastSuccess);
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    [Fact]
    public async Task WithoutAFolderNoBackupIsMade()
    {
        var time = new FakeTimeProvider();
        await using var bot = await BotUnderTest.StartAsync(configure: b => b.Services.AddSingleton<TimeProvider>(time));
        time.Advance(TimeSpan.FromDays(3));
        await Task.Delay(200);

        var health = await bot.HealthAsync();
        Assert.Null(health.Backup!.Directory);
        Assert.Null(health.Backup.LastSuccess);
        Assert.Equal(["dgbot.db"], Directory.GetFiles(bot.Folder, "*.db").Select(Path.GetFileName));
    }
}
