using DgBot.Bot.Hosting;
using DgBot.Bot.Operations;
using Microsoft.Extensions.Configuration;

namespace DgBot.Bot.Tests.Operations;

public sealed class StartupErrorsTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "dgbot-start-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("Backup:Every", "00:00:05", "Backup:Every must be a time span between 00:01:00 and 30.00:00:00")]
    [InlineData("Backup:Keep", "0", "Backup:Keep must be a whole number between 1 and 1000")]
    [InlineData("Backup:Keep", "many", "Backup:Keep")]
    [InlineData("Results:MinimumGroupSize", "1", "Results:MinimumGroupSize must be a whole number between 2 and 1000")]
    [InlineData("Reports:LinkLifetime", "00:00:10", "Reports:LinkLifetime must be a time span between 00:05:00 and 7.00:00:00")]
    [InlineData("Reports:PublicBaseUrl", "bot.example.go.th", "Reports:PublicBaseUrl must be an absolute https:// address")]
    [InlineData("Reports:PublicBaseUrl", "ftp://bot.example.go.th", "Reports:PublicBaseUrl must be an absolute https:// address")]
    [InlineData("Logging:Format", "xml", "Logging:Format must be 'simple', 'json' or 'systemd'")]
    [InlineData("ConnectionStrings:DgBot", "Data Sorce=x.db", "ConnectionStrings:DgBot is not a valid SQLite connection string")]
    public async Task ABadSettingStopsStartUpWithOneLineNamingTheKey(string key, string value, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:DgBot"] = "Data Source=" + Path.Combine(folder, "dgbot.db"),
            ["Urls"] = "http://127.0.0.1:0",
            [key] = value,
        };
        using var error = new StringWriter();

        var exitCode = await StartupErrors.RunAsync(() => BotHost.Build([], b => b.Configuration.AddInMemoryCollection(settings)), error, CancellationToken.None);

        Assert.Equal(StartupErrors.ExitCode, exitCode);
        var line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("dgbot: configuration error: ", line, StringComparison.Ordinal);
        Assert.Contains(expected, line, StringComparison.Ordinal);
    }
}
