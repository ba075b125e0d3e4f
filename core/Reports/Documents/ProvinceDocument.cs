using System.Globalization;
using DgBot.Core.Content;
using DgBot.Core.Framework;

namespace DgBot.Core.Reports.Documents;

/// <summary>What a province (or published-table) report is made from.</summary>
/// <param name="Province">The province's name as stored ("ลำปาง"); null for a table with no province named.</param>
/// <param name="BuddhistYear">The survey year, Buddhist era (2560); null when unknown.</param>
/// <param name="RoundName">The round, shown under the heading when given.</param>
/// <param name="Surveyed">How many agencies were surveyed; null when unknown (a published table).</param>
/// <param name="Submitted">How many of them submitted.</param>
/// <param name="Report">The averages; null when fewer than <paramref name="MinimumGroupSize"/> agencies submitted.</param>
/// <param name="MinimumGroupSize">The fewest submitted agencies figures are shown for (Results:MinimumGroupSize).</param>
public sealed record ProvinceReportInput(
    string? Province,
    int? BuddhistYear,
    string? RoundName,
    int? Surveyed,
    int? Submitted,
    ScoreReport? Report,
    int MinimumGroupSize);

/// <summary>
/// The province's results in the structure of the source letter ("ผลสำรวจระดับความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐ
/// ของจังหวัดลำปาง ประจำปี ๒๕๖๐"): heading; agencies surveyed and answered; ๑. the highest dimension and its strongest
/// sub-dimension; ๒. the lowest dimension and its two weakest sub-dimensions; ๓. the five sub-dimensions to improve
/// first, each with its score and guidance; the full score table; a bar chart of the dimensions.
/// Digits follow the source: Thai digits in the heading and the sentences ("ร้อยละ ๔๕.๘"), Arabic digits with one
/// decimal in the score table and the chart ("45.8"), as the source's own table has them.
/// </summary>
public static class ProvinceDocument
{
    /// <summary>How many sub-dimensions are named under the highest dimension (the source names one).</summary>
    public const int StrongestCount = 1;

    /// <summary>How many sub-dimensions are named under the lowest dimension (the source names two).</summary>
    public const int WeakestCount = 2;

    public const string TitleStart = "ผลสำรวจระดับความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐ";

    /// <summary>"จะแสดงผลเมื่อมีหน่วยงานส่งคำตอบอย่างน้อย ๕ หน่วยงาน" (the group-size rule, instead of figures).</summary>
    public static string PendingSentence(int minimumGroupSize) =>
        $"จะแสดงผลเมื่อมีหน่วยงานส่งคำตอบอย่างน้อย {ThaiDigits.Of(minimumGroupSize)} หน่วยงาน เพื่อรักษาความลับของแต่ละหน่วยงาน";

    /// <summary>The survey year of a round: its name when that is a Buddhist-era year ("2569"), else the year of its deadline in Bangkok.</summary>
    public static int BuddhistYear(string roundName, DateTime deadlineUtc)
    {
        if (int.TryParse(roundName?.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var named) && named is > 2400 and < 2800)
        {
            return named;
        }

        return ThaiDates.ToBangkok(deadlineUtc).Year + 543;
    }

    public static ReportDocument Build(ReadinessFramework framework, ProvinceReportInput input)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(input);
        var province = string.IsNullOrWhiteSpace(input.Province) ? null : input.Province.Trim();
        var subject = province is null ? "หน่วยงาน" : "จังหวัด" + province;
        var title = TitleStart + (province is null ? string.Empty : "ของจังหวัด" + province)
            + (input.BuddhistYear is { } year ? " ประจำปี " + ThaiDigits.Of(year) : string.Empty);

        var blocks = new List<DocumentBlock>();
        if (!string.IsNullOrWhiteSpace(input.RoundName))
        {
            blocks.Add(new ParagraphBlock("รอบการสำรวจ " + ThaiDigits.Convert(input.RoundName.Trim())));
        }

        if (input.Surveyed is { } surveyed)
        {
            var sentence = $"สำรวจหน่วยงานภาครัฐใน{subject} จำนวน {ThaiDigits.Of(surveyed)} หน่วยงาน";
            if (input.Submitted is { } submitted)
            {
                var share = surveyed == 0 ? string.Empty : $" (คิดเป็นร้อยละ {ThaiDigits.Of((int)Math.Round(100.0 * submitted / surveyed, MidpointRounding.AwayFromZero))})";
                sentence += $" มีหน่วยงานส่งคำตอบ จำนวน {ThaiDigits.Of(submitted)} หน่วยงาน{share} ผลสำรวจเป็นค่าเฉลี่ยของหน่วยงานที่ส่งคำตอบแล้ว";
            }

            blocks.Add(new ParagraphBlock(sentence));
        }

        if (input.Report is not { } report)
        {
            blocks.Add(new ParagraphBlock(PendingSentence(input.MinimumGroupSize), Bold: true));
            return new ReportDocument(title, blocks);
        }

        blocks.AddRange(ProgressSentences(report));

        if (report.Highest is { } high)
        {
            blocks.Add(new HeadingBlock($"๑. {subject}มีคะแนนสูงสุดในเรื่อง {high.NameEn} {NameTh(report, high.Code)} (ร้อยละ {Thai(high.Score)})"));
            foreach (var sub in SubsOf(report, high.Code).OrderByDescending(s => s.Score!.Value).Take(StrongestCount))
            {
                blocks.Add(new ParagraphBlock($"- {sub.NameEn} ({sub.NameTh}) ร้อยละ {Thai(sub.Score!.Value)} {Summary(framework, sub.Code)}", Level: 1));
            }
        }

        if (report.Lowest is { } low && low.Code != report.Highest?.Code)
        {
            blocks.Add(new HeadingBlock($"๒. {subject}มีคะแนนต่ำสุดในเรื่อง {low.NameEn} {NameTh(report, low.Code)} (ร้อยละ {Thai(low.Score)})"));
            foreach (var sub in SubsOf(report, low.Code).OrderBy(s => s.Score!.Value).Take(WeakestCount))
            {
                blocks.Add(new ParagraphBlock($"- {sub.NameEn} ({sub.NameTh}) ร้อยละ {Thai(sub.Score!.Value)} {Summary(framework, sub.Code)}", Level: 1));
            }
        }

        if (report.ImproveFirst.Count > 0)
        {
            blocks.Add(new HeadingBlock($"๓. {subject}ควรเร่งปรับปรุง พัฒนาให้อยู่ในระดับเดียวกับหน่วยงานอื่น ดังนี้"));
            foreach (var item in report.ImproveFirst)
            {
                var change = ThaiDigits.Convert(ReportText.ChangeSuffix(report, item.Change));
                blocks.Add(new ParagraphBlock($"{ThaiDigits.Of(item.Rank)}) {item.NameEn} ({item.NameTh}) ร้อยละ {Thai(item.Score)}{change} {item.Guidance.Summary}", Level: 1));
                foreach (var action in item.Guidance.Actions)
                {
                    blocks.Add(new ParagraphBlock("- " + action, Level: 2));
                }
            }
        }

        blocks.Add(new HeadingBlock("ตารางคะแนนรายมิติและมิติย่อย (ร้อยละ)"));
        blocks.Add(ScoreTable(report));
        blocks.Add(new HeadingBlock("แผนภูมิคะแนนรายมิติ"));
        blocks.Add(new ChartBlock(
            "คะแนนรายมิติ (ร้อยละ, เต็ม 100)",
            report.Dimensions.Select((d, i) => new ChartBar($"{i + 1}. {d.NameTh}", d.Score)).ToArray()));
        if (report.Progress is { } earlier)
        {
            blocks.Add(new HeadingBlock(ReportText.Phrase("docComparisonHeading", ("round", earlier.PreviousRound))));
            blocks.Add(ComparisonChart(report, earlier, input.RoundName));
        }

        return new ReportDocument(title, blocks);
    }

    /// <summary>
    /// With a previous round: the overall then and now ("… เทียบกับรอบ ๒๕๖๘ ซึ่งได้ร้อยละ … เปลี่ยนแปลง +๘.๒") and, when the
    /// questionnaire versions differ, the note that scores are compared by code; nothing without one.
    /// </summary>
    public static IEnumerable<ParagraphBlock> ProgressSentences(ScoreReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        if (report.Progress is not { } progress)
        {
            yield break;
        }

        if (report.Overall is { } overall && progress is { PreviousOverall: { } before, OverallChange: { } change })
        {
            yield return new ParagraphBlock(ThaiDigits.Convert(ReportText.Phrase(
                "docProgressSentence",
                ("round", progress.PreviousRound),
                ("score", ReportText.Num(overall)),
                ("previous", ReportText.Num(before)),
                ("change", ReportText.WithSign(change)))));
        }

        if (progress.VersionsDiffer)
        {
            yield return new ParagraphBlock(ThaiDigits.Convert(ReportText.VersionsNote(progress)));
        }
    }

    /// <summary>This round's dimension scores paired with the previous round's (the chart a trend needs).</summary>
    public static ComparisonChartBlock ComparisonChart(ScoreReport report, ProgressRef progress, string? roundName)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(progress);
        var current = string.IsNullOrWhiteSpace(roundName) ? ReportText.Phrase("docThisRound") : ReportText.Phrase("docRound", ("round", roundName.Trim()));
        var previous = ReportText.Phrase("docRound", ("round", progress.PreviousRound));
        return new ComparisonChartBlock(
            ReportText.Phrase("docComparisonCaption", ("current", string.IsNullOrWhiteSpace(roundName) ? ReportText.Phrase("docThisRound") : roundName.Trim()), ("previous", progress.PreviousRound)),
            current,
            previous,
            ReportText.Phrase("docChangeHeader", ("round", progress.PreviousRound)),
            report.Dimensions.Select((d, i) => new ComparisonBar($"{i + 1}. {d.NameTh}", d.Score, d.Score is null ? null : d.PreviousScore, d.Change)).ToArray());
    }

    /// <summary>The full table: each dimension (numbered, bold) followed by its sub-dimensions; "-" where not scored.</summary>
    public static TableBlock ScoreTable(ScoreReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var rows = new List<TableRow>();
        for (var i = 0; i < report.Dimensions.Count; i++)
        {
            var d = report.Dimensions[i];
            rows.Add(new TableRow(Cells($"{i + 1}. {d.NameTh} ({d.NameEn})", d.Score, d.Change), Emphasis: true));
            foreach (var s in report.SubDimensions.Where(s => s.DimensionCode == d.Code))
            {
                rows.Add(new TableRow(Cells($"{s.NameTh} ({s.NameEn})", s.Score, s.Change), Emphasis: false));
            }
        }

        // With a previous round the table gets a change column ("-" where a code was not scored in one of them).
        return report.Progress is { } progress
            ? new TableBlock(["มิติ / มิติย่อย", "คะแนน", ReportText.Phrase("docChangeHeader", ("round", progress.PreviousRound))], rows, [4.2f, 1f, 1.6f])
            : new TableBlock(["มิติ / มิติย่อย", "คะแนน"], rows, [5.2f, 1f]);

        string[] Cells(string name, double? score, double? change) =>
            report.Progress is null ? [name, Figure(score)] : [name, Figure(score), Change(change)];
    }

    /// <summary>A change as in the table: "+8.2", "-3.1", "0.0"; "-" when not known.</summary>
    public static string Change(double? change) => change is { } c ? ReportText.WithSign(c) : "-";

    /// <summary>A score as in the table: Arabic digits, one decimal; "-" when not scored.</summary>
    public static string Figure(double? score) => score is { } s ? ReportText.Num(s) : "-";

    private static string Thai(double score) => ThaiDigits.Convert(ReportText.Num(score));

    private static IEnumerable<SubDimensionScore> SubsOf(ScoreReport report, string dimensionCode) =>
        report.SubDimensions.Where(s => s.DimensionCode == dimensionCode && s.Score is not null);

    private static string NameTh(ScoreReport r, string code) => r.Dimensions.FirstOrDefault(d => d.Code == code)?.NameTh ?? string.Empty;

    private static string Summary(ReadinessFramework framework, string code) => framework.FindSubDimension(code)?.Guidance.Summary ?? string.Empty;
}

/// <summary>Arabic to Thai digits (๐–๙), as Thai official letters write numbers in running text.</summary>
public static class ThaiDigits
{
    public static string Convert(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return string.Create(text.Length, text, static (span, source) =>
        {
            for (var i = 0; i < source.Length; i++)
            {
                var c = source[i];
                span[i] = c is >= '0' and <= '9' ? (char)('๐' + (c - '0')) : c;
            }
        });
    }

    public static string Of(int value) => Convert(value.ToString(CultureInfo.InvariantCulture));
}
