using DgBot.Core.Answers;
using DgBot.Core.Framework;
using DgBot.Core.Reports;
using DgBot.Core.Scoring;
using static DgBot.Core.Tests.Scoring.TestQuestions;

namespace DgBot.Core.Tests.Reports;

public class ReportBuilderTests
{
    private static ReadinessFramework Lampang => LampangFramework.Build();

    private static ScoreReport Published(Dictionary<string, double?> subs, Dictionary<string, double?>? dims = null) =>
        ReportBuilder.FromPublished(Lampang, dims ?? [], subs);

    [Fact]
    public void LampangPublishedTableGivesThePublishedConclusions()
    {
        var r = ReportBuilder.FromPublished(Lampang, LampangFramework.Dimensions(), LampangFramework.SubDimensions());

        Assert.Equal(("BOF", "Smart Back Office", 45.8), (r.Highest!.Code, r.Highest.NameEn, r.Highest.Score));
        Assert.Equal(("SRV", "Public Services", 28.6), (r.Lowest!.Code, r.Lowest.NameEn, r.Lowest.Score));
        Assert.Equal(
            ["LCP 5.9", "EAB 8.8", "PHN 11.8", "DLT 16", "ERP 19.6"],
            r.ImproveFirst.Select(i => $"{i.Code} {i.Score.ToString(System.Globalization.CultureInfo.InvariantCulture)}"));
        Assert.Equal([1, 2, 3, 4, 5], r.ImproveFirst.Select(i => i.Rank));
        Assert.Null(r.Dimensions.Single(d => d.Code == "TEC").Score);
        Assert.False(r.Dimensions.Single(d => d.Code == "TEC").Scored);
        Assert.All(r.SubDimensions.Where(s => s.DimensionCode == "TEC"), s => Assert.Null(s.Score));
        Assert.Equal(35.3, r.Overall); // (33.2 + 33.7 + 28.6 + 45.8 + 35.4) / 5 = 35.34
        Assert.Null(r.Stage); // the source publishes no stage per agency, so DgBot estimates none for published scores
        Assert.False(r.Provisional);
        Assert.Equal("Summary LCP", r.ImproveFirst[0].Guidance.Summary);
    }

    [Fact]
    public void PublishedDimensionRowsAreUsedAsGivenNotRecomputed()
    {
        // Lampang's Policies and Practices: the sub mean is 36.65 but the published row says 33.2.
        var r = ReportBuilder.FromPublished(Lampang, LampangFramework.Dimensions(), LampangFramework.SubDimensions());

        Assert.Equal(33.2, r.Dimensions.Single(d => d.Code == "POL").Score);
        Assert.Equal(35.4, r.Dimensions.Single(d => d.Code == "INF").Score);
    }

    [Fact]
    public void MissingDimensionRowIsThePlainMeanOfItsGivenSubDimensions()
    {
        var dims = LampangFramework.Dimensions();
        dims.Remove("INF");
        var subs = LampangFramework.SubDimensions();
        var r = ReportBuilder.FromPublished(Lampang, dims, subs);

        Assert.Equal(41.7, r.Dimensions.Single(d => d.Code == "INF").Score); // (33.7 + 49.6) / 2 = 41.65 → 41.7

        subs["RIN"] = null;
        var one = ReportBuilder.FromPublished(Lampang, dims, subs);
        Assert.Equal(49.6, one.Dimensions.Single(d => d.Code == "INF").Score);
    }

    [Fact]
    public void DashDimensionRowMeansNotScoredEvenWithSubScores()
    {
        var dims = LampangFramework.Dimensions();
        dims["BOF"] = null;
        var r = ReportBuilder.FromPublished(Lampang, dims, LampangFramework.SubDimensions());

        Assert.Null(r.Dimensions.Single(d => d.Code == "BOF").Score);
        Assert.Equal("INF", r.Highest!.Code);
    }

    [Fact]
    public void NumbersForAnUnscoredDimensionAreNotUsed()
    {
        var dims = LampangFramework.Dimensions();
        dims["TEC"] = 99;
        var subs = LampangFramework.SubDimensions();
        subs["BDA"] = 1;
        var r = ReportBuilder.FromPublished(Lampang, dims, subs);

        Assert.Null(r.Dimensions.Single(d => d.Code == "TEC").Score);
        Assert.Equal("BOF", r.Highest!.Code);
        Assert.DoesNotContain(r.ImproveFirst, i => i.Code == "BDA");
    }

    [Fact]
    public void ImproveFirstBreaksTiesInFrameworkOrderAndSkipsFullScores()
    {
        var subs = new Dictionary<string, double?>
        {
            ["DGP"] = 100, ["PHN"] = 40, ["CSP"] = 20, ["CRI"] = 100, ["DPS"] = 20,
            ["PPC"] = 40, ["DLD"] = 100, ["LCP"] = 20, ["DLT"] = 60,
        };
        var r = Published(subs);

        Assert.Equal(["CSP", "DPS", "LCP", "PHN", "PPC"], r.ImproveFirst.Select(i => i.Code));
    }

    [Fact]
    public void ImproveFirstHoldsFewerThanFiveWhenFewerAreBelow100()
    {
        var r = Published(new Dictionary<string, double?> { ["DGP"] = 100, ["PHN"] = 99.9, ["CSP"] = 0 });

        Assert.Equal(["CSP", "PHN"], r.ImproveFirst.Select(i => i.Code));
    }

    [Fact]
    public void HighestAndLowestTiesGoToTheFirstInFrameworkOrder()
    {
        var dims = new Dictionary<string, double?> { ["POL"] = 50, ["CAP"] = 20, ["SRV"] = 50, ["BOF"] = 20, ["INF"] = null };
        var r = ReportBuilder.FromPublished(Lampang, dims, new Dictionary<string, double?>());

        Assert.Equal("POL", r.Highest!.Code);
        Assert.Equal("CAP", r.Lowest!.Code);
        Assert.Equal(35, r.Overall);
    }

    [Fact]
    public void NothingScoredGivesEmptyConclusions()
    {
        var r = ReportBuilder.FromPublished(Lampang, new Dictionary<string, double?>(), new Dictionary<string, double?>());

        Assert.Null(r.Highest);
        Assert.Null(r.Lowest);
        Assert.Null(r.Overall);
        Assert.Null(r.Stage);
        Assert.Empty(r.ImproveFirst);
    }

    [Fact]
    public void BuildFromAnswersRoundsScoresAndCarriesPeerScoresAndGaps()
    {
        // A: 1 of 3 = 33.3; B: 2 of 2 = 100 (never listed); C: don't know 0 of 2 = 0; D open; X unscored.
        var framework = TestFramework();
        var q = Of(
            Single("A-1", "A", ("a", 0), ("b", 1), ("c", 3)),
            YesNo("B-1", "B"),
            YesNo("C-1", "C"),
            YesNo("D-1", "D"),
            YesNo("X-1", "X"));
        var answers = new Dictionary<string, AnswerValue>
        {
            ["A-1"] = AnswerValue.Option("b"),
            ["B-1"] = AnswerValue.Option("yes"),
            ["C-1"] = AnswerValue.Unknown,
            ["X-1"] = AnswerValue.Option("no"),
        };
        var result = Scorer.Score(framework, q, answers);
        var r = ReportBuilder.Build(framework, result, new Dictionary<string, double> { ["A"] = 50.04, ["C"] = 12.5 });

        Assert.Equal([60.0, 0.0, null], r.Dimensions.Select(d => d.Score)); // D1: 3 of 5 = 60
        Assert.Equal([33.3, 100.0, 0.0, null, null], r.SubDimensions.Select(s => s.Score));
        Assert.Equal(["C", "A"], r.ImproveFirst.Select(i => i.Code));
        Assert.Equal(12.5, r.ImproveFirst[0].PeerScore);
        Assert.Equal(-12.5, r.ImproveFirst[0].Gap);
        Assert.Equal(50.0, r.ImproveFirst[1].PeerScore);
        Assert.Equal(-16.7, r.ImproveFirst[1].Gap);
        Assert.Equal(("D1", 60.0), (r.Highest!.Code, r.Highest.Score));
        Assert.Equal(("D2", 0.0), (r.Lowest!.Code, r.Lowest.Score));
        Assert.Equal(30, r.Overall);
        Assert.Null(r.Stage); // provisional (D is open) and not submitted: no stage estimate
        Assert.True(r.Provisional);
        Assert.Equal(1, r.OpenQuestions);
    }

    [Fact]
    public void ReportOverallIsTheMeanOfTheShownDimensionScores()
    {
        // D1: 2 of 7 = 28.571… shown 28.6; D2: 1 of 6 = 16.666… shown 16.7.
        // From the shown numbers: (28.6 + 16.7) / 2 = 22.65 → 22.7 (the raw mean 22.619… would show 22.6).
        var framework = TestFramework();
        var q = Of(Single("A-1", "A", ("a", 0), ("b", 2), ("c", 7)), Single("C-1", "C", ("a", 0), ("b", 1), ("c", 6)));
        var result = Scorer.Score(framework, q, new Dictionary<string, AnswerValue> { ["A-1"] = AnswerValue.Option("b"), ["C-1"] = AnswerValue.Option("b") });
        var r = ReportBuilder.Build(framework, result);

        Assert.Equal(22.6, ScoreMath.Round(result.Overall!.Value));
        Assert.Equal(22.7, r.Overall);
    }

    [Fact]
    public void BuildWithoutPeersLeavesPeerScoreNull()
    {
        var framework = TestFramework();
        var result = Scorer.Score(framework, Of(YesNo("A-1", "A")), new Dictionary<string, AnswerValue> { ["A-1"] = AnswerValue.Option("no") });
        var r = ReportBuilder.Build(framework, result);

        var item = Assert.Single(r.ImproveFirst);
        Assert.Null(item.PeerScore);
        Assert.Null(item.Gap);
    }
}
