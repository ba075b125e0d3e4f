using DgBot.Core.Content;
using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using DgBot.Core.Questionnaires;
using DgBot.TestDoubles.Telegram;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Telegram.Tests.EndToEnd;

/// <summary>The whole bot (engine, SQLite, Telegram channel) through the Bot API double, as a person uses it.</summary>
public sealed class SurveyEndToEndTests : IAsyncLifetime
{
    private const long User = 811_000_001;
    private TelegramBotApiDouble _api = null!;
    private RealBot _bot = null!;
    private SurveyDriver _person = null!;

    public async Task InitializeAsync()
    {
        _api = await TelegramBotApiDouble.StartAsync();
        _bot = await RealBot.StartAsync(_api);
        _person = new SurveyDriver(_api, User);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _api.AssertNoViolations();
        await _api.DisposeAsync();
    }

    private async Task JoinAndStartSurveyAsync()
    {
        await _person.TypeAsync("/start " + _bot.InvitationCode);
        var menu = _person.Prompt();
        await _person.PressAsync(menu, Payload.Menu("survey"));
    }

    [Fact]
    public async Task JoiningByDeepLinkRegistersTheStaffMemberAndShowsTheMenu()
    {
        await _person.TypeAsync("/start " + _bot.InvitationCode);

        var texts = _api.Messages(User).Select(m => m.Text).ToList();
        Assert.Contains(Messages.Format("joined_staff", "เทศบาลนครลำปาง"), texts);
        Assert.Contains(_person.Prompt().Buttons.SelectMany(r => r), b => b.Data == Payload.Menu("survey"));
        var user = await _bot.QueryAsync(db => db.ChatUsers.AsNoTracking().SingleAsync());
        Assert.Equal((ChannelKind.Telegram, "811000001", UserRole.Staff, "สมชาย ใจดี"), (user.Channel, user.PlatformUserId, user.Role, user.DisplayName));
        Assert.NotNull(user.ConsentUtc);
    }

    [Fact]
    public async Task ACompleteSurveyByButtonPressesIsStoredAndEachPressEditsTheQuestionIntoTheNextOne()
    {
        await JoinAndStartSurveyAsync();
        var sendsBefore = _api.CallsOf("sendMessage").Count(c => c.Status == 200);

        var answered = await _person.AnswerAllAsync(byButtons: true);

        var answers = await _bot.QueryAsync(Seed.AnswersAsync);
        Assert.Equal(answered, answers.Count);
        Assert.Equal(_person.Answered.Order(), answers.Select(a => a.QuestionId).Order());

        // One press, no new message: each question answered with buttons was edited into the next one, headed by the
        // line that says what was saved; only a typed answer (numbers, text) brought a new message, one each.
        var questionnaire = SurveyCatalog.BuiltIn().Current;
        var pressed = questionnaire.Questions
            .Where(q => _person.Answered.Contains(q.Id) && q.Type is QuestionType.YesNo or QuestionType.Single or QuestionType.Multi)
            .ToList();
        var records = _api.CallsOf("editMessageText").Where(c => c.Status == 200).Select(c => (string)c.Fields["text"]!)
            .Where(t => t.StartsWith(Messages.Get("saved")[..5], StringComparison.Ordinal)).ToList();
        Assert.Equal(pressed.Count, records.Count);
        Assert.All(pressed, q => Assert.Single(records, t => t.StartsWith(Messages.Format("saved", questionnaire.IndexOf(q.Id) + 1) + ": ", StringComparison.Ordinal)));
        Assert.All(records.SkipLast(1), t => Assert.NotNull(SurveyDriver.QuestionIdOf(t)));
        Assert.Equal(_person.Answered.Count - pressed.Count, _api.CallsOf("sendMessage").Count(c => c.Status == 200) - sendsBefore);

        // Multiple-choice ticks edited the keyboard in place, never sent a new message.
        var multi = SurveyCatalog.BuiltIn().Current.Questions.Count(q => _person.Answered.Contains(q.Id) && q.Type == QuestionType.Multi);
        Assert.True(multi > 0);
        Assert.Equal(2 * multi, _api.CallsOf("editMessageReplyMarkup").Count(c => c.Status == 200));
        Assert.Contains(_person.Prompt().Buttons.SelectMany(r => r), b => b.Data == Payload.Menu("submit"));

        await _person.PressAsync(_person.Prompt(), Payload.Menu("submit"));
        var confirm = _person.Prompt();
        await _person.PressAsync(confirm, confirm.Buttons.SelectMany(r => r).First(b => b.Data.EndsWith(":yes", StringComparison.Ordinal)).Data);

        Assert.NotNull(await _bot.QueryAsync(db => db.Responses.AsNoTracking().Select(r => r.SubmittedUtc).SingleAsync()));
        Assert.Contains(_api.Messages(User), m => m.Text == Messages.Get("submitted"));
    }

    [Fact]
    public async Task ACompleteSurveyByTypedAnswersIsStored()
    {
        await JoinAndStartSurveyAsync();

        var answered = await _person.AnswerAllAsync(byButtons: false);

        var answers = await _bot.QueryAsync(Seed.AnswersAsync);
        Assert.Equal(answered, answers.Count);
        Assert.True(answered >= 60, $"only {answered} questions were asked");
        Assert.DoesNotContain(_api.Messages(User), m => m.Text?.StartsWith(Messages.Get("error_generic"), StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task AnOldButtonGetsAPoliteNoticeAndChangesNothing()
    {
        await JoinAndStartSurveyAsync();
        var first = _person.CurrentQuestion()!.Value;
        await _person.AnswerAsync(byButtons: false);
        var answersBefore = await _bot.QueryAsync(Seed.AnswersAsync);
        var messagesBefore = _api.Messages(User).Count;

        var press = await _person.PressAsync(first.Message, Payload.Question(first.Seq, "o", first.Question.Options[^1].Id));

        Assert.True(_api.TryGetCallbackAnswer(press, out var notice));
        Assert.Equal(Messages.Get("stale_button"), notice);
        // Not applied, and the person sees where the walk is: one new message, the current question (issue 16).
        Assert.Equal(messagesBefore + 1, _api.Messages(User).Count);
        var current = _api.Messages(User)[^1];
        Assert.NotEqual(first.Question.Id, SurveyDriver.QuestionIdOf(current));
        Assert.Contains(current.Buttons.SelectMany(r => r), b => b.Data.StartsWith("q:", StringComparison.Ordinal));
        Assert.Equal(answersBefore.Select(a => (a.QuestionId, a.Value)), (await _bot.QueryAsync(Seed.AnswersAsync)).Select(a => (a.QuestionId, a.Value)));
    }

    [Fact]
    public async Task ScoresComeWithAChartAndTheTopFiveAsText()
    {
        await JoinAndStartSurveyAsync();
        await _person.AnswerAllAsync(byButtons: true);
        var before = _api.Messages(User).Count;

        await _person.TypeAsync("/score");

        var photo = Assert.Single(_api.Messages(User).Skip(before), m => m.Photo is not null);
        if (Environment.GetEnvironmentVariable("DGBOT_CHART_OUT") is { Length: > 0 } outPath)
        {
            await File.WriteAllBytesAsync(outPath, photo.Photo!);
        }

        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47 }, photo.Photo![..4]);
        Assert.True(photo.Photo.Length > 10_000);
        Assert.False(string.IsNullOrWhiteSpace(photo.Caption));
        var sendPhoto = Assert.Single(_api.CallsOf("sendPhoto"));
        Assert.Equal(200, sendPhoto.Status);

        var beforeTop = _api.Messages(User).Count;
        await _person.TypeAsync("/top5");

        var top = _api.Messages(User).Skip(beforeTop).Select(m => m.Text ?? "").ToList();
        Assert.NotEmpty(top);
        Assert.All(top, t => Assert.InRange(t.Length, 1, 4096));
        Assert.Contains(top, t => t.Contains('5', StringComparison.Ordinal) || t.Contains('๕', StringComparison.Ordinal));
    }

    [Fact]
    public async Task A429StormLosesAndDoublesNothing()
    {
        await JoinAndStartSurveyAsync();
        _api.Fail("editMessageText", 429, times: 4, retryAfter: 1);
        _api.Fail("sendMessage", 429, times: 2, retryAfter: 1);

        for (var i = 0; i < 4; i++)
        {
            await _person.AnswerAsync(byButtons: true);
        }

        var answers = await _bot.QueryAsync(Seed.AnswersAsync);
        Assert.Equal(_person.Answered, answers.Select(a => a.QuestionId));
        Assert.True(_api.Calls.Count(c => c.Status == 429) >= 4);

        // Each question was shown once (as a new message or the pressed one edited into it): none twice, none missing.
        var shown = _api.Calls.Where(c => c.Status == 200 && c.Method is "sendMessage" or "editMessageText")
            .Select(c => SurveyDriver.QuestionIdOf((string?)c.Fields["text"])).OfType<string>().ToList();
        Assert.Equal(shown.Distinct().Count(), shown.Count);
        Assert.Equal(_person.Answered.Count + 1, shown.Count);
    }

    [Fact]
    public async Task InAGroupTheBotOnlySaysPolitelyThatItWorksInPrivate()
    {
        const long group = -100_555_777;

        _api.SendText(User, "/start " + _bot.InvitationCode, chatId: group, chatType: "supergroup");
        await _api.WaitForAllConfirmedAsync();

        Assert.Equal(Messages.Get("group_only"), Assert.Single(_api.Messages(group)).Text);
        Assert.Empty(await _bot.QueryAsync(db => db.ChatUsers.AsNoTracking().ToListAsync()));
    }

    [Fact]
    public async Task APersonWhoBlockedTheBotIsMarkedUnreachable()
    {
        await _person.TypeAsync("/start " + _bot.InvitationCode);
        _api.Block(User);

        await _person.TypeAsync("/menu");

        Assert.True(await _bot.QueryAsync(db => db.ChatUsers.AsNoTracking().Select(u => u.Unreachable).SingleAsync()));
    }
}
