using System.Globalization;
using System.Text;
using DgBot.Core.Answers;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Questionnaires;
using DgBot.Core.Reports;
using DgBot.Core.Rounds;
using DgBot.Core.Scoring;
using DgBot.Core.Content;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace DgBot.Core.Conversation;

public sealed partial class ConversationEngine
{
    private const int ReviewListLimit = 15;

    private async Task<SurveyContext> SurveyAsync(Turn turn, CancellationToken cancellationToken)
    {
        if (turn.Survey is { } loaded)
        {
            return loaded;
        }

        var agency = turn.User.Agency!;
        SurveyRound round;
        Response? response;
        List<(Answer Answer, string? Author)> answers;
        if (_sharedAgency is not null && surveyCache.TryGet(agency.Id, _round?.Id, out var cached))
        {
            // A group-committed turn holds its agency's turn, so what its predecessor committed is still current.
            round = _round ??= db.Rounds.Attach(cached.Round).Entity;
            response = db.Responses.Attach(cached.Response).Entity;
            answers = cached.Answers;
        }
        else
        {
            round = await CurrentRoundAsync(cancellationToken).ConfigureAwait(false);
            response = await TurnQueries.Response(db, agency.Id, round.Id).ConfigureAwait(false);
            response ??= await CreateResponseAsync(agency.Id, round.Id, turn.Now, cancellationToken).ConfigureAwait(false);

            // Answers are read untracked with their author's name (one join): a turn changes at most one of them, and
            // tracking all of them made every SaveChanges scan them.
            answers = [];
            await foreach (var answer in TurnQueries.Answers(db, response.Id).WithCancellation(cancellationToken).ConfigureAwait(false))
            {
                answers.Add((answer.Answer, answer.Author));
            }
        }

        var questionnaire = catalog.Get(round.QuestionnaireVersion);
        var survey = new SurveyContext(agency, round, questionnaire, response, answers);
        turn.Survey = survey;
        _survey = survey;

        var state = turn.State;
        if (state.Mode == ConversationMode.Survey
            && (state.QuestionnaireVersion != questionnaire.Version || questionnaire.Find(state.QuestionId ?? string.Empty) is null))
        {
            // The questionnaire changed under this person (a new version): start again at the first open question.
            turn.State = state with { Mode = ConversationMode.Menu, QuestionId = null, Skipped = [], PendingSelection = [] };
            turn.Say(Messages.Format("questionnaire_changed", questionnaire.Version));
        }

        return survey;
    }

    /// <summary>
    /// The agency's first response of the round. Its id is needed before answers can name it, so it is stored at once:
    /// in a group-committed turn on its own (from a context of its own, in the next batch; nobody else creates it while
    /// this turn holds the agency's turn), else in the turn's transaction. An empty response left by a turn that fails
    /// later is harmless: a response counts as started only once it has answers.
    /// </summary>
    private async Task<Response> CreateResponseAsync(int agencyId, int roundId, DateTime now, CancellationToken cancellationToken)
    {
        var response = new Response(agencyId, roundId, now);
        if (_sharedAgency is null)
        {
            db.Responses.Add(response);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return response;
        }

        var own = new DgBotDbContext((DbContextOptions<DgBotDbContext>)db.GetService<IDbContextOptions>());
        await using (own.ConfigureAwait(false))
        {
            own.Responses.Add(response);
            await committer.CommitAsync(own).ConfigureAwait(false);
        }

        return db.Responses.Attach(response).Entity;
    }

    private static bool RoundIsClosed(Turn turn, SurveyContext survey)
    {
        if (survey.Round.IsOpenAt(turn.Now))
        {
            return false;
        }

        turn.State = turn.State with { Mode = ConversationMode.Menu, PendingSelection = [] };
        turn.Say(Messages.Format("round_closed", survey.Round.Name, Deadlines.Display(survey.Round.DeadlineUtc)));
        return true;
    }

    private async Task ResumeAsync(Turn turn, CancellationToken cancellationToken)
    {
        var survey = await SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (RoundIsClosed(turn, survey))
        {
            return;
        }

        if (survey.Response.SubmittedUtc is { } submitted)
        {
            turn.Say(Messages.Format("already_submitted", ThaiDates.DateAndTime(submitted)));
        }

        var state = turn.State with { Skipped = turn.State.Mode == ConversationMode.Survey ? turn.State.Skipped : [] };
        turn.State = state;
        await AdvanceAsync(turn, survey, fromIndex: -1, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Asks the next open question after <paramref name="fromIndex"/> (wrapping round, skipped ones last), or reviews when none is left.</summary>
    private async Task AdvanceAsync(Turn turn, SurveyContext survey, int fromIndex, CancellationToken cancellationToken)
    {
        var skipped = turn.State.Skipped;
        var next = survey.NextOpen(fromIndex, skipped, includeSkipped: false);
        if (next is null && skipped.Count > 0)
        {
            next = survey.NextOpen(-1, skipped, includeSkipped: true);
            if (next is not null)
            {
                turn.Say(Messages.Format("skipped_return", skipped.Count(id => survey.IsOpen(id))));
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

    /// <summary>How a question prompt relates to the one before it.</summary>
    private enum Prompting
    {
        /// <summary>A new prompt: a new prompt number, so the buttons of older prompts become stale.</summary>
        New,

        /// <summary>The same question again after input that did not fit: same prompt number, sent as a new message.</summary>
        Repeat,

        /// <summary>The pressed prompt updated in place (multiple-choice ticks).</summary>
        Replace,
    }

    /// <summary>Shows a question: the dimension's introduction when it starts, "ข้อ 12/70", a progress bar, the text, the current answer and the choices.</summary>
    private void Ask(Turn turn, SurveyContext survey, Question question, IReadOnlyList<string>? selection = null, Prompting prompting = Prompting.New)
    {
        var state = turn.State;
        var seq = prompting == Prompting.New ? state.PromptSeq + 1 : state.PromptSeq;
        var replacePrevious = prompting == Prompting.Replace;
        var sub = catalog.Framework.FindSubDimension(question.SubDimension);
        var dimension = sub is null ? null : catalog.Framework.DimensionOf(sub);
        var text = new StringBuilder();

        if (prompting == Prompting.New && dimension is not null && state.IntroducedDimension != dimension.Code)
        {
            var dimensionNumber = catalog.Framework.Dimensions.ToList().IndexOf(dimension) + 1;
            var count = survey.Questionnaire.Questions.Count(q => catalog.Framework.FindSubDimension(q.SubDimension)?.DimensionCode == dimension.Code);
            turn.Say(Messages.Format("dimension_intro", dimensionNumber, dimension.NameTh, count));
        }

        var index = survey.Questionnaire.IndexOf(question.Id);
        var (answered, applicable) = survey.Progress();
        text.Append(Messages.Format("question_header", index + 1, survey.Questionnaire.Questions.Count))
            .Append("  ").Append(ProgressBar(answered, applicable)).Append('\n');
        if (sub is not null)
        {
            text.Append(sub.NameTh).Append('\n');
        }

        text.Append('\n').Append(question.Text);

        var existing = survey.AnswerOf(question.Id);
        if (existing is not null)
        {
            var who = existing.AnsweredByUserId is null
                ? Messages.Get("deleted_respondent")
                : survey.AuthorOf(question.Id) ?? Messages.Get("unknown_respondent");
            text.Append("\n\n").Append(Messages.Format("current_answer", Describe(question, AnswerValue.Deserialize(existing.Value)), who, ThaiDates.DateAndTime(existing.AnsweredUtc)));
        }

        text.Append("\n\n").Append(Hint(question));

        selection ??= question.Type == QuestionType.Multi ? state.PendingSelection : [];
        List<Choice> choices = [];
        foreach (var option in question.Options)
        {
            choices.Add(question.Type == QuestionType.Multi
                ? new Choice(option.Label, Payload.Question(seq, "t", option.Id), selection.Contains(option.Id, StringComparer.OrdinalIgnoreCase))
                : new Choice(option.Label, Payload.Question(seq, "o", option.Id)));
        }

        if (question.Type == QuestionType.Multi)
        {
            choices.Add(new Choice(Messages.Get("btn_confirm_multi"), Payload.Question(seq, "ok")));
        }

        if (question.AllowDontKnow)
        {
            choices.Add(new Choice(Messages.Get("btn_dontknow"), Payload.Question(seq, "dk")));
        }

        if (existing is not null)
        {
            choices.Add(new Choice(Messages.Get("btn_keep"), Payload.Question(seq, "keep")));
        }

        if (!string.IsNullOrWhiteSpace(question.Help))
        {
            choices.Add(new Choice(Messages.Get("btn_help"), Payload.Question(seq, "help")));
        }

        choices.Add(new Choice(Messages.Get("btn_back"), Payload.Question(seq, "back")));
        choices.Add(new Choice(Messages.Get("btn_skip"), Payload.Question(seq, "skip")));

        turn.State = state with
        {
            Mode = ConversationMode.Survey,
            QuestionnaireVersion = survey.Questionnaire.Version,
            QuestionId = question.Id,
            PromptSeq = seq,
            PendingSelection = question.Type == QuestionType.Multi ? selection.ToArray() : [],
            IntroducedDimension = dimension?.Code ?? state.IntroducedDimension,
        };
        turn.Replies.Add(new PromptReply(
            text.ToString(),
            choices,
            Multi: question.Type == QuestionType.Multi,
            ReplacesPrevious: replacePrevious,
            FreeText: question.Type is QuestionType.Number or QuestionType.Percent or QuestionType.Text));
    }

    private static string Hint(Question question) => question.Type switch
    {
        QuestionType.Multi => Messages.Get("hint_multi"),
        QuestionType.Number => Messages.Format("hint_number", string.IsNullOrWhiteSpace(question.Unit) ? string.Empty : " (" + question.Unit + ")"),
        QuestionType.Percent => Messages.Get("hint_percent"),
        QuestionType.Text => Messages.Get("hint_text"),
        _ => Messages.Get("hint_choice"),
    };

    /// <summary>"▰▰▰▱▱▱▱▱▱▱ 30%".</summary>
    internal static string ProgressBar(int done, int total)
    {
        var fraction = total == 0 ? 0 : (double)done / total;
        var filled = (int)Math.Round(fraction * 10, MidpointRounding.AwayFromZero);
        return new string('▰', filled) + new string('▱', 10 - filled) + " " + Math.Round(fraction * 100).ToString("0", CultureInfo.InvariantCulture) + "%";
    }

    /// <summary>An answer in words, for "current answer" lines and message edits.</summary>
    internal static string Describe(Question question, AnswerValue value)
    {
        if (value.DontKnow)
        {
            return Messages.Get("btn_dontknow");
        }

        if (value.Number is { } number)
        {
            var formatted = number.ToString("#,0.##", CultureInfo.InvariantCulture);
            return question.Type == QuestionType.Percent ? formatted + "%" : string.IsNullOrWhiteSpace(question.Unit) ? formatted : formatted + " " + question.Unit;
        }

        if (value.Text is { } text)
        {
            return text;
        }

        return string.Join(", ", value.OptionIds.Select(id => question.FindOption(id)?.Label ?? id));
    }

    private async Task QuestionButtonAsync(Turn turn, Payload payload, CancellationToken cancellationToken)
    {
        var survey = await SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        var question = survey.Questionnaire.Find(turn.State.QuestionId ?? string.Empty);
        if (question is null || turn.State.Mode != ConversationMode.Survey)
        {
            turn.Stale();
            return;
        }

        switch (payload.Op)
        {
            case "o" when question.FindOption(payload.Arg) is { } option && question.Type != QuestionType.Multi:
                turn.Accept(option.Label);
                await StoreAsync(turn, survey, question, AnswerValue.Option(option.Id), cancellationToken).ConfigureAwait(false);
                return;
            case "t" when question.FindOption(payload.Arg) is { } item && question.Type == QuestionType.Multi:
                if (RoundIsClosed(turn, survey))
                {
                    return;
                }

                var selection = Toggle(question, turn.State.PendingSelection, item);
                turn.Button = ButtonOutcome.Toggled;
                Ask(turn, survey, question, selection, Prompting.Replace);
                return;
            case "ok" when question.Type == QuestionType.Multi:
                if (turn.State.PendingSelection.Count == 0)
                {
                    turn.Say(Messages.Get("multi_none_selected"));
                    return;
                }

                var value = AnswerValue.Options(turn.State.PendingSelection);
                turn.Accept(Describe(question, value));
                await StoreAsync(turn, survey, question, value, cancellationToken).ConfigureAwait(false);
                return;
            case "dk" when question.AllowDontKnow:
                turn.Accept(Messages.Get("btn_dontknow"));
                await StoreAsync(turn, survey, question, AnswerValue.Unknown, cancellationToken).ConfigureAwait(false);
                return;
            case "keep" when survey.AnswerOf(question.Id) is not null:
                turn.Accept(Messages.Get("btn_keep"));
                turn.Say(Messages.Format("kept", survey.Questionnaire.IndexOf(question.Id) + 1));
                await AdvanceAsync(turn, survey, survey.Questionnaire.IndexOf(question.Id), cancellationToken).ConfigureAwait(false);
                return;
            case "help":
                turn.Say(string.IsNullOrWhiteSpace(question.Help) ? Messages.Get("no_help") : Messages.Format("help_prefix", question.Help));
                return;
            case "back":
                turn.Accept(Messages.Get("btn_back"));
                await BackAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
            case "skip":
                turn.Accept(Messages.Get("btn_skip"));
                await SkipAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
            default:
                turn.Stale();
                return;
        }
    }

    /// <summary>Ticks or unticks an item; an exclusive item ("none of these") clears the others and the other way round.</summary>
    private static string[] Toggle(Question question, IReadOnlyList<string> current, AnswerOption item)
    {
        if (current.Contains(item.Id, StringComparer.OrdinalIgnoreCase))
        {
            return current.Where(id => !string.Equals(id, item.Id, StringComparison.OrdinalIgnoreCase)).ToArray();
        }

        if (item.Exclusive)
        {
            return [item.Id];
        }

        return current.Where(id => question.FindOption(id) is { Exclusive: false }).Append(item.Id).ToArray();
    }

    private async Task TypedAnswerAsync(Turn turn, string text, CancellationToken cancellationToken)
    {
        var survey = await SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (turn.State.Mode != ConversationMode.Survey || survey.Questionnaire.Find(turn.State.QuestionId ?? string.Empty) is not { } question)
        {
            turn.Say(Messages.Get("unknown_input"));
            await ShowMenuAsync(turn, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var parsed = AnswerParser.Parse(question, text, turn.State.PendingSelection);
        if (!parsed.Ok || parsed.Value is null)
        {
            // Nothing changes: say what is accepted and ask the same question again (same prompt number).
            turn.Say(ErrorMessage(question, parsed.ErrorKey));
            Ask(turn, survey, question, prompting: Prompting.Repeat);
            return;
        }

        await StoreAsync(turn, survey, question, parsed.Value, cancellationToken).ConfigureAwait(false);
    }

    private static string ErrorMessage(Question question, string? key)
    {
        var messageKey = "error_" + (key ?? "generic");
        if (!Messages.Has(messageKey))
        {
            messageKey = "error_generic";
        }

        return messageKey switch
        {
            "error_choice_expected" => Messages.Format(messageKey, question.Options.Count),
            "error_multi_exclusive" => Messages.Format(messageKey, question.Options.FirstOrDefault(o => o.Exclusive)?.Label ?? string.Empty),
            _ => Messages.Get(messageKey),
        };
    }

    /// <summary>Stores an answer (audited), then moves on. The caller's transaction commits it before any reply is sent.</summary>
    private async Task StoreAsync(Turn turn, SurveyContext survey, Question question, AnswerValue value, CancellationToken cancellationToken)
    {
        if (RoundIsClosed(turn, survey))
        {
            return;
        }

        var stored = value.Serialize();
        var existing = survey.AnswerOf(question.Id);
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
        turn.Say(Messages.Format("saved", survey.Questionnaire.IndexOf(question.Id) + 1));
        await AdvanceAsync(turn, survey, survey.Questionnaire.IndexOf(question.Id), cancellationToken).ConfigureAwait(false);
    }

    private async Task BackAsync(Turn turn, CancellationToken cancellationToken)
    {
        var survey = await SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (RoundIsClosed(turn, survey))
        {
            return;
        }

        var index = survey.Questionnaire.IndexOf(turn.State.QuestionId ?? string.Empty);
        var previous = survey.PreviousApplicable(index < 0 ? survey.Questionnaire.Questions.Count : index);
        if (previous is null)
        {
            turn.Say(Messages.Get("back_at_start"));
            if (survey.Questionnaire.Find(turn.State.QuestionId ?? string.Empty) is { } current)
            {
                Ask(turn, survey, current);
            }

            return;
        }

        Ask(turn, survey, previous);
    }

    private async Task SkipAsync(Turn turn, CancellationToken cancellationToken)
    {
        var survey = await SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (RoundIsClosed(turn, survey) || survey.Questionnaire.Find(turn.State.QuestionId ?? string.Empty) is not { } question)
        {
            return;
        }

        var index = survey.Questionnaire.IndexOf(question.Id);
        if (survey.IsOpen(question.Id))
        {
            turn.State = turn.State with { Skipped = turn.State.Skipped.Append(question.Id).Distinct(StringComparer.OrdinalIgnoreCase).ToArray(), PendingSelection = [] };
            turn.Say(Messages.Format("skipped", index + 1));
        }

        await AdvanceAsync(turn, survey, index, cancellationToken).ConfigureAwait(false);
    }

    private async Task JumpAsync(Turn turn, int number, CancellationToken cancellationToken)
    {
        if (turn.User.Role != UserRole.Staff || turn.User.Agency is null)
        {
            turn.Say(Messages.Get("officer_read_only"));
            return;
        }

        var survey = await SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (RoundIsClosed(turn, survey))
        {
            return;
        }

        var questions = survey.Questionnaire.Questions;
        if (number < 1 || number > questions.Count)
        {
            turn.Say(Messages.Format("jump_invalid", number, questions.Count));
            return;
        }

        var question = questions[number - 1];
        if (!survey.IsApplicable(question))
        {
            var parent = question.Condition is { } c ? survey.Questionnaire.IndexOf(c.QuestionId) + 1 : 0;
            turn.Say(Messages.Format("jump_not_applicable", number, parent));
            return;
        }

        Ask(turn, survey, question);
    }

    private async Task ProgressAsync(Turn turn, CancellationToken cancellationToken)
    {
        var survey = await SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        var (answered, applicable) = survey.Progress();
        var skipped = turn.State.Skipped.Count(survey.IsOpen);
        var status = Messages.Get(survey.Response.SubmittedUtc is null ? "status_in_progress" : "status_submitted");
        turn.Say(Messages.Format("progress", survey.Agency.NameTh, answered, applicable, ProgressBar(answered, applicable), skipped, status));
    }

    private async Task ReviewAsync(Turn turn, CancellationToken cancellationToken)
    {
        var survey = await SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        var open = survey.OpenQuestions().ToList();
        var seq = turn.State.PromptSeq + 1;
        turn.State = turn.State with { Mode = ConversationMode.Menu, QuestionId = null, PromptSeq = seq, PendingSelection = [] };
        if (open.Count == 0)
        {
            var total = survey.Progress().Applicable;
            List<Choice> choices = survey.Round.IsOpenAt(turn.Now)
                ? [new Choice(Messages.Get("btn_submit"), Payload.Menu("submit")), new Choice(Messages.Get("btn_menu"), Payload.Menu("menu"))]
                : [new Choice(Messages.Get("btn_menu"), Payload.Menu("menu"))];
            turn.Replies.Add(new PromptReply(Messages.Format("review_complete", total), choices));
            return;
        }

        var lines = open.Take(ReviewListLimit)
            .Select(q => string.Create(CultureInfo.InvariantCulture, $"• ข้อ {survey.Questionnaire.IndexOf(q.Id) + 1}: {Shorten(q.Text, 60)}"))
            .ToList();
        if (open.Count > ReviewListLimit)
        {
            lines.Add(Messages.Format("review_more", open.Count - ReviewListLimit));
        }

        turn.Replies.Add(new PromptReply(
            Messages.Format("review_open", open.Count, string.Join('\n', lines)),
            [new Choice(Messages.Get("btn_continue"), Payload.Menu("survey")), new Choice(Messages.Get("btn_menu"), Payload.Menu("menu"))]));
    }

    private static string Shorten(string text, int max) => text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");

    private async Task AskToSubmitAsync(Turn turn, CancellationToken cancellationToken)
    {
        var survey = await SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (RoundIsClosed(turn, survey))
        {
            return;
        }

        var open = survey.OpenQuestions().Count();
        if (open > 0)
        {
            turn.Say(Messages.Format("submit_incomplete", open));
            await ReviewAsync(turn, cancellationToken).ConfigureAwait(false);
            return;
        }

        var seq = turn.State.PromptSeq + 1;
        turn.State = turn.State with { Mode = ConversationMode.ConfirmSubmit, PromptSeq = seq };
        turn.Replies.Add(new PromptReply(
            Messages.Format("submit_confirm", survey.Agency.NameTh, Deadlines.Display(survey.Round.DeadlineUtc)),
            [new Choice(Messages.Get("btn_yes"), Payload.Confirm(seq, true)), new Choice(Messages.Get("btn_no"), Payload.Confirm(seq, false))]));
    }

    private async Task SubmitAsync(Turn turn, CancellationToken cancellationToken)
    {
        var survey = await SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (RoundIsClosed(turn, survey))
        {
            return;
        }

        if (survey.OpenQuestions().Any())
        {
            turn.Say(Messages.Format("submit_incomplete", survey.OpenQuestions().Count()));
            return;
        }

        survey.Response.Submit(turn.User.Id, turn.Now);
        turn.Say(Messages.Get("submitted"));
        // The report scores this turn's answers as they will be committed with it; the province's other agencies as stored.
        var report = await _results.AgencyReportAsync(survey.Agency, survey.Round, survey.Answers, cancellationToken).ConfigureAwait(false);
        ShowAgencyReport(turn, survey.Agency, report, improve: false);
        ShowAgencyReport(turn, survey.Agency, report, improve: true);
    }

    /// <summary>One agency's response in the current round, with its answers, and the walk over its questionnaire.</summary>
    private sealed class SurveyContext(Agency agency, SurveyRound round, Questionnaire questionnaire, Response response, IEnumerable<(Answer Answer, string? Author)> answers)
    {
        private readonly Dictionary<string, (Answer Answer, string? Author)> _stored =
            answers.ToDictionary(a => a.Answer.QuestionId, StringComparer.OrdinalIgnoreCase);

        private Dictionary<string, AnswerValue>? _values;

        public Agency Agency { get; } = agency;

        public SurveyRound Round { get; } = round;

        public Questionnaire Questionnaire { get; } = questionnaire;

        public Response Response { get; } = response;

        public Answer? AnswerOf(string questionId) => _stored.TryGetValue(questionId, out var a) ? a.Answer : null;

        /// <summary>The response's answers as this turn leaves them.</summary>
        public IEnumerable<Answer> Answers => _stored.Values.Select(a => a.Answer);

        public IEnumerable<(Answer Answer, string? Author)> AuthoredAnswers => _stored.Values;

        /// <summary>The display name of whoever gave the current answer (null once they erased their data).</summary>
        public string? AuthorOf(string questionId) => _stored.TryGetValue(questionId, out var a) ? a.Author : null;

        public void Set(Answer answer, string? author)
        {
            _stored[answer.QuestionId] = (answer, author);
            _values = null;
        }

        private Dictionary<string, AnswerValue> Values => _values ??= ResultsService.Values(_stored.Values.Select(a => a.Answer));

        public bool IsApplicable(Question question) => Scorer.IsApplicable(Questionnaire, question, Values);

        public bool IsOpen(string questionId) =>
            Questionnaire.Find(questionId) is { } q && IsApplicable(q) && !_stored.ContainsKey(q.Id) && ParentAnswered(q);

        private bool ParentAnswered(Question q) => q.Condition is null || _stored.ContainsKey(q.Condition.QuestionId);

        /// <summary>The first open question after <paramref name="fromIndex"/>, wrapping round to the start.</summary>
        public Question? NextOpen(int fromIndex, IReadOnlyList<string> skipped, bool includeSkipped)
        {
            var questions = Questionnaire.Questions;
            for (var step = 1; step <= questions.Count; step++)
            {
                var q = questions[(fromIndex + step + questions.Count) % questions.Count];
                if (IsOpen(q.Id) && (includeSkipped || !skipped.Contains(q.Id, StringComparer.OrdinalIgnoreCase)))
                {
                    return q;
                }
            }

            return null;
        }

        public Question? PreviousApplicable(int index)
        {
            for (var i = index - 1; i >= 0; i--)
            {
                var q = Questionnaire.Questions[i];
                if (IsApplicable(q))
                {
                    return q;
                }
            }

            return null;
        }

        public IEnumerable<Question> OpenQuestions() => Questionnaire.Questions.Where(q => IsOpen(q.Id));

        /// <summary>Answered and applicable questions (a follow-up counts once its condition is met).</summary>
        public (int Answered, int Applicable) Progress()
        {
            var applicable = Questionnaire.Questions.Where(q => IsApplicable(q) && ParentAnswered(q)).ToList();
            return (applicable.Count(q => _stored.ContainsKey(q.Id)), applicable.Count);
        }
    }
}
