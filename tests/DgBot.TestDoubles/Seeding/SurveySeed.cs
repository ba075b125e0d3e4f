using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DgBot.TestDoubles.Seeding;

/// <summary>What <see cref="SurveySeed.SeedAsync"/> wrote.</summary>
/// <param name="Provinces">The provinces, in order ("จังหวัดทดสอบ๑" …).</param>
/// <param name="Previous">The closed earlier round (scored with <see cref="SurveySeed.PreviousVersion"/>), or null when not seeded.</param>
/// <param name="Current">The open round (the built-in default questionnaire).</param>
/// <param name="SubmittedNow">The agency codes with a submitted response in <see cref="Current"/>.</param>
/// <param name="AnsweredNotSubmitted">The agency codes that answered in <see cref="Current"/> but did not submit.</param>
/// <param name="SubmittedBefore">The agency codes with a submitted response in <see cref="Previous"/>.</param>
public sealed record SeededSurvey(
    IReadOnlyList<string> Provinces,
    SurveyRound? Previous,
    SurveyRound Current,
    IReadOnlySet<string> SubmittedNow,
    IReadOnlySet<string> AnsweredNotSubmitted,
    IReadOnlySet<string> SubmittedBefore);

/// <summary>
/// A realistic survey in a database, for report, export and trend tests and benchmarks: <c>provinces</c> provinces of
/// <c>perProvince</c> agencies each, agency slot k being the same kind of office in every province (so agencies of one
/// type can be compared nationwide, as the real 19 offices per province can); a closed previous round ("2568",
/// questionnaire 2569.1) in which all but the last agency of each province submitted, and the open current round
/// ("2569", the default questionnaire) in which the first <c>submittedPerProvince</c> agencies submitted and the next
/// one answered without submitting. Every answer is given by one staff member per agency, and answers differ by
/// agency and round (<see cref="SeededAnswers"/>), so scores differ and change between the rounds. Deterministic.
/// </summary>
public static class SurveySeed
{
    /// <summary>The questionnaire version of the previous round: an older version, so comparisons go by sub-dimension code.</summary>
    public const string PreviousVersion = "2569.1";

    /// <summary>The kinds of office, one per agency slot (the first 19 are the real provincial offices' kind of names).</summary>
    public static IReadOnlyList<string> AgencyTypes { get; } =
    [
        "สำนักงานจังหวัด", "องค์การบริหารส่วนจังหวัด", "สำนักงานสถิติจังหวัด", "สำนักงานคลังจังหวัด", "สำนักงานจัดหางานจังหวัด",
        "สำนักงานพัฒนาสังคมและความมั่นคงของมนุษย์จังหวัด", "สำนักงานสาธารณสุขจังหวัด", "สำนักงานเกษตรจังหวัด", "สำนักงานพาณิชย์จังหวัด",
        "สำนักงานพลังงานจังหวัด", "สำนักงานท่องเที่ยวและกีฬาจังหวัด", "สำนักงานวัฒนธรรมจังหวัด", "สำนักงานทรัพยากรธรรมชาติและสิ่งแวดล้อมจังหวัด",
        "สำนักงานอุตสาหกรรมจังหวัด", "สำนักงานแรงงานจังหวัด", "สำนักงานประกันสังคมจังหวัด", "สำนักงานที่ดินจังหวัด",
        "สำนักงานปศุสัตว์จังหวัด", "สำนักงานศึกษาธิการจังหวัด",
    ];

    /// <summary>The code of agency <paramref name="slot"/> (0-based) of province <paramref name="province"/> (0-based): "P01-07".</summary>
    public static string Code(int province, int slot) => $"P{province + 1:00}-{slot + 1:00}";

    /// <summary>The name of province <paramref name="province"/> (0-based).</summary>
    public static string Province(int province) => $"จังหวัดทดสอบ{province + 1}";

    /// <summary>
    /// Seeds an empty, migrated database. <paramref name="previousRound"/> false leaves the previous round out.
    /// </summary>
    public static async Task<SeededSurvey> SeedAsync(
        DgBotDbContext db,
        int provinces = 3,
        int perProvince = 19,
        int submittedPerProvince = 15,
        bool previousRound = true,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(db);
        var catalog = SurveyCatalog.BuiltIn();
        var created = new DateTime(2025, 10, 1, 2, 0, 0, DateTimeKind.Utc);
        var agencies = new List<Agency>();
        for (var p = 0; p < provinces; p++)
        {
            for (var k = 0; k < perProvince; k++)
            {
                var type = AgencyTypes[k % AgencyTypes.Count] + (k >= AgencyTypes.Count ? $" {(k / AgencyTypes.Count) + 1}" : string.Empty);
                agencies.Add(new Agency(Code(p, k), $"{type}{Province(p)}", Province(p), type, created));
            }
        }

        db.Agencies.AddRange(agencies);
        SurveyRound? previous = null;
        if (previousRound)
        {
            previous = new SurveyRound("2568", new DateTime(2025, 12, 15, 16, 59, 59, DateTimeKind.Utc), PreviousVersion, created);
            previous.Close(new DateTime(2025, 12, 16, 0, 0, 0, DateTimeKind.Utc));
            db.Rounds.Add(previous);
        }

        var current = new SurveyRound("2569", new DateTime(2099, 12, 15, 16, 59, 59, DateTimeKind.Utc), catalog.Current.Version, created.AddYears(1));
        db.Rounds.Add(current);

        var users = agencies.Select((a, n) => new ChatUser(ChannelKind.Telegram, $"{900000 + n}", $"{900000 + n}", $"เจ้าหน้าที่ {a.Code}", created)).ToList();
        db.ChatUsers.AddRange(users);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        for (var n = 0; n < agencies.Count; n++)
        {
            users[n].Join(agencies[n].Id, UserRole.Staff, created);
        }

        var submittedNow = new HashSet<string>(StringComparer.Ordinal);
        var answeredOnly = new HashSet<string>(StringComparer.Ordinal);
        var submittedBefore = new HashSet<string>(StringComparer.Ordinal);
        var planned = new List<(Response Response, SurveyRound Round, ChatUser User, int Seed, bool Submit, DateTime When)>();
        for (var n = 0; n < agencies.Count; n++)
        {
            var slot = n % perProvince;
            if (previous is not null && slot < perProvince - 1)
            {
                var when = previous.DeadlineUtc.AddDays(-10);
                planned.Add((new Response(agencies[n].Id, previous.Id, when), previous, users[n], (n * 3) + 1, true, when));
                submittedBefore.Add(agencies[n].Code);
            }

            if (slot <= submittedPerProvince)
            {
                var submit = slot < submittedPerProvince;
                var when = new DateTime(2026, 11, 20, 3, 0, 0, DateTimeKind.Utc).AddMinutes(n);
                planned.Add((new Response(agencies[n].Id, current.Id, when), current, users[n], (n * 5) + 2, submit, when));
                (submit ? submittedNow : answeredOnly).Add(agencies[n].Code);
            }
        }

        db.Responses.AddRange(planned.Select(p => p.Response));
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        foreach (var (response, round, user, seed, submit, when) in planned)
        {
            foreach (var (question, value) in SeededAnswers.For(catalog.Get(round.QuestionnaireVersion), seed))
            {
                db.Answers.Add(new Answer(response.Id, question, value.Serialize(), user.Id, when));
            }

            if (submit)
            {
                response.Submit(user.Id, when.AddHours(1));
            }
        }

        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        db.ChangeTracker.Clear();
        return new SeededSurvey(Enumerable.Range(0, provinces).Select(Province).ToList(), previous, current, submittedNow, answeredOnly, submittedBefore);
    }
}
