using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;

namespace DgBot.Core.Tests.Questionnaires;

/// <summary>The embedded questionnaire against the real framework and the writing rules of QUESTIONNAIRE.md.</summary>
public sealed class BuiltInQuestionnaireTests
{
    private static readonly ReadinessFramework Framework = FrameworkLoader.BuiltIn;

    private static Questionnaire Current => QuestionnaireLoader.BuiltIn();

    [Fact]
    public void EveryEmbeddedFileLoadsWithoutErrors()
    {
        var assembly = typeof(QuestionnaireLoader).Assembly;
        var names = assembly.GetManifestResourceNames().Where(n => n.StartsWith(QuestionnaireLoader.ResourcePrefix, StringComparison.Ordinal)).ToArray();

        Assert.Contains("DgBot.Core.Questionnaires.questionnaire-2569.json", names);
        foreach (var name in names)
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var result = QuestionnaireLoader.Load(stream, Framework);
            Assert.True(result.IsValid, name + ": " + string.Join(Environment.NewLine, result.Errors));
        }
    }

    [Fact]
    public void TheCurrentQuestionnaireIsTheHighestVersion()
    {
        Assert.Contains("2569.1", QuestionnaireLoader.BuiltInVersions);
        Assert.Equal(QuestionnaireLoader.BuiltInVersions[^1], Current.Version);
        Assert.Same(Current, QuestionnaireLoader.BuiltIn("2569.1"));
        Assert.Same(QuestionnaireLoader.BuiltIn(), QuestionnaireLoader.BuiltIn());
    }

    [Fact]
    public void AskingForAnUnknownVersionNamesTheVersionsThatExist()
    {
        var ex = Assert.Throws<QuestionnaireException>(() => QuestionnaireLoader.BuiltIn("2500.1"));
        Assert.Contains("2500.1", ex.Message, StringComparison.Ordinal);
        Assert.Contains("2569.1", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void VersionsOrderNumericallyNotAsText()
    {
        Assert.True(QuestionnaireLoader.ParseVersion("2569.10") > QuestionnaireLoader.ParseVersion("2569.9"));
        Assert.True(QuestionnaireLoader.ParseVersion("2570") > QuestionnaireLoader.ParseVersion("2569.9"));
    }

    [Fact]
    public void HasSixtyToOneHundredQuestions()
    {
        Assert.InRange(Current.Questions.Count, 60, 100);
    }

    [Fact]
    public void EveryScoredSubDimensionHasAtLeastThreeQuestionsAndEveryOtherAtLeastOne()
    {
        foreach (var dimension in Framework.Dimensions)
        {
            foreach (var sub in dimension.SubDimensions)
            {
                var count = Current.Questions.Count(q => q.SubDimension == sub.Code);
                Assert.True(count >= (dimension.Scored ? 3 : 1), $"{sub.Code} has {count} questions");
            }
        }
    }

    [Fact]
    public void EveryScoredSubDimensionCanEarnPointsWhateverTheGatingAnswers()
    {
        // A question asked unconditionally with points above zero keeps each sub-dimension scorable
        // even for an agency whose gating answers skip the follow-ups.
        foreach (var sub in Framework.Dimensions.Where(d => d.Scored).SelectMany(d => d.SubDimensions))
        {
            Assert.Contains(Current.Questions, q => q.SubDimension == sub.Code && q.Condition is null && q.MaximumPoints > 0);
        }
    }

    [Fact]
    public void QuestionsFollowFrameworkOrder()
    {
        var order = Framework.SubDimensions.Select((s, i) => (s.Code, i)).ToDictionary(x => x.Code, x => x.i);
        var positions = Current.Questions.Select(q => order[q.SubDimension]).ToArray();
        Assert.Equal(positions.Order(), positions);
    }

    [Fact]
    public void EveryQuestionFitsAPhoneAndNamesItsGuidancePoint()
    {
        Assert.All(Current.Questions, q =>
        {
            Assert.InRange(q.Text.Length, 10, QuestionnaireLoader.MaxTextLength);
            Assert.False(string.IsNullOrWhiteSpace(q.GuidancePoint), q.Id);
            Assert.All(q.Options, o => Assert.InRange(o.Label.Length, 1, QuestionnaireLoader.MaxLabelLength));
        });
    }

    [Fact]
    public void QuestionsAddressTheAgencyPolitelyWithoutGenderedParticles()
    {
        Assert.All(Current.Questions, q =>
        {
            Assert.Contains("หน่วยงาน", q.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("ครับ", q.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("ค่ะ", q.Text, StringComparison.Ordinal);
        });
    }

    [Fact]
    public void UsesEveryAnswerTypeAndAtMostTwoTextQuestions()
    {
        Assert.All(Enum.GetValues<QuestionType>(), t => Assert.Contains(Current.Questions, q => q.Type == t));
        Assert.InRange(Current.Questions.Count(q => q.Type == QuestionType.Text), 1, 2);
    }

    [Fact]
    public void QuestionIdsCarryTheirSubDimensionAndCountFromOne()
    {
        foreach (var group in Current.Questions.GroupBy(q => q.SubDimension))
        {
            Assert.Equal(
                Enumerable.Range(1, group.Count()).Select(n => $"{group.Key}-{n}"),
                group.Select(q => q.Id));
        }
    }

    [Fact]
    public void MultiChoiceQuestionsOfferOneExclusiveNoneWorthNothing()
    {
        Assert.All(Current.Questions.Where(q => q.Type == QuestionType.Multi), q =>
        {
            var exclusive = Assert.Single(q.Options, o => o.Exclusive);
            Assert.Equal(0, exclusive.Points);
            Assert.NotNull(q.MaxPoints);
            Assert.InRange(q.MaxPoints!.Value, 1, q.Options.Where(o => !o.Exclusive).Sum(o => o.Points));
        });
    }

    [Fact]
    public void NumberAndPercentBandsStartAtZeroAndLeaveNoGap()
    {
        Assert.All(Current.Questions.Where(q => q.Type is QuestionType.Number or QuestionType.Percent), q =>
        {
            Assert.Equal(0, q.Bands[0].Min);
            Assert.Null(q.Bands[^1].Max);
            for (var i = 1; i < q.Bands.Count; i++)
            {
                Assert.Equal(q.Bands[i - 1].Max, q.Bands[i].Min);
                Assert.True(q.Bands[i].Points > q.Bands[i - 1].Points, $"{q.Id}: higher bands earn more");
            }
        });
    }

    [Fact]
    public void InternetSpeedBandsFollowTheGuidanceOfTwoMegabytesPerSecond()
    {
        // 2 MB/s = 16 Mbps: the guidance's threshold is where the first point is earned.
        var speed = Current.Find("RIN-1")!;
        Assert.Equal(QuestionType.Number, speed.Type);
        Assert.Equal("Mbps", speed.Unit);
        Assert.Contains(speed.Bands, b => b.Min == 16 && b.Points == 1);
        Assert.Contains(speed.Bands, b => b.Max == 16 && b.Points == 0);
    }

    [Fact]
    public void CriticalInfrastructureFollowUpsAreAskedOnlyOfAgenciesOnTheList()
    {
        var gate = Current.Find("CRI-1")!;
        Assert.Equal(QuestionType.YesNo, gate.Type);
        Assert.Equal(0, gate.MaximumPoints);
        var followUps = Current.Questions.Where(q => q.Condition?.QuestionId == "CRI-1").ToArray();
        Assert.Equal(["CRI-2", "CRI-3"], followUps.Select(q => q.Id));
        Assert.All(followUps, q => Assert.Equal(["yes"], q.Condition!.AnyOf));
    }

    [Fact]
    public void YesNoQuestionsUseTheFixedOptionIdsWithPartialCreditBelowYes()
    {
        Assert.All(Current.Questions.Where(q => q.Type == QuestionType.YesNo), q =>
        {
            Assert.Equal("yes", q.Options[0].Id);
            Assert.Equal("no", q.Options[^1].Id);
            if (q.FindOption("partial") is { } partial)
            {
                Assert.InRange(partial.Points, q.FindOption("no")!.Points + 0.5, q.FindOption("yes")!.Points - 0.5);
            }
        });
    }

    [Fact]
    public void JargonIsExplainedInHelp()
    {
        foreach (var term in new[] { "CIO", "ERP", "BCP", "Single Sign-On", "G-Cloud", "API", "Open Data", "PDPA" })
        {
            Assert.Contains(Current.Questions, q => q.Help?.Contains(term, StringComparison.Ordinal) == true);
        }
    }
}
