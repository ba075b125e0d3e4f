using DgBot.Core.Content;
using DgBot.Core.Conversation.Flows;
using DgBot.Core.Data.Entities;
using DgBot.Core.Questionnaires;

namespace DgBot.Core.Conversation;

/// <summary>
/// Hands a turn to the flow its event, intent or button payload names: follow → welcome; a code → join; not joined →
/// how to join; a button → by payload kind; typed text → by intent, else an answer to the open question.
/// </summary>
public sealed class TurnRouter(
    SurveyCatalog catalog,
    WelcomeFlow welcome,
    JoinFlow join,
    MenuFlow menu,
    SurveyFlow survey,
    SubmitFlow submit,
    ResultsFlow results,
    ReportFlow report,
    ForgetFlow forget)
{
    public async Task RouteAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var intent = turn.Inbound.Kind == InboundKind.Text && turn.Inbound.Text is { } text
            ? IntentRecognizer.Recognize(text)
            : new Intent(IntentKind.None);

        if (turn.Inbound.Kind == InboundKind.Follow)
        {
            await welcome.FollowAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        // The privacy notice comes at first contact, whatever the first message is (a row is stored for the person).
        if (turn.FirstContact)
        {
            welcome.Welcome(turn);
        }

        // Joining works for anyone (also to move to another agency with a new code).
        if (intent.Kind == IntentKind.Start && !string.IsNullOrWhiteSpace(intent.Argument))
        {
            await join.JoinAsync(turn, intent.Argument, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (turn.User.Role == UserRole.None && !turn.IsAdmin)
        {
            await join.NotJoinedAsync(turn, intent, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (turn.User.ConsentUtc is null)
        {
            // Someone who joined before the notice existed, or an administrator: show it once.
            welcome.Welcome(turn);
        }

        if (turn.Inbound.Kind == InboundKind.Button)
        {
            await ButtonAsync(turn, Payload.Parse(turn.Inbound.Payload), cancellationToken).ConfigureAwait(false);
            return;
        }

        await TextAsync(turn, intent, cancellationToken).ConfigureAwait(false);
    }

    private async Task TextAsync(Turn turn, Intent intent, CancellationToken cancellationToken)
    {
        var state = turn.State;
        if (state.Mode is ConversationMode.ConfirmForget or ConversationMode.ConfirmSubmit
            && intent.Kind is IntentKind.Confirm or IntentKind.Cancel)
        {
            await ConfirmAsync(turn, intent.Kind == IntentKind.Confirm, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (intent.ByKeyword && state.Mode == ConversationMode.Survey
            && catalog.Get(state.QuestionnaireVersion).Find(state.QuestionId ?? string.Empty) is { Type: QuestionType.Text })
        {
            // A free-text answer may mention "คะแนน" or "ปรับปรุง": while a text question is open, only a whole-message command counts.
            intent = new Intent(IntentKind.None);
        }

        if (await MenuCommandAsync(turn, intent.Kind, cancellationToken).ConfigureAwait(false))
        {
            return;
        }

        switch (intent.Kind)
        {
            case IntentKind.Jump when intent.Number is { } number:
                await survey.JumpAsync(turn, number, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.Jump when intent.Argument is { } questionId
                && catalog.Get(state.QuestionnaireVersion).IndexOf(questionId) is var index and >= 0:
                await survey.JumpAsync(turn, index + 1, cancellationToken).ConfigureAwait(false);
                return;
        }

        if (state.Mode == ConversationMode.Survey)
        {
            switch (intent.Kind)
            {
                case IntentKind.Back:
                    await survey.BackAsync(turn, cancellationToken).ConfigureAwait(false);
                    return;
                case IntentKind.Skip:
                    await survey.SkipAsync(turn, cancellationToken).ConfigureAwait(false);
                    return;
                case IntentKind.Confirm when turn.State.PendingSelection.Count > 0:
                    // "ยืนยัน" typed on a multiple-choice question confirms the ticked items, like the button.
                    await survey.ButtonAsync(turn, new Payload(PayloadKind.Question, Op: QuestionOps.Confirm, Seq: turn.State.PromptSeq), cancellationToken).ConfigureAwait(false);
                    return;
                default:
                    await survey.TypedAnswerAsync(turn, turn.Inbound.Text ?? string.Empty, cancellationToken).ConfigureAwait(false);
                    return;
            }
        }

        await menu.UnknownAsync(turn, cancellationToken).ConfigureAwait(false);
    }

    private async Task ButtonAsync(Turn turn, Payload payload, CancellationToken cancellationToken)
    {
        switch (payload.Kind)
        {
            case PayloadKind.Menu:
                var kind = MenuOps.IntentOf(payload.Op);
                if (kind == IntentKind.None)
                {
                    await survey.NotAppliedAsync(turn, cancellationToken).ConfigureAwait(false);
                    return;
                }

                turn.Button = ButtonOutcome.None;
                await MenuCommandAsync(turn, kind, cancellationToken).ConfigureAwait(false);
                return;
            case PayloadKind.Confirm:
                if (payload.Seq != turn.State.PromptSeq || turn.State.Mode is not (ConversationMode.ConfirmForget or ConversationMode.ConfirmSubmit))
                {
                    await survey.NotAppliedAsync(turn, cancellationToken).ConfigureAwait(false);
                    return;
                }

                var yes = payload.Op == ConfirmOps.Yes;
                turn.Accept(Messages.Get(yes ? MessageKeys.BtnYes : MessageKeys.BtnNo));
                await ConfirmAsync(turn, yes, cancellationToken).ConfigureAwait(false);
                return;
            case PayloadKind.Question:
                if (payload.Seq != turn.State.PromptSeq || turn.State.Mode != ConversationMode.Survey)
                {
                    await survey.NotAppliedAsync(turn, cancellationToken).ConfigureAwait(false);
                    return;
                }

                await survey.ButtonAsync(turn, payload, cancellationToken).ConfigureAwait(false);
                return;
            case PayloadKind.Jump:
                turn.Button = ButtonOutcome.None;
                await survey.JumpAsync(turn, payload.Seq, cancellationToken).ConfigureAwait(false);
                return;
            case PayloadKind.Agency:
            case PayloadKind.Province:
            case PayloadKind.PickProvince:
            case PayloadKind.Detail:
            case PayloadKind.ProvinceDetail:
                await results.ButtonAsync(turn, payload, cancellationToken).ConfigureAwait(false);
                return;
            default:
                await survey.NotAppliedAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
        }
    }

    /// <summary>
    /// A menu command, typed or pressed: back to the menu, help, erasure, or one of <see cref="CommandAsync"/>'s.
    /// False when <paramref name="kind"/> is none of them (the caller goes on with the survey or an unknown input).
    /// </summary>
    private async Task<bool> MenuCommandAsync(Turn turn, IntentKind kind, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case IntentKind.Menu:
            case IntentKind.Start:
                await menu.BackToMenuAsync(turn, cancellationToken).ConfigureAwait(false);
                return true;
            case IntentKind.Help:
                MenuFlow.Help(turn);
                await survey.ShowCurrentAgainAsync(turn, cancellationToken).ConfigureAwait(false);
                return true;
            case IntentKind.Score:
            case IntentKind.ImproveFirst:
            case IntentKind.Deadline:
            case IntentKind.Report:
                // Asked in the middle of the survey: the answer, then the question on screen again.
                await CommandAsync(turn, kind, cancellationToken).ConfigureAwait(false);
                await survey.ShowCurrentAgainAsync(turn, cancellationToken).ConfigureAwait(false);
                return true;
            case IntentKind.Forget:
                ForgetFlow.Ask(turn);
                return true;
            case IntentKind.Progress:
            case IntentKind.StartSurvey:
            case IntentKind.Review:
            case IntentKind.Submit:
            case IntentKind.Pause:
                await CommandAsync(turn, kind, cancellationToken).ConfigureAwait(false);
                return true;
            default:
                return false;
        }
    }

    /// <summary>A command from the menu or typed: results and the deadline for everyone, the rest for staff only.</summary>
    private async Task CommandAsync(Turn turn, IntentKind kind, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case IntentKind.Score:
                await results.ShowAsync(turn, improve: false, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.ImproveFirst:
                await results.ShowAsync(turn, improve: true, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.Deadline:
                await menu.DeadlineAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.Report:
                await report.ShowAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
        }

        if (!turn.IsStaff)
        {
            turn.Say(Messages.Get(MessageKeys.OfficerReadOnly));
            return;
        }

        switch (kind)
        {
            case IntentKind.StartSurvey:
                await survey.ResumeAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.Progress:
                await survey.ProgressAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.Review:
                await survey.ReviewAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.Submit:
                await submit.AskAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.Pause:
                SurveyFlow.Pause(turn);
                return;
        }
    }

    /// <summary>Yes or no to the open confirmation (erasure or submitting); either way the person is back at the menu.</summary>
    private async Task ConfirmAsync(Turn turn, bool yes, CancellationToken cancellationToken)
    {
        var mode = turn.State.Mode;
        turn.State = turn.State with { Mode = ConversationMode.Menu };
        if (mode == ConversationMode.ConfirmForget)
        {
            await forget.ConfirmedAsync(turn, yes, cancellationToken).ConfigureAwait(false);
            return;
        }

        await submit.ConfirmedAsync(turn, yes, cancellationToken).ConfigureAwait(false);
    }
}
