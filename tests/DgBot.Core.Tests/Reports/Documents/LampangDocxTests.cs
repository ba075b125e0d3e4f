using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using DgBot.Core.Reports.Documents;

namespace DgBot.Core.Tests.Reports.Documents;

/// <summary>The Lampang 2560 report as a Word file, opened again with the Open XML SDK.</summary>
public sealed class LampangDocxTests
{
    private static WordprocessingDocument Open(MemoryStream stream) => WordprocessingDocument.Open(stream, isEditable: false);

    private static MemoryStream Lampang()
    {
        var stream = new MemoryStream();
        DocxReportWriter.Write(LampangPdfTests.LampangDocument(), stream);
        stream.Position = 0;
        return stream;
    }

    private static string StyleOf(Paragraph p) => p.ParagraphProperties?.ParagraphStyleId?.Val?.Value ?? "Normal";

    [Fact]
    public void HeadingsAndParagraphsCarryTheReportInWordStyles()
    {
        using var stream = Lampang();
        using var word = Open(stream);
        var body = word.MainDocumentPart!.Document!.Body!;
        var paragraphs = body.Elements<Paragraph>().ToList();

        var title = Assert.Single(paragraphs, p => StyleOf(p) == "Heading1");
        Assert.Equal("ผลสำรวจระดับความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐของจังหวัดลำปาง ประจำปี ๒๕๖๐", title.InnerText);
        Assert.Equal(
            [
                "๑. จังหวัดลำปางมีคะแนนสูงสุดในเรื่อง Smart Back Office ระบบบริหารจัดการภายในรูปแบบอิเล็กทรอนิกส์ (ร้อยละ ๔๕.๘)",
                "๒. จังหวัดลำปางมีคะแนนต่ำสุดในเรื่อง Public Services ด้านการบริการภาครัฐที่สะดวกและเข้าถึงได้ง่าย (ร้อยละ ๒๘.๖)",
                "๓. จังหวัดลำปางควรเร่งปรับปรุง พัฒนาให้อยู่ในระดับเดียวกับหน่วยงานอื่น ดังนี้",
                "ตารางคะแนนรายมิติและมิติย่อย (ร้อยละ)",
                "แผนภูมิคะแนนรายมิติ",
            ],
            paragraphs.Where(p => StyleOf(p) == "Heading2").Select(p => p.InnerText));
        var improve = paragraphs.Select(p => p.InnerText).Where(t => t.Length > 2 && t[0] is >= '๑' and <= '๙' && t[1] == ')').ToList();
        Assert.Equal(5, improve.Count);
        Assert.StartsWith("๑) Leadership Continuity Plan (แผนการสานต่อภารกิจ) ร้อยละ ๕.๙ ", improve[0], StringComparison.Ordinal);
        Assert.StartsWith("๕) ERP Development (การใช้ระบบสารสนเทศเพื่อการบูรณาการข้อมูล) ร้อยละ ๑๙.๖ ", improve[4], StringComparison.Ordinal);
        Assert.Contains(paragraphs, p => p.InnerText.StartsWith("- Interoperability (ความสามารถในการรองรับการใช้งาน) ร้อยละ ๗๒.๖", StringComparison.Ordinal));

        // Every run is Thai; the styles ask for TH Sarabun New.
        Assert.All(body.Descendants<Run>(), r => Assert.Equal("th-TH", r.RunProperties?.Languages?.Val?.Value));
        Assert.All(body.Descendants<Run>(), r => Assert.Equal("th-TH", r.RunProperties?.Languages?.Bidi?.Value));
        var normal = word.MainDocumentPart.StyleDefinitionsPart!.Styles!.Elements<Style>().Single(s => s.StyleId == "Normal");
        Assert.Equal("TH Sarabun New", normal.StyleRunProperties!.RunFonts!.ComplexScript!.Value);
        var page = body.Elements<SectionProperties>().Single().GetFirstChild<PageSize>()!;
        Assert.Equal((11906u, 16838u), (page.Width!.Value, page.Height!.Value)); // A4
    }

    [Fact]
    public void TheScoreTableHasTheSixDimensionsAndTwentyTwoSubDimensions()
    {
        using var stream = Lampang();
        using var word = Open(stream);
        var table = word.MainDocumentPart!.Document!.Body!.Elements<Table>().First();
        var rows = table.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().ToList();

        Assert.Equal(1 + 6 + 22, rows.Count);
        Assert.NotNull(rows[0].TableRowProperties?.GetFirstChild<TableHeader>());
        Assert.Equal(["มิติ / มิติย่อย", "คะแนน"], rows[0].Elements<TableCell>().Select(c => c.InnerText));
        var cells = rows.Skip(1).Select(r => r.Elements<TableCell>().Select(c => c.InnerText).ToArray()).ToList();
        Assert.Equal(["1. นโยบายและแนวปฏิบัติในการพัฒนารัฐบาลดิจิทัล (Policies and Practices)", "33.2"], cells[0]);
        Assert.Equal(["การจัดทำนโยบายตามแนวนโยบายระดับชาติ (Policy Harmonization with National Policy Level)", "11.8"], cells[2]);
        Assert.Equal(["4. ระบบบริหารจัดการภายในรูปแบบอิเล็กทรอนิกส์ (Smart Back Office)", "45.8"], cells.Single(c => c[0].StartsWith("4.", StringComparison.Ordinal)));
        Assert.Equal(6, cells.Count(c => c[0].Length > 1 && char.IsAsciiDigit(c[0][0]) && c[0][1] == '.'));
        Assert.Equal(["-", "-", "-", "-"], cells.TakeLast(4).Select(c => c[1]));

        // The chart's table: the six dimensions with their scores.
        var chart = word.MainDocumentPart.Document.Body.Elements<Table>().Last();
        Assert.Equal(["33.2", "33.7", "28.6", "45.8", "35.4", "-"], chart.Elements<DocumentFormat.OpenXml.Wordprocessing.TableRow>().Skip(1).Select(r => r.Elements<TableCell>().Last().InnerText));
    }

    [Fact]
    public void LaksamanIsEmbeddedAsWordEmbedsFonts()
    {
        using var stream = Lampang();
        using var word = Open(stream);
        var fonts = word.MainDocumentPart!.FontTablePart!;
        var laksaman = fonts.Fonts!.Elements<Font>().Single(f => f.Name == "Laksaman");
        Assert.Equal("Laksaman", fonts.Fonts.Elements<Font>().Single(f => f.Name == "TH Sarabun New").AltName!.Val!.Value);

        foreach (var (embed, file) in new (FontRelationshipType?, string)[] { (laksaman.EmbedRegularFont, ReportFonts.RegularFile), (laksaman.EmbedBoldFont, ReportFonts.BoldFile) })
        {
            Assert.NotNull(embed);
            var part = (FontPart)fonts.GetPartById(embed.Id!.Value!);
            using var data = part.GetStream();
            using var copy = new MemoryStream();
            data.CopyTo(copy);
            var bytes = copy.ToArray();
            var key = Convert.FromHexString(Guid.Parse(embed.FontKey!.Value!).ToString("N")).Reverse().ToArray();
            for (var i = 0; i < 32; i++)
            {
                bytes[i] ^= key[i % 16];
            }

            Assert.Equal(ReportFonts.Bytes(file), bytes);
        }

        Assert.NotNull(word.MainDocumentPart.DocumentSettingsPart!.Settings!.GetFirstChild<EmbedTrueTypeFonts>());
    }

    [Fact]
    public void TheFileIsValidOpenXmlAndHoldsTheChartAsAPicture()
    {
        using var stream = Lampang();
        using var word = Open(stream);

        var errors = new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(word).Select(e => $"{e.Path?.XPath}: {e.Description}").ToList();
        Assert.True(errors.Count == 0, string.Join("\n", errors));

        var blip = Assert.Single(word.MainDocumentPart!.Document!.Body!.Descendants<DocumentFormat.OpenXml.Drawing.Blip>());
        var image = (ImagePart)word.MainDocumentPart.GetPartById(blip.Embed!.Value!);
        Assert.Equal("image/png", image.ContentType);
        using var data = image.GetStream();
        using var png = new MemoryStream();
        data.CopyTo(png);
        using var bitmap = SkiaSharp.SKBitmap.Decode(png.ToArray());
        Assert.True(bitmap.Width > 1000, $"{bitmap.Width} px wide");
        var ink = 0;
        for (var y = 0; y < bitmap.Height; y += 2)
        {
            for (var x = 0; x < bitmap.Width; x += 2)
            {
                var c = bitmap.GetPixel(x, y);
                ink += c.Red < 200 || c.Blue < 200 ? 1 : 0;
            }
        }

        Assert.InRange((double)ink / (bitmap.Width / 2 * (bitmap.Height / 2)), 0.03, 0.7);
    }
}
