using DgBot.Core.Answers;
using DgBot.Core.Questionnaires;

namespace DgBot.Core.Tests.Answers;

/// <summary>Every option of the real questionnaire can be chosen by its number, Thai number and text.</summary>
public class BuiltInQuestionnaireAnswerTests
{
    private static IEnumerable<Question> ChoiceQuestions => QuestionnaireLoader.BuiltIn().Questions.Where(q => q.IsChoice);

    [Fact]
    public void EveryOptionParsesFromItsNumberThaiNumberAndText()
    {
        var failures = new List<string>();
        foreach (var question in ChoiceQuestions)
        {
            for (var i = 0; i < question.Options.Count; i++)
            {
                var option = question.Options[i];
                foreach (var text in new[] { (i + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), ThaiText.ToThaiDigits(i + 1), option.Label, option.Label + "ค่ะ" })
                {
                    var parse = AnswerParser.Parse(question, text);
                    if (!parse.Ok || parse.Value!.OptionIds.Count != 1 || parse.Value.OptionIds[0] != option.Id)
                    {
                        failures.Add($"{question.Id} '{text}' → {(parse.Ok ? string.Join(',', parse.Value!.OptionIds) : parse.ErrorKey)} (expected {option.Id})");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
    }

    [Fact]
    public void YesNoQuestionsReadThaiYesAndNoWords()
    {
        foreach (var question in ChoiceQuestions.Where(q => q.Type == QuestionType.YesNo))
        {
            Assert.Equal(["yes"], AnswerParser.Parse(question, "ใช่ครับ").Value!.OptionIds);
            Assert.Equal(["no"], AnswerParser.Parse(question, "ไม่ใช่ค่ะ").Value!.OptionIds);
            var dontKnow = AnswerParser.Parse(question, "ไม่ทราบ");
            Assert.Equal(question.AllowDontKnow, dontKnow.Ok);
        }
    }

    [Fact]
    public void MultiQuestionsTakeNoneAsTheExclusiveOptionAndRejectMixingIt()
    {
        foreach (var question in ChoiceQuestions.Where(q => q.Type == QuestionType.Multi && q.Options.Count(o => o.Exclusive) == 1))
        {
            var exclusive = question.Options.Single(o => o.Exclusive);
            Assert.Equal([exclusive.Id], AnswerParser.Parse(question, "ไม่มี").Value!.OptionIds);
            var first = question.Options.First(o => !o.Exclusive);
            var mixed = AnswerParser.Parse(question, $"{first.Label}, {exclusive.Label}");
            Assert.Equal(AnswerErrorKeys.MultiExclusive, mixed.ErrorKey);
        }
    }
}
