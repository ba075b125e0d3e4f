using DgBot.Core.Answers;
using DgBot.Core.Content;
using DgBot.Core.Conversation;
using DgBot.Core.Conversation.Prompts;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports.Progress;
using DgBot.Core.Rounds;
using DgBot.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Reports.Exports;

/// <summary>
/// Builds the tables of <c>dgbot export</c> from the stored answers of a round: answers (as the bot shows them),
/// scores (scored as everywhere else: <see cref="Scorer"/> with the round's questionnaire, shown through
/// <see cref="ReportBuilder"/>) and progress (<see cref="RoundStatusService"/>). Every agency of the round's
/// province filter is a row of the scores and status tables, with or without a response.
/// </summary>
public sealed class ExportService(DgBotDbContext db, SurveyCatalog catalog, RoundStatusService status)
{
    public const string Yes = "yes";
    public const string No = "no";

    public Task<ExportTable> BuildAsync(ExportKind kind, SurveyRound round, string? province, CancellationToken cancellationToken) => kind switch
    {
        ExportKind.Answers => AnswersAsync(round, province, cancellationToken),
        ExportKind.Scores => ScoresAsync(round, province, cancellationToken),
        ExportKind.Status => StatusAsync(round, province, cancellationToken),
        _ => throw new ArgumentOutOfRangeException(nameof(kind)),
    };

    /// <summary>
    /// One row per agency and stored answer, in questionnaire order; a value that cannot be read is left out. Built for
    /// the whole country (1,900 agencies × ~94 answers): three projected queries (responses with their agency, the
    /// answers' columns, the names of the people who gave them) instead of an entity graph with a person per answer,
    /// and each distinct shown answer and timestamp formatted once.
    /// </summary>
    public async Task<ExportTable> AnswersAsync(SurveyRound round, string? province, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var questionnaire = catalog.Get(round.QuestionnaireVersion);
        var responses = await Responses(round, province)
            .Select(r => new { r.Id, r.Agency!.Code, r.Agency.NameTh, r.Agency.Province })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var stored = await db.Answers.AsNoTracking()
            .Where(a => Responses(round, province).Any(r => r.Id == a.ResponseId))
            .Select(a => new { a.ResponseId, a.QuestionId, a.Value, a.AnsweredByUserId, a.AnsweredUtc, a.EnteredBy })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var people = stored.Where(a => a.AnsweredByUserId is not null).Select(a => a.AnsweredByUserId!.Value).Distinct().ToList();
        var names = await db.ChatUsers.AsNoTracking()
            .Where(u => people.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName })
            .ToDictionaryAsync(u => u.Id, u => u.DisplayName, cancellationToken)
            .ConfigureAwait(false);
        var byResponse = stored.ToLookup(a => a.ResponseId);
        var shown = new Dictionary<(string, string), string>();
        var times = new Dictionary<DateTime, string>();
        var rows = new List<IReadOnlyList<object?>>(stored.Count);
        foreach (var response in responses.OrderBy(r => r.Province, StringComparer.Ordinal).ThenBy(r => r.Code, StringComparer.Ordinal))
        {
            var answers = byResponse[response.Id]
                .Select(a => Answer.Restore(0, a.ResponseId, a.QuestionId, a.Value, a.AnsweredByUserId, a.AnsweredUtc, a.EnteredBy))
                .ToList();
            var values = ResultsService.Values(answers);
            var result = Scorer.Score(catalog.Framework, questionnaire, values);
            foreach (var answer in answers.OrderBy(a => Order(questionnaire.IndexOf(a.QuestionId))).ThenBy(a => a.QuestionId, StringComparer.Ordinal))
            {
                if (questionnaire.Find(answer.QuestionId) is not { } question || !values.TryGetValue(answer.QuestionId, out var value))
                {
                    continue;
                }

                if (!shown.TryGetValue((question.Id, answer.Value), out var described))
                {
                    described = QuestionPrompts.Describe(question, value);
                    shown[(question.Id, answer.Value)] = described;
                }

                if (!times.TryGetValue(answer.AnsweredUtc, out var at))
                {
                    at = ThaiDates.DateAndTime(answer.AnsweredUtc);
                    times[answer.AnsweredUtc] = at;
                }

                var outcome = result.Question(question.Id);
                rows.Add([
                    response.Code,
                    response.NameTh,
                    response.Province,
                    question.Id,
                    question.SubDimension,
                    described,
                    outcome is { Counts: true } ? ScoreMath.Round(outcome.Earned) : null,
                    Who(answer, names),
                    at,
                ]);
            }
        }

        return new ExportTable("answers", ["agency_code", "agency_name", "province", "question_id", "sub_dimension", "answer", "points", "answered_by", "answered_at"], rows);
    }

    /// <summary>
    /// One row per agency: the scores of its response (submitted or not; empty without answers), as
    /// <see cref="ReportBuilder.Build"/> shows them: dimensions each followed by their sub-dimensions, then overall;
    /// then the previous round it submitted in (<see cref="PreviousRounds"/>) and each score's change since then
    /// (<c>{code}_change</c>, <c>overall_change</c>; empty where either round has no score).
    /// </summary>
    public async Task<ExportTable> ScoresAsync(SurveyRound round, string? province, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var questionnaire = catalog.Get(round.QuestionnaireVersion);
        var framework = catalog.Framework;
        var agencies = await Agencies(province).ToListAsync(cancellationToken).ConfigureAwait(false);
        var responses = await Responses(round, province)
            .Include(r => r.Answers)
            .AsSplitQuery()
            .ToDictionaryAsync(r => r.AgencyId, cancellationToken)
            .ConfigureAwait(false);
        var previous = await new PreviousRounds(db, catalog).AgenciesAsync(round, province, agencyId: null, cancellationToken).ConfigureAwait(false);
        var codes = framework.Dimensions.SelectMany(d => new[] { d.Code }.Concat(d.SubDimensions.Select(s => s.Code))).ToList();
        var rows = new List<IReadOnlyList<object?>>();
        foreach (var agency in agencies)
        {
            var response = responses.GetValueOrDefault(agency.Id);
            var submitted = response?.SubmittedUtc is not null;
            var values = response is null ? [] : ResultsService.Values(response.Answers);
            var report = values.Count > 0 ? ReportBuilder.Build(framework, Scorer.Score(framework, questionnaire, values), submitted: submitted) : null;
            var row = new List<object?> { agency.Code, agency.NameTh, agency.Province, submitted ? Yes : No };
            var scores = report is null
                ? []
                : report.Dimensions.Select(d => (d.Code, d.Score)).Concat(report.SubDimensions.Select(s => (s.Code, s.Score)))
                    .ToDictionary(x => x.Code, x => x.Score, StringComparer.OrdinalIgnoreCase);
            foreach (var code in codes)
            {
                row.Add(scores.GetValueOrDefault(code));
            }

            row.Add(report?.Overall);

            // The change columns follow the scores, so the columns before them keep their places.
            var before = report is not null && previous.TryGetValue(agency.Id, out var found) ? found : null;
            var changed = before is null ? null : PreviousRounds.Apply(report!, round, before);
            var changes = changed is null
                ? []
                : changed.Dimensions.Select(d => (d.Code, d.Change)).Concat(changed.SubDimensions.Select(s => (s.Code, s.Change)))
                    .ToDictionary(x => x.Code, x => x.Change, StringComparer.OrdinalIgnoreCase);
            row.Add(before?.Round.Name);
            row.Add(before?.Round.QuestionnaireVersion);
            foreach (var code in codes)
            {
                row.Add(changes.GetValueOrDefault(code));
            }

            row.Add(changed?.Progress?.OverallChange);
            rows.Add(row);
        }

        return new ExportTable(
            "scores",
            ["agency_code", "agency_name", "province", "submitted", .. codes, "overall", "previous_round", "previous_version", .. codes.Select(c => c + "_change"), "overall_change"],
            rows);
    }

    /// <summary>One row per agency, as <c>dgbot status</c> counts it.</summary>
    public async Task<ExportTable> StatusAsync(SurveyRound round, string? province, CancellationToken cancellationToken)
    {
        var agencies = await status.AgenciesAsync(round, province, cancellationToken).ConfigureAwait(false);
        var rows = agencies.Select(a => (IReadOnlyList<object?>)[
            a.Code,
            a.Name,
            a.Province,
            a.Submitted ? Yes : No,
            a.SubmittedUtc is { } at ? ThaiDates.DateAndTime(at) : null,
            (double)a.Answered,
            (double)a.Total,
            a.LastActivityUtc is { } last ? ThaiDates.DateAndTime(last) : null,
            (double)a.StaffJoined,
        ]).ToList();
        return new ExportTable("status", ["agency_code", "agency_name", "province", "submitted", "submitted_at", "answered", "applicable", "last_activity", "staff_joined"], rows);
    }

    /// <summary>The person's name; "บันทึกจากแบบฟอร์มโดย <operator>" for an answer entered from a file; "ผู้ตอบที่ลบข้อมูลแล้ว" once the person was erased.</summary>
    private static string Who(Answer answer, Dictionary<int, string?> names) =>
        Respondents.Describe(answer, answer.AnsweredByUserId is { } id ? names.GetValueOrDefault(id) : null);

    private static int Order(int index) => index < 0 ? int.MaxValue : index;

    private IQueryable<Agency> Agencies(string? province)
    {
        var agencies = db.Agencies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(province))
        {
            agencies = agencies.Where(a => a.Province == province);
        }

        return agencies.OrderBy(a => a.Province).ThenBy(a => a.Code);
    }

    private IQueryable<Response> Responses(SurveyRound round, string? province)
    {
        var responses = db.Responses.AsNoTracking().Where(r => r.RoundId == round.Id);
        if (!string.IsNullOrWhiteSpace(province))
        {
            responses = responses.Where(r => r.Agency!.Province == province);
        }

        return responses;
    }
}
