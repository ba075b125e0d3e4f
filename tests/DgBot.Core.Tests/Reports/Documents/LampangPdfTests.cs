using System.Text.RegularExpressions;
using DgBot.Core.Framework;
using DgBot.Core.Reports;
using DgBot.Core.Reports.Documents;
using SkiaSharp;

namespace DgBot.Core.Tests.Reports.Documents;

/// <summary>
/// The Lampang 2560 report, built from the source's published table over the built-in framework, written as PDF and
/// read back with poppler: the text layer, a rendered page, the page count and the embedded font.
/// </summary>
public sealed partial class LampangPdfTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dgbot-pdf-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    internal static ReportDocument LampangDocument()
    {
        var report = ReportBuilder.FromPublished(FrameworkLoader.BuiltIn, LampangFramework.Dimensions(), LampangFramework.SubDimensions());
        return ProvinceDocument.Build(FrameworkLoader.BuiltIn, new ProvinceReportInput("ลำปาง", 2560, null, 19, null, report, 5));
    }

    private (string Path, int Pages) WritePdf()
    {
        var path = Path.Combine(_dir, "lampang.pdf");
        using var writer = new PdfReportWriter();
        using var file = File.Create(path);
        return (path, writer.Write(LampangDocument(), file));
    }

    [Fact]
    public void TheTextLayerHasTheHeadingProvinceDimensionsAndThePublishedFigures()
    {
        var (path, _) = WritePdf();
        // The pages' text without their footers ("หน้า ๑ จาก ๕"), so a paragraph that goes on over a page reads on.
        var text = string.Join("\n", Poppler.Pages(path).Select(p => Footer().Replace(p, string.Empty)));
        // pdftotext puts a line break where a line wrapped and sometimes a space beside a mark over a tall
        // consonant (เป็น → เป็ น): compare without white space, as a reader of the page would.
        var flat = NoSpace(text);

        string[] expected =
        [
            "ผลสำรวจระดับความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐของจังหวัดลำปาง ประจำปี ๒๕๖๐",
            "สำรวจหน่วยงานภาครัฐในจังหวัดลำปาง จำนวน ๑๙ หน่วยงาน",
            "๑. จังหวัดลำปางมีคะแนนสูงสุดในเรื่อง Smart Back Office ระบบบริหารจัดการภายในรูปแบบอิเล็กทรอนิกส์ (ร้อยละ ๔๕.๘)",
            "- Interoperability (ความสามารถในการรองรับการใช้งาน) ร้อยละ ๗๒.๖",
            "๒. จังหวัดลำปางมีคะแนนต่ำสุดในเรื่อง Public Services ด้านการบริการภาครัฐที่สะดวกและเข้าถึงได้ง่าย (ร้อยละ ๒๘.๖)",
            "- Customer Experience (ประสบการณ์การใช้บริการ) ร้อยละ ๒๒.๙",
            "- Service Support (บริการสนับสนุน) ร้อยละ ๒๓.๔",
            "๓. จังหวัดลำปางควรเร่งปรับปรุง พัฒนาให้อยู่ในระดับเดียวกับหน่วยงานอื่น ดังนี้",
            "๑) Leadership Continuity Plan (แผนการสานต่อภารกิจ) ร้อยละ ๕.๙",
            "๒) Effective Allocation of the Budgets (ประสิทธิภาพในการจัดสรรงบประมาณ) ร้อยละ ๘.๘",
            "๓) Policy Harmonization with National Policy Level (การจัดทำนโยบายตามแนวนโยบายระดับชาติ) ร้อยละ ๑๑.๘",
            "๔) Digital Literacy (ความรู้เท่าทันและใช้เทคโนโลยีดิจิทัลเป็น) ร้อยละ ๑๖.๐",
            "๕) ERP Development (การใช้ระบบสารสนเทศเพื่อการบูรณาการข้อมูล) ร้อยละ ๑๙.๖",
        ];
        var previous = -1;
        foreach (var phrase in expected)
        {
            var at = flat.IndexOf(NoSpace(phrase), StringComparison.Ordinal);
            Assert.True(at > previous, $"\"{phrase}\" missing or out of order");
            previous = at;
        }

        Assert.DoesNotContain("จะแสดงผลเมื่อ", flat, StringComparison.Ordinal);

        // The table, as published: each row's name starts a line that ends with its figure (Arabic digits, one decimal).
        var lines = text.Split('\n').Select(l => l.Trim()).ToArray();
        (string Name, string Figure)[] rows =
        [
            ("1. นโยบายและแนวปฏิบัติในการพัฒนารัฐบาลดิจิทัล", "33.2"),
            ("2. ด้านศักยภาพของเจ้าหน้าที่ภาครัฐด้านดิจิทัล", "33.7"),
            ("3. ด้านการบริการภาครัฐที่สะดวกและเข้าถึงได้ง่าย", "28.6"),
            ("4. ระบบบริหารจัดการภายในรูปแบบอิเล็กทรอนิกส์", "45.8"),
            ("5. โครงสร้างพื้นฐานที่มีความมั่นคงปลอดภัยและประสิทธิภาพ", "35.4"),
            ("6. เทคโนโลยีอัจฉริยะและการนำมาใช้", "-"),
            ("แผนการสานต่อภารกิจ", "5.9"),
            ("ความรู้เท่าทันและใช้เทคโนโลยีดิจิทัลเป็น", "16.0"),
            ("ความสามารถในการรองรับการใช้งาน", "72.6"),
            ("การจัดการข้อมูล", "49.6"),
            ("เทคโนโลยีด้านสื่อสังคมและโทรศัพท์เคลื่อนที่", "-"),
        ];
        foreach (var (name, figure) in rows)
        {
            Assert.Contains(lines, l => NoSpace(l).StartsWith(NoSpace(name), StringComparison.Ordinal) && l.EndsWith(" " + figure, StringComparison.Ordinal));
        }

        // The chart lists the six dimensions with their figures too.
        Assert.Contains(NoSpace("คะแนนรายมิติ (ร้อยละ, เต็ม 100)"), flat, StringComparison.Ordinal);
    }

    private static string NoSpace(string text) => Spaces().Replace(text, string.Empty);

    [Fact]
    public void PagesAreNumberedTheTableHeaderRepeatsAndTheFontIsEmbedded()
    {
        var (path, count) = WritePdf();
        var pages = Poppler.Pages(path);

        Assert.Equal(count, pages.Length);
        Assert.InRange(count, 2, 6);
        for (var i = 0; i < pages.Length; i++)
        {
            Assert.Contains($"หน้า {ThaiDigits.Of(i + 1)} จาก {ThaiDigits.Of(count)}", pages[i], StringComparison.Ordinal);
        }

        // Every page the table is on starts its part of the table with the header row.
        var tablePages = pages.Where(p => p.Contains("(Digital Leadership)", StringComparison.Ordinal) || p.Contains("(Data Management)", StringComparison.Ordinal)).ToList();
        Assert.All(tablePages, p => Assert.Contains("มิติ / มิติย่อย", p, StringComparison.Ordinal));

        var fonts = Poppler.Run("pdffonts", path);
        Assert.Contains("Laksaman", fonts, StringComparison.Ordinal);
        var rows = fonts.Split('\n').Where(l => l.Contains("Laksaman", StringComparison.Ordinal)).ToList();
        Assert.All(rows, r => Assert.Matches(@"\byes\s+yes\s+(yes|no)\s+\d+\s+\d+\s*$", r)); // embedded, subset
        var bytes = File.ReadAllText(path, System.Text.Encoding.Latin1);
        Assert.Contains("/FontFile2", bytes, StringComparison.Ordinal);
        Assert.Contains("/MediaBox [0 0 595 842]", bytes, StringComparison.Ordinal);
    }

    [Fact]
    public void TheFirstPageRendersWithInk()
    {
        var (path, _) = WritePdf();
        var prefix = Path.Combine(_dir, "page");
        Poppler.Run("pdftoppm", "-r", "50", "-png", "-f", "1", "-l", "1", path, prefix);
        var png = Directory.GetFiles(_dir, "page*.png").Single();

        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.InRange(bitmap.Width, 400, 420); // A4 at 50 dpi: 413 × 585
        long ink = 0;
        for (var y = 0; y < bitmap.Height; y++)
        {
            for (var x = 0; x < bitmap.Width; x++)
            {
                var c = bitmap.GetPixel(x, y);
                if (c.Red < 200 || c.Green < 200 || c.Blue < 200)
                {
                    ink++;
                }
            }
        }

        var share = (double)ink / (bitmap.Width * bitmap.Height);
        Assert.InRange(share, 0.02, 0.6);
    }

    [GeneratedRegex(@"^\s*หน้า [๐-๙]+ จาก [๐-๙]+\s*$", RegexOptions.Multiline)]
    private static partial Regex Footer();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
