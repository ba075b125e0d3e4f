using DgBot.Bot.Telegram;
using DgBot.Bot.Telegram.Charts;
using DgBot.Core.Reports;
using SkiaSharp;

namespace DgBot.Telegram.Tests.Charts;

public sealed class ScoreChartTests
{
    internal static ScoreReport SampleReport(bool provisional = false) => new(
        [
            new DimensionScore("POL", "Policies and Practices", "นโยบายและการปฏิบัติ", 33.2),
            new DimensionScore("CAP", "Digital Capabilities", "ศักยภาพด้านดิจิทัล", 22.0),
            new DimensionScore("SRV", "Public Services", "การบริการภาครัฐ", 58.4),
            new DimensionScore("BOF", "Smart Back Office", "การบริหารจัดการภายในอัจฉริยะ", 71.5),
            new DimensionScore("INF", "Secure and Efficient Infrastructure", "โครงสร้างพื้นฐานที่มั่นคงปลอดภัยและมีประสิทธิภาพ", 100),
            new DimensionScore("TEC", "Smart Technological Practices", "เทคโนโลยีอัจฉริยะและการนำมาใช้", null),
        ],
        [],
        new DimensionRef("INF", "Secure and Efficient Infrastructure", 100),
        new DimensionRef("CAP", "Digital Capabilities", 22.0),
        57.0,
        new StageRef(3, "Data Centric Government", "รัฐบาลที่ขับเคลื่อนด้วยข้อมูล"),
        [],
        provisional,
        provisional ? 4 : 0);

    [Fact]
    public void RendersAPngWithOneBarPerDimensionInTheShippedThaiFont()
    {
        using var chart = new ScoreChart();
        var png = chart.Render("คะแนนความพร้อมรัฐบาลดิจิทัล: เทศบาลนครลำปาง", SampleReport(provisional: true), TelegramTexts.Load().Chart);

        var outPath = Environment.GetEnvironmentVariable("DGBOT_CHART_OUT");
        if (!string.IsNullOrEmpty(outPath))
        {
            File.WriteAllBytes(outPath, png);
        }

        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        Assert.Equal(1000, bitmap.Width);

        // The bars: sample the middle of the bar area per row; a filled bar is coloured, an empty track is light grey.
        // A full (100) bar reaches the right end of the bar area; the unscored dimension has no coloured pixel in its track.
        var colouredRows = Enumerable.Range(0, bitmap.Height).Count(y => IsBarColour(bitmap.GetPixel(60, y)));
        Assert.True(colouredRows > 5 * 20, $"expected five filled bars, found {colouredRows} coloured rows at x=60");
    }

    [Fact]
    public void ShippedFontCoversThaiAndLatin()
    {
        using var typeface = SKTypeface.FromFile(Path.Combine(AppContext.BaseDirectory, "Telegram", "Charts", "Fonts", "Loma.ttf"));
        Assert.NotNull(typeface);
        using var font = new SKFont(typeface, 20);
        var glyphs = font.GetGlyphs("ความพร้อมรัฐบาลดิจิทัล 0123456789.");
        Assert.DoesNotContain((ushort)0, glyphs);
    }

    [Fact]
    public void MissingFontFolderIsAClearError()
    {
        var e = Assert.Throws<FileNotFoundException>(() => new ScoreChart(Path.Combine(Path.GetTempPath(), "no-such-fonts-" + Guid.NewGuid().ToString("N"))));
        Assert.Contains("Loma.ttf", e.Message, StringComparison.Ordinal);
    }

    private static bool IsBarColour(SKColor c) => c.Saturation() > 0.3;
}

internal static class ColorExtensions
{
    public static double Saturation(this SKColor c)
    {
        c.ToHsl(out _, out var s, out _);
        return s / 100.0;
    }
}
