using DgBot.Core.Answers;
using DgBot.Core.Conversation;
using DgBot.Core.Questionnaires;

namespace DgBot.Core.Tests.Conversation;

/// <summary>The survey walk's navigation as pure functions over a questionnaire and the answers.</summary>
public sealed class SurveyNavigationTests
{
    private static readonly Questionnaire Built = SurveyCatalog.BuiltIn().Current;

    /// <summary>The first question with a follow-up, the follow-up, and an option of the parent that opens it.</summary>
    private static (Question Parent, Question FollowUp) ConditionalPair()
    {
        // A follow-up asked right after its parent (2569.2's website gate, DGP-6, is asked well before DGP-3).
        var followUp = Built.Questions.First(q => q.Condition is { } c && Built.IndexOf(q.Id) == Built.IndexOf(c.QuestionId) + 1 && Built.Find(c.QuestionId)!.Condition is null);
        return (Built.Find(followUp.Condition!.QuestionId)!, followUp);
    }

    private static AnswerSheet Answers(params (string Id, AnswerValue Value)[] answers) =>
        AnswerSheet.Of(answers.ToDictionary(a => a.Id, a => a.Value, StringComparer.OrdinalIgnoreCase));

    private static AnswerValue AnyAnswer(Question q) => q.Type switch
    {
        QuestionType.Number or QuestionType.Percent => AnswerValue.OfNumber(10),
        QuestionType.Text => AnswerValue.OfText("ทดสอบ"),
        QuestionType.Multi => AnswerValue.Options([q.Options[0].Id]),
        _ => AnswerValue.Option(q.Options[0].Id),
    };

    [Fact]
    public void OpeningAFollowUpNeverMovesProgressBackwardsAndRulingItOutMovesItForwards()
    {
        var (parent, followUp) = ConditionalPair();
        var opens = parent.Options.First(o => followUp.Condition!.AnyOf.Contains(o.Id, StringComparer.OrdinalIgnoreCase));
        var closes = parent.Options.First(o => !followUp.Condition!.AnyOf.Contains(o.Id, StringComparer.OrdinalIgnoreCase));
        var followUps = Built.Questions.Count(q => string.Equals(q.Condition?.QuestionId, parent.Id, StringComparison.OrdinalIgnoreCase));

        var none = SurveyNavigation.Progress(Built, AnswerSheet.Empty);
        var opened = SurveyNavigation.Progress(Built, Answers((parent.Id, AnswerValue.Option(opens.Id))));
        var ruledOut = SurveyNavigation.Progress(Built, Answers((parent.Id, AnswerValue.Option(closes.Id))));

        Assert.Equal((0, Built.Questions.Count), none);
        Assert.Equal((1, Built.Questions.Count), opened);
        Assert.Equal(1, ruledOut.Answered);
        Assert.True(ruledOut.Applicable <= Built.Questions.Count - followUps);
        Assert.True((double)opened.Answered / opened.Applicable >= (double)none.Answered / none.Applicable);
    }

    [Fact]
    public void TheStatusCommandCountsAsTheConversationDoes()
    {
        var (parent, followUp) = ConditionalPair();
        var closes = parent.Options.First(o => !followUp.Condition!.AnyOf.Contains(o.Id, StringComparer.OrdinalIgnoreCase));
        var answers = new[] { new DgBot.Core.Data.Entities.Answer(1, parent.Id, AnswerValue.Option(closes.Id).Serialize(), null, new DateTime(2026, 11, 23, 0, 0, 0, DateTimeKind.Utc)) };

        Assert.Equal(
            SurveyNavigation.Progress(Built, Answers((parent.Id, AnswerValue.Option(closes.Id)))),
            DgBot.Core.Rounds.RoundStatusService.Progress(Built, answers));
    }

    [Fact]
    public void WithNoAnswersTheWalkStartsAtTheFirstQuestion()
    {
        Assert.Equal(Built.Questions[0].Id, SurveyNavigation.NextOpen(Built, AnswerSheet.Empty, -1, [], includeSkipped: false)?.Id);
    }

    [Fact]
    public void NextOpenWrapsRoundToAnEarlierUnansweredQuestion()
    {
        var first = Built.Questions[0];
        var answers = Answers(Built.Questions.Skip(1).Where(q => q.Condition is null).Select(q => (q.Id, AnyAnswer(q))).ToArray());
        var last = Built.Questions.Count - 1;
        Assert.Equal(first.Id, SurveyNavigation.NextOpen(Built, answers, last, [], includeSkipped: false)?.Id);
    }

    [Fact]
    public void SkippedQuestionsAreLeftOutUntilIncluded()
    {
        var first = Built.Questions[0];
        var second = Built.Questions[1];
        Assert.Equal(second.Id, SurveyNavigation.NextOpen(Built, AnswerSheet.Empty, -1, [first.Id], includeSkipped: false)?.Id);
        Assert.Equal(first.Id, SurveyNavigation.NextOpen(Built, AnswerSheet.Empty, -1, [first.Id], includeSkipped: true)?.Id);
    }

    [Fact]
    public void AFollowUpIsOpenOnlyOnceItsParentIsAnsweredSoThatItApplies()
    {
        var (parent, followUp) = ConditionalPair();
        Assert.False(SurveyNavigation.IsOpen(Built, followUp.Id, AnswerSheet.Empty));

        var opening = parent.Options.Select(o => AnswerValue.Option(o.Id))
            .First(v => SurveyNavigation.IsApplicable(Built, followUp, Answers((parent.Id, v))));
        var closing = parent.Options.Select(o => AnswerValue.Option(o.Id))
            .First(v => !SurveyNavigation.IsApplicable(Built, followUp, Answers((parent.Id, v))));

        Assert.True(SurveyNavigation.IsOpen(Built, followUp.Id, Answers((parent.Id, opening))));
        Assert.False(SurveyNavigation.IsOpen(Built, followUp.Id, Answers((parent.Id, closing))));
        Assert.Equal(followUp.Id, SurveyNavigation.NextOpen(Built, Answers((parent.Id, opening)), Built.IndexOf(parent.Id), [], includeSkipped: false)?.Id);
    }

    [Fact]
    public void AnAnswerWhoseValueCannotBeReadStillCountsAsGiven()
    {
        var first = Built.Questions[0];
        var sheet = new AnswerSheet(new HashSet<string>([first.Id], StringComparer.OrdinalIgnoreCase), new Dictionary<string, AnswerValue>());
        Assert.False(SurveyNavigation.IsOpen(Built, first.Id, sheet));
        Assert.Equal(1, SurveyNavigation.Progress(Built, sheet).Answered);
    }

    [Fact]
    public void BackGoesToThePreviousApplicableQuestionAndStopsAtTheStart()
    {
        var (parent, followUp) = ConditionalPair();
        var after = Built.IndexOf(followUp.Id) + 1;
        var closing = parent.Options.Select(o => AnswerValue.Option(o.Id))
            .First(v => !SurveyNavigation.IsApplicable(Built, followUp, Answers((parent.Id, v))));

        // With the follow-up not applying, back from the question after it skips it.
        var previous = SurveyNavigation.PreviousApplicable(Built, Answers((parent.Id, closing)), after);
        Assert.NotNull(previous);
        Assert.NotEqual(followUp.Id, previous.Id);
        Assert.Null(SurveyNavigation.PreviousApplicable(Built, AnswerSheet.Empty, 0));
        Assert.Equal(Built.Questions[^1].Id, SurveyNavigation.PreviousApplicable(Built, AnswerSheet.Of(new Dictionary<string, AnswerValue>()), Built.Questions.Count)?.Id);
    }

    [Fact]
    public void ProgressCountsAnsweredAmongApplicableQuestions()
    {
        var (_, followUp) = ConditionalPair();
        var (answered, applicable) = SurveyNavigation.Progress(Built, AnswerSheet.Empty);
        Assert.Equal(0, answered);
        // One count everywhere (issue 13): a follow-up whose gate is unanswered may still apply, so it counts from the
        // start and drops out only when the gate rules it out; it is not open (not asked) until then.
        Assert.Equal(Built.Questions.Count, applicable);
        Assert.DoesNotContain(followUp, SurveyNavigation.OpenQuestions(Built, AnswerSheet.Empty));

        var first = Built.Questions[0];
        var one = SurveyNavigation.Progress(Built, Answers((first.Id, AnyAnswer(first))));
        Assert.Equal(1, one.Answered);
        Assert.DoesNotContain(first, SurveyNavigation.OpenQuestions(Built, Answers((first.Id, AnyAnswer(first)))));
    }

    [Fact]
    public void WhenEverythingIsAnsweredNothingIsOpen()
    {
        var values = new Dictionary<string, AnswerValue>(StringComparer.OrdinalIgnoreCase);
        for (var q = SurveyNavigation.NextOpen(Built, AnswerSheet.Of(values), -1, [], false); q is not null; q = SurveyNavigation.NextOpen(Built, AnswerSheet.Of(values), -1, [], false))
        {
            values[q.Id] = AnyAnswer(q);
        }

        var sheet = AnswerSheet.Of(values);
        Assert.Empty(SurveyNavigation.OpenQuestions(Built, sheet));
        var (answered, applicable) = SurveyNavigation.Progress(Built, sheet);
        Assert.Equal(applicable, answered);
    }
}
