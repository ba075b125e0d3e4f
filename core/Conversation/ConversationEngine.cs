using DgBot.Core.Data;
using DgBot.Core.Diagnostics;
using DgBot.Core.Data.Entities;
using DgBot.Core.Invitations;
using DgBot.Core.Reports;
using DgBot.Core.Rounds;
using DgBot.Core.Content;
using System.Globalization;
using Humanizer;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Conversation;

/// <summary>
/// The channel-neutral conversation: joining, consent, menu, the survey walk and results. One call is one turn: the
/// person's state and any answer are committed in one transaction before the replies are returned, so a reply that
/// was sent always describes an answer that is already stored. A platform event id seen before is ignored.
/// </summary>
public sealed partial class ConversationEngine(
    DgBotDbContext db,
    TimeProvider time,
    SurveyCatalog catalog,
    UserTurnLocks locks,
    TurnCommitter committer,
    SurveyCache surveyCache,
    ScoreCache scoreCache,
    EngineOptions options) : IConversationEngine
{
    private readonly InvitationService _invitations = new(db, time);
    private readonly RoundService _rounds = new(db, time);
    private readonly ResultsService _results = new(db, catalog, scoreCache);

    /// <summary>The agency whose turns this turn runs among (group-committed), or null in a turn with a transaction of its own.</summary>
    private int? _sharedAgency;

    /// <summary>The person, already read (tracked) for a group-committed turn.</summary>
    private ChatUser? _user;

    private SurveyRound? _round;

    /// <summary>The agency's response and answers, once this turn has read them.</summary>
    private SurveyContext? _survey;

    /// <summary>Set by a turn (of its own) that changes what other agencies' kept surveys say: erasure, a new round.</summary>
    private bool _surveysChanged;

    /// <summary>
    /// A turn is serialised with the other turns of the same person and, once the person belongs to an agency, with the
    /// other turns of that agency (they share its response). Such a turn reads and decides outside any transaction and
    /// hands its changes to the <see cref="TurnCommitter"/>, which commits the turns of many agencies together; its
    /// reads stay consistent because every writer of the agency's rows holds the agency's turn until its commit. The
    /// rare turns that write rows shared beyond the agency (joining with a code, the year's default round, a new
    /// response, submitting, erasure) or a person without an agency run alone, in a transaction of their own.
    /// </summary>
    public async Task<TurnResult> HandleAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        if (!inbound.IsPrivateChat)
        {
            // Groups get one polite line and nothing is stored: the survey is answered in private chats.
            return new TurnResult([new TextReply(Messages.Get("group_only"))]);
        }

        using var gate = await locks.AcquireAsync(inbound.Channel + ":" + inbound.UserId, cancellationToken).ConfigureAwait(false);
        if (!TurnCommitter.Supports(db))
        {
            return await ExclusiveTurnAsync(inbound, cancellationToken).ConfigureAwait(false);
        }

        Reset();
        await db.Database.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var user = await TurnQueries.User(db, inbound.Channel, inbound.UserId).ConfigureAwait(false);
            if (user?.AgencyId is { } agency)
            {
                using var agencyGate = await locks.AcquireAsync("agency:" + agency.ToString(CultureInfo.InvariantCulture), cancellationToken).ConfigureAwait(false);
                try
                {
                    return await SharedTurnAsync(inbound, user, agency, cancellationToken).ConfigureAwait(false);
                }
                catch (ExclusiveTurnNeededException)
                {
                    // Nothing was written: the tracked changes are dropped and the turn runs again, alone (still in the agency's turn).
                    await db.Database.CloseConnectionAsync().ConfigureAwait(false);
                    return await ExclusiveTurnAsync(inbound, cancellationToken).ConfigureAwait(false);
                }
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }

        return await ExclusiveTurnAsync(inbound, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Prepares the turn on the context's open connection (reads outside any transaction, in the agency's turn), then
    /// closes it and has the <see cref="TurnCommitter"/> commit the changes.
    /// </summary>
    private async Task<TurnResult> SharedTurnAsync(Inbound inbound, ChatUser user, int agencyId, CancellationToken cancellationToken)
    {
        _sharedAgency = agencyId;
        _user = user;
        var generation = surveyCache.Generation;
        Prepared prepared;
        try
        {
            prepared = await PrepareAsync(inbound, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _sharedAgency = null;
            _user = null;
            await db.Database.CloseConnectionAsync().ConfigureAwait(false);
        }

        if (!prepared.Replayed)
        {
            var answersStored = AnswersToStore();

            // Not cancellable: once queued the changes are committed or fail as a whole; the reply waits for the commit.
            try
            {
                await committer.CommitAsync(db).ConfigureAwait(false);
            }
            catch
            {
                surveyCache.Forget(agencyId);
                throw;
            }

            if (_survey is { } survey)
            {
                surveyCache.Put(agencyId, survey.Round, survey.Response, survey.AuthoredAnswers, generation);
            }

            DgBotMetrics.TurnHandled(inbound.Channel.ToString().ToLowerInvariant(), answersStored);
        }

        return prepared.Result;
    }

    private async Task<TurnResult> ExclusiveTurnAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        using var database = await locks.AcquireDatabaseAsync(cancellationToken).ConfigureAwait(false);
        Reset();
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var prepared = await PrepareAsync(inbound, cancellationToken).ConfigureAwait(false);
            if (prepared.Replayed)
            {
                return prepared.Result;
            }

            var answersStored = AnswersToStore();
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (_surveysChanged)
            {
                // Erasure turned its authors into a deleted respondent, or a new round began: no kept survey is current.
                surveyCache.Clear();
            }
            else if (_survey is { } survey)
            {
                surveyCache.Forget(survey.Agency.Id);
            }

            DgBotMetrics.TurnHandled(inbound.Channel.ToString().ToLowerInvariant(), answersStored);
            return prepared.Result;
        }
    }

    private void Reset()
    {
        db.ChangeTracker.Clear();
        _round = null;
        _survey = null;
        _surveysChanged = false;
    }

    private int AnswersToStore() => db.ChangeTracker.Entries<Answer>().Count(e => e.State is EntityState.Added or EntityState.Modified);

    /// <summary>Applies the turn to tracked entities and produces its replies; nothing is saved here.</summary>
    private async Task<Prepared> PrepareAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (inbound.EventId is { } eventId)
        {
            var key = inbound.Channel.ToString().ToLowerInvariant() + ":" + eventId;
            if (await TurnQueries.EventSeen(db, key).ConfigureAwait(false))
            {
                // Handled before: nothing is applied again. A platform re-delivers an event when the process died
                // after the commit and before the replies went out, so the person is shown where they are now.
                return new Prepared(await ReplayAsync(inbound, cancellationToken).ConfigureAwait(false), Replayed: true);
            }

            db.ProcessedEvents.Add(new ProcessedEvent(key, now));
        }

        var turn = await BeginTurnAsync(inbound, now, cancellationToken).ConfigureAwait(false);
        if (turn is not null)
        {
            await DispatchAsync(turn, cancellationToken).ConfigureAwait(false);
        }

        return new Prepared(turn?.Result() ?? TurnResult.Empty, Replayed: false);
    }

    /// <summary>In a group-committed turn, stops before a step that must run alone (see <see cref="HandleAsync"/>).</summary>
    private void RequireExclusiveTurn()
    {
        if (_sharedAgency is not null)
        {
            throw new ExclusiveTurnNeededException();
        }
    }

    /// <summary>The current round, read once per turn; creating the year's default round needs a turn of its own.</summary>
    private async Task<SurveyRound> CurrentRoundAsync(CancellationToken cancellationToken)
    {
        if (_round is not null)
        {
            return _round;
        }

        var round = await _rounds.FindCurrentAsync(cancellationToken).ConfigureAwait(false);
        if (round is null)
        {
            RequireExclusiveTurn();
            _surveysChanged = true;
            round = await _rounds.CurrentAsync(catalog.Current.Version, cancellationToken).ConfigureAwait(false);
        }

        return _round = round;
    }

    private readonly record struct Prepared(TurnResult Result, bool Replayed);

    /// <summary>Thrown by <see cref="RequireExclusiveTurn"/> and caught by <see cref="HandleAsync"/>; never leaves the engine.</summary>
    private sealed class ExclusiveTurnNeededException : Exception
    {
        public ExclusiveTurnNeededException()
            : base("This turn writes rows beyond its agency and runs in a transaction of its own.")
        {
        }
    }

    /// <summary>The current question again, unchanged, for a person in the middle of the survey; nothing otherwise.</summary>
    private async Task<TurnResult> ReplayAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        var user = await db.ChatUsers.AsNoTracking()
            .Include(u => u.Agency)
            .FirstOrDefaultAsync(u => u.Channel == inbound.Channel && u.PlatformUserId == inbound.UserId, cancellationToken)
            .ConfigureAwait(false);
        if (user is not { Role: UserRole.Staff, Agency: not null, State.Mode: ConversationMode.Survey })
        {
            return TurnResult.Empty;
        }

        var turn = new Turn(inbound, user, isAdmin: false, time.GetUtcNow().UtcDateTime, firstContact: false);
        var survey = await SurveyAsync(turn, cancellationToken).ConfigureAwait(false);
        if (survey.Questionnaire.Find(turn.State.QuestionId ?? string.Empty) is not { } question || !survey.Round.IsOpenAt(turn.Now))
        {
            return TurnResult.Empty;
        }

        turn.Replies.Clear();
        Ask(turn, survey, question, prompting: Prompting.Repeat);
        return turn.Result();
    }

    private async Task<Turn?> BeginTurnAsync(Inbound inbound, DateTime now, CancellationToken cancellationToken)
    {
        var user = _user ?? await TurnQueries.User(db, inbound.Channel, inbound.UserId).ConfigureAwait(false);

        if (inbound.Kind == InboundKind.Unreachable)
        {
            user?.MarkUnreachable();
            return null;
        }

        var firstContact = user is null;
        if (user is null)
        {
            user = new ChatUser(inbound.Channel, inbound.UserId, inbound.ChatId, inbound.DisplayName, now);
            db.ChatUsers.Add(user);
        }

        user.Seen(inbound.ChatId, inbound.DisplayName, now);
        return new Turn(inbound, user, options.IsAdmin(inbound.Channel, inbound.UserId), now, firstContact);
    }

    private async Task DispatchAsync(Turn turn, CancellationToken cancellationToken)
    {
        var intent = turn.Inbound.Kind == InboundKind.Text && turn.Inbound.Text is { } text
            ? IntentRecognizer.Recognize(text)
            : new Intent(IntentKind.None);

        if (turn.Inbound.Kind == InboundKind.Follow)
        {
            Welcome(turn);
            if (turn.User.Role != UserRole.None || turn.IsAdmin)
            {
                await ShowMenuAsync(turn, null, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                turn.Say(Messages.Get("how_to_join"));
            }

            return;
        }

        // Joining works for anyone (also to move to another agency with a new code).
        if (intent.Kind == IntentKind.Start && !string.IsNullOrWhiteSpace(intent.Argument))
        {
            await JoinAsync(turn, intent.Argument, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (turn.User.Role == UserRole.None && !turn.IsAdmin)
        {
            await NotJoinedAsync(turn, intent, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (turn.User.ConsentUtc is null)
        {
            // Someone who joined before the notice existed, or an administrator: show it once.
            Welcome(turn);
        }

        if (turn.Inbound.Kind == InboundKind.Button)
        {
            await OnButtonAsync(turn, Payload.Parse(turn.Inbound.Payload), cancellationToken).ConfigureAwait(false);
            return;
        }

        await OnTextAsync(turn, intent, cancellationToken).ConfigureAwait(false);
    }

    private async Task NotJoinedAsync(Turn turn, Intent intent, CancellationToken cancellationToken)
    {
        var text = turn.Inbound.Text ?? string.Empty;
        if (turn.Inbound.Kind == InboundKind.Text && InvitationCodes.LooksLikeCode(text))
        {
            await JoinAsync(turn, text, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (turn.FirstContact || intent.Kind is IntentKind.Start or IntentKind.Help)
        {
            Welcome(turn);
        }

        turn.Say(Messages.Get("how_to_join"));
    }

    private async Task JoinAsync(Turn turn, string code, CancellationToken cancellationToken)
    {
        // An invitation's use count is shared by everyone holding the code.
        RequireExclusiveTurn();
        var result = await _invitations.RedeemAsync(turn.User, code, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case JoinOutcome.LockedOut:
                turn.Say(Messages.Format("join_locked", Humanize(result.RetryAfter, TimeUnit.Minute)));
                return;
            case JoinOutcome.Rejected:
                turn.Say(Messages.Get("join_rejected"));
                return;
        }

        await _invitations.ClearFailuresAsync(turn.User.Channel, turn.User.PlatformUserId, cancellationToken).ConfigureAwait(false);
        turn.State = ConversationState.Initial;
        Welcome(turn);
        turn.Say(result.Role == UserRole.Officer
            ? Messages.Format("joined_officer", result.Agency!.Province)
            : Messages.Format("joined_staff", result.Agency!.NameTh));
        await ShowMenuAsync(turn, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The greeting and the privacy notice; showing it records the consent time.</summary>
    private static void Welcome(Turn turn)
    {
        if (turn.WelcomeShown)
        {
            return;
        }

        turn.WelcomeShown = true;
        turn.Say(Messages.Get("greeting") + "\n\n" + Messages.Get("privacy"));
        turn.User.RecordConsent(turn.Now);
    }

    private async Task OnTextAsync(Turn turn, Intent intent, CancellationToken cancellationToken)
    {
        var state = turn.State;
        if (state.Mode is ConversationMode.ConfirmForget or ConversationMode.ConfirmSubmit
            && intent.Kind is IntentKind.Confirm or IntentKind.Cancel)
        {
            await OnConfirmAsync(turn, intent.Kind == IntentKind.Confirm, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (intent.ByKeyword && state.Mode == ConversationMode.Survey
            && catalog.Get(state.QuestionnaireVersion).Find(state.QuestionId ?? string.Empty) is { Type: Questionnaires.QuestionType.Text })
        {
            // A free-text answer may mention "คะแนน" or "ปรับปรุง": while a text question is open, only a whole-message command counts.
            intent = new Intent(IntentKind.None);
        }

        switch (intent.Kind)
        {
            case IntentKind.Menu:
            case IntentKind.Start:
                turn.State = turn.State with { Mode = ConversationMode.Menu, PendingSelection = [] };
                await ShowMenuAsync(turn, null, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.Help:
                turn.Say(Messages.Get("help"));
                return;
            case IntentKind.Forget:
                AskToForget(turn);
                return;
            case IntentKind.Progress:
            case IntentKind.Score:
            case IntentKind.ImproveFirst:
            case IntentKind.Deadline:
            case IntentKind.StartSurvey:
            case IntentKind.Review:
            case IntentKind.Submit:
            case IntentKind.Pause:
                await OnCommandAsync(turn, intent.Kind, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.Jump when intent.Number is { } number:
                await JumpAsync(turn, number, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.Jump when intent.Argument is { } questionId
                && catalog.Get(state.QuestionnaireVersion).IndexOf(questionId) is var index and >= 0:
                await JumpAsync(turn, index + 1, cancellationToken).ConfigureAwait(false);
                return;
        }

        if (state.Mode == ConversationMode.Survey)
        {
            switch (intent.Kind)
            {
                case IntentKind.Back:
                    await BackAsync(turn, cancellationToken).ConfigureAwait(false);
                    return;
                case IntentKind.Skip:
                    await SkipAsync(turn, cancellationToken).ConfigureAwait(false);
                    return;
                case IntentKind.Confirm when turn.State.PendingSelection.Count > 0:
                    // "ยืนยัน" typed on a multiple-choice question confirms the ticked items, like the button.
                    await QuestionButtonAsync(turn, new Payload(PayloadKind.Question, Op: "ok", Seq: turn.State.PromptSeq), cancellationToken).ConfigureAwait(false);
                    return;
                default:
                    await TypedAnswerAsync(turn, turn.Inbound.Text ?? string.Empty, cancellationToken).ConfigureAwait(false);
                    return;
            }
        }

        turn.Say(Messages.Get("unknown_input"));
        await ShowMenuAsync(turn, null, cancellationToken).ConfigureAwait(false);
    }

    private async Task OnButtonAsync(Turn turn, Payload payload, CancellationToken cancellationToken)
    {
        switch (payload.Kind)
        {
            case PayloadKind.Menu:
                var kind = MenuIntent(payload.Op);
                if (kind == IntentKind.None)
                {
                    turn.Stale();
                    return;
                }

                turn.Button = ButtonOutcome.None;
                if (kind == IntentKind.Forget)
                {
                    AskToForget(turn);
                }
                else if (kind == IntentKind.Help)
                {
                    turn.Say(Messages.Get("help"));
                }
                else if (kind == IntentKind.Menu)
                {
                    turn.State = turn.State with { Mode = ConversationMode.Menu, PendingSelection = [] };
                    await ShowMenuAsync(turn, null, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await OnCommandAsync(turn, kind, cancellationToken).ConfigureAwait(false);
                }

                return;
            case PayloadKind.Confirm:
                if (payload.Seq != turn.State.PromptSeq || turn.State.Mode is not (ConversationMode.ConfirmForget or ConversationMode.ConfirmSubmit))
                {
                    turn.Stale();
                    return;
                }

                turn.Accept(Messages.Get(payload.Op == "yes" ? "btn_yes" : "btn_no"));
                await OnConfirmAsync(turn, payload.Op == "yes", cancellationToken).ConfigureAwait(false);
                return;
            case PayloadKind.Question:
                if (payload.Seq != turn.State.PromptSeq || turn.State.Mode != ConversationMode.Survey)
                {
                    turn.Stale();
                    return;
                }

                await QuestionButtonAsync(turn, payload, cancellationToken).ConfigureAwait(false);
                return;
            case PayloadKind.Agency:
            case PayloadKind.Province:
            case PayloadKind.PickProvince:
            case PayloadKind.Detail:
                await ResultsButtonAsync(turn, payload, cancellationToken).ConfigureAwait(false);
                return;
            default:
                turn.Stale();
                return;
        }
    }

    private static IntentKind MenuIntent(string op) => op switch
    {
        "survey" => IntentKind.StartSurvey,
        "progress" => IntentKind.Progress,
        "score" => IntentKind.Score,
        "improve" => IntentKind.ImproveFirst,
        "deadline" => IntentKind.Deadline,
        "help" => IntentKind.Help,
        "menu" => IntentKind.Menu,
        "review" => IntentKind.Review,
        "submit" => IntentKind.Submit,
        "pause" => IntentKind.Pause,
        "forget" => IntentKind.Forget,
        _ => IntentKind.None,
    };

    private async Task OnCommandAsync(Turn turn, IntentKind kind, CancellationToken cancellationToken)
    {
        switch (kind)
        {
            case IntentKind.Score:
                await ScoreAsync(turn, improve: false, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.ImproveFirst:
                await ScoreAsync(turn, improve: true, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.Deadline:
                await DeadlineAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
        }

        if (turn.User.Role != UserRole.Staff || turn.User.Agency is null)
        {
            turn.Say(Messages.Get("officer_read_only"));
            return;
        }

        switch (kind)
        {
            case IntentKind.StartSurvey:
                await ResumeAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.Progress:
                await ProgressAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.Review:
                await ReviewAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.Submit:
                await AskToSubmitAsync(turn, cancellationToken).ConfigureAwait(false);
                return;
            case IntentKind.Pause:
                turn.State = turn.State with { Mode = ConversationMode.Menu, PendingSelection = [] };
                turn.Say(Messages.Get("paused"));
                return;
        }
    }

    private async Task ShowMenuAsync(Turn turn, string? lead, CancellationToken cancellationToken)
    {
        var started = false;
        if (turn.User.Role == UserRole.Staff && turn.User.AgencyId is { } agencyId)
        {
            var round = await CurrentRoundAsync(cancellationToken).ConfigureAwait(false);
            started = await TurnQueries.Started(db, agencyId, round.Id).ConfigureAwait(false);
        }

        List<Choice> choices = [];
        if (turn.User.Role == UserRole.Staff)
        {
            choices.Add(new Choice(Messages.Get(started ? "menu_survey_continue" : "menu_survey_start"), Payload.Menu("survey")));
            choices.Add(new Choice(Messages.Get("menu_progress"), Payload.Menu("progress")));
        }

        choices.Add(new Choice(Messages.Get("menu_score"), Payload.Menu("score")));
        choices.Add(new Choice(Messages.Get("menu_improve"), Payload.Menu("improve")));
        choices.Add(new Choice(Messages.Get("menu_deadline"), Payload.Menu("deadline")));
        choices.Add(new Choice(Messages.Get("menu_help"), Payload.Menu("help")));
        turn.Replies.Add(new PromptReply(lead ?? Messages.Get("menu"), choices));
    }

    private async Task DeadlineAsync(Turn turn, CancellationToken cancellationToken)
    {
        var round = await CurrentRoundAsync(cancellationToken).ConfigureAwait(false);
        var left = round.DeadlineUtc - turn.Now;
        var status = round.IsOpenAt(turn.Now)
            ? Messages.Format("time_left", Humanize(left, TimeUnit.Minute))
            : Messages.Get("deadline_passed");
        turn.Say(Messages.Format("deadline", round.Name, Deadlines.Display(round.DeadlineUtc), status));
    }

    private static void AskToForget(Turn turn)
    {
        var seq = turn.State.PromptSeq + 1;
        turn.State = turn.State with { Mode = ConversationMode.ConfirmForget, PromptSeq = seq, PendingSelection = [] };
        turn.Replies.Add(new PromptReply(
            Messages.Get("forget_confirm"),
            [new Choice(Messages.Get("btn_yes"), Payload.Confirm(seq, true)), new Choice(Messages.Get("btn_no"), Payload.Confirm(seq, false))]));
    }

    private async Task OnConfirmAsync(Turn turn, bool yes, CancellationToken cancellationToken)
    {
        var mode = turn.State.Mode;
        turn.State = turn.State with { Mode = ConversationMode.Menu };
        if (mode == ConversationMode.ConfirmForget)
        {
            if (yes)
            {
                await ForgetAsync(turn, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                turn.Say(Messages.Get("forget_cancelled"));
            }

            return;
        }

        if (yes)
        {
            await SubmitAsync(turn, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            turn.Say(Messages.Get("submit_cancelled"));
            await ShowMenuAsync(turn, null, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Erases the person's personal data (PDPA s.33): their row with chat id and display name goes; their answers stay
    /// with the agency, attributed to a deleted respondent (the foreign keys are set to null by the database).
    /// </summary>
    private async Task ForgetAsync(Turn turn, CancellationToken cancellationToken)
    {
        RequireExclusiveTurn();
        _surveysChanged = true;
        await _invitations.ClearFailuresAsync(turn.User.Channel, turn.User.PlatformUserId, cancellationToken).ConfigureAwait(false);
        db.ChatUsers.Remove(turn.User);
        turn.Erased = true;
        turn.Say(Messages.Get("forgotten"));
    }

    internal static string Humanize(TimeSpan span, TimeUnit minUnit) =>
        (span < TimeSpan.Zero ? TimeSpan.Zero : span).Humanize(precision: 2, culture: ThaiDates.Thai, maxUnit: TimeUnit.Day, minUnit: minUnit);

    /// <summary>The working state of one turn.</summary>
    private sealed class Turn(Inbound inbound, ChatUser user, bool isAdmin, DateTime now, bool firstContact)
    {
        public Inbound Inbound { get; } = inbound;

        public ChatUser User { get; } = user;

        public bool IsAdmin { get; } = isAdmin;

        public DateTime Now { get; } = now;

        public bool FirstContact { get; } = firstContact;

        public bool WelcomeShown { get; set; }

        public bool Erased { get; set; }

        public List<Reply> Replies { get; } = [];

        public ButtonOutcome Button { get; set; }

        public string? ChosenLabel { get; set; }

        public string? Notice { get; set; }

        public SurveyContext? Survey { get; set; }

        public ConversationState State
        {
            get => User.State;
            set => User.SetState(value);
        }

        public void Say(string text) => Replies.Add(new TextReply(text));

        public void Accept(string label)
        {
            Button = ButtonOutcome.Accepted;
            ChosenLabel = label;
        }

        public void Stale()
        {
            Button = ButtonOutcome.Stale;
            Notice = Messages.Get("stale_button");
            Replies.Clear();
        }

        public TurnResult Result() => new(Replies.ToArray(), Button, ChosenLabel, Notice);
    }
}
