using DgBot.Bot.Line;
using DgBot.Bot.Outbox;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Outbox;
using DgBot.Core.Reminders;
using DgBot.Core.Rounds;
using DgBot.TestDoubles.Line;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DgBot.Bot.Tests.Reminders;

/// <summary>
/// A real SQLite file with a round, agencies and people, the LINE double on loopback, and the real outbox sender.
/// The sender's clock is fake (10:00 in Bangkok, inside the window); HTTP back-off uses the real clock.
/// </summary>
public sealed class OutboxWorld : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private OutboxWorld(string path, LineApiDouble line, ServiceProvider services, ReminderOptions options, DateTimeOffset start)
    {
        Time = new FakeTimeProvider(start);
        DatabasePath = path;
        Line = line;
        _services = services;
        Options = options;
    }

    public string DatabasePath { get; }

    public LineApiDouble Line { get; }

    public ReminderOptions Options { get; }

    /// <summary>10:00 in Bangkok on 12 Dec 2569, unless the world was started at another time.</summary>
    public FakeTimeProvider Time { get; }

    public SurveyRound Round { get; private set; } = null!;

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public static async Task<OutboxWorld> StartAsync(long? quotaLimit = null, int lineBatchSize = 500, string window = "09:00-16:00", DateTimeOffset? start = null)
    {
        var path = Path.Combine(Path.GetTempPath(), "dgbot-outbox-" + Guid.NewGuid().ToString("N") + ".db");
        var line = await LineApiDouble.StartAsync(new LineApiDoubleOptions { QuotaLimit = quotaLimit });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Line:ChannelSecret"] = "test-secret",
            ["Line:ChannelAccessToken"] = line.AccessToken,
            ["Line:ApiBaseUrl"] = line.BaseAddress.ToString(),
            ["Line:RetryBaseDelay"] = "00:00:00.010",
        }).Build();
        var services = new ServiceCollection()
            .AddSingleton<IConfiguration>(configuration)
            .AddLogging()
            .AddSingleton(TimeProvider.System)
            .AddDbContext<DgBotDbContext>(o => o.UseDgBotSqlite("Data Source=" + path + ";Pooling=False"));
        services.AddLineClient();
        services.AddSingleton(_ => new LineMessageRenderer(LineMessageRenderer.LoadTexts()));
        var provider = services.BuildServiceProvider();
        var world = new OutboxWorld(path, line, provider, new ReminderOptions { LineBatchSize = lineBatchSize, RetryBaseDelay = TimeSpan.FromSeconds(1) }, start ?? new DateTimeOffset(2026, 12, 12, 3, 0, 0, TimeSpan.Zero));
        await using var db = world.NewDb();
        await SqliteSetup.MigrateAsync(db);
        world.Round = new SurveyRound("2569", Deadlines.EndOfDayUtc(new DateOnly(2026, 12, 15)), SurveyCatalog.BuiltIn().Current.Version, world.Now, "7,3,1", window);
        db.Rounds.Add(world.Round);
        await db.SaveChangesAsync();
        return world;
    }

    public DgBotDbContext NewDb()
    {
        var builder = new DbContextOptionsBuilder<DgBotDbContext>();
        builder.UseDgBotSqlite("Data Source=" + DatabasePath + ";Pooling=False");
        return new DgBotDbContext(builder.Options);
    }

    /// <summary>A new sender, as a restarted process would have.</summary>
    public LineOutboxSender LineSender() => new(
        _services.GetRequiredService<IServiceScopeFactory>(),
        _services.GetRequiredService<LineMessagingClient>(),
        _services.GetRequiredService<LineMessageRenderer>(),
        Microsoft.Extensions.Options.Options.Create(Options),
        Time,
        NullLogger<LineOutboxSender>.Instance);

    public LineMessagingClient LineClient => _services.GetRequiredService<LineMessagingClient>();

    public ReminderPlanner Planner(DgBotDbContext db) => new(db, new RoundStatusService(db, SurveyCatalog.BuiltIn()), Time);

    /// <summary>Agencies "A000".."A{n}" with <paramref name="perAgency"/> staff each on <paramref name="channel"/>; returns the people.</summary>
    public async Task<List<ChatUser>> PeopleAsync(int agencies, int perAgency, ChannelKind channel = ChannelKind.Line, string province = "ลำปาง")
    {
        await using var db = NewDb();
        var people = new List<ChatUser>();
        for (var a = 0; a < agencies; a++)
        {
            var agency = new Agency($"{province[..1]}{a:D3}", $"หน่วยงานทดสอบ {a}", province, "กรม", Now);
            db.Agencies.Add(agency);
            await db.SaveChangesAsync();
            for (var p = 0; p < perAgency; p++)
            {
                var id = channel == ChannelKind.Line ? $"U{a:D3}x{p:D4}" : (100_000 + (a * 1000) + p).ToString(System.Globalization.CultureInfo.InvariantCulture);
                var user = new ChatUser(channel, id, id, "ผู้ตอบ " + id, Now);
                user.Join(agency.Id, UserRole.Staff, Now);
                db.ChatUsers.Add(user);
                people.Add(user);
            }
        }

        await db.SaveChangesAsync();
        return people;
    }

    public async Task<int> BroadcastAsync(string text)
    {
        await using var db = NewDb();
        var planner = Planner(db);
        var planned = await planner.PlanBroadcastAsync(Round, BroadcastAudience.All, null, text, CancellationToken.None);
        return await planner.EnqueueBroadcastAsync(Round, "b:test", planned, CancellationToken.None);
    }

    public async Task<int> EnqueueSlotAsync(string key)
    {
        await using var db = NewDb();
        return await Planner(db).EnqueueAsync(Round, ReminderSchedule.Slots(Round).Single(s => s.Key == key), CancellationToken.None);
    }

    public async Task<Dictionary<OutboxStatus, int>> StatusesAsync()
    {
        await using var db = NewDb();
        return await db.Outbox.GroupBy(m => m.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count);
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Line.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}
