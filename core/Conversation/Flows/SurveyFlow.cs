using DgBot.Core.Answers;
using DgBot.Core.Content;
using DgBot.Core.Conversation.Prompts;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Questionnaires;
using DgBot.Core.Rounds;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Conversation.Flows;

/// <summary>
/// The survey walk of a staff member: resume at the next open question, answer by button or typing (stored with its
/// audit row), multiple-choice ticks, don't-know, keep, help, back, skip, jump, pause, progress and the review of open
/// questions. Where to go next is <see cref="SurveyNavigation"/>; what a question shows is <see cref="QuestionPrompts"/>.
/// </summary>
public sealed class SurveyFlow(DgBotDbContext db, SurveyLoader loader, SurveyCatalog catalog, MenuFlow menu)
{
    /// <summary>"Start/continue the survey": the next open question (skipped ones last), or the review when none is left.</summary>
    public async Task ResumeAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var survey = await loader.SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (RoundIsClosed(turn, survey))
        {
            return;
        }

        if (survey.Response.SubmittedUtc is { } submitted)
        {
            turn.Say(Messages.Format(MessageKeys.AlreadySubmitted, ThaiDates.DateAndTime(submitted)));
        }

        // Where the person stopped (หยุดพัก keeps the question and the skipped ones): that question again while it
        // applies, else the next open one after it; skipped questions come back at the end, as promised.
        if (survey.Response.SubmittedUtc is null
            && survey.Questionnaire.Find(turn.State.QuestionId ?? string.Empty) is { } stoppedAt
            && string.Equals(turn.State.QuestionnaireVersion, survey.Questionnaire.Version, StringComparison.Ordinal))
        {
            if (survey.IsApplicable(stoppedAt) && !turn.State.Skipped.Contains(stoppedAt.Id, StringComparer.OrdinalIgnoreCase))
            {
                Ask(turn, survey, stoppedAt);
                return;
            }

            await AdvanceAsync(turn, survey, survey.Questionnaire.IndexOf(stoppedAt.Id), cancellationToken).ConfigureAwait(false);
            return;
        }

        await AdvanceAsync(turn, survey, fromIndex: -1, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>A button of the question prompt (its prompt number already checked by the router).</summary>
    public async Task ButtonAsync(Turn turn, Payload payload, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(payload);
        var survey = await loader.SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        var question = survey.Questionnaire.Find(turn.State.QuestionId ?? string.Empty);
        if (question is null || turn.State.Mode != ConversationMode.Survey)
        {
            NotApplied(turn, survey);
            return;
        }

        switch (payload.Op)
        {
            case QuestionOps.Option when question.FindOption(payload.Arg) is { } option && question.Type != QuestionType.Multi:
                turn.Accept(option.Label);
                await StoreAsync(turn, survey, question, AnswerValue.Option(option.Id), cancellationToken).ConfigureAwait(false);
                return;
            case QuestionOps.Tick or QuestionOps.Untick when question.FindOption(payload.Arg) is { } item && question.Type == QuestionType.Multi:
                if (RoundIsClosed(turn, survey))
                {
                    return;
                }

                var selection = payload.Op == QuestionOps.Tick
                    ? Tick(question, turn.State.PendingSelection, item)
                    : turn.State.PendingSelection.Where(id => !string.Equals(id, item.Id, StringComparison.OrdinalIgnoreCase)).ToArray();
                turn.Button = ButtonOutcome.Toggled;
                Ask(turn, survey, question, selection, Prompting.Replace);
                return;
            case QuestionOps.Confirm when question.Type == QuestionType.Multi:
                // The pressed message's mask is what the person saw ticked; typed "ยืนยัน" (no mask) takes the state's ticks.
                string[] confirmed;
                if (payload.Arg.Length == 0)
                {
                    confirmed = turn.State.PendingSelection.ToArray();
                }
                else if (!QuestionPrompts.TryReadMask(question, payload.Arg, out confirmed))
                {
                    NotApplied(turn, survey);
                    return;
                }

                if (confirmed.Length == 0)
                {
                    turn.Say(Messages.Get(MessageKeys.MultiNoneSelected));
                    Ask(turn, survey, question, prompting: Prompting.Repeat);
                    return;
                }

                var value = AnswerValue.Options(confirmed);
                turn.Accept(QuestionPrompts.Describe(question, value));
                await StoreAsync(turn, survey, question, value, cancellationToken).ConfigureAwait(false);
                return;
            case QuestionOps.DontKnow when question.AllowDontKnow:
                turn.Accept(Messages.Get(MessageKeys.BtnDontknow));
                await StoreAsync(turn, survey, question, AnswerValue.Unknown, cancellationToken).ConfigureAwait(false);
                return;
            case QuestionOps.Keep when survey.AnswerOf(question.Id) is not null:
                turn.Accept(Messages.Get(MessageKeys.BtnKeep));
                turn.Say(Messages.Format(MessageKeys.Kept, survey.Questionnaire.IndexOf(question.Id) + 1));
                await AdvanceAsync(turn, survey, survey.Questionnaire.IndexOf(question.Id), cancellationToken).ConfigureAwait(false);
                return;
            case QuestionOps.Help:
                turn.Say(string.IsNullOrWhiteSpace(question.Help) ? Messages.Get(MessageKeys.NoHelp) : Messages.Format(MessageKeys.HelpPrefix, question.Help));
                ShowCurrentAgain(turn, survey);
                return;
            case QuestionOps.Back:
                turn.Accept(Messages.Get(MessageKeys.BtnBack));
                await BackAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
            case QuestionOps.Skip:
                turn.Accept(Messages.Get(MessageKeys.BtnSkip));
                await SkipAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
            default:
                NotApplied(turn, survey);
                return;
        }
    }

    /// <summary>
    /// A press that is not applied (a button of an older prompt, one of a question already answered before a crash, or a
    /// forged one): the person is told so, and, in the middle of the survey, shown the current question with its current
    /// answer again, so that nothing looks taken that was not.
    /// </summary>
    public async Task NotAppliedAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.State.Mode != ConversationMode.Survey || !turn.IsStaff)
        {
            turn.Stale();
            return;
        }

        var survey = await loader.SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        NotApplied(turn, survey);
    }

    private void NotApplied(Turn turn, AgencySurvey survey)
    {
        turn.Stale();
        if (turn.State.Mode == ConversationMode.Survey && survey.Round.IsOpenAt(turn.Now)
            && survey.Questionnaire.Find(turn.State.QuestionId ?? string.Empty) is { } current)
        {
            Ask(turn, survey, current, prompting: Prompting.Repeat);
        }
    }

    /// <summary>A typed answer to the open question; input that does not fit changes nothing and repeats the question.</summary>
    public async Task TypedAnswerAsync(Turn turn, string text, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var survey = await loader.SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (turn.State.Mode != ConversationMode.Survey || survey.Questionnaire.Find(turn.State.QuestionId ?? string.Empty) is not { } question)
        {
            await menu.UnknownAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        var parsed = AnswerParser.Parse(question, text, turn.State.PendingSelection);
        if (!parsed.Ok || parsed.Value is null)
        {
            // Nothing changes: say what is accepted and ask the same question again (same prompt number).
            turn.Say(QuestionPrompts.ErrorMessage(question, parsed.ErrorKey));
            Ask(turn, survey, question, prompting: Prompting.Repeat);
            return;
        }

        if (question.Type == QuestionType.Multi && !parsed.Value.DontKnow && !AnswerParser.IsMultiDone(text))
        {
            // One rule for multiple choice: typed items (numbers or option texts, one or several) set the ticks, shown
            // on the prompt again, and are confirmed like pressed ones (the button, or typed ยืนยัน).
            if (RoundIsClosed(turn, survey))
            {
                return;
            }

            turn.Say(Messages.Format(MessageKeys.MultiTicked, QuestionPrompts.Describe(question, parsed.Value)));
            Ask(turn, survey, question, parsed.Value.OptionIds, Prompting.Repeat);
            return;
        }

        await StoreAsync(turn, survey, question, parsed.Value, cancellationToken).ConfigureAwait(false);
    }

    public async Task BackAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var survey = await loader.SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (RoundIsClosed(turn, survey))
        {
            return;
        }

        var index = survey.Questionnaire.IndexOf(turn.State.QuestionId ?? string.Empty);
        var previous = survey.PreviousApplicable(index < 0 ? survey.Questionnaire.Questions.Count : index);
        if (previous is null)
        {
            turn.Say(Messages.Get(MessageKeys.BackAtStart));
            if (survey.Questionnaire.Find(turn.State.QuestionId ?? string.Empty) is { } current)
            {
                Ask(turn, survey, current);
            }

            return;
        }

        Ask(turn, survey, previous);
    }

    public async Task SkipAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var survey = await loader.SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (RoundIsClosed(turn, survey) || survey.Questionnaire.Find(turn.State.QuestionId ?? string.Empty) is not { } question)
        {
            return;
        }

        var index = survey.Questionnaire.IndexOf(question.Id);
        if (survey.IsOpen(question.Id))
        {
            turn.State = turn.State with { Skipped = turn.State.Skipped.Append(question.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), PendingSelection = [] };
            turn.Say(Messages.Format(MessageKeys.Skipped, index + 1));
        }

        await AdvanceAsync(turn, survey, index, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"แก้ข้อ 12": asks question 12 when it applies (staff only).</summary>
    public async Task JumpAsync(Turn turn, int number, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!turn.IsStaff)
        {
            turn.Say(Messages.Get(MessageKeys.OfficerReadOnly));
            return;
        }

        var survey = await loader.SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (RoundIsClosed(turn, survey))
        {
            return;
        }

        var questions = survey.Questionnaire.Questions;
        if (number < 1 || number > questions.Count)
        {
            turn.Say(Messages.Format(MessageKeys.JumpInvalid, number, questions.Count));
            ShowCurrentAgain(turn, survey);
            return;
        }

        var question = questions[number - 1];
        if (!survey.IsApplicable(question))
        {
            var parent = question.Condition is { } c ? survey.Questionnaire.IndexOf(c.QuestionId) + 1 : 0;
            turn.Say(Messages.Format(MessageKeys.JumpNotApplicable, number, parent));
            ShowCurrentAgain(turn, survey);
            return;
        }

        Ask(turn, survey, question);
    }

    /// <summary>หยุดพัก: back to the menu, keeping the question and the skipped ones so that ทำต่อ resumes right there.</summary>
    public static void Pause(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        turn.State = turn.State with { Mode = ConversationMode.Menu, PendingSelection = [] };
        turn.Say(Messages.Get(MessageKeys.Paused));
    }

    public async Task ProgressAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var survey = await loader.SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        var (answered, applicable) = survey.Progress();
        var skipped = turn.State.Skipped.Count(survey.IsOpen);
        var status = Messages.Get(survey.Response.SubmittedUtc is null ? MessageKeys.StatusInProgress : MessageKeys.StatusSubmitted);
        turn.Say(Messages.Format(MessageKeys.Progress, survey.Agency.NameTh, answered, applicable, QuestionPrompts.ProgressBar(answered, applicable), skipped, status));
        ShowCurrentAgain(turn, survey);
    }

    /// <summary>
    /// After help, the deadline or results asked for in the middle of the survey: the question on screen is shown
    /// again (nothing when the person is not answering one).
    /// </summary>
    public async Task ShowCurrentAgainAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.State.Mode != ConversationMode.Survey || turn.State.QuestionId is null || !turn.IsStaff)
        {
            return;
        }

        ShowCurrentAgain(turn, await loader.SurveyAsync(turn, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>After a reply that is not a new question, the question on screen is shown again, so the next answer goes where the person sees it.</summary>
    private void ShowCurrentAgain(Turn turn, AgencySurvey survey)
    {
        if (turn.State.Mode == ConversationMode.Survey && survey.Round.IsOpenAt(turn.Now)
            && survey.Questionnaire.Find(turn.State.QuestionId ?? string.Empty) is { } current)
        {
            Ask(turn, survey, current, prompting: Prompting.Repeat);
        }
    }

    /// <summary>The open questions, or "everything answered" with the submit button.</summary>
    public async Task ReviewAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var survey = await loader.SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        var open = survey.OpenQuestions().ToList();
        var skipped = turn.State.Skipped;
        var seq = turn.State.PromptSeq + 1;
        turn.State = turn.State with { Mode = ConversationMode.Menu, QuestionId = null, PromptSeq = seq, PendingSelection = [] };
        turn.Replies.Add(open.Count == 0
            ? MenuPrompts.ReviewComplete(survey.Progress().Applicable, survey.Round.IsOpenAt(turn.Now), Review(survey, skipped))
            : MenuPrompts.ReviewOpen(survey.Questionnaire, open, Review(survey, skipped)));
    }

    /// <summary>Per dimension: answered of the questions that apply, skipped, "don't know", and the first question to look at.</summary>
    private List<DimensionReview> Review(AgencySurvey survey, IReadOnlyList<string> skipped)
    {
        var framework = catalog.Framework;
        var questionnaire = survey.Questionnaire;
        var result = new List<DimensionReview>();
        var number = 0;
        foreach (var dimension in framework.Dimensions)
        {
            number++;
            var questions = questionnaire.Questions.Where(q => framework.FindSubDimension(q.SubDimension)?.DimensionCode == dimension.Code).ToList();
            if (questions.Count == 0)
            {
                continue;
            }

            var counted = SurveyNavigation.Counted(questionnaire, survey.Sheet).Where(questions.Contains).ToList();
            var (answered, applicable) = (counted.Count(q => survey.Sheet.Answered.Contains(q.Id)), counted.Count);
            var open = questions.Where(q => survey.IsOpen(q.Id)).ToList();
            var skippedHere = open.Count(q => skipped.Contains(q.Id, StringComparer.OrdinalIgnoreCase));
            var dontKnow = questions.Where(q => survey.Sheet.Values.TryGetValue(q.Id, out var v) && v.DontKnow).ToList();
            var first = open.Concat(dontKnow).Select(q => questionnaire.IndexOf(q.Id) + 1).DefaultIfEmpty().Min();
            result.Add(new DimensionReview(number, dimension.NameTh, answered, applicable, skippedHere, dontKnow.Count, first == 0 ? null : first));
        }

        return result;
    }

    /// <summary>
    /// A re-delivered event (handled before; the process died after the commit and before the replies went out): the
    /// current question again, unchanged, for a person in the middle of the survey; nothing otherwise.
    /// </summary>
    public async Task<TurnResult> ReplayAsync(Inbound inbound, DateTime now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        var user = await db.ChatUsers.AsNoTracking()
            .Include(u => u.Agency)
            .FirstOrDefaultAsync(u => u.Channel == inbound.Channel && u.PlatformUserId == inbound.UserId, cancellationToken)
            .ConfigureAwait(false);
        if (user is not { Role: UserRole.Staff, Agency: not null, State.Mode: ConversationMode.Survey })
        {
            return TurnResult.Empty;
        }

        var turn = new Turn(inbound, user, isAdmin: false, now, firstContact: false);
        var survey = await loader.SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (survey.Questionnaire.Find(turn.State.QuestionId ?? string.Empty) is not { } question || !survey.Round.IsOpenAt(turn.Now))
        {
            return TurnResult.Empty;
        }

        turn.Replies.Clear();
        Ask(turn, survey, question, prompting: Prompting.Repeat);
        return turn.Result();
    }

    /// <summary>Past the deadline (or closed) the response is read-only: back to the menu with a notice.</summary>
    public static bool RoundIsClosed(Turn turn, AgencySurvey survey)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(survey);
        if (survey.Round.IsOpenAt(turn.Now))
        {
            return false;
        }

        turn.State = turn.State with { Mode = ConversationMode.Menu, PendingSelection = [] };
        turn.Say(Messages.Format(MessageKeys.RoundClosed, survey.Round.Name, Deadlines.Display(survey.Round.DeadlineUtc)));
        return true;
    }

    /// <summary>Asks the next open question after <paramref name="fromIndex"/> (wrapping round, skipped ones last), or reviews when none is left.</summary>
    private async Task AdvanceAsync(Turn turn, AgencySurvey survey, int fromIndex, CancellationToken cancellationToken)
    {
        var skipped = turn.State.Skipped;
        var next = survey.NextOpen(fromIndex, skipped, includeSkipped: false);
        if (next is null && skipped.Count > 0)
        {
            next = survey.NextOpen(-1, skipped, includeSkipped: true);
            if (next is not null)
            {
                turn.Say(Messages.Format(MessageKeys.SkippedReturn, skipped.Count(id => survey.IsOpen(id))));
                turn.State = turn.State with { Skipped = [] };
            }
        }

        if (next is null)
        {
            await ReviewAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        Ask(turn, survey, next);
    }

    private void Ask(Turn turn, AgencySurvey survey, Question question, IReadOnlyList<string>? selection = null, Prompting prompting = Prompting.New)
    {
        var view = QuestionPrompts.Render(catalog.Framework, survey, question, turn.State, selection, prompting);
        if (view.Introduction is { } introduction)
        {
            turn.Say(introduction);
        }

        turn.State = view.State;
        turn.Replies.Add(view.Prompt);
    }

    /// <summary>Stores an answer (audited), then moves on. The store commits it with the turn before any reply is sent.</summary>
    private async Task StoreAsync(Turn turn, AgencySurvey survey, Question question, AnswerValue value, CancellationToken cancellationToken)
    {
        if (RoundIsClosed(turn, survey))
        {
            return;
        }

        if (!survey.IsApplicable(question))
        {
            // A colleague's answer changed the gate meanwhile: nothing is stored, the walk moves on.
            turn.Say(Messages.Get(MessageKeys.QuestionNotApplicableNow));
            turn.State = turn.State with { PendingSelection = [] };
            await AdvanceAsync(turn, survey, survey.Questionnaire.IndexOf(question.Id), cancellationToken).ConfigureAwait(false);
            return;
        }

        var stored = value.Serialize();
        var existing = survey.AnswerOf(question.Id);
        if (existing is not null && existing.Value != stored && survey.Response.SubmittedUtc is not null)
        {
            turn.Say(Messages.Format(
                MessageKeys.SubmittedAnswerChanged,
                survey.Questionnaire.IndexOf(question.Id) + 1,
                QuestionPrompts.Describe(question, AnswerValue.Deserialize(existing.Value)),
                QuestionPrompts.Describe(question, value)));
        }

        if (existing is null)
        {
            var answer = new Answer(survey.Response.Id, question.Id, stored, turn.User.Id, turn.Now);
            db.Answers.Add(answer);
            survey.Set(answer, turn.User.DisplayName);
            db.AnswerAudits.Add(new AnswerAudit(survey.Response.Id, question.Id, null, stored, turn.User.Id, turn.Now));
        }
        else if (existing.Value != stored)
        {
            db.AnswerAudits.Add(new AnswerAudit(survey.Response.Id, question.Id, existing.Value, stored, turn.User.Id, turn.Now));
            db.Answers.Attach(existing);
            existing.Change(stored, turn.User.Id, turn.Now);
            survey.Set(existing, turn.User.DisplayName);
        }

        survey.Response.Touch(turn.Now);
        turn.State = turn.State with
        {
            Skipped = turn.State.Skipped.Where(id => !string.Equals(id, question.Id, StringComparison.OrdinalIgnoreCase)).ToArray(),
            PendingSelection = [],
        };
        turn.Receipt(Messages.Format(MessageKeys.Saved, survey.Questionnaire.IndexOf(question.Id) + 1));
        await AdvanceAsync(turn, survey, survey.Questionnaire.IndexOf(question.Id), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Ticks an item (ticking a ticked one changes nothing); an exclusive item ("none of these") clears the others and the other way round.</summary>
    private static string[] Tick(Question question, IReadOnlyList<string> current, AnswerOption item)
    {
        if (current.Contains(item.Id, StringComparer.OrdinalIgnoreCase))
        {
            return current.ToArray();
        }

        if (item.Exclusive)
        {
            return [item.Id];
        }

        return current.Where(id => question.FindOption(id) is { Exclusive: false }).Append(item.Id).ToArray();
    }
}
