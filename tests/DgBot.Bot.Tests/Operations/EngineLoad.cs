using System.Globalization;
using DgBot.Bot.Hosting;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DgBot.Bot.Tests.Operations;

/// <summary>
/// The real engine over a real SQLite file (the host's own registrations), with staff who keep answering the built-in
/// questionnaire by pressing the buttons the engine offers. Every turn carries an event id, so each committed turn
/// leaves exactly one ProcessedEvents row.
/// </summary>
internal sealed class EngineLoad : IAsyncDisposable
{
    private readonly IHost? host;
    private long started;
    private long completed;

    private EngineLoad(IServiceProvider services, IHost? host, string folder, string path)
    {
        Services = services;
        this.host = host;
        Folder = folder;
        Path = path;
    }

    public string Folder { get; }

    public string Path { get; }

    public string ConnectionString => "Data Source=" + Path;

    public IServiceProvider Services { get; }

    /// <summary>Turns begun (a turn counted here may or may not be committed yet).</summary>
    public long Started => Interlocked.Read(ref started);

    /// <summary>Turns whose commit has returned.</summary>
    public long Completed => Interlocked.Read(ref completed);

    public static async Task<EngineLoad> CreateAsync(int staff)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dgbot-ops-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var path = System.IO.Path.Combine(folder, "dgbot.db");
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:DgBot"] = "Data Source=" + path });
        builder.Logging.ClearProviders();
        builder.AddDgBotData();
        builder.AddConversation();
        var built = builder.Build();
        var load = new EngineLoad(built.Services, built, folder, path);
        await load.Services.MigrateDgBotDatabaseAsync();
        await load.SeedAsync(staff);
        return load;
    }

    /// <summary>Staff for a host someone else owns (for example the real BotHost), on its migrated database.</summary>
    public static async Task<EngineLoad> AttachAsync(IServiceProvider services, int staff)
    {
        var load = new EngineLoad(services, null, string.Empty, string.Empty);
        await load.SeedAsync(staff);
        return load;
    }

    public IReadOnlyList<string> UserIds { get; private set; } = [];

    /// <summary>Why each walk ended (for the test's output).</summary>
    public System.Collections.Concurrent.ConcurrentBag<string> Ended { get; } = [];

    /// <summary>Every staff member answers in parallel until <paramref name="stop"/> is cancelled or the survey is done.</summary>
    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(UserIds.Select(id => Task.Run(() => WalkAsync(id, int.MaxValue, stop), CancellationToken.None)));

    /// <summary>One staff member takes <paramref name="turns"/> turns (fewer if the walk ends).</summary>
    public Task WalkAsync(string userId, int turns) => WalkAsync(userId, turns, CancellationToken.None);

    public async Task<TurnResult> TurnAsync(Inbound inbound)
    {
        var scope = Services.CreateAsyncScope();
        await using (scope)
        {
            Interlocked.Increment(ref started);
            var result = await scope.ServiceProvider.GetRequiredService<IConversationEngine>().HandleAsync(inbound, CancellationToken.None);
            Interlocked.Increment(ref completed);
            return result;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (host is null)
        {
            return;
        }

        host.Dispose();
        SqliteConnection.ClearAllPools();
        await Task.Yield();
        Directory.Delete(Folder, recursive: true);
    }

    private async Task WalkAsync(string userId, int turns, CancellationToken stop)
    {
        var sequence = 0;
        Inbound Button(string payload) => new(ChannelKind.Telegram, userId, userId, "staff", InboundKind.Button, Payload: payload,
            EventId: userId + "-" + (++sequence).ToString(CultureInfo.InvariantCulture));
        Inbound Text(string text) => new(ChannelKind.Telegram, userId, userId, "staff", InboundKind.Text, Text: text,
            EventId: userId + "-" + (++sequence).ToString(CultureInfo.InvariantCulture));

        var result = await TurnAsync(Button(Payload.Menu("survey")));
        while (!stop.IsCancellationRequested && sequence < turns)
        {
            if (result.Replies.OfType<PromptReply>().LastOrDefault() is not { } prompt)
            {
                Ended.Add(userId + " after " + sequence.ToString(CultureInfo.InvariantCulture) + ": " + string.Join(" | ", result.Replies.Select(r => r is TextReply t ? t.Text : r.GetType().Name)));
                return;
            }

            var options = prompt.Choices.Where(c => IsQuestionOp(c.Payload, "o")).ToList();
            var items = prompt.Choices.Where(c => IsQuestionOp(c.Payload, "t")).ToList();
            var confirm = prompt.Choices.FirstOrDefault(c => IsQuestionOp(c.Payload, "ok"));
            Inbound next;
            if (prompt.FreeText)
            {
                next = Text("50");
            }
            else if (prompt.Multi && confirm is not null && prompt.Choices.Any(c => c.Selected))
            {
                next = Button(confirm.Payload);
            }
            else if (prompt.Multi && items.Count > 0)
            {
                next = Button(items[sequence % items.Count].Payload);
            }
            else if (options.Count > 0)
            {
                next = Button(options[sequence % options.Count].Payload);
            }
            else
            {
                // The end of the walk (review or submit): this staff member is done.
                Ended.Add(userId + " after " + sequence.ToString(CultureInfo.InvariantCulture) + ": " + prompt.Text);
                return;
            }

            result = await TurnAsync(next);
        }
    }

    private static bool IsQuestionOp(string payload, string op) =>
        Payload.Parse(payload) is { Kind: PayloadKind.Question } p && p.Op == op;

    private async Task SeedAsync(int staff)
    {
        var scope = Services.CreateAsyncScope();
        await using (scope)
        {
            var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
            var catalog = scope.ServiceProvider.GetRequiredService<SurveyCatalog>();
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            db.Rounds.Add(new SurveyRound("backup-load", now.AddDays(30), catalog.Current.Version, now));
            var ids = new List<string>();
            for (var i = 1; i <= staff; i++)
            {
                // One agency each, so no two people share a response.
                var agency = new Agency(string.Create(CultureInfo.InvariantCulture, $"OPS-{i:00}"), "หน่วยงานทดสอบสำรองข้อมูล " + i.ToString(CultureInfo.InvariantCulture), "ลำปาง", "จังหวัด", now);
                db.Agencies.Add(agency);
                await db.SaveChangesAsync();
                var userId = (900_000 + i).ToString(CultureInfo.InvariantCulture);
                var user = new ChatUser(ChannelKind.Telegram, userId, userId, "staff", now);
                user.Join(agency.Id, UserRole.Staff, now);
                user.RecordConsent(now);
                db.ChatUsers.Add(user);
                ids.Add(userId);
            }

            await db.SaveChangesAsync();
            UserIds = ids;
        }
    }

    /// <summary>Opens a database file (a backup copy or the live file) with the bot's own EF model.</summary>
    public static DgBotDbContext Open(string path)
    {
        var options = new DbContextOptionsBuilder<DgBotDbContext>();
        options.UseDgBotSqlite("Data Source=" + path + ";Pooling=False");
        return new DgBotDbContext(options.Options);
    }
}
