using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports.Documents;
using DgBot.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DgBot.Core.Reports.National;

/// <summary>
/// The national report of a round, read afresh from the database on every call: three queries (agencies, submitted
/// responses, their answers), each response scored once in memory with the pure <see cref="Scorer"/>, then averaged by
/// province, by type of office and over the nation with the province report's own rule
/// (<see cref="ResultsService.AverageOf"/>), so a province's figures here equal <see cref="ResultsService.ProvinceReportAsync"/>'s.
/// Only submitted responses count; a group with fewer than Results:MinimumGroupSize submitted agencies shows its
/// counts and no average.
/// </summary>
public sealed class NationalReportService(DgBotDbContext db, SurveyCatalog catalog, IOptions<ResultsOptions> options)
{
    /// <summary>The name of the whole-country group.</summary>
    public const string NationName = "ทั้งประเทศ";

    public async Task<NationalResults> BuildAsync(SurveyRound round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var minimum = options.Value.MinimumGroupSize;
        var framework = catalog.Framework;
        var questionnaire = catalog.Get(round.QuestionnaireVersion);
        var agencies = await db.Agencies.AsNoTracking()
            .Select(a => new { a.Id, a.Province, a.Type })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var submitted = (await db.Responses.AsNoTracking()
            .Where(r => r.RoundId == round.Id && r.SubmittedUtc != null)
            .Select(r => r.AgencyId)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false)).ToHashSet();

        // One read of every submitted response's answers, joined in SQL; grouped and scored here.
        var answers = await (
                from a in db.Answers.AsNoTracking()
                join r in db.Responses on a.ResponseId equals r.Id
                where r.RoundId == round.Id && r.SubmittedUtc != null
                select new { r.AgencyId, Answer = a })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var reports = new Dictionary<int, ScoreReport>(submitted.Count);
        foreach (var group in answers.GroupBy(x => x.AgencyId))
        {
            var values = ResultsService.Values(group.Select(x => x.Answer));
            reports[group.Key] = ReportBuilder.Build(framework, Scorer.Score(framework, questionnaire, values));
        }

        GroupResults Group(string name, IEnumerable<int> members)
        {
            var ids = members.ToList();
            var sent = ids.Count(submitted.Contains);
            var scored = ids.Where(reports.ContainsKey).Select(id => reports[id]).ToList();
            var report = sent >= minimum && scored.Count >= minimum ? ResultsService.AverageOf(framework, scored, minimum) : null;
            return new GroupResults(name, ids.Count, sent, report);
        }

        var provinces = agencies.GroupBy(a => a.Province, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Group(g.Key, g.Select(a => a.Id))).ToList();
        var types = agencies.GroupBy(a => a.Type ?? string.Empty, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => Group(g.Key, g.Select(a => a.Id))).ToList();
        var nation = Group(NationName, agencies.Select(a => a.Id));
        return new NationalResults(round.Name, ProvinceDocument.BuddhistYear(round.Name, round.DeadlineUtc), nation, provinces, types, minimum);
    }
}
