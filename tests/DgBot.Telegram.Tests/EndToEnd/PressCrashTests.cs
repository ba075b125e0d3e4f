using System.Globalization;
using DgBot.Core.Answers;
using DgBot.Core.Conversation;
using DgBot.Core.Conversation.Prompts;
using DgBot.Core.Data;
using DgBot.Core.Questionnaires;
using DgBot.TestDoubles.Processes;
using DgBot.TestDoubles.Telegram;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Telegram.Tests.EndToEnd;

/// <summary>
/// Presses around a crash: a real <c>dgbot serve</c> killed at each step of a press (right after the update was handed
/// out, right after the turn committed, while its replies are in flight) and started again on the same database, while
/// a person keeps pressing what their screen shows. Whatever happens, what is stored is the last press the person was
/// shown as taken, the ticks a prompt shows are the ticks of the person's state, and every press gets an answer.
/// </summary>
public sealed class PressCrashTests : IAsyncLifetime
{
    private const long User = 812_000_016;
    private readonly string _database = Seed.TempDatabase();
    private readonly List<Press> _presses = [];
    private TelegramBotApiDouble _api = null!;
    private DgBotProcess? _bot;
    private string _code = "";

    /// <summary>Where in a press the process dies.</summary>
    public enum KillPoint
    {
        /// <summary>Right after getUpdates handed the press out (before, during or after the turn: a few ms later).</summary>
        Delivered,

        /// <summary>When the turn has committed and the bot answers the callback query.</summary>
        Committed,

        /// <summary>When the turn's first reply (an edit or a new message) reaches Telegram.</summary>
        Replying,
    }

    private static Questionnaire Questionnaire => SurveyCatalog.BuiltIn().Current;

    public async Task InitializeAsync()
    {
        _api = await TelegramBotApiDouble.StartAsync();
        await using var db = OpenDatabase();
        await SqliteSetup.MigrateAsync(db);
        _code = await Seed.AgencyWithInvitationAsync(db);

        // The bot process confirms an update once it is in its inbox: "all confirmed" also waits for the inbox to drain.
        _api.AttachBot(Seed.InboxDrained(_database));
    }

    public async Task DisposeAsync()
    {
        _bot?.Kill();
        _bot?.Dispose();
        await _api.DisposeAsync();
        Seed.DeleteDatabase(_database);
    }

    [Fact]
    public async Task TickTickConfirmKilledAtEveryStepStoresWhatTheScreenShowed()
    {
        await StartBotAsync();
        await TypeAsync("/start " + _code);
        var multi = Questionnaire.Questions.First(q => q.Type == QuestionType.Multi && q.Condition is null && q.Options.Count(o => !o.Exclusive) >= 3);
        var number = Questionnaire.IndexOf(multi.Id) + 1;

        // Three rounds over the same question; each round kills the three steps at a different point, so every step
        // (tick, tick, confirm) dies at every point once.
        KillPoint[] points = [KillPoint.Delivered, KillPoint.Committed, KillPoint.Replying];
        for (var round = 0; round < 3; round++)
        {
            await TypeAsync("แก้ข้อ " + number.ToString(CultureInfo.InvariantCulture));
            var items = multi.Options.Where(o => !o.Exclusive).Skip(round % 2).Take(2).ToList();
            await PressOnScreenAsync(TickData(items[0].Id), points[round % 3]);
            await AssertShownTicksAreTheStateAsync(multi);
            await PressOnScreenAsync(TickData(items[1].Id), points[(round + 1) % 3]);
            await AssertShownTicksAreTheStateAsync(multi);
            await PressOnScreenAsync(ConfirmOnScreen(), points[(round + 2) % 3]);
            await AssertStoredIsLastTakenAsync();
        }

        AssertEveryPressAnswered();
    }

    [Fact]
    public async Task APressOnAQuestionReShownAfterARestartIsTakenAndOneOnTheOldMessageIsRefusedVisibly()
    {
        await StartBotAsync();
        await TypeAsync("/start " + _code);
        await PressOnScreenAsync(Payload.Menu(MenuOps.Survey), kill: null);
        var single = Screen();
        var (question, seq) = QuestionOn(single);
        Assert.NotEqual(QuestionType.Multi, question.Type);

        // The first option is committed and the process dies before any reply: the screen still shows the question.
        await PressOnScreenAsync(Payload.Question(seq, QuestionOps.Option, question.Options[0].Id), KillPoint.Committed);

        // After the restart the bot shows where the walk is (the next question); a press on the old message is refused
        // with a notice and the current question is shown again, never followed silently by the next one.
        var old = _api.Press(User, single.MessageId, Payload.Question(seq, QuestionOps.Option, question.Options[1].Id));
        _presses.Add(new Press(old, question.Id, AnswerValue.Option(question.Options[1].Id)));
        await _api.WaitForAllConfirmedAsync(TimeSpan.FromSeconds(30));
        Assert.True(_api.TryGetCallbackAnswer(old, out var notice));
        Assert.False(string.IsNullOrEmpty(notice), "the refused press must be answered with a notice");
        var current = Screen();
        Assert.NotEqual(question.Id, QuestionOn(current).Question.Id);

        // The person answers the question on screen, re-shown after the restart: that press is taken.
        var (next, nextSeq) = QuestionOn(current);
        if (next.Type != QuestionType.Multi && next.Options.Count > 0)
        {
            await PressOnScreenAsync(Payload.Question(nextSeq, QuestionOps.Option, next.Options[^1].Id), kill: null);
        }

        await AssertStoredIsLastTakenAsync();
        AssertEveryPressAnswered();
    }

    [Fact]
    public async Task TenKillsDuringPressesLeaveEveryAnswerAsLastShownTaken()
    {
        var random = new Random(16);
        await StartBotAsync();
        await TypeAsync("/start " + _code);
        await PressOnScreenAsync(Payload.Menu(MenuOps.Survey), kill: null);

        var kills = 0;
        for (var step = 0; step < 70 && kills < 10; step++)
        {
            KillPoint? kill = step > 2 && random.Next(4) == 0 ? (KillPoint)(kills % 3) : null;
            var message = Screen();
            if (!IsQuestion(message))
            {
                break;
            }

            var (question, seq) = QuestionOn(message);
            switch (question.Type)
            {
                case QuestionType.Multi:
                    var unticked = message.Buttons.SelectMany(r => r).Where(b => Payload.Parse(b.Data) is { Op: QuestionOps.Tick } p && question.FindOption(p.Arg) is { Exclusive: false }).ToList();
                    var ticked = message.Buttons.SelectMany(r => r).Count(b => Payload.Parse(b.Data).Op == QuestionOps.Untick);
                    var data = ticked >= 2 || unticked.Count == 0 ? ConfirmOnScreen() : unticked[random.Next(unticked.Count)].Data;
                    await PressOnScreenAsync(data, kill);
                    break;
                case QuestionType.YesNo or QuestionType.Single:
                    await PressOnScreenAsync(Payload.Question(seq, QuestionOps.Option, question.Options[random.Next(question.Options.Count)].Id), kill);
                    break;
                default:
                    await TypeAsync(SurveyDriver.Typed(question), question);
                    break;
            }

            if (kill is not null)
            {
                kills++;
            }
        }

        Assert.Equal(10, kills);
        await AssertStoredIsLastTakenAsync();
        AssertEveryPressAnswered();
        _api.AssertNoViolations();
    }

    private static string TickData(string optionId) => "tick:" + optionId;

    private DgBotDbContext OpenDatabase()
    {
        var options = new DbContextOptionsBuilder<DgBotDbContext>();
        options.UseDgBotSqlite($"Data Source={_database}");
        return new DgBotDbContext(options.Options);
    }

    private async Task StartBotAsync()
    {
        _bot = DgBotProcess.Start(["serve"], RealBot.Settings(_api, _database));
        try
        {
            await _api.WaitUntilAsync(() => _api.ActivePolls > 0, TimeSpan.FromSeconds(60), "the bot process to poll");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\nBot output:\n" + _bot.Output, e);
        }
    }

    private async Task TypeAsync(string text, Question? answering = null)
    {
        _api.SendText(User, text);
        await _api.WaitForAllConfirmedAsync(TimeSpan.FromSeconds(30));
        if (answering is not null)
        {
            // A typed answer has no callback to show it taken; it is taken once the bot moved past it, as the person sees.
            _presses.Add(new Press(null, answering.Id, AnswerParser.Parse(answering, text, []).Value!));
        }
    }

    /// <summary>
    /// Presses <paramref name="data"/> on the newest prompt ("tick:ID" presses the tick button of that item as the screen
    /// shows it, whatever its state), optionally killing the bot at <paramref name="kill"/> and starting it again.
    /// </summary>
    private async Task PressOnScreenAsync(string data, KillPoint? kill)
    {
        var message = Screen();
        if (data.StartsWith("tick:", StringComparison.Ordinal))
        {
            var id = data["tick:".Length..];
            data = message.Buttons.SelectMany(r => r).Select(b => b.Data).First(d => Payload.Parse(d) is { Op: QuestionOps.Tick or QuestionOps.Untick } p && p.Arg == id);
        }

        var payload = Payload.Parse(data);
        var question = IsQuestion(message) ? QuestionOn(message).Question : null;
        var bot = _bot!;
        if (kill is { } point)
        {
            var killed = 0;
            void KillOnce()
            {
                if (Interlocked.Exchange(ref killed, 1) == 0)
                {
                    bot.Kill();
                }
            }

            _api.OnCall = call =>
            {
                switch (point)
                {
                    case KillPoint.Delivered when call.Method == "getUpdates" && _api.UpdateIds is [.., var last] && _api.Deliveries(last) > 0:
                        _ = Task.Delay(Random.Shared.Next(0, 25)).ContinueWith(_ => KillOnce(), TaskScheduler.Default);
                        break;
                    case KillPoint.Committed when call.Method == "answerCallbackQuery":
                    case KillPoint.Replying when call.Method is "editMessageText" or "editMessageReplyMarkup" or "sendMessage":
                        KillOnce();
                        break;
                }
            };
        }

        var pressId = _api.Press(User, message.MessageId, data);
        _presses.Add(new Press(pressId, question?.Id, ValueOf(question, payload)));
        if (kill is not null)
        {
            await bot.WaitForExitAsync(TimeSpan.FromSeconds(30));
            _api.OnCall = null;
            bot.Dispose();
            await StartBotAsync();
        }

        await _api.WaitForAllConfirmedAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>What a press stores if taken: an option, the ticks its confirm button showed; null for ticks and navigation.</summary>
    private static AnswerValue? ValueOf(Question? question, Payload payload)
    {
        if (question is null || payload.Kind != PayloadKind.Question)
        {
            return null;
        }

        return payload.Op switch
        {
            QuestionOps.Option => AnswerValue.Option(payload.Arg),
            QuestionOps.DontKnow => AnswerValue.Unknown,
            QuestionOps.Confirm when QuestionPrompts.TryReadMask(question, payload.Arg, out var ticks) && ticks.Length > 0 => AnswerValue.Options(ticks),
            _ => null,
        };
    }

    private BotMessage Screen() => _api.Messages(User).LastOrDefault(m => m.Buttons.Count > 0) ?? throw new InvalidOperationException("No message with buttons in the chat.");

    private string ConfirmOnScreen() =>
        Screen().Buttons.SelectMany(r => r).Select(b => b.Data).First(d => Payload.Parse(d).Op == QuestionOps.Confirm);

    private static bool IsQuestion(BotMessage message) =>
        message.Buttons.SelectMany(r => r).Any(b => b.Data.StartsWith("q:", StringComparison.Ordinal))
        && SurveyDriver.QuestionIdOf(message) is not null;

    private static (Question Question, int Seq) QuestionOn(BotMessage message)
    {
        var question = Questionnaire.Find(SurveyDriver.QuestionIdOf(message)!)!;
        var seq = Payload.Parse(message.Buttons.SelectMany(r => r).Select(b => b.Data).First(d => d.StartsWith("q:", StringComparison.Ordinal))).Seq;
        return (question, seq);
    }

    /// <summary>The ticks of the newest prompt (its untick buttons) are the ticks of the person's stored state.</summary>
    private async Task AssertShownTicksAreTheStateAsync(Question question)
    {
        var shown = Screen().Buttons.SelectMany(r => r).Select(b => Payload.Parse(b.Data)).Where(p => p.Op == QuestionOps.Untick).Select(p => p.Arg).Order().ToList();
        await using var db = OpenDatabase();
        var state = (await db.ChatUsers.AsNoTracking().SingleAsync()).State;
        Assert.Equal(question.Id, state.QuestionId);
        Assert.Equal(shown, state.PendingSelection.Order().ToList());
    }

    /// <summary>A press is shown as taken when its callback was answered without a notice (a typed answer always is).</summary>
    private bool Taken(Press press) =>
        press.UpdateId is not { } id || (_api.TryGetCallbackAnswer(id, out var notice) && string.IsNullOrEmpty(notice));

    private async Task AssertStoredIsLastTakenAsync()
    {
        var expected = new Dictionary<string, AnswerValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var press in _presses.Where(p => p.QuestionId is not null && p.Value is not null && Taken(p)))
        {
            expected[press.QuestionId!] = press.Value!;
        }

        await using var db = OpenDatabase();
        var stored = (await db.Answers.AsNoTracking().ToListAsync()).ToDictionary(a => a.QuestionId, a => AnswerValue.Deserialize(a.Value), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(expected.Keys.Order(StringComparer.OrdinalIgnoreCase), stored.Keys.Order(StringComparer.OrdinalIgnoreCase));
        foreach (var (questionId, value) in expected)
        {
            Assert.True(Same(value, stored[questionId]), $"{questionId}: stored {stored[questionId].Serialize()}, last shown taken {value.Serialize()}");
        }
    }

    private static bool Same(AnswerValue a, AnswerValue b) =>
        a.DontKnow == b.DontKnow && a.Number == b.Number && a.Text == b.Text
        && a.OptionIds.Order(StringComparer.OrdinalIgnoreCase).SequenceEqual(b.OptionIds.Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);

    private void AssertEveryPressAnswered()
    {
        foreach (var press in _presses.Where(p => p.UpdateId is not null))
        {
            Assert.True(_api.TryGetCallbackAnswer(press.UpdateId!.Value, out _), $"press {press.UpdateId} was never answered");
        }
    }

    private sealed record Press(int? UpdateId, string? QuestionId, AnswerValue? Value);
}
