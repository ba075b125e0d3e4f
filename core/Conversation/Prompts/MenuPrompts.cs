using DgBot.Core.Content;
using DgBot.Core.Data.Entities;
using DgBot.Core.Questionnaires;
using DgBot.Core.Reports;

namespace DgBot.Core.Conversation.Prompts;

/// <summary>The menu, the yes/no confirmations, the review of open questions and the results replies. Pure.</summary>
public static class MenuPrompts
{
    private const int ReviewListLimit = 15;

    /// <summary>The menu: staff start or continue the survey and see their progress; everyone sees scores, improve-first, the deadline and help.</summary>
    public static PromptReply Menu(UserRole role, bool started, string? lead = null)
    {
        List<Choice> choices = [];
        if (role == UserRole.Staff)
        {
            choices.Add(new Choice(Messages.Get(started ? MessageKeys.MenuSurveyContinue : MessageKeys.MenuSurveyStart), Payload.Menu(MenuOps.Survey)));
            choices.Add(new Choice(Messages.Get(MessageKeys.MenuProgress), Payload.Menu(MenuOps.Progress)));
        }

        choices.Add(new Choice(Messages.Get(MessageKeys.MenuScore), Payload.Menu(MenuOps.Score)));
        choices.Add(new Choice(Messages.Get(MessageKeys.MenuImprove), Payload.Menu(MenuOps.Improve)));
        choices.Add(new Choice(Messages.Get(MessageKeys.MenuDeadline), Payload.Menu(MenuOps.Deadline)));
        choices.Add(new Choice(Messages.Get(MessageKeys.MenuHelp), Payload.Menu(MenuOps.Help)));
        return new PromptReply(lead ?? Messages.Get(MessageKeys.Menu), choices);
    }

    /// <summary>A yes/no question for prompt number <paramref name="seq"/>.</summary>
    public static PromptReply Confirm(string text, int seq) =>
        new(text, [new Choice(Messages.Get(MessageKeys.BtnYes), Payload.Confirm(seq, true)), new Choice(Messages.Get(MessageKeys.BtnNo), Payload.Confirm(seq, false))]);

    /// <summary>Everything answered: submit (while the round is open) or back to the menu.</summary>
    public static PromptReply ReviewComplete(int total, bool roundOpen, IReadOnlyList<DimensionReview>? summary = null)
    {
        List<Choice> choices = roundOpen
            ? [new Choice(Messages.Get(MessageKeys.BtnSubmit), Payload.Menu(MenuOps.Submit)), new Choice(Messages.Get(MessageKeys.BtnMenu), Payload.Menu(MenuOps.Menu))]
            : [new Choice(Messages.Get(MessageKeys.BtnMenu), Payload.Menu(MenuOps.Menu))];
        var text = Messages.Format(MessageKeys.ReviewComplete, total);
        if (summary is { Count: > 0 })
        {
            text = Summary(summary) + "\n\n" + text;
            choices.InsertRange(0, JumpChoices(summary));
        }

        return new PromptReply(text, choices);
    }

    /// <summary>
    /// ตรวจทาน with questions still open: per dimension how many are answered, skipped and "don't know", the open
    /// questions (the first fifteen, then how many more), a button to each dimension that needs a look, continue and menu.
    /// </summary>
    public static PromptReply ReviewOpen(Questionnaire questionnaire, IReadOnlyList<Question> open, IReadOnlyList<DimensionReview>? summary = null)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(open);
        var lines = open.Take(ReviewListLimit)
            .Select(q => Messages.Format(MessageKeys.ReviewLine, questionnaire.IndexOf(q.Id) + 1, Shorten(q.Text, 60)))
            .ToList();
        if (open.Count > ReviewListLimit)
        {
            lines.Add(Messages.Format(MessageKeys.ReviewMore, open.Count - ReviewListLimit));
        }

        var text = Messages.Format(MessageKeys.ReviewOpen, open.Count, string.Join('\n', lines));
        List<Choice> choices = [new Choice(Messages.Get(MessageKeys.BtnContinue), Payload.Menu(MenuOps.Survey))];
        if (summary is { Count: > 0 })
        {
            text = Summary(summary) + "\n\n" + text;
            choices.AddRange(JumpChoices(summary));
        }

        choices.Add(new Choice(Messages.Get(MessageKeys.BtnMenu), Payload.Menu(MenuOps.Menu)));
        return new PromptReply(text, choices);
    }

    /// <summary>"ด้าน 1 ตอบแล้ว 8/10 · ข้าม 1 · ไม่ทราบ 1", one line per dimension.</summary>
    private static string Summary(IReadOnlyList<DimensionReview> summary) =>
        Messages.Get(MessageKeys.ReviewSummaryTitle) + "\n" + string.Join('\n', summary.Select(d =>
            Messages.Format(MessageKeys.ReviewSummaryLine, d.Number, d.NameTh, d.Answered, d.Applicable)
            + (d.Skipped > 0 ? Messages.Format(MessageKeys.ReviewSummarySkipped, d.Skipped) : string.Empty)
            + (d.DontKnow > 0 ? Messages.Format(MessageKeys.ReviewSummaryDontKnow, d.DontKnow) : string.Empty)));

    /// <summary>A button per dimension with something to look at (open, skipped or "don't know"): to its first such question.</summary>
    private static IEnumerable<Choice> JumpChoices(IReadOnlyList<DimensionReview> summary) =>
        summary.Where(d => d.FirstToLookAt is not null)
            .Select(d => new Choice(Messages.Format(MessageKeys.ReviewJumpButton, d.Number), Payload.Jump(d.FirstToLookAt!.Value)));

    /// <summary>
    /// An agency's scores, or its improve-first list followed by the buttons for each item's guidance; below the group
    /// size the list says when the comparison with the province's other agencies will appear.
    /// </summary>
    public static IReadOnlyList<Reply> AgencyReport(Agency agency, AgencyResults? results, bool improve)
    {
        ArgumentNullException.ThrowIfNull(agency);
        if (results is not { Report: var report })
        {
            return [new TextReply(Messages.Get(MessageKeys.NoAnswersYet))];
        }

        if (!improve)
        {
            return [new ScoreCardReply(Messages.Format(MessageKeys.ScoreTitle, agency.NameTh), report, ReportText.ScoreCard(report))];
        }

        List<Reply> replies = [new ImproveListReply(Messages.Format(MessageKeys.ImproveTitle, agency.NameTh), report, ReportText.ImproveCard(report))];
        if (!results.Compared && report.ImproveFirst.Count > 0)
        {
            replies.Add(new TextReply(Messages.Format(MessageKeys.ComparisonPending, results.MinimumGroupSize, results.OthersSubmitted)));
        }

        replies.AddRange(DetailButtons(report, rank => Payload.Detail(agency.Id, rank)));
        return replies;
    }

    /// <summary>
    /// A province's picture: how many agencies were surveyed and have submitted, their average scores or improve-first
    /// list (with each item's guidance behind a button) once enough have submitted, and which have not submitted yet.
    /// </summary>
    /// <param name="anyAgencyId">Any agency of the province: buttons name the province by one of its agencies.</param>
    public static IReadOnlyList<Reply> ProvinceReport(ProvinceResults result, int anyAgencyId, bool improve)
    {
        ArgumentNullException.ThrowIfNull(result);
        List<Reply> replies = [new TextReply(Messages.Format(MessageKeys.ProvinceProgress, result.Province, result.Surveyed, result.Submitted))];
        if (result.Report is not { } report)
        {
            replies.Add(new TextReply(Messages.Format(MessageKeys.ProvinceAveragePending, result.MinimumGroupSize)));
        }
        else
        {
            var title = Messages.Format(MessageKeys.ProvinceTitle, result.Province, result.Submitted);
            replies.Add(improve
                ? new ImproveListReply(title, report, ReportText.ImproveCard(report))
                : new ScoreCardReply(title, report, ReportText.ScoreCard(report)));
        }

        replies.Add(new TextReply(NotSubmitted(result.NotSubmitted)));
        if (improve && result.Report is { } shown)
        {
            replies.AddRange(DetailButtons(shown, rank => Payload.ProvinceDetail(anyAgencyId, rank)));
        }

        return replies;
    }

    /// <summary>The agencies that have not submitted (the first fifteen, then how many more), or that all have.</summary>
    private static string NotSubmitted(IReadOnlyList<string> names)
    {
        if (names.Count == 0)
        {
            return Messages.Get(MessageKeys.ProvinceAllSubmitted);
        }

        var lines = names.Take(ReviewListLimit).Select(n => Messages.Format(MessageKeys.ProvinceNotSubmittedLine, n)).ToList();
        if (names.Count > ReviewListLimit)
        {
            lines.Add(Messages.Format(MessageKeys.ProvinceNotSubmittedMore, names.Count - ReviewListLimit));
        }

        return Messages.Format(MessageKeys.ProvinceNotSubmitted, names.Count, string.Join('\n', lines));
    }

    /// <summary>A button per improve-first item to its full guidance, when there are items.</summary>
    private static IEnumerable<Reply> DetailButtons(ScoreReport report, Func<int, string> payload)
    {
        if (report.ImproveFirst.Count > 0)
        {
            yield return new PromptReply(
                Messages.Get(MessageKeys.ImproveDetailPrompt),
                report.ImproveFirst.Select(i => new Choice(Messages.Format(MessageKeys.ImproveDetailButton, i.Rank), payload(i.Rank))).ToArray());
        }
    }

    /// <summary>Administrators: the agencies of a province to pick from, after the province picture.</summary>
    public static PromptReply PickAgency(string province, IReadOnlyList<Agency> agencies, char what)
    {
        ArgumentNullException.ThrowIfNull(agencies);
        List<Choice> choices = [new Choice(Messages.Get(MessageKeys.ProvinceAverageButton), Payload.Province(agencies[0].Id, what))];
        choices.AddRange(agencies.Select(a => new Choice(a.NameTh, Payload.Agency(a.Id, what))));
        return new PromptReply(Messages.Format(MessageKeys.OfficerPickAgency, province), choices);
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
}

/// <summary>
/// One dimension in ตรวจทาน: its number and Thai name, answered of the questions that apply (the one count of
/// <see cref="SurveyNavigation.Progress"/>), skipped, "don't know", and the number of the first question to look at.
/// </summary>
public sealed record DimensionReview(int Number, string NameTh, int Answered, int Applicable, int Skipped, int DontKnow, int? FirstToLookAt);
