using System.Globalization;
using System.Text.RegularExpressions;
using DgBot.Bot.Operations;
using DgBot.Core.Data;
using DgBot.Core.Diagnostics;
using DgBot.TestDoubles.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DgBot.Bot.Tests.Operations;

[Collection(SerialTests.Name)]
public sealed class MetricsTests
{
    [Fact]
    public async Task MetricsCountTheTurnsAndAnswersTheEngineCommitted()
    {
        await using var bot = await BotUnderTest.StartAsync();
        var load = await EngineLoad.AttachAsync(bot.App.Services, staff: 2);
        var before = await bot.MetricsAsync();

        await load.WalkAsync(load.UserIds[0], turns: 12);
        await load.WalkAsync(load.UserIds[1], turns: 5);
        var after = await bot.MetricsAsync();

        long answers;
        await using (var scope = bot.App.Services.CreateAsyncScope())
        {
            answers = await scope.ServiceProvider.GetRequiredService<DgBotDbContext>().Answers.LongCountAsync();
        }

        Assert.True(answers > 0);
        Assert.Equal(load.Completed, Value(after, "dgbot_turns_total", "channel=\"telegram\"") - Value(before, "dgbot_turns_total", "channel=\"telegram\""));
        Assert.Equal(answers, Value(after, "dgbot_answers_stored_total", "channel=\"telegram\"") - Value(before, "dgbot_answers_stored_total", "channel=\"telegram\""));
        Assert.Contains("# TYPE dgbot_turns_total counter\n", after, StringComparison.Ordinal);
        Assert.Contains("# TYPE dgbot_outbox_depth gauge\n", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task MetricsCountTelegramRepliesAndTooManyRequests()
    {
        await using var api = await TelegramBotApiDouble.StartAsync();
        await using var bot = await BotUnderTest.StartAsync(new Dictionary<string, string?>
        {
            ["Telegram:Token"] = api.Token,
            ["Telegram:ApiBaseUrl"] = api.BaseUrl.ToString(),
            ["Telegram:PollingTimeoutSeconds"] = "1",
            ["Telegram:PerChatInterval"] = "00:00:00.005",
            ["Telegram:GlobalRatePerSecond"] = "1000",
        });
        using var attached = api.AttachBot(ct => bot.App.Services.GetRequiredService<DgBot.Bot.Channels.ChatExecutor>().IdleAsync().WaitAsync(ct));
        var before = await bot.MetricsAsync();
        api.Fail("sendMessage", 429, times: 1, retryAfter: 1);

        api.SendText(811_000_099, "สวัสดี");
        await api.WaitForAllConfirmedAsync(TimeSpan.FromSeconds(30));
        var after = await bot.MetricsAsync();

        var delivered = api.Calls.Count(c => c.Status == 200 && (c.Method.StartsWith("send", StringComparison.Ordinal) || c.Method.StartsWith("edit", StringComparison.Ordinal)));
        Assert.True(delivered > 0);
        Assert.Equal(1, Value(after, "dgbot_rate_limited_total", "channel=\"telegram\"") - Value(before, "dgbot_rate_limited_total", "channel=\"telegram\""));
        Assert.Equal(delivered, Value(after, "dgbot_replies_sent_total", "channel=\"telegram\"") - Value(before, "dgbot_replies_sent_total", "channel=\"telegram\""));
        Assert.Equal(1, Value(after, "dgbot_turns_total", "channel=\"telegram\"") - Value(before, "dgbot_turns_total", "channel=\"telegram\""));

        var health = await bot.HealthAsync();
        var telegram = Assert.Single(health.Channels, c => c.Channel == "telegram");
        Assert.True(telegram.Configured);
        Assert.NotNull(telegram.LastSuccess);
        Assert.Equal("ok", health.Status);
        Assert.Equal("Healthy", health.Checks!["channels"].Status);
    }

    [Fact]
    public async Task RendersChannelCountersAndTheOutboxGaugeInPrometheusText()
    {
        using var collector = new MetricsCollector();
        var before = collector.Render();
        DgBotMetrics.ReplySent("line", 3);
        DgBotMetrics.ReplySent("telegram");
        DgBotMetrics.RateLimited("telegram");
        DgBotMetrics.Error("telegram");
        var depth = 7L;
        using (DgBotMetrics.ObserveOutboxDepth(() => depth))
        {
            var text = collector.Render();

            Assert.Equal(3, Value(text, "dgbot_replies_sent_total", "channel=\"line\"") - Value(before, "dgbot_replies_sent_total", "channel=\"line\""));
            Assert.Equal(1, Value(text, "dgbot_replies_sent_total", "channel=\"telegram\"") - Value(before, "dgbot_replies_sent_total", "channel=\"telegram\""));
            Assert.Equal(1, Value(text, "dgbot_rate_limited_total", "channel=\"telegram\"") - Value(before, "dgbot_rate_limited_total", "channel=\"telegram\""));
            Assert.Equal(1, Value(text, "dgbot_errors_total", "area=\"telegram\"") - Value(before, "dgbot_errors_total", "area=\"telegram\""));
            Assert.Equal(7, Value(text, "dgbot_outbox_depth", null));
            depth = 2;
            Assert.Equal(2, Value(collector.Render(), "dgbot_outbox_depth", null));

            // Every sample line is "name{labels} integer" under its own # TYPE line.
            foreach (var line in text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith('#')))
            {
                Assert.Matches(@"^dgbot_[a-z_]+(\{[a-z]+=""[^""]*""(,[a-z]+=""[^""]*"")*\})? -?\d+$", line);
            }
        }

        Assert.Equal(0, Value(collector.Render(), "dgbot_outbox_depth", null));
        await Task.CompletedTask;
    }

    internal static long Value(string metrics, string name, string? labels)
    {
        var pattern = "^" + Regex.Escape(name) + (labels is null ? string.Empty : Regex.Escape("{" + labels + "}")) + " (-?\\d+)$";
        var match = Regex.Match(metrics, pattern, RegexOptions.Multiline);
        return match.Success ? long.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) : 0;
    }
}
