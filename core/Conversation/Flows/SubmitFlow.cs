using DgBot.Core.Content;
using DgBot.Core.Conversation.Prompts;
using DgBot.Core.Reports;
using DgBot.Core.Rounds;

namespace DgBot.Core.Conversation.Flows;

/// <summary>Submitting the agency's response: only when every applicable question is answered, after a yes/no confirmation; then its scores.</summary>
public sealed class SubmitFlow(SurveyLoader loader, SurveyFlow survey, MenuFlow menu, ResultsService results, Access.AccessLog log)
{
    /// <summary>Asks to confirm, or lists what is still open.</summary>
    public async Task AskAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var agencySurvey = await loader.SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (SurveyFlow.RoundIsClosed(turn, agencySurvey))
        {
            return;
        }

        var open = agencySurvey.OpenQuestions().Count();
        if (open > 0)
        {
            turn.Say(Messages.Format(MessageKeys.SubmitIncomplete, open));
            await survey.ReviewAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        var seq = turn.State.PromptSeq + 1;
        turn.State = turn.State with { Mode = ConversationMode.ConfirmSubmit, PromptSeq = seq };
        turn.Replies.Add(MenuPrompts.Confirm(
            Messages.Format(MessageKeys.SubmitConfirm, agencySurvey.Agency.NameTh, Deadlines.Display(agencySurvey.Round.DeadlineUtc)),
            seq));
    }

    /// <summary>The answer to the confirmation (the state is already back at the menu).</summary>
    public async Task ConfirmedAsync(Turn turn, bool yes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!yes)
        {
            turn.Say(Messages.Get(MessageKeys.SubmitCancelled));
            await menu.ShowAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        var agencySurvey = await loader.SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (SurveyFlow.RoundIsClosed(turn, agencySurvey))
        {
            return;
        }

        if (agencySurvey.OpenQuestions().Any())
        {
            turn.Say(Messages.Format(MessageKeys.SubmitIncomplete, agencySurvey.OpenQuestions().Count()));
            return;
        }

        agencySurvey.Response.Submit(turn.User.Id, turn.Now);
        turn.Say(Messages.Get(MessageKeys.Submitted));

        // The report scores this turn's answers as they will be committed with it; the province's other agencies as stored.
        var report = await results.AgencyReportAsync(agencySurvey.Agency, agencySurvey.Round, agencySurvey.Answers, cancellationToken).ConfigureAwait(false);
        turn.Replies.AddRange(MenuPrompts.AgencyReport(agencySurvey.Agency, report, improve: false));
        turn.Replies.AddRange(MenuPrompts.AgencyReport(agencySurvey.Agency, report, improve: true));
        if (report is not null)
        {
            log.Chat(turn, Data.Entities.ResultsViewKind.Submitted, agencySurvey.Agency);
        }
    }
}
