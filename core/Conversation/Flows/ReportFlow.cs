using DgBot.Core.Access;
using DgBot.Core.Content;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports;
using DgBot.Core.Reports.Documents;

namespace DgBot.Core.Conversation.Flows;

/// <summary>
/// "ขอรายงาน" / <c>/report</c>: the report as a PDF, checked with <see cref="ResultsAccess"/>. Staff get their own
/// agency's report (<see cref="AgencyDocument"/>), officers their province's (<see cref="ProvinceDocument"/>), an
/// administrator who joined an agency gets that one (as staff or officer), else is pointed to the command line; anyone
/// else gets a polite refusal. Each delivery is written to the access log with the turn.
/// A channel that cannot receive files (LINE) gets the score card and a link to the PDF on the bot's own web server
/// (<see cref="ReportLinks"/>), or, with no public address configured, a message saying where to get the report.
/// </summary>
public sealed class ReportFlow(SurveyLoader loader, ReportBuilderService reports, ReportLinks links, AccessLog log)
{
    public async Task ShowAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var viewer = turn.Viewer;
        if (turn.User.Agency is { } agency && turn.User.Role == UserRole.Staff && ResultsAccess.CanSeeAgency(viewer, agency))
        {
            await DeliverAsync(turn, agency, province: null, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (turn.User.Agency is { } officerAgency && turn.User.Role == UserRole.Officer && ResultsAccess.CanSeeProvince(viewer, officerAgency.Province))
        {
            await DeliverAsync(turn, agency: null, officerAgency.Province, cancellationToken).ConfigureAwait(false);
            return;
        }

        turn.Say(Messages.Get(turn.IsAdmin ? MessageKeys.ReportAdminHint : MessageKeys.ReportNotAllowed));
    }

    private async Task DeliverAsync(Turn turn, Agency? agency, string? province, CancellationToken cancellationToken)
    {
        var round = await loader.RoundAsync(turn, cancellationToken).ConfigureAwait(false);
        var built = agency is not null
            ? await reports.AgencyAsync(agency, round, cancellationToken).ConfigureAwait(false)
            : await reports.ProvinceAsync(province!, round, cancellationToken).ConfigureAwait(false);
        var kind = agency is not null ? ResultsViewKind.AgencyReport : ResultsViewKind.ProvinceReport;
        var subject = Messages.Get(agency is not null ? MessageKeys.ReportAgencySubject : MessageKeys.ReportProvinceSubject) + (agency?.NameTh ?? province);

        if (turn.Inbound.Channel != ChannelKind.Line)
        {
            turn.Replies.Add(new DocumentReply(built.FileName, Messages.Format(MessageKeys.ReportCaption, built.Document.Title), built.RenderPdf, subject));
            log.Chat(turn, kind, agency, province);
            return;
        }

        // LINE cannot receive files: the score card, and a link to the PDF that works for this person only, for a while.
        if (!links.Enabled)
        {
            turn.Say(Messages.Get(MessageKeys.ReportLineUnavailable));
            return;
        }

        if (built.Report is { } report)
        {
            turn.Replies.Add(new ScoreCardReply(built.Document.Title, report, ReportText.ScoreCard(report)));
        }

        var (url, expires) = links.Create(turn.User, agency, province, round, turn.Now);
        turn.Say(Messages.Format(MessageKeys.ReportLineLink, subject, ThaiDates.DateAndTime(expires), url.AbsoluteUri));
        log.Chat(turn, kind, agency, province);
    }
}
