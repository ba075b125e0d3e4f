using DgBot.Core.Data.Entities;
using DgBot.Core.Reports;
using DgBot.Core.Content;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Conversation;

public sealed partial class ConversationEngine
{
    /// <summary>Scores or improve-first: staff get their own agency; officers pick an agency of their province or its average; administrators pick a province first.</summary>
    private async Task ScoreAsync(Turn turn, bool improve, CancellationToken cancellationToken)
    {
        var what = improve ? 'i' : 's';
        if (turn.User.Role == UserRole.Staff && turn.User.Agency is { } own)
        {
            await AgencyResultsAsync(turn, own, improve, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (turn.User.Role == UserRole.Officer && turn.User.Agency is { } officerAgency)
        {
            await PickAgencyAsync(turn, officerAgency.Province, what, cancellationToken).ConfigureAwait(false);
            return;
        }

        // Administrators: one button per province (named by any agency of it: payloads carry ids, never Thai text).
        var provinces = await db.Agencies.AsNoTracking()
            .GroupBy(a => a.Province)
            .Select(g => new { Province = g.Key, AgencyId = g.Min(a => a.Id) })
            .OrderBy(p => p.Province)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        turn.Replies.Add(new PromptReply(
            Messages.Get("admin_pick_province"),
            provinces.Select(p => new Choice(p.Province, Payload.PickProvince(p.AgencyId))).ToArray()));
    }

    private async Task PickAgencyAsync(Turn turn, string province, char what, CancellationToken cancellationToken)
    {
        var agencies = await db.Agencies.AsNoTracking()
            .Where(a => a.Province == province)
            .OrderBy(a => a.Code)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        if (agencies.Count == 0)
        {
            turn.Say(Messages.Format("no_province_results", province));
            return;
        }

        List<Choice> choices = [new Choice(Messages.Get("province_average_button"), Payload.Province(agencies[0].Id, what))];
        choices.AddRange(agencies.Select(a => new Choice(a.NameTh, Payload.Agency(a.Id, what))));
        turn.Replies.Add(new PromptReply(Messages.Format("officer_pick_agency", province), choices));
    }

    private async Task ResultsButtonAsync(Turn turn, Payload payload, CancellationToken cancellationToken)
    {
        var agency = await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == payload.Id, cancellationToken).ConfigureAwait(false);
        if (agency is null)
        {
            turn.Say(Messages.Get("agency_unknown"));
            return;
        }

        // Confidentiality: every request is checked against the person's rights, whatever the button says.
        var allowed = payload.Kind switch
        {
            PayloadKind.Agency or PayloadKind.Detail => CanSeeAgency(turn, agency),
            _ => CanSeeProvince(turn, agency.Province),
        };
        if (!allowed)
        {
            turn.Say(Messages.Get("not_allowed"));
            return;
        }

        switch (payload.Kind)
        {
            case PayloadKind.Agency:
                turn.Accept(agency.NameTh);
                await AgencyResultsAsync(turn, agency, payload.Op == "i", cancellationToken).ConfigureAwait(false);
                return;
            case PayloadKind.Province:
                turn.Accept(Messages.Get("province_average_button"));
                await ProvinceResultsAsync(turn, agency.Province, payload.Op == "i", cancellationToken).ConfigureAwait(false);
                return;
            case PayloadKind.PickProvince:
                await PickAgencyAsync(turn, agency.Province, 's', cancellationToken).ConfigureAwait(false);
                return;
            case PayloadKind.Detail:
                await DetailAsync(turn, agency, payload.Seq, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    private static bool CanSeeAgency(Turn turn, Agency agency) =>
        turn.IsAdmin
        || (turn.User.Role == UserRole.Staff && turn.User.AgencyId == agency.Id)
        || (turn.User.Role == UserRole.Officer && turn.User.Agency?.Province == agency.Province);

    private static bool CanSeeProvince(Turn turn, string province) =>
        turn.IsAdmin || (turn.User.Role == UserRole.Officer && turn.User.Agency?.Province == province);

    private async Task AgencyResultsAsync(Turn turn, Agency agency, bool improve, CancellationToken cancellationToken)
    {
        var round = await CurrentRoundAsync(cancellationToken).ConfigureAwait(false);
        var report = await _results.AgencyReportAsync(agency, round, cancellationToken).ConfigureAwait(false);
        ShowAgencyReport(turn, agency, report, improve);
    }

    private static void ShowAgencyReport(Turn turn, Agency agency, ScoreReport? report, bool improve)
    {
        if (report is null)
        {
            turn.Say(Messages.Get("no_answers_yet"));
            return;
        }

        if (!improve)
        {
            turn.Replies.Add(new ScoreCardReply(Messages.Format("score_title", agency.NameTh), report, ReportText.ScoreCard(report)));
            return;
        }

        turn.Replies.Add(new ImproveListReply(Messages.Format("improve_title", agency.NameTh), report, ReportText.ImproveList(report)));
        if (report.ImproveFirst.Count > 0)
        {
            turn.Replies.Add(new PromptReply(
                Messages.Get("improve_detail_prompt"),
                report.ImproveFirst.Select(i => new Choice(Messages.Format("improve_detail_button", i.Rank), Payload.Detail(agency.Id, i.Rank))).ToArray()));
        }
    }

    private async Task ProvinceResultsAsync(Turn turn, string province, bool improve, CancellationToken cancellationToken)
    {
        var round = await CurrentRoundAsync(cancellationToken).ConfigureAwait(false);
        var result = await _results.ProvinceReportAsync(province, round, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            turn.Say(Messages.Format("no_province_results", province));
            return;
        }

        var title = Messages.Format("province_title", province, result.Agencies);
        turn.Replies.Add(improve
            ? new ImproveListReply(title, result.Report, ReportText.ImproveList(result.Report))
            : new ScoreCardReply(title, result.Report, ReportText.ScoreCard(result.Report)));
    }

    private async Task DetailAsync(Turn turn, Agency agency, int rank, CancellationToken cancellationToken)
    {
        var round = await CurrentRoundAsync(cancellationToken).ConfigureAwait(false);
        var report = await _results.AgencyReportAsync(agency, round, cancellationToken).ConfigureAwait(false);
        if (report is null || report.ImproveFirst.All(i => i.Rank != rank))
        {
            turn.Say(Messages.Format("improve_detail_missing", rank));
            return;
        }

        turn.Say(ReportText.ImproveItemDetail(report, rank, catalog.Framework));
    }
}
