using System.Globalization;
using DgBot.Core.Reports;
using SkiaSharp;

namespace DgBot.Bot.Telegram.Charts;

/// <summary>The words on the chart besides the dimension names (Thai, from the Telegram text file).</summary>
public sealed record ScoreChartLabels(string Overall, string Stage, string Provisional, string NotScored);

/// <summary>
/// Draws the dimension scores (0–100) as a horizontal bar chart PNG with Thai labels, in the Loma font shipped in
/// <c>Telegram/Charts/Fonts</c> (never a font assumed to be installed).
/// </summary>
public sealed class ScoreChart : IDisposable
{
    private const int Width = 1000;
    private const int Margin = 48;
    private const float BarHeight = 34;

    private static readonly SKColor Background = new(0xFF, 0xFF, 0xFF);
    private static readonly SKColor Ink = new(0x21, 0x25, 0x29);
    private static readonly SKColor Muted = new(0x6C, 0x75, 0x7D);
    private static readonly SKColor Track = new(0xE9, 0xEC, 0xEF);
    private static readonly SKColor Low = new(0xD9, 0x53, 0x4F);
    private static readonly SKColor Mid = new(0xF0, 0xAD, 0x4E);
    private static readonly SKColor High = new(0x2E, 0x8B, 0x57);

    private readonly SKTypeface _regular;
    private readonly SKTypeface _bold;

    public ScoreChart()
        : this(Path.Combine(AppContext.BaseDirectory, "Telegram", "Charts", "Fonts"))
    {
    }

    public ScoreChart(string fontDirectory)
    {
        _regular = Load(Path.Combine(fontDirectory, "Loma.ttf"));
        _bold = Load(Path.Combine(fontDirectory, "Loma-Bold.ttf"));
    }

    /// <summary>Renders the chart as PNG bytes.</summary>
    public byte[] Render(string title, ScoreReport report, ScoreChartLabels labels)
    {
        ArgumentNullException.ThrowIfNull(title);
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(labels);

        using var titleFont = new SKFont(_bold, 34);
        using var labelFont = new SKFont(_regular, 28);
        using var valueFont = new SKFont(_bold, 26);
        using var footFont = new SKFont(_regular, 26);

        const float rowHeight = 40 + BarHeight + 26;
        var footLines = Footer(report, labels).ToList();
        var height = (int)(Margin + 50 + 24 + (report.Dimensions.Count * rowHeight) + (footLines.Count * 38) + Margin);

        using var surface = SKSurface.Create(new SKImageInfo(Width, height, SKColorType.Rgba8888, SKAlphaType.Premul));
        var canvas = surface.Canvas;
        canvas.Clear(Background);

        using var ink = new SKPaint { Color = Ink, IsAntialias = true };
        using var muted = new SKPaint { Color = Muted, IsAntialias = true };
        using var track = new SKPaint { Color = Track, IsAntialias = true };
        using var bar = new SKPaint { IsAntialias = true };

        const float contentWidth = Width - (2 * Margin);
        float y = Margin + 34;
        canvas.DrawText(Fit(title, titleFont, contentWidth), Margin, y, SKTextAlign.Left, titleFont, ink);
        y += 24;

        const float valueWidth = 110;
        const float barWidth = contentWidth - valueWidth;
        foreach (var dimension in report.Dimensions)
        {
            y += 40;
            canvas.DrawText(Fit(dimension.NameTh, labelFont, contentWidth), Margin, y, SKTextAlign.Left, labelFont, ink);
            var top = y + 10;
            canvas.DrawRoundRect(new SKRect(Margin, top, Margin + barWidth, top + BarHeight), 6, 6, track);
            string value;
            if (dimension.Score is { } score)
            {
                var clamped = (float)Math.Clamp(score, 0, 100);
                bar.Color = score < 40 ? Low : score < 60 ? Mid : High;
                if (clamped > 0)
                {
                    canvas.DrawRoundRect(new SKRect(Margin, top, Margin + Math.Max(12, barWidth * clamped / 100), top + BarHeight), 6, 6, bar);
                }

                value = score.ToString("0.0", CultureInfo.InvariantCulture);
            }
            else
            {
                value = "–";
                canvas.DrawText(Fit(labels.NotScored, footFont, barWidth - 20), Margin + 14, top + 26, SKTextAlign.Left, footFont, muted);
            }

            canvas.DrawText(value, Width - Margin, top + 27, SKTextAlign.Right, valueFont, dimension.Score is null ? muted : ink);
            y = top + BarHeight + 16;
        }

        y += 40;
        foreach (var line in footLines)
        {
            canvas.DrawText(Fit(line, footFont, contentWidth), Margin, y, SKTextAlign.Left, footFont, ink);
            y += 38;
        }

        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Png, 100);
        return data.ToArray();
    }

    public void Dispose()
    {
        _regular.Dispose();
        _bold.Dispose();
    }

    private static IEnumerable<string> Footer(ScoreReport report, ScoreChartLabels labels)
    {
        if (report.Overall is { } overall)
        {
            yield return $"{labels.Overall} {overall.ToString("0.0", CultureInfo.InvariantCulture)}";
        }

        if (report.Stage is { } stage)
        {
            yield return $"{labels.Stage} {stage.Level.ToString(CultureInfo.InvariantCulture)}: {stage.NameTh}";
        }

        if (report.Provisional)
        {
            yield return labels.Provisional;
        }
    }

    /// <summary>The text as is when it fits, otherwise cut with an ellipsis (Thai has no spaces to wrap at).</summary>
    private static string Fit(string text, SKFont font, float width)
    {
        if (font.MeasureText(text) <= width)
        {
            return text;
        }

        var cut = text.Length;
        while (cut > 1 && font.MeasureText(string.Concat(text.AsSpan(0, cut), "…")) > width)
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }

    private static SKTypeface Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The chart font is missing: {path}. It ships with dgbot in Telegram/Charts/Fonts.", path);
        }

        return SKTypeface.FromFile(path) ?? throw new InvalidOperationException($"The chart font could not be read: {path}.");
    }
}
