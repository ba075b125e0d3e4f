using DgBot.Core.Answers;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports.Peers;
using DgBot.Core.Reports.Progress;
using DgBot.Core.Framework;
using DgBot.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DgBot.Core.Reports;

/// <summary>One agency's report, and how many other agencies of its province it could be compared with.</summary>
/// <param name="Report">The agency's scores; its improve-first items carry the others' average only when <see cref="Compared"/>.</param>
/// <param name="OthersSubmitted">How many other agencies of the province have submitted (with answers) in the round.</param>
/// <param name="MinimumGroupSize">How many others a comparison needs.</param>
public sealed record AgencyResults(ScoreReport Report, int OthersSubmitted, int MinimumGroupSize)
{
    /// <summary>Whether the others' average is part of the report: there are at least <see cref="MinimumGroupSize"/> others.</summary>
    public bool Compared => OthersSubmitted >= MinimumGroupSize;
}

/// <summary>
/// The province-wide picture of a round, never one agency's scores: how many agencies were surveyed, which have not
/// submitted yet (to follow up), and the average of the submitted ones once there are enough of them.
/// </summary>
/// <param name="Surveyed">The province's agencies.</param>
/// <param name="Submitted">How many of them have submitted.</param>
/// <param name="NotSubmitted">The names of those that have not, by agency code.</param>
/// <param name="Report">The average of the submitted agencies; null below <paramref name="MinimumGroupSize"/>.</param>
/// <param name="MinimumGroupSize">The fewest submitted agencies an average is shown for.</param>
public sealed record ProvinceResults(string Province, int Surveyed, int Submitted, IReadOnlyList<string> NotSubmitted, ScoreReport? Report, int MinimumGroupSize);

/// <summary>
/// Scores agencies and provinces of a round from the stored answers, read afresh on every call (nothing is kept between
/// calls). A figure over other agencies covers submitted responses only, and only when there are at least
/// <see cref="ResultsOptions.MinimumGroupSize"/> of them (see docs/scoring.md, "Group size"). Reports carry their change
/// since the previous round (<see cref="ScoreReport.Progress"/>) and an agency's report its peer bands
/// (<see cref="DimensionScore.Peers"/>; docs/scoring.md, "Progress since the last round" and "Peer standing").
/// </summary>
public sealed class ResultsService(DgBotDbContext db, SurveyCatalog catalog, IOptions<ResultsOptions> options)
{
    private int MinimumGroupSize => options.Value.MinimumGroupSize;

    /// <summary>The stored answers of a response as values; a value that cannot be read is left out.</summary>
    public static Dictionary<string, AnswerValue> Values(IEnumerable<Answer> answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var values = new Dictionary<string, AnswerValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var answer in answers)
        {
            try
            {
                values[answer.QuestionId] = AnswerValue.Deserialize(answer.Value);
            }
            catch (FormatException)
            {
                // A value written by another version of the bot: it counts as unanswered rather than failing the report.
            }
        }

        return values;
    }

    /// <summary>One agency's report (null before it has answers), compared with the other submitted agencies of its province when there are enough.</summary>
    public Task<AgencyResults?> AgencyReportAsync(Agency agency, SurveyRound round, CancellationToken cancellationToken) =>
        AgencyReportAsync(agency, round, ownAnswers: null, cancellationToken);

    /// <summary>
    /// As <see cref="AgencyReportAsync(Agency, SurveyRound, CancellationToken)"/>, scoring the agency itself from
    /// <paramref name="ownAnswers"/> (a turn's answers, not yet committed) instead of the stored ones.
    /// </summary>
    public async Task<AgencyResults?> AgencyReportAsync(Agency agency, SurveyRound round, IEnumerable<Answer>? ownAnswers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(round);
        var results = await ScoredAsync(agency.Province, round, agency.Id, cancellationToken).ConfigureAwait(false);
        if (ownAnswers is not null)
        {
            var values = Values(ownAnswers);
            results.Remove(agency.Id);
            if (values.Count > 0)
            {
                results[agency.Id] = Scorer.Score(catalog.Framework, catalog.Get(round.QuestionnaireVersion), values);
            }
        }

        if (!results.TryGetValue(agency.Id, out var own))
        {
            return null;
        }

        // The others' average needs that many others: with fewer, the agency's own score would not hide anyone's.
        var others = results.Where(r => r.Key != agency.Id).Select(r => r.Value).ToList();
        var peers = others.Count >= MinimumGroupSize ? AverageSubDimensions(others) : null;

        // DgBot's stage estimate is shown only on a submitted response (and never on a provisional result). The turn that
        // submits reports before it commits: its tracked response says so, the stored row does not yet.
        var tracked = db.Responses.Local.FirstOrDefault(r => r.RoundId == round.Id && r.AgencyId == agency.Id);
        var submitted = tracked is not null
            ? tracked.SubmittedUtc is not null
            : await db.Responses
                .AnyAsync(r => r.RoundId == round.Id && r.AgencyId == agency.Id && r.SubmittedUtc != null, cancellationToken)
                .ConfigureAwait(false);
        var report = ReportBuilder.Build(catalog.Framework, own, peers is { Count: > 0 } ? peers : null, submitted);
        report = await WithProgressAsync(agency, round, report, cancellationToken).ConfigureAwait(false);
        if (!report.Provisional)
        {
            report = await WithPeerBandsAsync(agency, round, report, results, cancellationToken).ConfigureAwait(false);
        }

        return new AgencyResults(report, others.Count, MinimumGroupSize);
    }

    /// <summary>The agency's changes since its own previous submitted round (its own figures: no group size applies).</summary>
    private async Task<ScoreReport> WithProgressAsync(Agency agency, SurveyRound round, ScoreReport report, CancellationToken cancellationToken)
    {
        var previous = await new PreviousRounds(db, catalog).AgenciesAsync(round, province: null, agency.Id, cancellationToken).ConfigureAwait(false);
        return previous.TryGetValue(agency.Id, out var before) ? PreviousRounds.Apply(report, round, before) : report;
    }

    /// <summary>
    /// The agency's quartile bands among the submitted agencies of its type nationwide and of its province, each only
    /// when enough others have a score. <paramref name="province"/> holds the province's scored responses (reused).
    /// </summary>
    private async Task<ScoreReport> WithPeerBandsAsync(Agency agency, SurveyRound round, ScoreReport report, Dictionary<int, ScoreResult> province, CancellationToken cancellationToken)
    {
        // Besides the agency itself, the province's scored responses are the submitted ones (ScoredAsync).
        var inProvince = province.Where(r => r.Key != agency.Id).Select(r => r.Value).ToList();

        var sameType = await ScoredWhereAsync(
            round,
            r => r.Agency!.Type == agency.Type && r.SubmittedUtc != null && r.AgencyId != agency.Id,
            known: province,
            cancellationToken).ConfigureAwait(false);
        PeerGroup Group(PeerScope scope, string name, IEnumerable<ScoreResult> others) =>
            new(scope, name, [.. others.Select(r => ReportBuilder.Build(catalog.Framework, r))]);
        return PeerBands.Apply(
            report,
            [Group(PeerScope.Type, agency.Type, sameType.Values), Group(PeerScope.Province, agency.Province, inProvince)],
            MinimumGroupSize);
    }

    /// <summary>The province-wide picture: surveyed and submitted agencies, and the submitted agencies' average when there are enough.</summary>
    public async Task<ProvinceResults> ProvinceReportAsync(string province, SurveyRound round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var agencies = await db.Agencies.AsNoTracking()
            .Where(a => a.Province == province)
            .OrderBy(a => a.Code)
            .Select(a => new { a.Id, a.NameTh })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var submitted = await db.Responses.AsNoTracking()
            .Where(r => r.RoundId == round.Id && r.Agency!.Province == province && r.SubmittedUtc != null)
            .Select(r => r.AgencyId)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var notSubmitted = agencies.Where(a => !submitted.Contains(a.Id)).Select(a => a.NameTh).ToList();

        var report = submitted.Count >= MinimumGroupSize ? await ProvinceAverageAsync(province, round, cancellationToken).ConfigureAwait(false) : null;
        if (report is not null && await new PreviousRounds(db, catalog).ProvinceAsync(round, province, cancellationToken).ConfigureAwait(false) is { } earlier
            && await ProvinceAverageAsync(province, earlier, cancellationToken).ConfigureAwait(false) is { } before)
        {
            // Both averages obey the group-size rule: below it in the earlier round, no change is shown.
            report = ProgressComparison.Apply(report, before, earlier.Name, earlier.QuestionnaireVersion, round.QuestionnaireVersion);
        }

        return new ProvinceResults(province, agencies.Count, submitted.Count, notSubmitted, report, MinimumGroupSize);
    }

    /// <summary>The average of the province's submitted responses in <paramref name="round"/>; null below the group size.</summary>
    private async Task<ScoreReport?> ProvinceAverageAsync(string province, SurveyRound round, CancellationToken cancellationToken)
    {
        var results = await ScoredAsync(province, round, ownAgencyId: null, cancellationToken).ConfigureAwait(false);
        return results.Count >= MinimumGroupSize ? Average(results.Values) : null;
    }

    /// <summary>The plain mean, by dimension and sub-dimension, of the agencies' shown scores (each figure over enough agencies).</summary>
    private ScoreReport Average(IEnumerable<ScoreResult> results) =>
        AverageOf(catalog.Framework, results.Select(r => ReportBuilder.Build(catalog.Framework, r)).ToList(), MinimumGroupSize);

    /// <summary>
    /// The plain mean, by dimension and sub-dimension, of agencies' shown scores (their own reports), each figure over
    /// at least <paramref name="minimumGroupSize"/> agencies, as a report with its improve-first list: the one averaging
    /// rule of a province's and of the national report.
    /// </summary>
    public static ScoreReport AverageOf(ReadinessFramework framework, IReadOnlyCollection<ScoreReport> reports, int minimumGroupSize)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(reports);
        var dimensions = Average(reports.SelectMany(r => r.Dimensions).Select(d => (d.Code, d.Score)), minimumGroupSize);
        var subDimensions = Average(reports.SelectMany(r => r.SubDimensions).Select(s => (s.Code, s.Score)), minimumGroupSize);
        return ReportBuilder.FromPublished(
            framework,
            dimensions.ToDictionary(kv => kv.Key, kv => (double?)kv.Value, StringComparer.OrdinalIgnoreCase),
            subDimensions.ToDictionary(kv => kv.Key, kv => (double?)kv.Value, StringComparer.OrdinalIgnoreCase));
    }

    /// <summary>The scores of the province's submitted responses with answers, and of <paramref name="ownAgencyId"/>'s response whether submitted or not.</summary>
    private Task<Dictionary<int, ScoreResult>> ScoredAsync(string province, SurveyRound round, int? ownAgencyId, CancellationToken cancellationToken) =>
        ScoredWhereAsync(round, r => r.Agency!.Province == province && (r.SubmittedUtc != null || r.AgencyId == ownAgencyId), known: null, cancellationToken);

    /// <summary>
    /// The scores, by agency, of the round's responses with answers that match <paramref name="filter"/>; an agency
    /// already in <paramref name="known"/> (scored from the same stored answers) is taken from there.
    /// </summary>
    private async Task<Dictionary<int, ScoreResult>> ScoredWhereAsync(
        SurveyRound round,
        System.Linq.Expressions.Expression<Func<Response, bool>> filter,
        Dictionary<int, ScoreResult>? known,
        CancellationToken cancellationToken)
    {
        var questionnaire = catalog.Get(round.QuestionnaireVersion);
        var responses = await db.Responses
            .AsNoTracking()
            .Where(r => r.RoundId == round.Id && r.Answers.Any())
            .Where(filter)
            .Select(r => new { r.Id, r.AgencyId })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var results = new Dictionary<int, ScoreResult>(responses.Count);
        foreach (var response in responses.Where(r => known is not null && known.ContainsKey(r.AgencyId)))
        {
            results[response.AgencyId] = known![response.AgencyId];
        }

        responses.RemoveAll(r => results.ContainsKey(r.AgencyId));
        if (responses.Count == 0)
        {
            return results;
        }

        var agencies = responses.ToDictionary(r => r.Id, r => r.AgencyId);
        var ids = agencies.Keys.ToList();
        var answers = await db.Answers
            .AsNoTracking()
            .Where(a => ids.Contains(a.ResponseId))
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        foreach (var group in answers.GroupBy(a => a.ResponseId))
        {
            results[agencies[group.Key]] = Scorer.Score(catalog.Framework, questionnaire, Values(group));
        }

        return results;
    }

    private Dictionary<string, double> AverageSubDimensions(IEnumerable<ScoreResult> results) =>
        Average(results.SelectMany(r => ReportBuilder.Build(catalog.Framework, r).SubDimensions).Select(s => (s.Code, s.Score)), MinimumGroupSize);

    /// <summary>
    /// The mean score by code, of the codes at least <paramref name="minimumGroupSize"/> agencies have a score for: a
    /// sub-dimension only some agencies are scored on (the others not applicable) is left out rather than shown for few.
    /// </summary>
    private static Dictionary<string, double> Average(IEnumerable<(string Code, double? Score)> scores, int minimumGroupSize) =>
        scores
            .Where(s => s.Score.HasValue)
            .GroupBy(s => s.Code, StringComparer.OrdinalIgnoreCase)
            .Where(g => g.Count() >= minimumGroupSize)
            .ToDictionary(g => g.Key, g => ScoreMath.Round(g.Average(s => s.Score!.Value)), StringComparer.OrdinalIgnoreCase);
}
