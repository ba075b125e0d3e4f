using DgBot.Core.Framework;
using DgBot.Core.Reports;

namespace DgBot.Core.Tests.Reports;

/// <summary>The Lampang 2560 table over the built-in framework data (names, guidance and stages as shipped).</summary>
public class BuiltInLampangTests
{
    private static ScoreReport Report() =>
        ReportBuilder.FromPublished(FrameworkLoader.BuiltIn, LampangFramework.Dimensions(), LampangFramework.SubDimensions());

    [Fact]
    public void BuiltInFrameworkGivesThePublishedConclusions()
    {
        var r = Report();

        Assert.Equal("Smart Back Office", r.Highest!.NameEn);
        Assert.Equal(45.8, r.Highest.Score);
        Assert.Equal("Public Services", r.Lowest!.NameEn);
        Assert.Equal(28.6, r.Lowest.Score);
        Assert.Equal(
            ["Leadership Continuity Plan", "Effective Allocation of the Budgets", "Policy Harmonization with National Policy Level", "Digital Literacy", "ERP Development"],
            r.ImproveFirst.Select(i => i.NameEn));
        Assert.Equal([5.9, 8.8, 11.8, 16.0, 19.6], r.ImproveFirst.Select(i => i.Score));
        Assert.All(r.ImproveFirst, i => Assert.False(string.IsNullOrWhiteSpace(i.Guidance.Summary)));
        Assert.All(r.ImproveFirst, i => Assert.NotEmpty(i.Guidance.Actions));
    }

    [Fact]
    public void DetailOfEachItemCarriesTheShippedGuidanceAndReferences()
    {
        var framework = FrameworkLoader.BuiltIn;
        var r = Report();
        foreach (var item in r.ImproveFirst)
        {
            var text = ReportText.ImproveItemDetail(r, item.Rank, framework);
            var guidance = framework.FindSubDimension(item.Code)!.Guidance;

            Assert.Contains(guidance.Summary, text, StringComparison.Ordinal);
            Assert.All(guidance.Actions, a => Assert.Contains(a, text, StringComparison.Ordinal));
            Assert.All(guidance.References, a => Assert.Contains(a, text, StringComparison.Ordinal));
        }
    }
}
