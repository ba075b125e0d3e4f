using DgBot.Core.Answers;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Reports;

/// <summary>A province's average report and how many agencies it averages.</summary>
public sealed record ProvinceReport(string Province, ScoreReport Report, int Agencies);

/// <summary>Scores agencies and provinces of a round from the stored answers, read afresh on every call (nothing is kept between calls).</summary>
public sealed class ResultsService(DgBotDbContext db, SurveyCatalog catalog)
{
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

    /// <summary>One agency's report, with the province average of the other agencies as peer scores when there are any.</summary>
    public Task<ScoreReport?> AgencyReportAsync(Agency agency, SurveyRound round, CancellationToken cancellationToken) =>
        AgencyReportAsync(agency, round, ownAnswers: null, cancellationToken);

    /// <summary>
    /// As <see cref="AgencyReportAsync(Agency, SurveyRound, CancellationToken)"/>, scoring the agency itself from
    /// <paramref name="ownAnswers"/> (a turn's answers, not yet committed) instead of the stored ones.
    /// </summary>
    public async Task<ScoreReport?> AgencyReportAsync(Agency agency, SurveyRound round, IEnumerable<Answer>? ownAnswers, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(round);
        var results = await ProvinceResultsAsync(agency.Province, round, cancellationToken).ConfigureAwait(false);
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

        var peers = AverageSubDimensions(results.Where(r => r.Key != agency.Id).Select(r => r.Value));

        // DgBot's stage estimate is shown only on a submitted response (and never on a provisional result). The turn that
        // submits reports before it commits: its tracked response says so, the stored row does not yet.
        var tracked = db.Responses.Local.FirstOrDefault(r => r.RoundId == round.Id && r.AgencyId == agency.Id);
        var submitted = tracked is not null
            ? tracked.SubmittedUtc is not null
            : await db.Responses
                .AnyAsync(r => r.RoundId == round.Id && r.AgencyId == agency.Id && r.SubmittedUtc != null, cancellationToken)
                .ConfigureAwait(false);
        return ReportBuilder.Build(catalog.Framework, own, peers.Count > 0 ? peers : null, submitted);
    }

    /// <summary>The average of the province's agencies that have answers, or null when none has.</summary>
    public async Task<ProvinceReport?> ProvinceReportAsync(string province, SurveyRound round, CancellationToken cancellationToken)
    {
        var results = await ProvinceResultsAsync(province, round, cancellationToken).ConfigureAwait(false);
        if (results.Count == 0)
        {
            return null;
        }

        var reports = results.Values.Select(r => ReportBuilder.Build(catalog.Framework, r)).ToList();
        var dimensions = Average(reports.SelectMany(r => r.Dimensions).Select(d => (d.Code, d.Score)));
        var subDimensions = Average(reports.SelectMany(r => r.SubDimensions).Select(s => (s.Code, s.Score)));
        var report = ReportBuilder.FromPublished(
            catalog.Framework,
            dimensions.ToDictionary(kv => kv.Key, kv => (double?)kv.Value, StringComparer.OrdinalIgnoreCase),
            subDimensions.ToDictionary(kv => kv.Key, kv => (double?)kv.Value, StringComparer.OrdinalIgnoreCase));
        return new ProvinceReport(province, report, results.Count);
    }

    private async Task<Dictionary<int, ScoreResult>> ProvinceResultsAsync(string province, SurveyRound round, CancellationToken cancellationToken)
    {
        var questionnaire = catalog.Get(round.QuestionnaireVersion);
        var responses = await db.Responses
            .AsNoTracking()
            .Where(r => r.RoundId == round.Id && r.Agency!.Province == province && r.Answers.Any())
            .Select(r => new { r.Id, r.AgencyId })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);

        var results = new Dictionary<int, ScoreResult>(responses.Count);
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
        Average(results.SelectMany(r => ReportBuilder.Build(catalog.Framework, r).SubDimensions).Select(s => (s.Code, s.Score)));

    private static Dictionary<string, double> Average(IEnumerable<(string Code, double? Score)> scores) =>
        scores
            .Where(s => s.Score.HasValue)
            .GroupBy(s => s.Code, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => ScoreMath.Round(g.Average(s => s.Score!.Value)), StringComparer.OrdinalIgnoreCase);
}
