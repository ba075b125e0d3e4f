using DgBot.Core.Answers;
using DgBot.Core.Questionnaires;
using DgBot.Core.Reports;
using DgBot.Core.Scoring;
using static DgBot.Core.Tests.Scoring.TestQuestions;

namespace DgBot.Core.Tests.Scoring;

/// <summary>Answers "done by the parent agency" and "does not apply": out of both the points and the maximum, never a thing to fix.</summary>
public class NotApplicableScoringTests
{
    private static ScoreResult Score(Questionnaire q, params (string Id, AnswerValue Value)[] answers) =>
        Scorer.Score(TestFramework(), q, answers.ToDictionary(a => a.Id, a => a.Value));

    [Fact]
    public void ParentAgencyAnswerLeavesBothThePointsAndTheMaximum()
    {
        // A-1 no (0 of 2) and A-2 done by the parent agency: 0 of 2, not 0 of 4; with A-3 yes: 2 of 4 = 50, not 2 of 6.
        var q = Of(YesNo("A-1", "A"), OutOfScope(YesNo("A-2", "A")), YesNo("A-3", "A"));
        var r = Score(q, ("A-1", AnswerValue.Option("no")), ("A-2", AnswerValue.Option("parent")), ("A-3", AnswerValue.Option("yes")));

        var a = r.SubDimension("A")!;
        Assert.Equal((2.0, 4.0, 2), (a.Earned, a.Max, a.Counted));
        Assert.Equal(50, a.Score);
        var o = r.Question("A-2")!;
        Assert.Equal(QuestionStatus.AnsweredNotApplicable, o.Status);
        Assert.Equal(NotApplicableReason.ParentAgency, o.Reason);
        Assert.False(o.Counts);
        Assert.False(r.Provisional);
        Assert.Equal(0, r.OpenQuestions);
        Assert.Equal(["A-2"], r.ParentAgencyQuestions);
        Assert.Empty(r.DoesNotApplyQuestions);
    }

    [Fact]
    public void DoesNotApplyInAMultiQuestionIsOutOfTheScoreAndItsMaximumIgnoresTheOption()
    {
        var multi = OutOfScope(Multi("A-1", "A", null, ("x", 1, false), ("y", 1, false), ("none", 0, true)), NotApplicableReason.DoesNotApply);
        Assert.Equal(2, multi.MaximumPoints);
        var q = Of(multi, YesNo("A-2", "A"));

        var r = Score(q, ("A-1", AnswerValue.Options(["na"])), ("A-2", AnswerValue.Option("yes")));

        Assert.Equal(100, r.SubDimension("A")!.Score);
        Assert.Equal(["A-1"], r.DoesNotApplyQuestions);
        var scored = Score(q, ("A-1", AnswerValue.Options(["x"])), ("A-2", AnswerValue.Option("yes")));
        Assert.Equal(75, scored.SubDimension("A")!.Score); // 1 of 2 + 2 of 2
    }

    [Fact]
    public void SubDimensionWhoseEveryQuestionIsNotApplicableIsNotScoredNotZero()
    {
        // C only has C-1, done by the parent agency: C and D2 have no score ("-") and D2 leaves the overall.
        var q = Of(YesNo("A-1", "A"), OutOfScope(YesNo("C-1", "C")));
        var r = Score(q, ("A-1", AnswerValue.Option("yes")), ("C-1", AnswerValue.Option("parent")));

        Assert.Null(r.SubDimension("C")!.Score);
        Assert.Null(r.Dimension("D2")!.Score);
        Assert.Equal(100, r.Overall);

        var report = ReportBuilder.Build(TestFramework(), r, submitted: true);
        Assert.Null(report.SubDimensions.Single(s => s.Code == "C").Score);
        Assert.DoesNotContain(report.ImproveFirst, i => i.Code == "C");
        var card = ReportText.ScoreCard(report);
        Assert.Contains("- (ไม่เกี่ยวข้องหรือดำเนินการโดยหน่วยงานต้นสังกัด ไม่นำมาคิดคะแนน)", card, StringComparison.Ordinal);
        Assert.Contains("ดำเนินการโดยหน่วยงานต้นสังกัด: C-1", card, StringComparison.Ordinal);
    }

    [Fact]
    public void AGuidanceActionCheckedOnlyByANotApplicableAnswerIsNeverRecommended()
    {
        // A-1 checks action 1 (answered no), A-2 checks action 2 (done by the parent agency): A is 0, only action 1 is listed.
        var q = Of(Checking(YesNo("A-1", "A"), 1), OutOfScope(YesNo("A-2", "A"), NotApplicableReason.ParentAgency, 2));
        var r = Score(q, ("A-1", AnswerValue.Option("no")), ("A-2", AnswerValue.Option("parent")));

        Assert.Equal([2], r.OutOfScopeActions["A"]);
        var item = Assert.Single(ReportBuilder.Build(TestFramework(), r).ImproveFirst, i => i.Code == "A");
        Assert.Equal(["Action A 1"], item.Guidance.Actions);

        var answeredNo = Score(q, ("A-1", AnswerValue.Option("no")), ("A-2", AnswerValue.Option("no")));
        Assert.Equal(["Action A 1", "Action A 2"], ReportBuilder.Build(TestFramework(), answeredNo).ImproveFirst.Single(i => i.Code == "A").Guidance.Actions);
    }

    [Fact]
    public void ImproveListShowsTheOutOfScopeAnswersByTheirThaiLabel()
    {
        var q = Of(YesNo("A-1", "A"), OutOfScope(YesNo("A-2", "A")), OutOfScope(YesNo("A-3", "A"), NotApplicableReason.DoesNotApply));
        var r = Score(q, ("A-1", AnswerValue.Option("no")), ("A-2", AnswerValue.Option("parent")), ("A-3", AnswerValue.Option("na")));
        var report = ReportBuilder.Build(TestFramework(), r, submitted: true);

        var card = ReportText.ScoreCard(report);
        Assert.Contains("ไม่นำมาคิดคะแนน เพราะดำเนินการโดยหน่วยงานต้นสังกัด: A-2", card, StringComparison.Ordinal);
        Assert.Contains("ไม่นำมาคิดคะแนน เพราะไม่เกี่ยวข้องกับหน่วยงาน: A-3", card, StringComparison.Ordinal);
        Assert.Equal(["A-2"], report.ParentAgencyQuestions);
        Assert.Equal(["A-3"], report.DoesNotApplyQuestions);
    }

    [Fact]
    public void DontKnowIsNotNotApplicable()
    {
        var q = Of(OutOfScope(YesNo("A-1", "A")), YesNo("A-2", "A"));
        var r = Score(q, ("A-1", AnswerValue.Unknown), ("A-2", AnswerValue.Option("yes")));

        Assert.Equal(50, r.SubDimension("A")!.Score);
        Assert.Equal(QuestionStatus.DontKnow, r.Question("A-1")!.Status);
    }
}
