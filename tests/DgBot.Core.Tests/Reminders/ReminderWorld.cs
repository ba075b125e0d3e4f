using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reminders;
using DgBot.Core.Rounds;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DgBot.Core.Tests.Reminders;

/// <summary>A real SQLite file with agencies, staff, officers and a round due 15 Dec 2569 (2026), and a fake clock.</summary>
public sealed class ReminderWorld : IAsyncDisposable
{
    private static readonly Lazy<SurveyCatalog> Catalog = new(SurveyCatalog.BuiltIn);

    private ReminderWorld(string path, FakeTimeProvider time)
    {
        Path = path;
        Time = time;
    }

    public string Path { get; }

    public FakeTimeProvider Time { get; }

    public SurveyRound Round { get; private set; } = null!;

    /// <summary>Bangkok local time as UTC (UTC+7).</summary>
    public static DateTimeOffset Bangkok(int year, int month, int day, int hour, int minute = 0) =>
        new DateTimeOffset(year, month, day, hour, minute, 0, TimeSpan.FromHours(7)).ToUniversalTime();

    public static async Task<ReminderWorld> CreateAsync(string reminderDays = "7,3,1", string window = "09:00-16:00")
    {
        var world = new ReminderWorld(System.IO.Path.Combine(System.IO.Path.GetTempPath(), "dgbot-rem-" + Guid.NewGuid().ToString("N") + ".db"), new FakeTimeProvider(Bangkok(2026, 12, 1, 10)));
        await using var db = world.NewDb();
        await SqliteSetup.MigrateAsync(db);
        world.Round = new SurveyRound("2569", Deadlines.EndOfDayUtc(new DateOnly(2026, 12, 15)), Catalog.Value.Current.Version, world.Now, reminderDays, window);
        db.Rounds.Add(world.Round);
        await db.SaveChangesAsync();
        return world;
    }

    public DateTime Now => Time.GetUtcNow().UtcDateTime;

    public DgBotDbContext NewDb()
    {
        var builder = new DbContextOptionsBuilder<DgBotDbContext>();
        builder.UseDgBotSqlite("Data Source=" + Path + ";Pooling=False");
        return new DgBotDbContext(builder.Options);
    }

    public ReminderPlanner Planner(DgBotDbContext db) => new(db, new RoundStatusService(db, Catalog.Value), Time);

    public async Task<Agency> AgencyAsync(string code, string name, string province = "ลำปาง")
    {
        await using var db = NewDb();
        var agency = new Agency(code, name, province, "จังหวัด", Now);
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        return agency;
    }

    public async Task<ChatUser> PersonAsync(Agency agency, string id, UserRole role = UserRole.Staff, ChannelKind channel = ChannelKind.Telegram, bool unreachable = false)
    {
        await using var db = NewDb();
        var user = new ChatUser(channel, id, id, "คน " + id, Now);
        user.Join(agency.Id, role, Now);
        if (unreachable)
        {
            user.MarkUnreachable();
        }

        db.ChatUsers.Add(user);
        await db.SaveChangesAsync();
        return user;
    }

    /// <summary>Gives <paramref name="agency"/> answers to the first <paramref name="answered"/> yes/no questions, and submits when asked.</summary>
    public async Task AnswerAsync(Agency agency, int answered, bool submit = false)
    {
        await using var db = NewDb();
        var response = new Response(agency.Id, Round.Id, Now);
        db.Responses.Add(response);
        await db.SaveChangesAsync();
        foreach (var q in Catalog.Value.Current.Questions.Where(q => q.Condition is null && q.IsChoice && q.Type != DgBot.Core.Questionnaires.QuestionType.Multi).Take(answered))
        {
            db.Answers.Add(new Answer(response.Id, q.Id, DgBot.Core.Answers.AnswerValue.Option(q.Options[0].Id).Serialize(), null, Now));
        }

        if (submit)
        {
            response.Submit(null, Now);
        }

        await db.SaveChangesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(Path + suffix);
        }

        await Task.CompletedTask;
    }
}
