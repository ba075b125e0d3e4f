using System.Globalization;
using System.Text.RegularExpressions;
using DgBot.Core.Conversation;
using DgBot.Core.Questionnaires;

namespace DgBot.Core.Tests.Conversation;

/// <summary>Answers whatever question a person is shown, the way a cooperative staff member would.</summary>
public static partial class SurveyWalker
{
    /// <summary>The question a prompt shows ("ข้อ 12/80"), or null when the prompt is not a question.</summary>
    public static Question? QuestionOf(PromptReply? prompt, Questionnaire questionnaire)
    {
        if (prompt is null)
        {
            return null;
        }

        var match = Header().Match(prompt.Text);
        return match.Success ? questionnaire.Questions[int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture) - 1] : null;
    }

    /// <summary>Answers the shown question by buttons (or typing where a number or text is asked); returns that turn.</summary>
    public static async Task<TurnResult> AnswerShownQuestionAsync(Person person, Questionnaire questionnaire, bool byTyping = false)
    {
        var question = QuestionOf(person.LastPrompt, questionnaire) ?? throw new Xunit.Sdk.XunitException("No question is shown.");
        switch (question.Type)
        {
            case QuestionType.Number:
                return await person.SendAsync("๑๒๐");
            case QuestionType.Percent:
                return await person.SendAsync("80%");
            case QuestionType.Text:
                return await person.SendAsync("ไม่มีความเห็นเพิ่มเติม");
            case QuestionType.Multi:
                if (byTyping)
                {
                    // Typed items set the ticks; "ยืนยัน" confirms them.
                    await person.SendAsync("1,2");
                    return await person.SendAsync("ยืนยัน");
                }

                await person.PressAsync(question.Options[0].Label);
                return await person.PressAsync("ยืนยันคำตอบ");
            default:
                // Prefer the option that opens follow-up questions, so the conditional path is walked too.
                var option = question.Options.OrderByDescending(o => o.Id == "yes" || o.Id == "active").First();
                return byTyping
                    ? await person.SendAsync((question.Options.ToList().IndexOf(option) + 1).ToString(CultureInfo.InvariantCulture))
                    : await person.PressAsync(option.Label);
        }
    }

    /// <summary>Answers question after question until the review prompt says everything is answered; returns how many were answered.</summary>
    public static async Task<int> AnswerAllAsync(Person person, Questionnaire questionnaire, bool byTyping = false)
    {
        var answered = 0;
        while (QuestionOf(person.LastPrompt, questionnaire) is not null)
        {
            await AnswerShownQuestionAsync(person, questionnaire, byTyping);
            answered++;
            if (answered > questionnaire.Questions.Count * 2)
            {
                throw new Xunit.Sdk.XunitException("The walk does not end.");
            }
        }

        return answered;
    }

    [GeneratedRegex(@"^ข้อ (\d+)/\d+")]
    private static partial Regex Header();
}
