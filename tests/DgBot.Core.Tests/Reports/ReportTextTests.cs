using DgBot.Core.Answers;
using DgBot.Core.Reports;
using DgBot.Core.Scoring;
using static DgBot.Core.Tests.Scoring.TestQuestions;

namespace DgBot.Core.Tests.Reports;

public class ReportTextTests
{
    private static ScoreReport Lampang(Dictionary<string, double>? peers = null)
    {
        var report = ReportBuilder.FromPublished(LampangFramework.Build(), LampangFramework.Dimensions(), LampangFramework.SubDimensions());
        return peers is null
            ? report
            : report with { ImproveFirst = [.. report.ImproveFirst.Select(i => i with { PeerScore = peers.TryGetValue(i.Code, out var p) ? p : null })] };
    }

    private static string[] Lines(string text) => text.Split('\n');

    [Theory]
    [InlineData(45.8, "▰▰▰▰▱▱▱▱▱▱")]
    [InlineData(5.9, "▱▱▱▱▱▱▱▱▱▱")]
    [InlineData(10, "▰▱▱▱▱▱▱▱▱▱")]
    [InlineData(99.9, "▰▰▰▰▰▰▰▰▰▱")]
    [InlineData(100, "▰▰▰▰▰▰▰▰▰▰")]
    public void BarFillsOneCellPerFullTenPoints(double score, string bar)
    {
        Assert.Equal(bar, ReportText.Bar(score));
    }

    [Fact]
    public void ScoreCardShowsEachDimensionWithABarAndUnscoredAsDash()
    {
        var text = ReportText.ScoreCard(Lampang());
        var lines = Lines(text);

        Assert.Contains("▰▰▰▰▱▱▱▱▱▱ 45.8", lines);
        Assert.Contains("▰▰▰▱▱▱▱▱▱▱ 33.2", lines);
        Assert.Contains("▰▰▱▱▱▱▱▱▱▱ 28.6", lines);
        var tec = Array.FindIndex(lines, l => l.Contains("เทคโนโลยีอัจฉริยะและการนำมาใช้", StringComparison.Ordinal));
        Assert.StartsWith("-", lines[tec + 1], StringComparison.Ordinal);
        Assert.Contains("ด้านที่คะแนนสูงสุด: ระบบบริหารจัดการภายในรูปแบบอิเล็กทรอนิกส์ 45.8", lines);
        Assert.Contains("ด้านที่คะแนนต่ำสุด: ด้านการบริการภาครัฐที่สะดวกและเข้าถึงได้ง่าย 28.6", lines);
        Assert.DoesNotContain("Smart Back Office", text, StringComparison.Ordinal); // Thai first: the chat card has no English names
        Assert.Contains(lines, l => l.Contains("35.3", StringComparison.Ordinal));
        Assert.DoesNotContain("Open Government", text, StringComparison.Ordinal); // published scores: no stage estimate
        Assert.DoesNotContain("ประมาณการระดับ", text, StringComparison.Ordinal);
        Assert.Contains(lines, l => l.Contains("ค่าเฉลี่ยของด้านที่คิดคะแนน 35.3", StringComparison.Ordinal));
        Assert.DoesNotContain("ผลเบื้องต้น", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreCardSaysProvisionalWithTheOpenCount()
    {
        var framework = TestFramework();
        var q = Of(YesNo("A-1", "A"), YesNo("A-2", "A"), YesNo("C-1", "C"), YesNo("C-2", "C"));
        var result = Scorer.Score(framework, q, new Dictionary<string, AnswerValue> { ["A-1"] = AnswerValue.Option("yes") });
        var text = ReportText.ScoreCard(ReportBuilder.Build(framework, result));

        Assert.Contains("(ผลเบื้องต้น ยังเหลือ 3 ข้อ)", text, StringComparison.Ordinal);
        Assert.Contains("▰▰▰▰▰▰▰▰▰▰ 100.0", text, StringComparison.Ordinal);
        Assert.Contains("- (ยังไม่มีคำตอบ)", text, StringComparison.Ordinal); // D2 has no answer yet
        Assert.Contains("- (ไม่นำมาคิดคะแนน)", text, StringComparison.Ordinal); // DX is not scored
    }

    [Fact]
    public void ImproveListShowsRankNameScoreSummaryAndActions()
    {
        var text = ReportText.ImproveList(Lampang());

        Assert.Contains("ควรเร่งปรับปรุง 5 อันดับ", text, StringComparison.Ordinal);
        Assert.Contains("1) แผนการสานต่อภารกิจ 5.9", text, StringComparison.Ordinal);
        Assert.Contains("4) ความรู้เท่าทันและใช้เทคโนโลยีดิจิทัลเป็น 16.0", text, StringComparison.Ordinal);
        Assert.Contains("Summary LCP", text, StringComparison.Ordinal);
        Assert.Contains("• Action LCP 1", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Detail LCP", text, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"ค่าเฉลี่ย\S*\s\d+\.\d", text);
        Assert.True(text.IndexOf("1) แผนการสานต่อภารกิจ", StringComparison.Ordinal) < text.IndexOf("2) ประสิทธิภาพในการจัดสรรงบประมาณ", StringComparison.Ordinal));
    }

    [Fact]
    public void ImproveCardFitsAPhoneWithNamesAndScoresOnly()
    {
        var card = ReportText.ImproveCard(Lampang(new Dictionary<string, double> { ["LCP"] = 20 }));
        var lines = Lines(card);

        Assert.Equal("ควรเร่งปรับปรุง 5 อันดับ", lines[0]);
        Assert.Equal("1) แผนการสานต่อภารกิจ 5.9", lines[1]);
        Assert.Equal("ค่าเฉลี่ยหน่วยงานอื่นในจังหวัด 20.0 (ต่างกัน -14.1)", lines[2]);
        Assert.Equal("2) ประสิทธิภาพในการจัดสรรงบประมาณ 8.8", lines[3]);
        Assert.Equal(7, lines.Length); // title, five items, one comparison: the guidance is one message per item, on request
        Assert.DoesNotContain("Summary LCP", card, StringComparison.Ordinal);
        Assert.DoesNotContain("•", card, StringComparison.Ordinal);
        Assert.True(ReportText.ImproveList(Lampang()).Length > 3 * card.Length / 2, "the card is much shorter than the full list");
    }

    [Fact]
    public void ImproveListShowsProvinceAverageAndGapWhenKnown()
    {
        var text = ReportText.ImproveList(Lampang(new Dictionary<string, double> { ["LCP"] = 20, ["EAB"] = 5 }));

        Assert.Contains("ค่าเฉลี่ยหน่วยงานอื่นในจังหวัด 20.0 (ต่างกัน -14.1)", text, StringComparison.Ordinal);
        Assert.Contains("ค่าเฉลี่ยหน่วยงานอื่นในจังหวัด 5.0 (ต่างกัน +3.8)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ImproveListSaysSoWhenThereIsNothingToImprove()
    {
        var report = ReportBuilder.FromPublished(LampangFramework.Build(), new Dictionary<string, double?>(), new Dictionary<string, double?> { ["DGP"] = 100 });

        Assert.Equal("ยังไม่มีด้านย่อยที่ต้องเร่งปรับปรุง", ReportText.ImproveList(report));
    }

    [Fact]
    public void ImproveItemDetailGivesTheFullGuidance()
    {
        var framework = LampangFramework.Build();
        var text = ReportText.ImproveItemDetail(Lampang(new Dictionary<string, double> { ["PHN"] = 30 }), 3, framework);

        Assert.Contains("Policy Harmonization with National Policy Level", text, StringComparison.Ordinal);
        Assert.Contains("11.8", text, StringComparison.Ordinal);
        Assert.Contains("Summary PHN", text, StringComparison.Ordinal);
        Assert.Contains("Detail PHN", text, StringComparison.Ordinal);
        Assert.Contains("• Action PHN 2", text, StringComparison.Ordinal);
        Assert.Contains("https://example.invalid/PHN", text, StringComparison.Ordinal);
        Assert.Contains("(ต่างกัน -18.2)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ImproveItemDetailForAnUnknownRankSaysItIsNotFound()
    {
        var text = ReportText.ImproveItemDetail(Lampang(), 6, LampangFramework.Build());

        Assert.Contains("ไม่พบอันดับที่ 6", text, StringComparison.Ordinal);
    }

    [Fact]
    public void LetterFollowsTheSeedLetterStyle()
    {
        var text = ReportText.Letter(Lampang());

        Assert.Contains("หน่วยงานมีคะแนนสูงสุดในเรื่อง Smart Back Office ระบบบริหารจัดการภายในรูปแบบอิเล็กทรอนิกส์ (ร้อยละ 45.8)", text, StringComparison.Ordinal);
        Assert.Contains("หน่วยงานมีคะแนนต่ำสุดในเรื่อง Public Services ด้านการบริการภาครัฐที่สะดวกและเข้าถึงได้ง่าย (ร้อยละ 28.6)", text, StringComparison.Ordinal);
        Assert.Contains("ควรเร่งปรับปรุง 5 อันดับ", text, StringComparison.Ordinal);
        Assert.Contains("1) Leadership Continuity Plan (แผนการสานต่อภารกิจ) ร้อยละ 5.9 Summary LCP", text, StringComparison.Ordinal);
        Assert.Contains("2) Effective Allocation of the Budgets (ประสิทธิภาพในการจัดสรรงบประมาณ) ร้อยละ 8.8", text, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryPhraseIsThaiWithoutGenderedEndings()
    {
        using var stream = typeof(ReportText).Assembly.GetManifestResourceStream("DgBot.Core.Reports.report-text.th.json");
        Assert.NotNull(stream);
        using var reader = new StreamReader(stream);
        var json = reader.ReadToEnd();

        Assert.DoesNotContain("ครับ", json, StringComparison.Ordinal);
        Assert.DoesNotContain("ค่ะ", json, StringComparison.Ordinal);
    }
}
