using DgBot.Bot.Cli;
using DgBot.Bot.Hosting;
using DgBot.Bot.Operations;
using DgBot.Bot.Tests.Cli;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;

namespace DgBot.Bot.Tests.Operations;

/// <summary>
/// The long-running writers of a database, <c>dgbot serve</c> and <c>dgbot chat</c>, take the same lock: a restore
/// refuses while either runs, and neither starts beside the other. Short admin commands still run beside them.
/// </summary>
public sealed class BotLockTests : IDisposable
{
    private readonly CliTestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task RestoreAndServeRefuseWhileTheConsoleChatRunsAndRestoreWorksOnceItEnds()
    {
        Assert.Equal(0, (await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath)).ExitCode);
        var backup = Path.Combine(database.Folder, "b.db");
        Assert.Equal(0, (await database.RunAsync("db", "backup", "--out", backup)).ExitCode);

        var input = new WaitingReader();
        var transcript = new StringWriter();
        var output = TextWriter.Synchronized(transcript);
        var chatError = new StringWriter();
        CliHost.Overrides = database.Settings;
        var chat = Task.Run(() => RunCommands.ChatAsync(input, output, chatError, CancellationToken.None));
        await WaitForAsync(() => Written(transcript, output) > 0 || chat.IsCompleted);
        Assert.False(chat.IsCompleted, "the chat ended at once: " + chatError);

        try
        {
            var refused = await database.RunAsync("db", "restore", backup);
            Assert.Equal(1, refused.ExitCode);
            Assert.Contains("The bot is running", refused.Error, StringComparison.Ordinal);
            Assert.Contains("'dgbot chat'", refused.Error, StringComparison.Ordinal);
            Assert.Contains(database.Path, refused.Error, StringComparison.Ordinal);

            // serve on the same file stops at start with one line.
            var serveError = new StringWriter();
            var served = await StartupErrors.RunAsync(() => Serve(), serveError, CancellationToken.None);
            Assert.Equal(StartupErrors.ExitCode, served);
            Assert.Single(serveError.ToString().Trim().Split('\n'));
            Assert.Contains("'dgbot chat'", serveError.ToString(), StringComparison.Ordinal);

            // Short admin commands stay allowed beside the chat.
            Assert.Equal(0, (await database.RunAsync("agencies", "list")).ExitCode);
            Assert.Equal(0, (await database.RunAsync("db", "backup", "--out", Path.Combine(database.Folder, "live.db"))).ExitCode);
        }
        finally
        {
            input.End();
        }

        var exit = await chat.WaitAsync(TimeSpan.FromSeconds(60));
        Assert.True(exit == 0, $"chat exit {exit}: {chatError}");

        var restored = await database.RunAsync("db", "restore", backup);
        Assert.True(restored.ExitCode == 0, restored.Error);
    }

    [Fact]
    public async Task ChatRefusesToStartWhileServeRunsOnTheSameFile()
    {
        Assert.Equal(0, (await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath)).ExitCode);
        await using var app = Serve();
        await app.StartAsync();
        try
        {
            CliHost.Overrides = database.Settings;
            var output = new StringWriter();
            var error = new StringWriter();
            var exit = await RunCommands.ChatAsync(new StringReader("1\n"), output, error, CancellationToken.None);

            Assert.Equal(StartupErrors.ExitCode, exit);
            Assert.Equal(string.Empty, output.ToString());
            var line = Assert.Single(error.ToString().Trim().Split('\n'));
            Assert.StartsWith("dgbot chat: ", line, StringComparison.Ordinal);
            Assert.Contains(database.Path + ".serve-lock", line, StringComparison.Ordinal);
            await using var db = database.NewContext();
            Assert.Equal(0, await db.ChatUsers.CountAsync());
        }
        finally
        {
            await app.StopAsync();
        }
    }

    private WebApplication Serve() => BotHost.Build([], b => b.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["ConnectionStrings:DgBot"] = database.ConnectionString,
        ["Urls"] = "http://127.0.0.1:0",
    }));

    private static int Written(StringWriter transcript, TextWriter synchronizedWriter)
    {
        lock (synchronizedWriter)
        {
            return transcript.GetStringBuilder().Length;
        }
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!condition())
        {
            Assert.True(waited.Elapsed < TimeSpan.FromSeconds(90), "timed out");
            await Task.Delay(50);
        }
    }

    /// <summary>Standard input that stays open (as a person at the keyboard) until <see cref="End"/>.</summary>
    private sealed class WaitingReader : TextReader
    {
        private readonly TaskCompletionSource<string?> ended = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public void End() => ended.TrySetResult(null);

        public override ValueTask<string?> ReadLineAsync(CancellationToken cancellationToken) => new(ended.Task.WaitAsync(cancellationToken));

        public override Task<string?> ReadLineAsync() => ended.Task;

        public override string? ReadLine() => ended.Task.GetAwaiter().GetResult();
    }
}
