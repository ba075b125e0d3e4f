using DgBot.Bot.Hosting;
using DgBot.Core.Reports;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Tests.Operations;

/// <summary>With LINE on and no Reports:PublicBaseUrl, LINE users get no report links: start-up says so once.</summary>
public sealed class ReportLinkWarningTests
{
    [Theory]
    [InlineData("secret", null, true)]
    [InlineData("secret", "https://bot.example.go.th", false)]
    [InlineData(null, null, false)]
    public async Task StartUpWarnsWhenLineIsOnWithoutAPublicAddress(string? lineSecret, string? publicBaseUrl, bool warned)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Line:ChannelSecret"] = lineSecret }).Build();
        var options = Options.Create(new ReportsOptions { PublicBaseUrl = publicBaseUrl is null ? null : new Uri(publicBaseUrl) });
        var logger = new RecordingLogger();

        await new NoPublicBaseUrlWarning(configuration, options, logger).StartAsync(CancellationToken.None);

        Assert.Equal(warned, logger.Lines.Any(l => l.Level == LogLevel.Warning && l.Text.Contains("Reports:PublicBaseUrl", StringComparison.Ordinal)));
    }

    private sealed class RecordingLogger : ILogger<NoPublicBaseUrlWarning>
    {
        public List<(LogLevel Level, string Text)> Lines { get; } = [];

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Lines.Add((logLevel, formatter(state, exception)));
    }
}
