using System.Globalization;
using System.Text.RegularExpressions;
using DgBot.Core.Conversation;
using DgBot.Core.Questionnaires;
using DgBot.TestDoubles.Telegram;

namespace DgBot.Telegram.Tests.EndToEnd;

/// <summary>
/// A person answering the survey in the Telegram chat, as a test: finds the question on screen, answers it by pressing
/// buttons or by typing, and waits for the bot to finish the turn.
/// </summary>
public sealed partial class SurveyDriver(TelegramBotApiDouble api, long user)
{
    private static readonly Questionnaire Questionnaire = SurveyCatalog.BuiltIn().Current;

    /// <summary>The question ids answered so far, in order.</summary>
    public List<string> Answered { get; } = [];

    public async Task TypeAsync(string text)
    {
        api.SendText(user, text);
        await api.WaitForAllConfirmedAsync(TimeSpan.FromSeconds(30));
    }

    public async Task<int> PressAsync(BotMessage message, string data)
    {
        var id = api.Press(user, message.MessageId, data);
        await api.WaitForAllConfirmedAsync(TimeSpan.FromSeconds(30));
        return id;
    }

    /// <summary>The newest message with buttons.</summary>
    public BotMessage Prompt() =>
        api.Messages(user).LastOrDefault(m => m.Buttons.Count > 0) ?? throw new InvalidOperationException("No message with buttons in the chat.");

    /// <summary>The question the newest prompt asks, or null when it is not a question.</summary>
    public (BotMessage Message, Question Question, int Seq)? CurrentQuestion()
    {
        var prompt = Prompt();
        var data = prompt.Buttons.SelectMany(r => r).Select(b => b.Data).FirstOrDefault(d => d.StartsWith("q:", StringComparison.Ordinal));
        if (data is null)
        {
            return null;
        }

        var question = Questionnaire.Questions.Where(q => prompt.Text!.Contains(q.Text, StringComparison.Ordinal)).MaxBy(q => q.Text.Length)
            ?? throw new InvalidOperationException("The prompt shows no known question: " + prompt.Text);
        return (prompt, question, int.Parse(data.Split(':')[1], CultureInfo.InvariantCulture));
    }

    /// <summary>Answers the question on screen; returns its id.</summary>
    public async Task<string> AnswerAsync(bool byButtons)
    {
        var (message, question, seq) = CurrentQuestion() ?? throw new InvalidOperationException("No question on screen.");
        if (byButtons && question.Type is QuestionType.YesNo or QuestionType.Single)
        {
            await PressAsync(message, Payload.Question(seq, "o", question.Options[0].Id));
        }
        else if (byButtons && question.Type == QuestionType.Multi)
        {
            foreach (var option in question.Options.Where(o => !o.Exclusive).Take(2))
            {
                await PressAsync(message, Payload.Question(seq, "t", option.Id));
            }

            await PressAsync(message, Payload.Question(seq, "ok"));
        }
        else
        {
            await TypeAsync(Typed(question));
            if (question.Type == QuestionType.Multi)
            {
                // Typed items set the ticks; "ยืนยัน" confirms them.
                await TypeAsync("ยืนยัน");
            }
        }

        Answered.Add(question.Id);
        return question.Id;
    }

    /// <summary>Answers until the review prompt (with its submit button) is on screen; returns the number answered.</summary>
    public async Task<int> AnswerAllAsync(bool byButtons, int limit = 200)
    {
        var count = 0;
        while (CurrentQuestion() is not null)
        {
            await AnswerAsync(byButtons);
            if (++count > limit)
            {
                throw new InvalidOperationException("The survey did not end.");
            }
        }

        return count;
    }

    /// <summary>What a person would type: "ใช่", an option number, numbers as Thai or Arabic digits, a sentence.</summary>
    public static string Typed(Question question) => question.Type switch
    {
        QuestionType.YesNo => "ใช่ค่ะ",
        QuestionType.Single => "1",
        QuestionType.Multi => string.Join(" ", question.Options.Select((o, i) => (o, i)).Where(x => !x.o.Exclusive).Take(2).Select(x => (x.i + 1).ToString(CultureInfo.InvariantCulture))),
        QuestionType.Percent => "๕๐%",
        QuestionType.Number => "12",
        _ => "มีการประชุมทบทวนทุกไตรมาส",
    };

    /// <summary>The question a message shows (by its text), or null.</summary>
    public static string? QuestionIdOf(BotMessage message) => QuestionIdOf(message.Text);

    /// <summary>The question a message text shows, or null.</summary>
    public static string? QuestionIdOf(string? text) =>
        Questionnaire.Questions.Where(q => text?.Contains(q.Text, StringComparison.Ordinal) == true).MaxBy(q => q.Text.Length)?.Id;

    /// <summary>The number in "ข้อ N/80" of a prompt.</summary>
    public static int Number(BotMessage message) => int.Parse(HeaderNumber().Match(message.Text ?? "").Groups[1].Value, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"(\d+)/\d+")]
    private static partial Regex HeaderNumber();
}
