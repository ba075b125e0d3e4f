using DgBot.Core.Answers;
using DgBot.Core.Questionnaires;
using DgBot.Core.Scoring;
using static DgBot.Core.Tests.Scoring.TestQuestions;

namespace DgBot.Core.Tests.Scoring;

public class ScorerTests
{
    private static Dictionary<string, AnswerValue> Answers(params (string Id, AnswerValue Value)[] answers) =>
        answers.ToDictionary(a => a.Id, a => a.Value);

    private static ScoreResult Score(Questionnaire q, params (string Id, AnswerValue Value)[] answers) =>
        Scorer.Score(TestFramework(), q, Answers(answers));

    [Fact]
    public void SubDimensionScoreIsEarnedOverMaximumOfItsQuestions()
    {
        // A-1 yes (2 of 2), A-2 partial (1 of 2), A-3 no (0 of 2): 3 of 6 = 50.
        var q = Of(YesNo("A-1", "A", partial: true), YesNo("A-2", "A", partial: true), YesNo("A-3", "A", partial: true));
        var r = Score(q, ("A-1", AnswerValue.Option("yes")), ("A-2", AnswerValue.Option("partial")), ("A-3", AnswerValue.Option("no")));

        var a = r.SubDimension("A")!;
        Assert.Equal(3, a.Earned);
        Assert.Equal(6, a.Max);
        Assert.Equal(50, a.Score);
        Assert.False(r.Provisional);
    }

    [Fact]
    public void SingleChoiceEarnsChosenOptionOutOfBestOption()
    {
        var q = Of(Single("A-1", "A", ("none", 0), ("some", 1), ("most", 3), ("all", 4)));
        var r = Score(q, ("A-1", AnswerValue.Option("most")));

        var o = r.Question("A-1")!;
        Assert.Equal(3, o.Earned);
        Assert.Equal(4, o.Max);
        Assert.Equal(75, r.SubDimension("A")!.Score);
    }

    [Fact]
    public void MultiChoiceAddsChosenPointsCappedAtMaxPoints()
    {
        var q = Of(Multi("A-1", "A", 3, ("t1", 1, false), ("t2", 1, false), ("t3", 1, false), ("t4", 1, false), ("t5", 1, false), ("none", 0, true)));

        var two = Score(q, ("A-1", AnswerValue.Options("t1", "t4")));
        var five = Score(q, ("A-1", AnswerValue.Options("t1", "t2", "t3", "t4", "t5")));

        Assert.Equal(2, two.Question("A-1")!.Earned);
        Assert.Equal(3, two.Question("A-1")!.Max);
        Assert.Equal(3, five.Question("A-1")!.Earned);
        Assert.Equal(100, five.SubDimension("A")!.Score);
    }

    [Fact]
    public void MultiChoiceWithoutCapHasMaximumOfAllNonExclusiveOptions()
    {
        var q = Of(Multi("A-1", "A", null, ("t1", 1, false), ("t2", 2, false), ("none", 0, true)));
        var r = Score(q, ("A-1", AnswerValue.Options("t2")));

        Assert.Equal(2, r.Question("A-1")!.Earned);
        Assert.Equal(3, r.Question("A-1")!.Max);
    }

    [Fact]
    public void ExclusiveOptionAloneEarnsItsPointsAndCannotBeCombined()
    {
        var q = Of(Multi("A-1", "A", null, ("t1", 1, false), ("t2", 1, false), ("none", 0, true)));

        var alone = Score(q, ("A-1", AnswerValue.Options("none")));
        Assert.Equal(0, alone.Question("A-1")!.Earned);
        Assert.Equal(2, alone.Question("A-1")!.Max);
        Assert.Equal(0, alone.SubDimension("A")!.Score);

        var mixed = Score(q, ("A-1", AnswerValue.Options("t1", "none")));
        var invalid = Assert.Single(mixed.InvalidAnswers);
        Assert.Equal("A-1", invalid.QuestionId);
        Assert.Contains("'none' must be chosen alone", invalid.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(15.99, 0)]
    [InlineData(16, 1)] // Min is inclusive
    [InlineData(99.5, 1)]
    [InlineData(100, 2)] // Max is exclusive: 100 belongs to the next band
    [InlineData(5000, 2)] // open upper bound
    public void NumberFallsInTheBandWithMinInclusiveAndMaxExclusive(double value, double points)
    {
        var q = Of(Banded("A-1", "A", QuestionType.Number, new Band(0, 16, 0), new Band(16, 100, 1), new Band(100, null, 2)));
        var r = Score(q, ("A-1", AnswerValue.OfNumber(value)));

        Assert.Equal(points, r.Question("A-1")!.Earned);
        Assert.Equal(2, r.Question("A-1")!.Max);
    }

    [Fact]
    public void AnswerThatDoesNotFitIsLeftOutAsOpenAndListed()
    {
        // A-1 -1 is outside every band; A-2 names an option a later questionnaire removed. Neither counts; B-1 does.
        var q = Of(
            Banded("A-1", "A", QuestionType.Number, new Band(0, 16, 0), new Band(16, null, 1)),
            YesNo("A-2", "A"),
            YesNo("B-1", "B"));
        var r = Score(q, ("A-1", AnswerValue.OfNumber(-1)), ("A-2", AnswerValue.Option("maybe")), ("B-1", AnswerValue.Option("yes")));

        Assert.Equal(["A-1", "A-2"], r.InvalidAnswers.Select(i => i.QuestionId));
        Assert.True(r.IsOpen("A-1"));
        Assert.Null(r.SubDimension("A")!.Score);
        Assert.Equal(100, r.Dimension("D1")!.Score);
        Assert.Equal(2, r.OpenQuestions);
        Assert.True(r.Provisional);
    }

    [Fact]
    public void PercentAbove100IsRejectedEvenWhenABandIsOpen()
    {
        var question = Banded("A-1", "A", QuestionType.Percent, new Band(null, 50, 0), new Band(50, null, 2));

        Assert.Null(Scorer.Check(question, AnswerValue.OfNumber(100)));
        Assert.Contains("between 0 and 100", Scorer.Check(question, AnswerValue.OfNumber(100.5)), StringComparison.Ordinal);
        Assert.Contains("between 0 and 100", Scorer.Check(question, AnswerValue.OfNumber(-0.1)), StringComparison.Ordinal);
    }

    [Fact]
    public void WrongAnswerShapesAndUnknownOptionsAreReported()
    {
        var yesNo = YesNo("A-1", "A");
        Assert.Contains("unknown option 'maybe'", Scorer.Check(yesNo, AnswerValue.Option("maybe")), StringComparison.Ordinal);
        Assert.NotNull(Scorer.Check(yesNo, AnswerValue.OfNumber(1)));
        Assert.NotNull(Scorer.Check(yesNo, AnswerValue.Options("yes", "no")));
        Assert.NotNull(Scorer.Check(FreeText("A-2", "A"), AnswerValue.Option("yes")));
        Assert.NotNull(Scorer.Check(Banded("A-3", "A", QuestionType.Number, new Band(null, null, 1)), AnswerValue.OfText("ten")));
        Assert.NotNull(Scorer.Check(YesNo("A-4", "A", dontKnow: false), AnswerValue.Unknown));
        Assert.Null(Scorer.Check(yesNo, AnswerValue.Option("YES")));
    }

    [Fact]
    public void TextQuestionsCarryNoPoints()
    {
        var q = Of(YesNo("A-1", "A"), FreeText("A-2", "A"), FreeText("B-1", "B"));
        var r = Score(q, ("A-1", AnswerValue.Option("yes")), ("A-2", AnswerValue.OfText("ใช้ระบบ e-Saraban")), ("B-1", AnswerValue.OfText("-")));

        Assert.Equal(100, r.SubDimension("A")!.Score);
        Assert.Equal(2, r.SubDimension("A")!.Max);
        Assert.Null(r.SubDimension("B")!.Score); // only a text answer: nothing scored
        Assert.Equal(0, r.Question("A-2")!.Max);
    }

    [Fact]
    public void UnansweredTextQuestionDoesNotMakeTheResultProvisional()
    {
        var q = Of(YesNo("A-1", "A"), FreeText("A-2", "A"));
        var r = Score(q, ("A-1", AnswerValue.Option("no")));

        Assert.True(r.IsOpen("A-2"));
        Assert.Equal(0, r.OpenQuestions);
        Assert.False(r.Provisional);
    }

    [Fact]
    public void DontKnowEarnsNothingButKeepsItsMaximumAndIsFlagged()
    {
        // A-1 yes 2/2, A-2 don't know 0/2: 50, not 100.
        var q = Of(YesNo("A-1", "A"), YesNo("A-2", "A"));
        var r = Score(q, ("A-1", AnswerValue.Option("yes")), ("A-2", AnswerValue.Unknown));

        var dk = r.Question("A-2")!;
        Assert.True(dk.DontKnow);
        Assert.Equal(0, dk.Earned);
        Assert.Equal(2, dk.Max);
        Assert.Equal(50, r.SubDimension("A")!.Score);
        Assert.Equal(1, r.DontKnowCount);
        Assert.False(r.Provisional);
    }

    [Fact]
    public void MetConditionCountsTheFollowUpQuestion()
    {
        var q = Of(YesNo("A-1", "A"), YesNo("A-2", "A", new Condition("A-1", ["yes"])));
        var r = Score(q, ("A-1", AnswerValue.Option("yes")), ("A-2", AnswerValue.Option("no")));

        Assert.True(r.IsApplicable("A-2"));
        Assert.Equal(4, r.SubDimension("A")!.Max);
        Assert.Equal(50, r.SubDimension("A")!.Score);
    }

    [Fact]
    public void UnmetConditionLeavesBothPointsAndMaximum()
    {
        // A-1 no (0/2); A-2 not applicable, so not 0/4 with A-2 counted: the sub is 0 of 2. B shows the effect on a ratio.
        var q = Of(
            YesNo("A-1", "A"),
            YesNo("A-2", "A", new Condition("A-1", ["yes"])),
            YesNo("B-1", "B"),
            YesNo("B-2", "B"),
            YesNo("B-3", "B", new Condition("B-1", ["yes"])));
        var r = Score(q, ("A-1", AnswerValue.Option("no")), ("B-1", AnswerValue.Option("no")), ("B-2", AnswerValue.Option("yes")));

        Assert.False(r.IsApplicable("A-2"));
        Assert.Equal(QuestionStatus.NotApplicable, r.Question("B-3")!.Status);
        Assert.Equal(2, r.SubDimension("A")!.Max);
        Assert.Equal(4, r.SubDimension("B")!.Max);
        Assert.Equal(50, r.SubDimension("B")!.Score);
        Assert.Equal(0, r.OpenQuestions);
        Assert.False(r.Provisional);
    }

    [Fact]
    public void StaleAnswerToANotApplicableQuestionIsIgnored()
    {
        var q = Of(YesNo("A-1", "A"), YesNo("A-2", "A", new Condition("A-1", ["yes"])));
        var r = Score(q, ("A-1", AnswerValue.Option("no")), ("A-2", AnswerValue.Option("yes")));

        Assert.Equal(0, r.SubDimension("A")!.Score);
        Assert.Equal(0, r.Question("A-2")!.Earned);
    }

    [Fact]
    public void DontKnowOnTheParentMakesTheFollowUpNotApplicable()
    {
        var q = Of(YesNo("A-1", "A"), YesNo("A-2", "A", new Condition("A-1", ["yes"])));
        var r = Score(q, ("A-1", AnswerValue.Unknown));

        Assert.False(r.IsApplicable("A-2"));
        Assert.Equal(0, r.OpenQuestions);
    }

    [Fact]
    public void FollowUpOfAnUnansweredParentIsOpenAndTheResultProvisional()
    {
        // A-1 open, so A-2 (asked only on yes) and A-3 (asked only if A-2 is yes) are open too; B-1 answered.
        var q = Of(
            YesNo("A-1", "A"),
            YesNo("A-2", "A", new Condition("A-1", ["yes"])),
            YesNo("A-3", "A", new Condition("A-2", ["yes"])),
            YesNo("B-1", "B"));
        var r = Score(q, ("B-1", AnswerValue.Option("yes")), ("A-3", AnswerValue.Option("yes")));

        Assert.True(r.IsOpen("A-1"));
        Assert.True(r.IsOpen("A-2"));
        Assert.True(r.IsOpen("A-3"));
        Assert.Equal(3, r.OpenQuestions);
        Assert.True(r.Provisional);
        Assert.Null(r.SubDimension("A")!.Score);
        Assert.Equal(3, r.SubDimension("A")!.Open);
        Assert.Equal(100, r.SubDimension("B")!.Score);
    }

    [Fact]
    public void PartialResponseIsScoredOverWhatHasBeenAnswered()
    {
        // A-1 yes, A-2 unanswered: 2 of 2 so far = 100, provisional with 1 open.
        var q = Of(YesNo("A-1", "A"), YesNo("A-2", "A"));
        var r = Score(q, ("A-1", AnswerValue.Option("yes")));

        Assert.Equal(100, r.SubDimension("A")!.Score);
        Assert.Equal(1, r.OpenQuestions);
        Assert.True(r.Provisional);
    }

    [Fact]
    public void DimensionScoreIsPointsWeightedNotTheMeanOfItsSubDimensions()
    {
        // A: 2 of 2 = 100; B: 0 of 6 = 0. Mean of subs would be 50; points-weighted is 2 of 8 = 25.
        var q = Of(
            YesNo("A-1", "A"),
            Single("B-1", "B", ("no", 0), ("yes", 6)));
        var r = Score(q, ("A-1", AnswerValue.Option("yes")), ("B-1", AnswerValue.Option("no")));

        Assert.Equal(100, r.SubDimension("A")!.Score);
        Assert.Equal(0, r.SubDimension("B")!.Score);
        Assert.Equal(25, r.Dimension("D1")!.Score);
    }

    [Fact]
    public void OverallIsTheMeanOfScoredDimensionsAndKeepsRawScores()
    {
        // D1: 1 of 3 = 33.33…; D2: 2 of 2 = 100; DX not scored. Overall = (33.33… + 100) / 2 = 66.66…
        var q = Of(
            Single("A-1", "A", ("a", 0), ("b", 1), ("c", 3)),
            YesNo("C-1", "C"),
            YesNo("X-1", "X"));
        var r = Score(q, ("A-1", AnswerValue.Option("b")), ("C-1", AnswerValue.Option("yes")), ("X-1", AnswerValue.Option("no")));

        Assert.Equal(100.0 / 3, r.Dimension("D1")!.Score!.Value, 10);
        Assert.Equal(33.3, r.Dimension("D1")!.Rounded);
        Assert.Equal(200.0 / 3, r.Overall!.Value, 10);
        Assert.Equal(4, r.Stage!.Level);
    }

    [Fact]
    public void UnscoredDimensionHasNoScoreAndStaysOutOfOverall()
    {
        var q = Of(YesNo("A-1", "A"), YesNo("X-1", "X"));
        var r = Score(q, ("A-1", AnswerValue.Option("no")), ("X-1", AnswerValue.Option("yes")));

        Assert.Null(r.Dimension("DX")!.Score);
        Assert.Null(r.SubDimension("X")!.Score);
        Assert.Equal(0, r.Overall);
        Assert.Equal(1, r.Stage!.Level);

        var switchedOn = Scorer.Score(TestFramework(dxScored: true), q, Answers(("A-1", AnswerValue.Option("no")), ("X-1", AnswerValue.Option("yes"))));
        Assert.Equal(100, switchedOn.Dimension("DX")!.Score);
        Assert.Equal(50, switchedOn.Overall);
    }

    [Fact]
    public void DimensionWithoutAnsweredQuestionsHasNoScoreAndIsLeftOutOfOverall()
    {
        var q = Of(YesNo("A-1", "A"), YesNo("C-1", "C"));
        var r = Score(q, ("A-1", AnswerValue.Option("yes")));

        Assert.Null(r.Dimension("D2")!.Score);
        Assert.Equal(100, r.Overall);
    }

    [Fact]
    public void NoAnswersMeansNoOverallAndNoStage()
    {
        var r = Score(Of(YesNo("A-1", "A")));

        Assert.Null(r.Overall);
        Assert.Null(r.Stage);
        Assert.Equal(1, r.OpenQuestions);
    }

    [Theory]
    [InlineData(0, 1)]
    [InlineData(19.94, 1)]
    [InlineData(19.95, 2)] // shown as 20.0, so it is read as 20.0
    [InlineData(20, 2)]
    [InlineData(39.9, 2)]
    [InlineData(40, 3)]
    [InlineData(60, 4)]
    [InlineData(79.9, 4)]
    [InlineData(80, 5)]
    [InlineData(100, 5)]
    public void StageFollowsTheDocumentedThresholds(double overall, int level)
    {
        Assert.Equal(level, Scorer.StageFor(TestFramework(), overall)!.Level);
    }

    [Fact]
    public void IsApplicableAnswersWhetherAFollowUpShouldBeAsked()
    {
        var parent = YesNo("A-1", "A", partial: true);
        var child = YesNo("A-2", "A", new Condition("A-1", ["yes", "partial"]));
        var grandChild = YesNo("A-3", "A", new Condition("A-2", ["yes"]));
        var q = Of(parent, child, grandChild);

        Assert.True(Scorer.IsApplicable(parent, Answers()));
        Assert.False(Scorer.IsApplicable(child, Answers()));
        Assert.True(Scorer.IsApplicable(child, Answers(("a-1", AnswerValue.Option("partial")))));
        Assert.False(Scorer.IsApplicable(child, Answers(("A-1", AnswerValue.Option("no")))));

        // A stale "yes" on A-2 after A-1 changed to "no": following the chain, A-3 no longer applies.
        var stale = Answers(("A-1", AnswerValue.Option("no")), ("A-2", AnswerValue.Option("yes")));
        Assert.True(Scorer.IsApplicable(grandChild, stale));
        Assert.False(Scorer.IsApplicable(q, grandChild, stale));
    }

    [Fact]
    public void AnswersToUnknownQuestionsAreIgnored()
    {
        var r = Score(Of(YesNo("A-1", "A")), ("A-1", AnswerValue.Option("yes")), ("ZZ-9", AnswerValue.Option("whatever")));

        Assert.Equal(100, r.SubDimension("A")!.Score);
    }
}
