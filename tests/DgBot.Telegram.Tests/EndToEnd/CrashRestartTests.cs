using DgBot.TestDoubles.Processes;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Questionnaires;
using DgBot.TestDoubles.Telegram;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Telegram.Tests.EndToEnd;

/// <summary>The bot process killed in the middle of a survey and started again on the same database.</summary>
public sealed class CrashRestartTests : IAsyncLifetime
{
    private const long User = 811_000_099;
    private readonly string _database = Seed.TempDatabase();
    private TelegramBotApiDouble _api = null!;
    private string _code = "";

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
        await _api.DisposeAsync();
        Seed.DeleteDatabase(_database);
    }

    private DgBotDbContext OpenDatabase()
    {
        var options = new DbContextOptionsBuilder<DgBotDbContext>();
        options.UseDgBotSqlite($"Data Source={_database}");
        return new DgBotDbContext(options.Options);
    }

    private async Task<T> QueryAsync<T>(Func<DgBotDbContext, Task<T>> query)
    {
        await using var db = OpenDatabase();
        return await query(db);
    }

    private async Task WaitUntilPollingAsync(DgBotProcess bot)
    {
        try
        {
            await _api.WaitUntilAsync(() => _api.ActivePolls > 0, TimeSpan.FromSeconds(60), "the bot process to poll");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\nBot output:\n" + bot.Output, e);
        }
    }

    [Fact]
    public async Task KilledMidSurveyItResumesAtTheRightQuestionWithNoAnswerLostAndNoUpdateHandledTwice()
    {
        var person = new SurveyDriver(_api, User);
        int killedPress;
        string killedQuestion;
        BotMessage killedMessage;
        int messagesBeforeKill;
        int editsBeforeKill;

        using (var first = DgBotProcess.Start(["serve"], RealBot.Settings(_api, _database)))
        {
            await WaitUntilPollingAsync(first);
            await person.TypeAsync("/start " + _code);
            await person.PressAsync(person.Prompt(), Payload.Menu("survey"));
            for (var i = 0; i < 3; i++)
            {
                await person.AnswerAsync(byButtons: true);
            }

            // The next press is the last thing this process does: it is killed the moment it answers the callback
            // query, after the engine committed the answer and before it could edit, send, or mark the update handled.
            while (person.CurrentQuestion()!.Value.Question.Type is not (QuestionType.YesNo or QuestionType.Single))
            {
                await person.AnswerAsync(byButtons: true);
            }

            var (message, question, seq) = person.CurrentQuestion()!.Value;
            killedQuestion = question.Id;
            killedMessage = message;
            messagesBeforeKill = _api.Messages(User).Count;
            editsBeforeKill = message.Edits; // the presses before edited this message into each next question
            _api.OnCall = call =>
            {
                if (call.Method == "answerCallbackQuery")
                {
                    first.Kill();
                }
            };
            killedPress = _api.Press(User, message.MessageId, Payload.Question(seq, "o", question.Options[0].Id));
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
            _api.OnCall = null;
        }

        person.Answered.Add(killedQuestion);
        // The press was in the inbox before it could be confirmed, and not yet marked handled: it was not lost,
        // whether or not the next getUpdates had confirmed it before the process died.
        var key = killedPress.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var row = await QueryAsync(db => db.InboxEvents.SingleAsync(e => e.Channel == "telegram" && e.EventKey == key));
        Assert.Null(row.ProcessedUtc);

        // It died after the commit and before any reply: the question still has its buttons and nothing new was sent.
        Assert.Equal(editsBeforeKill, killedMessage.Edits);
        Assert.NotNull(killedMessage.ReplyMarkup);
        Assert.Equal(messagesBeforeKill, _api.Messages(User).Count);
        Assert.Equal(person.Answered, (await QueryAsync(Seed.AnswersAsync)).Select(a => a.QuestionId));

        using (var second = DgBotProcess.Start(["serve"], RealBot.Settings(_api, _database)))
        {
            await WaitUntilPollingAsync(second);
            await _api.WaitForAllConfirmedAsync(TimeSpan.FromSeconds(30));

            // The press was taken from the inbox (and, if it was not confirmed, delivered again and not stored twice)
            // and recognised as handled: the answer is stored once, audited once.
            Assert.InRange(_api.Deliveries(killedPress), 1, 2);
            Assert.Equal(1, await QueryAsync(db => db.InboxEvents.CountAsync(e => e.Channel == "telegram" && e.EventKey == key)));
            Assert.Equal(0, await QueryAsync(db => db.InboxEvents.CountAsync(e => e.ProcessedUtc == null)));
            Assert.Equal(person.Answered, (await QueryAsync(Seed.AnswersAsync)).Select(a => a.QuestionId));
            Assert.Equal(1, await QueryAsync(db => db.AnswerAudits.CountAsync(a => a.QuestionId == killedQuestion)));

            // The replies lost in the crash are made good: the restarted bot shows the current question again.
            Assert.Equal(messagesBeforeKill + 1, _api.Messages(User).Count);
            Assert.NotNull(_api.Messages(User)[^1].ReplyMarkup);

            // Answering that press again is refused (Telegram allows one answer per query); the turn is not failed for it.
            Assert.DoesNotContain("[4122]", second.Output, StringComparison.Ordinal);
            Assert.DoesNotContain("[4123]", second.Output, StringComparison.Ordinal);

            // The person carries on: the bot asks the first open question after the last one answered.
            await person.TypeAsync("/survey");
            var (_, next, _) = person.CurrentQuestion()!.Value;
            var questions = SurveyCatalog.BuiltIn().Current.Questions.ToList();
            var lastIndex = questions.FindIndex(q => q.Id == killedQuestion);
            var nextIndex = questions.FindIndex(q => q.Id == next.Id);
            Assert.DoesNotContain(next.Id, person.Answered);
            Assert.True(nextIndex > lastIndex, $"resumed at {next.Id}, before {killedQuestion}");
            Assert.All(questions.Skip(lastIndex + 1).Take(nextIndex - lastIndex - 1), skipped => Assert.NotNull(skipped.Condition));

            await person.AnswerAsync(byButtons: true);
            Assert.Equal(person.Answered, (await QueryAsync(Seed.AnswersAsync)).Select(a => a.QuestionId));

            // Every update the person sent was handled, each once, across both processes.
            Assert.Equal(
                _api.UpdateIds.Select(id => "telegram:" + id.ToString(System.Globalization.CultureInfo.InvariantCulture)).Order(),
                (await QueryAsync(db => db.ProcessedEvents.Select(e => e.Key).ToListAsync())).Order());
        }

        _api.AssertNoViolations();
    }
}
