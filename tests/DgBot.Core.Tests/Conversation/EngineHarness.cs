using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Framework;
using DgBot.Core.Invitations;
using DgBot.Core.Questionnaires;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DgBot.Core.Tests.Conversation;

/// <summary>
/// The real engine over a real SQLite file, built from the core's own registrations (<see cref="ConversationServices.AddConversationCore"/>)
/// with one DI scope and DbContext per turn as the host does, and a fake clock. A new harness over the same file stands
/// for a restarted process (or another process on the same database).
/// </summary>
public sealed class EngineHarness : IAsyncDisposable
{
    /// <summary>
    /// The conversation tests walk questionnaire 2569.1 (their question ids and orders are 2569.1's): a catalog holding
    /// only that version, so its rounds are 2569.1 rounds, as a round started before 2569.2 shipped stays.
    /// </summary>
    private static readonly Lazy<SurveyCatalog> BuiltInCatalog = new(() => new SurveyCatalog(FrameworkLoader.BuiltIn, [QuestionnaireLoader.BuiltIn("2569.1")]));

    private readonly bool _ownsFile;

    private EngineHarness(string databasePath, FakeTimeProvider time, bool ownsFile, IEnumerable<string>? admins, int? minimumGroupSize, SurveyCatalog? catalog, Action<IServiceCollection>? configure)
    {
        Catalog = catalog ?? BuiltInCatalog.Value;
        DatabasePath = databasePath;
        Time = time;
        _ownsFile = ownsFile;
        Options = new EngineOptions { Admins = new HashSet<string>(admins ?? [], StringComparer.OrdinalIgnoreCase) };
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddSingleton(Catalog);
        services.AddSingleton(Options);
        services.AddSingleton(Locks);
        services.AddScoped(_ => NewDb());
        if (minimumGroupSize is { } size)
        {
            services.Configure<DgBot.Core.Reports.ResultsOptions>(o => o.MinimumGroupSize = size);
        }

        configure?.Invoke(services);
        services.AddConversationCore();
        Services = services.BuildServiceProvider(new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true });
    }

    public static DateTimeOffset DefaultStart { get; } = new(2026, 11, 23, 3, 0, 0, TimeSpan.Zero);

    public string DatabasePath { get; }

    public FakeTimeProvider Time { get; }

    public SurveyCatalog Catalog { get; }

    public EngineOptions Options { get; }

    public UserTurnLocks Locks { get; } = new();

    /// <summary>The harness's container: the core's registrations over this database.</summary>
    public ServiceProvider Services { get; }

    /// <param name="minimumGroupSize"><c>Results:MinimumGroupSize</c>; the default (5) when null.</param>
    /// <param name="catalog">The questionnaires; by default only 2569.1 (see <see cref="BuiltInCatalog"/>).</param>
    /// <param name="configure">More registrations before the core's (options such as <c>Reports</c>).</param>
    public static async Task<EngineHarness> CreateAsync(string? databasePath = null, DateTimeOffset? now = null, IEnumerable<string>? admins = null, int? minimumGroupSize = null, SurveyCatalog? catalog = null, Action<IServiceCollection>? configure = null)
    {
        var path = databasePath ?? Path.Combine(Path.GetTempPath(), "dgbot-engine-" + Guid.NewGuid().ToString("N") + ".db");
        var harness = new EngineHarness(path, new FakeTimeProvider(now ?? DefaultStart), databasePath is null, admins, minimumGroupSize, catalog, configure);
        await using var db = harness.NewDb();
        await SqliteSetup.MigrateAsync(db);
        return harness;
    }

    public DgBotDbContext NewDb()
    {
        var builder = new DbContextOptionsBuilder<DgBotDbContext>();
        builder.UseDgBotSqlite("Data Source=" + DatabasePath + ";Pooling=False");
        return new DgBotDbContext(builder.Options);
    }

    public async Task<TurnResult> HandleAsync(Inbound inbound)
    {
        await using var scope = Services.CreateAsyncScope();
        var engine = scope.ServiceProvider.GetRequiredService<IConversationEngine>();
        return await engine.HandleAsync(inbound, CancellationToken.None);
    }

    public async Task<Agency> AddAgencyAsync(string code, string name, string province = "ลำปาง")
    {
        await using var db = NewDb();
        var agency = new Agency(code, name, province, "จังหวัด", Time.GetUtcNow().UtcDateTime);
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        return agency;
    }

    public async Task<string> InviteAsync(Agency agency, UserRole role = UserRole.Staff, int uses = 10, TimeSpan? validFor = null)
    {
        await using var db = NewDb();
        var tracked = await db.Agencies.SingleAsync(a => a.Id == agency.Id);
        var created = await new InvitationService(db, Time).CreateAsync(tracked, role, uses, validFor ?? TimeSpan.FromDays(7), CancellationToken.None);
        await db.SaveChangesAsync();
        return created.Code;
    }

    public Person Person(string userId, string displayName = "ผู้ทดสอบ", ChannelKind channel = ChannelKind.Telegram) =>
        new(this, channel, userId, displayName);

    /// <summary>A staff member who has joined <paramref name="agency"/> (the greeting and menu are already read).</summary>
    public async Task<Person> StaffAsync(Agency agency, string userId, string displayName = "ผู้ทดสอบ")
    {
        var person = Person(userId, displayName);
        await person.SendAsync("/start " + await InviteAsync(agency));
        return person;
    }

    public async Task<Person> OfficerAsync(Agency agencyOfProvince, string userId)
    {
        var person = Person(userId, "เจ้าหน้าที่จังหวัด");
        await person.SendAsync("/start " + await InviteAsync(agencyOfProvince, UserRole.Officer));
        return person;
    }

    /// <summary>
    /// Marks the agency's response of the current round submitted, as if its staff had answered everything and pressed
    /// ส่ง (a test of who sees what needs submitted agencies, not eighty answers each).
    /// </summary>
    public async Task MarkSubmittedAsync(Agency agency)
    {
        await using var db = NewDb();
        var response = await db.Responses.SingleAsync(r => r.AgencyId == agency.Id);
        response.Submit(null, Time.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        Locks.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_ownsFile)
        {
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                try
                {
                    File.Delete(DatabasePath + suffix);
                }
                catch (IOException)
                {
                    // Best effort: a temp file left behind does no harm.
                }
            }
        }

        await Task.CompletedTask;
    }
}

/// <summary>One person chatting with the engine; remembers the last prompt so tests can press its buttons by label.</summary>
public sealed class Person(EngineHarness harness, ChannelKind channel, string userId, string displayName)
{
    private readonly string _instance = Guid.NewGuid().ToString("N")[..8];
    private int _events;

    public string UserId => userId;

    public PromptReply? LastPrompt { get; private set; }

    public TurnResult? Last { get; private set; }

    public Task<TurnResult> SendAsync(string text, string? eventId = null) =>
        HandleAsync(new Inbound(channel, userId, userId, displayName, InboundKind.Text, Text: text, EventId: eventId ?? NextEventId()));

    public Task<TurnResult> PressPayloadAsync(string payload, string? eventId = null) =>
        HandleAsync(new Inbound(channel, userId, userId, displayName, InboundKind.Button, Payload: payload, EventId: eventId ?? NextEventId()));

    /// <summary>Presses the button with this label on the last prompt (fails the test when there is none).</summary>
    public Task<TurnResult> PressAsync(string label)
    {
        var choice = LastPrompt?.Choices.FirstOrDefault(c => c.Label == label)
            ?? throw new Xunit.Sdk.XunitException($"No button '{label}' on the last prompt: [{string.Join(", ", LastPrompt?.Choices.Select(c => c.Label) ?? [])}]");
        return PressPayloadAsync(choice.Payload);
    }

    public Task<TurnResult> GroupMessageAsync(string text) =>
        HandleAsync(new Inbound(channel, userId, "group-1", displayName, InboundKind.Text, Text: text, IsPrivateChat: false));

    private string NextEventId() => userId + "-" + _instance + "-" + Interlocked.Increment(ref _events).ToString(System.Globalization.CultureInfo.InvariantCulture);

    private async Task<TurnResult> HandleAsync(Inbound inbound)
    {
        var result = await harness.HandleAsync(inbound);
        Last = result;
        if (result.Replies.OfType<PromptReply>().LastOrDefault() is { } prompt)
        {
            LastPrompt = prompt;
        }

        return result;
    }
}

public static class TurnResultExtensions
{
    /// <summary>Every text of the turn, as a person would read it.</summary>
    public static string Text(this TurnResult result) =>
        string.Join("\n---\n", result.Replies.Select(r => r switch
        {
            TextReply t => t.Text,
            PromptReply p => p.Text + "\n[" + string.Join(" | ", p.Choices.Select(c => (c.Selected ? "✓" : string.Empty) + c.Label)) + "]",
            ScoreCardReply s => s.Title + "\n" + s.PlainText,
            ImproveListReply i => i.Title + "\n" + i.PlainText,
            _ => r.ToString(),
        }));

    public static PromptReply Prompt(this TurnResult result) =>
        result.Replies.OfType<PromptReply>().LastOrDefault() ?? throw new Xunit.Sdk.XunitException("The turn has no prompt:\n" + result.Text());
}
