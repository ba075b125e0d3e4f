using DgBot.Core.Access;
using DgBot.Core.Content;
using DgBot.Core.Conversation.Prompts;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Conversation.Flows;

/// <summary>
/// Scores and improve-first: staff get their own agency; officers get their province's picture (never one agency's
/// scores); administrators pick a province first, then its picture or one of its agencies. Every request is checked
/// with <see cref="ResultsAccess"/>, whatever the button says, and every view shown is written to the <see cref="AccessLog"/>.
/// </summary>
public sealed class ResultsFlow(DgBotDbContext db, SurveyLoader loader, ResultsService results, SurveyCatalog catalog, OfficerFlow officer, AccessLog log)
{
    /// <summary>"ดูคะแนน" or "ควรปรับปรุงอะไรก่อน" typed or pressed on the menu.</summary>
    public async Task ShowAsync(Turn turn, bool improve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.User.Role == UserRole.Staff && turn.User.Agency is { } own && ResultsAccess.CanSeeAgency(turn.Viewer, own))
        {
            await AgencyResultsAsync(turn, own, improve, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (turn.User.Role == UserRole.Officer && turn.User.Agency is { } officerAgency && ResultsAccess.CanSeeProvince(turn.Viewer, officerAgency.Province))
        {
            await officer.ProvinceResultsAsync(turn, officerAgency, improve, cancellationToken).ConfigureAwait(false);
            return;
        }

        await officer.PickProvinceAsync(turn, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A results button: an agency's scores or improve-first, a province's picture, a province's agencies, an item's guidance.</summary>
    public async Task ButtonAsync(Turn turn, Payload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(payload);
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == payload.Id, cancellationToken).ConfigureAwait(false);
        if (agency is null)
        {
            turn.Say(Messages.Get(MessageKeys.AgencyUnknown));
            return;
        }

        var allowed = payload.Kind switch
        {
            PayloadKind.Agency or PayloadKind.Detail => ResultsAccess.CanSeeAgency(turn.Viewer, agency),
            _ => ResultsAccess.CanSeeProvince(turn.Viewer, agency.Province),
        };
        if (!allowed)
        {
            turn.Say(Messages.Get(MessageKeys.NotAllowed));
            return;
        }

        switch (payload.Kind)
        {
            case PayloadKind.Agency:
                turn.Accept(agency.NameTh);
                await AgencyResultsAsync(turn, agency, payload.IsImprove, cancellationToken).ConfigureAwait(false);
                return;
            case PayloadKind.Province:
                turn.Accept(Messages.Get(MessageKeys.ProvinceAverageButton));
                await officer.ProvinceResultsAsync(turn, agency, payload.IsImprove, cancellationToken).ConfigureAwait(false);
                return;
            case PayloadKind.PickProvince when turn.IsAdmin:
                await officer.PickAgencyAsync(turn, agency.Province, ResultOps.ScoresChar, cancellationToken).ConfigureAwait(false);
                return;
            case PayloadKind.PickProvince:
                // Only administrators pick among a province's agencies; an officer is shown the province picture.
                await officer.ProvinceResultsAsync(turn, agency, improve: false, cancellationToken).ConfigureAwait(false);
                return;
            case PayloadKind.Detail:
                await DetailAsync(turn, agency, payload.Seq, cancellationToken).ConfigureAwait(false);
                return;
            case PayloadKind.ProvinceDetail:
                await officer.ProvinceDetailAsync(turn, agency.Province, payload.Seq, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    private async Task AgencyResultsAsync(Turn turn, Agency agency, bool improve, CancellationToken cancellationToken)
    {
        var round = await loader.RoundAsync(turn, cancellationToken).ConfigureAwait(false);
        var report = await results.AgencyReportAsync(agency, round, cancellationToken).ConfigureAwait(false);
        turn.Replies.AddRange(MenuPrompts.AgencyReport(agency, report, improve));
        if (report is not null)
        {
            log.Chat(turn, improve ? ResultsViewKind.ImproveFirst : ResultsViewKind.Scores, agency);
        }
    }

    /// <summary>The full guidance of one item of an agency's improve-first list.</summary>
    private async Task DetailAsync(Turn turn, Agency agency, int rank, CancellationToken cancellationToken)
    {
        var round = await loader.RoundAsync(turn, cancellationToken).ConfigureAwait(false);
        var report = (await results.AgencyReportAsync(agency, round, cancellationToken).ConfigureAwait(false))?.Report;
        if (report is null || report.ImproveFirst.All(i => i.Rank != rank))
        {
            turn.Say(Messages.Format(MessageKeys.ImproveDetailMissing, rank));
            return;
        }

        turn.Say(ReportText.ImproveItemDetail(report, rank, catalog.Framework));
        log.Chat(turn, ResultsViewKind.ImproveDetail, agency);
    }
}
