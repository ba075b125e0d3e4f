namespace DgBot.Core.Conversation;

/// <summary>
/// The keys of <c>core/Content/Data/messages.th.json</c>, one constant each, so a typo is a compile error, not a
/// <see cref="KeyNotFoundException"/> in a turn. A test checks that this list and the file have the same keys.
/// </summary>
public static class MessageKeys
{
    public const string GroupOnly = "group_only";

    public const string Greeting = "greeting";

    public const string Privacy = "privacy";

    public const string HowToJoin = "how_to_join";

    public const string JoinRejected = "join_rejected";

    public const string JoinLocked = "join_locked";

    public const string JoinedStaff = "joined_staff";

    public const string JoinedOfficer = "joined_officer";

    public const string ConsoleDemoJoined = "console_demo_joined";

    public const string Menu = "menu";

    public const string MenuSurveyStart = "menu_survey_start";

    public const string MenuSurveyContinue = "menu_survey_continue";

    public const string MenuProgress = "menu_progress";

    public const string MenuScore = "menu_score";

    public const string MenuImprove = "menu_improve";

    public const string MenuDeadline = "menu_deadline";

    public const string MenuHelp = "menu_help";

    public const string Help = "help";

    public const string DimensionIntro = "dimension_intro";

    public const string QuestionHeader = "question_header";

    public const string CurrentAnswer = "current_answer";

    public const string DeletedRespondent = "deleted_respondent";

    /// <summary>Who gave an answer entered from a file on the command line: "บันทึกจากแบบฟอร์มโดย {0}".</summary>
    public const string EnteredFromFile = "entered_from_file";

    public const string UnknownRespondent = "unknown_respondent";

    public const string HintChoice = "hint_choice";

    public const string HintMulti = "hint_multi";

    public const string HintNumber = "hint_number";

    public const string HintPercent = "hint_percent";

    public const string HintText = "hint_text";

    public const string BtnDontknow = "btn_dontknow";

    public const string BtnBack = "btn_back";

    public const string BtnSkip = "btn_skip";

    public const string BtnHelp = "btn_help";

    public const string BtnKeep = "btn_keep";

    public const string BtnConfirmMulti = "btn_confirm_multi";

    public const string BtnPause = "btn_pause";

    public const string BtnSubmit = "btn_submit";

    public const string BtnContinue = "btn_continue";

    public const string BtnReview = "btn_review";

    public const string BtnYes = "btn_yes";

    public const string BtnNo = "btn_no";

    public const string BtnMenu = "btn_menu";

    public const string Saved = "saved";

    public const string ReviewSummaryTitle = "review_summary_title";

    /// <summary>{0} dimension number, {1} its Thai name, {2} answered, {3} questions that apply.</summary>
    public const string ReviewSummaryLine = "review_summary_line";

    public const string ReviewSummarySkipped = "review_summary_skipped";

    public const string ReviewSummaryDontKnow = "review_summary_dontknow";

    /// <summary>The review's button to a dimension's first question to look at: {0} dimension number.</summary>
    public const string ReviewJumpButton = "review_jump_button";

    /// <summary>Typed items ticked on a multiple-choice question, to be confirmed: {0} the items.</summary>
    public const string MultiTicked = "multi_ticked";

    /// <summary>An answer of a response already submitted was changed: {0} question number, {1} old answer, {2} new answer.</summary>
    public const string SubmittedAnswerChanged = "submitted_answer_changed";

    public const string Kept = "kept";

    public const string ErrorChoiceExpected = "error_choice_expected";

    public const string ErrorYesnoExpected = "error_yesno_expected";

    public const string ErrorNumberExpected = "error_number_expected";

    public const string ErrorPercentRange = "error_percent_range";

    public const string ErrorTextEmpty = "error_text_empty";

    public const string ErrorMultiExpected = "error_multi_expected";

    public const string ErrorMultiExclusive = "error_multi_exclusive";

    public const string ErrorGeneric = "error_generic";

    public const string MultiNoneSelected = "multi_none_selected";

    public const string StaleButton = "stale_button";

    public const string Skipped = "skipped";

    public const string BackAtStart = "back_at_start";

    public const string JumpInvalid = "jump_invalid";

    public const string JumpNotApplicable = "jump_not_applicable";

    public const string Paused = "paused";

    public const string SkippedReturn = "skipped_return";

    public const string ReviewOpen = "review_open";

    public const string ReviewLine = "review_line";

    public const string ReviewMore = "review_more";

    public const string ReviewComplete = "review_complete";

    public const string SubmitConfirm = "submit_confirm";

    public const string Submitted = "submitted";

    public const string SubmitIncomplete = "submit_incomplete";

    public const string SubmitCancelled = "submit_cancelled";

    public const string AlreadySubmitted = "already_submitted";

    public const string RoundClosed = "round_closed";

    public const string Progress = "progress";

    public const string StatusSubmitted = "status_submitted";

    public const string StatusInProgress = "status_in_progress";

    public const string Deadline = "deadline";

    public const string TimeLeft = "time_left";

    public const string DeadlinePassed = "deadline_passed";

    public const string ScoreTitle = "score_title";

    public const string ImproveTitle = "improve_title";

    public const string NoAnswersYet = "no_answers_yet";

    public const string NoProvinceResults = "no_province_results";

    public const string OfficerPickAgency = "officer_pick_agency";

    public const string AdminPickProvince = "admin_pick_province";

    public const string ProvinceAverageButton = "province_average_button";

    public const string ProvinceTitle = "province_title";

    /// <summary>An officer's province picture: {0} province, {1} agencies surveyed, {2} submitted.</summary>
    public const string ProvinceProgress = "province_progress";

    /// <summary>Too few submitted agencies for a province average: {0} the group size.</summary>
    public const string ProvinceAveragePending = "province_average_pending";

    /// <summary>{0} how many agencies have not submitted, {1} their lines.</summary>
    public const string ProvinceNotSubmitted = "province_not_submitted";

    public const string ProvinceNotSubmittedLine = "province_not_submitted_line";

    public const string ProvinceNotSubmittedMore = "province_not_submitted_more";

    public const string ProvinceAllSubmitted = "province_all_submitted";

    /// <summary>Too few other submitted agencies for an agency's comparison: {0} the group size, {1} how many there are.</summary>
    public const string ComparisonPending = "comparison_pending";

    public const string NotAllowed = "not_allowed";

    public const string OfficerReadOnly = "officer_read_only";

    public const string ImproveDetailButton = "improve_detail_button";

    public const string ImproveDetailMissing = "improve_detail_missing";

    public const string ForgetConfirm = "forget_confirm";

    public const string Forgotten = "forgotten";

    public const string ForgetCancelled = "forget_cancelled";

    public const string QuestionnaireChanged = "questionnaire_changed";

    public const string UnknownInput = "unknown_input";

    public const string NoHelp = "no_help";

    public const string HelpPrefix = "help_prefix";

    public const string QuestionNotApplicableNow = "question_not_applicable_now";

    public const string ImproveDetailPrompt = "improve_detail_prompt";

    public const string AgencyUnknown = "agency_unknown";

    public const string ConsoleDemoAgency = "console_demo_agency";

    /// <summary>The console's first line: how to answer, that commands are words, how to leave.</summary>
    public const string ConsoleHowToLeave = "console_how_to_leave";

    /// <summary>The named commands under a console question: {0} the commands, joined.</summary>
    public const string ConsoleCommands = "console_commands";

    /// <summary>Words that leave the console chat, separated by "|".</summary>
    public const string ConsoleLeaveWords = "console_leave_words";

    public const string ConsoleBye = "console_bye";

    public const string ConsoleDemoProvince = "console_demo_province";

    public const string ConsoleDemoType = "console_demo_type";

    public const string ErrorTextTooLong = "error_text_too_long";

    public const string ReminderText = "reminder_text";

    public const string ReminderResume = "reminder_resume";

    public const string ReminderDigestHeader = "reminder_digest_header";

    public const string ReminderDigestLine = "reminder_digest_line";

    public const string ReminderDigestAllDone = "reminder_digest_all_done";

    public const string ReportCaption = "report_caption";

    public const string ReportNotAllowed = "report_not_allowed";

    public const string ReportAdminHint = "report_admin_hint";

    public const string ReportLineLink = "report_line_link";

    public const string ReportLineUnavailable = "report_line_unavailable";

    public const string ReportConsoleSaved = "report_console_saved";

    public const string ReportAgencySubject = "report_agency_subject";

    public const string ReportProvinceSubject = "report_province_subject";

    public const string ReportLinkExpired = "report_link_expired";

    public const string ReportLinkRevoked = "report_link_revoked";

    public const string ReportLinkUnknown = "report_link_unknown";

    public const string ReportLinkFailed = "report_link_failed";
}
