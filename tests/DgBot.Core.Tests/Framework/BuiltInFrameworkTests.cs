using System.Text.RegularExpressions;
using DgBot.Core.Framework;

namespace DgBot.Core.Tests.Framework;

public sealed class BuiltInFrameworkTests
{
    private static readonly ReadinessFramework Framework = FrameworkLoader.BuiltIn;

    // The fixed codes of CODES.md, in framework order.
    private static readonly (string Dimension, string[] Subs)[] Codes =
    [
        ("POL", ["DGP", "PHN", "CSP", "CRI", "DPS", "EAB"]),
        ("CAP", ["PPC", "DLD", "LCP", "DLT"]),
        ("SRV", ["PDS", "CXP", "PDU", "SSP"]),
        ("BOF", ["OPE", "ERP", "IOP"]),
        ("INF", ["RIN", "DMG"]),
        ("TEC", ["BDA", "IOT", "SMT"]),
    ];

    [Fact]
    public void HasTheSixDimensionsAndTwentyTwoSubDimensionsWithTheFixedCodesInOrder()
    {
        Assert.Equal(Codes.Select(c => c.Dimension), Framework.Dimensions.Select(d => d.Code));
        Assert.Equal(Codes.SelectMany(c => c.Subs), Framework.SubDimensions.Select(s => s.Code));
        Assert.Equal(22, Framework.SubDimensions.Count);
        foreach (var (dimension, subs) in Codes)
        {
            Assert.Equal(subs, Framework.FindDimension(dimension)!.SubDimensions.Select(s => s.Code));
            Assert.All(subs, s => Assert.Equal(dimension, Framework.FindSubDimension(s)!.DimensionCode));
        }
    }

    [Fact]
    public void NamesMatchTheFrameworkFactsTable()
    {
        var facts = FrameworkFacts.ReadTable();
        Assert.Equal(22, facts.Count);

        var actual = Framework.SubDimensions
            .Select(s => (Framework.DimensionOf(s), s))
            .Select(p => new FactsRow(p.Item1.NameEn, p.Item1.NameTh, p.s.NameEn, p.s.NameTh))
            .ToList();
        Assert.Equal(facts, actual);
    }

    [Fact]
    public void InteroperabilityIsSpelledCorrectly()
    {
        Assert.Equal("Interoperability", Framework.FindSubDimension("IOP")!.NameEn);
        Assert.DoesNotContain(Framework.SubDimensions, s => s.NameEn.Contains("Inteoperability", StringComparison.Ordinal));
    }

    [Fact]
    public void OnlySmartTechnologicalPracticesIsUnscored()
    {
        Assert.False(Framework.FindDimension("TEC")!.Scored);
        Assert.All(Framework.Dimensions.Where(d => d.Code != "TEC"), d => Assert.True(d.Scored, d.Code));
    }

    [Fact]
    public void EverySubDimensionHasASummaryAndOneToFiveShortActions()
    {
        Assert.All(Framework.SubDimensions, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.Guidance.Summary), s.Code);
            Assert.InRange(s.Guidance.Actions.Count, 1, 5);
            Assert.All(s.Guidance.Actions, a =>
            {
                Assert.False(string.IsNullOrWhiteSpace(a), s.Code);
                Assert.True(a.Length <= 300, $"{s.Code}: action of {a.Length} chars");
            });
        });
    }

    [Fact]
    public void GuidanceTextIsGenderNeutralAndFreeOfMarkup()
    {
        string[] genderedParticles = ["ครับ", "ค่ะ", "นะคะ"];
        var markup = new Regex("<[a-zA-Z/][^>]*>", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.All(Framework.SubDimensions, s =>
        {
            var texts = s.Guidance.Actions.Append(s.Guidance.Summary).Append(s.Guidance.Detail ?? string.Empty);
            Assert.All(texts, t =>
            {
                Assert.DoesNotContain(genderedParticles, p => t.Contains(p, StringComparison.Ordinal));
                Assert.False(markup.IsMatch(t), $"{s.Code}: markup in '{t}'");
            });
        });
    }

    [Fact]
    public void EveryGuidanceDetailFitsAPhoneAndIsFreeOfTheSourcesPdfArtefacts()
    {
        var thaiThenLatin = new Regex(@"[\u0E00-\u0E7F][A-Za-z]", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.All(Framework.SubDimensions, s =>
        {
            var detail = s.Guidance.Detail!;
            Assert.True(detail.Length <= 1000, $"{s.Code}: detail of {detail.Length} characters");
            Assert.False(thaiThenLatin.IsMatch(detail), $"{s.Code}: a Latin word glued to Thai in '{thaiThenLatin.Match(detail).Value}'");
            Assert.DoesNotContain("สัมดุล", detail, StringComparison.Ordinal);
            Assert.DoesNotContain("ภาคผนวก", detail, StringComparison.Ordinal); // the bot has no appendix
            Assert.DoesNotContain("ต่างๆ", detail, StringComparison.Ordinal);
            Assert.DoesNotMatch("[๐-๙]", detail); // one digit rule: Arabic digits

            // Numbered points run 1, 2, 3… without a repeat.
            var numbers = Regex.Matches(detail, @"(?m)^(\d+)\. ", RegexOptions.None, TimeSpan.FromSeconds(1)).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
            Assert.Equal(Enumerable.Range(1, numbers.Length), numbers);
        });
    }

    [Fact]
    public void DatedReferencesAreMarkedAsHistorical()
    {
        Assert.All(Framework.SubDimensions.SelectMany(s => s.Guidance.References.Select(r => (s.Code, r))), x =>
        {
            if (x.r.Contains("eta.or.th", StringComparison.Ordinal) || x.r.Contains("G-Cloud", StringComparison.Ordinal) || x.r.Contains("2559–2561", StringComparison.Ordinal))
            {
                Assert.Contains("(ข้อมูล ณ ปี 2560)", x.r, StringComparison.Ordinal);
            }
        });
        Assert.Contains("(ข้อมูล ณ ปี 2560)", Framework.FindSubDimension("RIN")!.Guidance.Detail!, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryLinkInTheDetailIsListedAsAReference()
    {
        var url = new Regex(@"https?://[^\s<>()]+", RegexOptions.None, TimeSpan.FromSeconds(1));
        Assert.All(Framework.SubDimensions, s =>
        {
            Assert.NotNull(s.Guidance.Detail);
            foreach (Match m in url.Matches(s.Guidance.Detail!))
            {
                Assert.Contains(m.Value.TrimEnd('.', ','), s.Guidance.References);
            }
        });
    }

    [Fact]
    public void HasTheFiveStagesWithTheirThresholds()
    {
        Assert.Equal(
            [
                (1, "e-Government", 0.0),
                (2, "Open Government", 20.0),
                (3, "Data Centric Government", 40.0),
                (4, "Fully Digital Government", 60.0),
                (5, "Smart Government", 80.0),
            ],
            Framework.Stages.Select(s => (s.Level, s.NameEn, s.MinOverall)));
        Assert.All(Framework.Stages, s =>
        {
            Assert.False(string.IsNullOrWhiteSpace(s.NameTh));
            Assert.False(string.IsNullOrWhiteSpace(s.Description));
        });
    }

    [Fact]
    public void BuiltInIsLoadedOnce()
    {
        Assert.Same(FrameworkLoader.BuiltIn, FrameworkLoader.BuiltIn);
    }

    [Fact]
    public void LooksUpCodesCaseInsensitively()
    {
        Assert.Same(Framework.FindSubDimension("LCP"), Framework.FindSubDimension("lcp"));
        Assert.Null(Framework.FindSubDimension("XXX"));
    }
}
