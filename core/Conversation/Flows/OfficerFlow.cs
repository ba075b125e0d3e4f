using DgBot.Core.Access;
using DgBot.Core.Content;
using DgBot.Core.Conversation.Prompts;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Conversation.Flows;

/// <summary>
/// The province-wide picture (for its officers and administrators) and what administrators pick from: a province, then
/// its picture or one of its agencies. Callers check <see cref="ResultsAccess"/>; every picture shown is logged.
/// </summary>
public sealed class OfficerFlow(DgBotDbContext db, SurveyLoader loader, ResultsService results, SurveyCatalog catalog, AccessLog log)
{
    /// <summary>Administrators: the province picture and each agency of the province, as buttons.</summary>
    public async Task PickAgencyAsync(Turn turn, string province, char what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var agencies = await db.Agencies.AsNoTracking()
            .Where(a => a.Province == province)
            .OrderBy(a => a.Code)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        if (agencies.Count == 0)
        {
            turn.Say(Messages.Format(MessageKeys.NoProvinceResults, province));
            return;
        }

        turn.Replies.Add(MenuPrompts.PickAgency(province, agencies, what));
    }

    /// <summary>Administrators: one button per province (named by any agency of it: payloads carry ids, never Thai text).</summary>
    public async Task PickProvinceAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var provinces = await db.Agencies.AsNoTracking()
            .GroupBy(a => a.Province)
            .Select(g => new { Province = g.Key, AgencyId = g.Min(a => a.Id) })
            .OrderBy(p => p.Province)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var visible = provinces.Where(p => ResultsAccess.CanSeeProvince(turn.Viewer, p.Province)).ToList();
        if (visible.Count == 0 && !turn.IsAdmin)
        {
            // Someone with neither an agency of their own nor a province (a staff member whose agency is gone).
            turn.Say(Messages.Get(MessageKeys.NotAllowed));
            return;
        }

        turn.Replies.Add(new PromptReply(
            Messages.Get(MessageKeys.AdminPickProvince),
            visible.Select(p => new Choice(p.Province, Payload.PickProvince(p.AgencyId))).ToArray()));
    }

    /// <summary>The picture of <paramref name="anyAgency"/>'s province (the caller checked <see cref="ResultsAccess.CanSeeProvince"/>).</summary>
    public async Task ProvinceResultsAsync(Turn turn, Agency anyAgency, bool improve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(anyAgency);
        var round = await loader.RoundAsync(turn, cancellationToken).ConfigureAwait(false);
        var result = await results.ProvinceReportAsync(anyAgency.Province, round, cancellationToken).ConfigureAwait(false);
        turn.Replies.AddRange(MenuPrompts.ProvinceReport(result, anyAgency.Id, improve));
        log.Chat(turn, improve ? ResultsViewKind.ImproveFirst : ResultsViewKind.Scores, agency: null, anyAgency.Province);
    }

    /// <summary>The full guidance of one item of the province's improve-first list (the caller checked the province).</summary>
    public async Task ProvinceDetailAsync(Turn turn, string province, int rank, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var round = await loader.RoundAsync(turn, cancellationToken).ConfigureAwait(false);
        var report = (await results.ProvinceReportAsync(province, round, cancellationToken).ConfigureAwait(false)).Report;
        if (report is null || report.ImproveFirst.All(i => i.Rank != rank))
        {
            turn.Say(Messages.Format(MessageKeys.ImproveDetailMissing, rank));
            return;
        }

        turn.Say(ReportText.ImproveItemDetail(report, rank, catalog.Framework));
        log.Chat(turn, ResultsViewKind.ImproveDetail, agency: null, province);
    }
}
