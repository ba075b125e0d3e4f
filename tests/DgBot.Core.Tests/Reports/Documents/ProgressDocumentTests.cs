using System.Text.RegularExpressions;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DgBot.Core.Conversation;
using DgBot.Core.Reports;
using DgBot.Core.Reports.Documents;
using DgBot.Core.Tests.Reports;
using DgBot.TestDoubles.Seeding;

namespace DgBot.Core.Tests.Reports.Documents;

/// <summary>
/// A seeded province's 2569 report against its 2568 round: the PDF carries the comparison chart (read back with
/// pdftotext) and the change column; the Word file has the change column and the comparison chart's table.
/// </summary>
public sealed partial class ProgressDocumentTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dgbot-progress-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static async Task<(ReportDocument Document, ScoreReport Report)> ProvinceAsync(bool previousRound = true)
    {
        await using var seeded = await SeededDatabase.CreateAsync(previousRound: previousRound);
        await using var db = seeded.NewContext();
        var province = seeded.Survey.Provinces[0];
        var results = await ProgressTests.Results(db).ProvinceReportAsync(province, seeded.Survey.Current, CancellationToken.None);
        var document = ProvinceDocument.Build(
            SurveyCatalog.BuiltIn().Framework,
            new ProvinceReportInput(province, 2569, "2569", results.Surveyed, results.Submitted, results.Report, results.MinimumGroupSize));
        return (document, results.Report!);
    }

    [Fact]
    public async Task ThePdfHasTheComparisonChartAndTheChangeColumn()
    {
        var (document, report) = await ProvinceAsync();
        var path = Path.Combine(_dir, "province.pdf");
        using (var writer = new PdfReportWriter())
        using (var file = File.Create(path))
        {
            writer.Write(document, file);
        }

        var text = string.Join("\n", Poppler.Pages(path));
        var flat = NoSpace(text);
        Assert.Contains(NoSpace("แผนภูมิเปรียบเทียบคะแนนรายมิติกับรอบ 2568"), flat, StringComparison.Ordinal);
        Assert.Contains(NoSpace("คะแนนรายมิติ รอบ 2569 เทียบกับรอบ 2568 (ร้อยละ, เต็ม 100)"), flat, StringComparison.Ordinal);
        Assert.Contains(NoSpace("+/- จากรอบ 2568"), flat, StringComparison.Ordinal);
        Assert.Contains(NoSpace("รอบ ๒๕๖๘ ใช้แบบสำรวจฉบับ ๒๕๖๙.๑"), flat, StringComparison.Ordinal);

        // Each dimension's table row ends with its score and change.
        var lines = text.Split('\n');
        for (var i = 0; i < report.Dimensions.Count; i++)
        {
            var d = report.Dimensions[i];
            Assert.Contains(lines, l => l.TrimEnd().EndsWith($"{ProvinceDocument.Figure(d.Score)}   {ProvinceDocument.Change(d.Change)}", StringComparison.Ordinal)
                || Regex.IsMatch(l, $@"{Regex.Escape(ProvinceDocument.Figure(d.Score))}\s+{Regex.Escape(ProvinceDocument.Change(d.Change))}\s*$"));
        }
    }

    [Fact]
    public async Task TheWordFileHasTheChangeColumnAndTheComparisonTable()
    {
        var (document, report) = await ProvinceAsync();
        using var stream = new MemoryStream();
        DocxReportWriter.Write(document, stream);
        stream.Position = 0;
        using var word = WordprocessingDocument.Open(stream, isEditable: false);
        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(word).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var tables = word.MainDocumentPart!.Document!.Body!.Elements<DocumentFormat.OpenXml.Wordprocessing.Table>().ToList();
        string[][] Cells(DocumentFormat.OpenXml.Wordprocessing.Table t) => [.. t.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray())];
        var score = Cells(tables[0]);
        Assert.Equal(["มิติ / มิติย่อย", "คะแนน", "+/- จากรอบ 2568"], score[0]);
        Assert.Equal(1 + report.Dimensions.Count + report.SubDimensions.Count, score.Length);
        Assert.Equal(ProvinceDocument.Change(report.Dimensions[0].Change), score[1][2]);
        Assert.Contains(score.Skip(1), r => r[2].StartsWith('+') || r[2].StartsWith('-'));

        var comparison = Cells(tables.Last());
        Assert.Equal(["มิติ", "รอบ 2569", "รอบ 2568", "+/- จากรอบ 2568"], comparison[0]);
        Assert.Equal(
            report.Dimensions.Select(d => new[] { ProvinceDocument.Figure(d.Score), ProvinceDocument.Figure(d.PreviousScore), ProvinceDocument.Change(d.Change) }),
            comparison.Skip(1).Select(r => r[1..]));
        Assert.Equal(2, word.MainDocumentPart.ImageParts.Count()); // the dimensions chart and the comparison chart
    }

    [Fact]
    public async Task WithoutAnEarlierRoundTheDocumentIsAsBefore()
    {
        var (document, _) = await ProvinceAsync(previousRound: false);
        Assert.DoesNotContain(document.Blocks, b => b is ComparisonChartBlock);
        Assert.Equal(["มิติ / มิติย่อย", "คะแนน"], document.Blocks.OfType<TableBlock>().Single().Header);
        Assert.DoesNotContain("จากรอบ", DocumentText.Render(document), StringComparison.Ordinal);
    }

    private static string NoSpace(string text) => Spaces().Replace(text, string.Empty);

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
