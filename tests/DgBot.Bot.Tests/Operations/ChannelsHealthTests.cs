using Microsoft.Extensions.Logging;

namespace DgBot.Bot.Tests.Operations;

/// <summary><c>dgbot serve</c> with neither Telegram nor LINE configured says so: one warning at start and a Degraded "channels" check in /healthz.</summary>
public sealed class ChannelsHealthTests
{
    [Fact]
    public async Task ServeWithNoChannelWarnsOnceAtStartAndHealthzShowsChannelsDegraded()
    {
        var capture = new CapturingLoggerProvider();
        await using var bot = await BotUnderTest.StartAsync(configure: b => b.Logging.AddProvider(capture));

        var warnings = capture.Lines.Where(l => l.StartsWith("Warning", StringComparison.Ordinal) && l.Contains("No chat channel is configured", StringComparison.Ordinal)).ToList();
        var warning = Assert.Single(warnings);
        Assert.Contains("Telegram__Token", warning, StringComparison.Ordinal);
        Assert.Contains("Line__ChannelSecret", warning, StringComparison.Ordinal);
        Assert.Contains("Line__ChannelAccessToken", warning, StringComparison.Ordinal);

        var health = await bot.HealthAsync(); // still 200: the database answers
        Assert.Equal("degraded", health.Status);
        Assert.True(health.Database);
        Assert.Empty(health.Channels);
        var channels = health.Checks!["channels"];
        Assert.Equal("Degraded", channels.Status);
        Assert.Contains("Telegram__Token", channels.Description, StringComparison.Ordinal);
        Assert.Contains("Line__ChannelSecret", channels.Description, StringComparison.Ordinal);
    }
}
