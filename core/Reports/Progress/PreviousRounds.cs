using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Reports.Progress;

/// <summary>An agency's submitted response of an earlier round, scored with that round's questionnaire.</summary>
public sealed record PreviousResult(SurveyRound Round, ScoreReport Report);

/// <summary>
/// Finds "the previous round" as docs/scoring.md defines it: the latest round before this one by deadline in which the
/// agency (or province) has a submitted response. Read afresh from the database on each call, nothing kept.
/// </summary>
public sealed class PreviousRounds(DgBotDbContext db, SurveyCatalog catalog)
{
    /// <summary>
    /// For each agency (of <paramref name="province"/>, or only <paramref name="agencyId"/>, or all), its submitted
    /// response of the latest earlier round in which it submitted, scored with that round's questionnaire version.
    /// </summary>
    public async Task<Dictionary<int, PreviousResult>> AgenciesAsync(SurveyRound round, string? province, int? agencyId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var query = Earlier(round).Where(r => r.SubmittedUtc != null);
        if (!string.IsNullOrWhiteSpace(province))
        {
            query = query.Where(r => r.Agency!.Province == province);
        }

        if (agencyId is { } id)
        {
            query = query.Where(r => r.AgencyId == id);
        }

        var candidates = await query
            .Select(r => new { r.Id, r.AgencyId, r.RoundId, r.Round!.DeadlineUtc })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var latest = candidates
            .GroupBy(c => c.AgencyId)
            .Select(g => g.OrderByDescending(c => c.DeadlineUtc).ThenByDescending(c => c.RoundId).First())
            .ToList();
        var results = new Dictionary<int, PreviousResult>(latest.Count);
        if (latest.Count == 0)
        {
            return results;
        }

        var roundIds = latest.Select(l => l.RoundId).Distinct().ToList();
        var rounds = await db.Rounds.AsNoTracking().Where(r => roundIds.Contains(r.Id)).ToDictionaryAsync(r => r.Id, cancellationToken).ConfigureAwait(false);
        var responseIds = latest.Select(l => l.Id).ToList();
        var answers = (await db.Answers.AsNoTracking()
                .Where(a => responseIds.Contains(a.ResponseId))
                .ToListAsync(cancellationToken)
                .ConfigureAwait(false))
            .ToLookup(a => a.ResponseId);
        foreach (var response in latest)
        {
            var previous = rounds[response.RoundId];
            var scored = Scorer.Score(catalog.Framework, catalog.Get(previous.QuestionnaireVersion), ResultsService.Values(answers[response.Id]));
            results[response.AgencyId] = new PreviousResult(previous, ReportBuilder.Build(catalog.Framework, scored, submitted: true));
        }

        return results;
    }

    /// <summary>The latest round before <paramref name="round"/> (by deadline) in which an agency of the province submitted; null when none.</summary>
    public async Task<SurveyRound?> ProvinceAsync(SurveyRound round, string province, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var id = await Earlier(round)
            .Where(r => r.SubmittedUtc != null && r.Agency!.Province == province)
            .OrderByDescending(r => r.Round!.DeadlineUtc)
            .ThenByDescending(r => r.RoundId)
            .Select(r => (int?)r.RoundId)
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        return id is null ? null : await db.Rounds.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The report with its changes since <paramref name="previous"/> (see <see cref="ProgressComparison"/>).</summary>
    public static ScoreReport Apply(ScoreReport current, SurveyRound round, PreviousResult previous)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(previous);
        return ProgressComparison.Apply(current, previous.Report, previous.Round.Name, previous.Round.QuestionnaireVersion, round.QuestionnaireVersion);
    }

    private IQueryable<Response> Earlier(SurveyRound round) =>
        db.Responses.AsNoTracking().Where(r => r.RoundId != round.Id && r.Round!.DeadlineUtc < round.DeadlineUtc);
}
