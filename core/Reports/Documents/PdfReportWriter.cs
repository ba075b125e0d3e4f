using SkiaSharp;

namespace DgBot.Core.Reports.Documents;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as an A4 PDF with SkiaSharp's PDF backend (<see cref="SKDocument.CreatePdf(Stream, SKDocumentPdfMetadata)"/>):
/// Thai text shaped with HarfBuzz (<see cref="ThaiTextShaper"/>) in the embedded Laksaman font, which Skia subsets
/// and embeds; margins of 2.5 cm; lines broken as <see cref="ThaiLineBreaks"/> says; tables that continue on the next
/// page with their header row repeated; a bar chart of the dimensions; "หน้า ๑ จาก ๓" at the foot of every page.
/// The layout is made first (as drawing steps per page), then drawn, so each page knows the page count.
/// </summary>
public sealed partial class PdfReportWriter : IDisposable
{
    public const float PageWidth = 595;
    public const float PageHeight = 842;
    public const float Margin = 70.87f; // 2.5 cm

    private const float BodySize = 15;
    private const float TitleSize = 20;
    private const float HeadingSize = 16;
    private const float TableSize = 14;
    private const float CellPadding = 4;

    private static readonly int[] Ticks = [0, 25, 50, 75, 100];
    private static readonly SKColor Ink = new(0x21, 0x25, 0x29);
    private static readonly SKColor Rule = new(0x9A, 0xA0, 0xA6);
    private static readonly SKColor HeaderFill = new(0xDD, 0xE3, 0xEA);
    private static readonly SKColor EmphasisFill = new(0xF1, 0xF3, 0xF5);
    private static readonly SKColor Track = new(0xE9, 0xEC, 0xEF);
    private static readonly SKColor Bar = new(0x2F, 0x6F, 0xB0);
    private static readonly SKColor PreviousBar = new(0xA9, 0xB4, 0xC0);

    private readonly SKTypeface _regular = ReportFonts.Typeface(ReportFonts.RegularFile);
    private readonly SKTypeface _bold = ReportFonts.Typeface(ReportFonts.BoldFile);
    private readonly ThaiTextShaper _regularShaper = new(ReportFonts.Bytes(ReportFonts.RegularFile));
    private readonly ThaiTextShaper _boldShaper = new(ReportFonts.Bytes(ReportFonts.BoldFile));

    private readonly List<List<Action<SKCanvas>>> _pages = [];
    private float _y;

    private static float ContentWidth => PageWidth - (2 * Margin);

    private static float Bottom => PageHeight - Margin;

    /// <summary>Writes <paramref name="document"/> as PDF to <paramref name="output"/>; returns the page count.</summary>
    public int Write(ReportDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        _pages.Clear();
        NewPage();
        Paragraph(document.Title, TitleSize, bold: true, indent: 0, spaceAfter: 10, centred: true);
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    _y += 6;
                    Paragraph(h.Text, HeadingSize, bold: true, indent: 0, spaceAfter: 4, keepWithNext: true);
                    break;
                case ParagraphBlock p:
                    Paragraph(p.Text, BodySize, p.Bold, indent: p.Level switch { 0 => 0, 1 => 18, _ => 44 }, spaceAfter: 4);
                    break;
                case TableBlock t:
                    Table(t);
                    break;
                case ChartBlock c:
                    Chart(c);
                    break;
                case ComparisonChartBlock c:
                    ComparisonChart(c);
                    break;
            }
        }

        var metadata = SKDocumentPdfMetadata.Default;
        metadata.Title = document.Title;
        metadata.Creator = "DgBot";
        metadata.Producer = "DgBot (SkiaSharp PDF)";
        using (var pdf = SKDocument.CreatePdf(output, metadata))
        {
            for (var i = 0; i < _pages.Count; i++)
            {
                var canvas = pdf.BeginPage(PageWidth, PageHeight);
                foreach (var step in _pages[i])
                {
                    step(canvas);
                }

                var foot = $"หน้า {ThaiDigits.Of(i + 1)} จาก {ThaiDigits.Of(_pages.Count)}";
                var size = 12f;
                DrawText(canvas, foot, (PageWidth - Measure(foot, size, bold: false)) / 2, PageHeight - (Margin / 2), size, bold: false, Rule);
                pdf.EndPage();
            }

            pdf.Close();
        }

        return _pages.Count;
    }

    /// <summary>The chart alone as a PNG (for the Word report), drawn as on the PDF page at <paramref name="scale"/> × 72 dpi.</summary>
    public byte[] ChartPng(ChartBlock chart, float scale = 3)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return Png(() => Chart(chart), scale);
    }

    /// <summary>The comparison chart alone as a PNG (for the Word report), as <see cref="ChartPng(ChartBlock, float)"/>.</summary>
    public byte[] ChartPng(ComparisonChartBlock chart, float scale = 3)
    {
        ArgumentNullException.ThrowIfNull(chart);
        return Png(() => ComparisonChart(chart), scale);
    }

    private byte[] Png(Action layout, float scale)
    {
        _pages.Clear();
        NewPage();
        layout();
        var height = _y - Margin;
        var steps = _pages[^1];
        var info = new SKImageInfo((int)Math.Ceiling(ContentWidth * scale), (int)Math.Ceiling(height * scale), SKColorType.Rgba8888, SKAlphaType.Premul);
        using var surface = SKSurface.Create(info);
        var canvas = surface.Canvas;
        canvas.Clear(SKColors.White);
        canvas.Scale(scale);
        canvas.Translate(-Margin, -Margin);
        foreach (var step in steps)
        {
            step(canvas);
        }

        using var image = surface.Snapshot();
        using var png = image.Encode(SKEncodedImageFormat.Png, 100);
        return png.ToArray();
    }

    /// <summary>The size of <see cref="ChartPng"/>'s picture in points.</summary>
    public static float ChartWidth => ContentWidth;

    public void Dispose()
    {
        _regularShaper.Dispose();
        _boldShaper.Dispose();
        _regular.Dispose();
        _bold.Dispose();
    }

    /// <summary>Splits <paramref name="text"/> into lines no wider than <paramref name="width"/> points (see <see cref="ThaiLineBreaks"/>).</summary>
    public List<string> Lines(string text, float width, float size, bool bold)
    {
        var lines = new List<string>();
        foreach (var hard in text.Replace("\r", string.Empty, StringComparison.Ordinal).Split('\n'))
        {
            var rest = hard.Trim();
            if (rest.Length == 0)
            {
                lines.Add(string.Empty);
                continue;
            }

            while (rest.Length > 0)
            {
                if (Measure(rest, size, bold) <= width)
                {
                    lines.Add(rest);
                    break;
                }

                var breaks = ThaiLineBreaks.Opportunities(rest);
                var good = breaks.Where(b => b.Kind != LineBreakKind.Cluster).ToList();
                var cut = LastFitting(rest, good, width, size, bold);
                // Prefer the last space when it leaves the line at least three quarters full.
                var space = good.Where(b => b.Kind == LineBreakKind.Space && b.Index <= cut).Select(b => b.Index).DefaultIfEmpty(0).Max();
                if (space > 0 && Measure(rest[..space].TrimEnd(), size, bold) >= width * 0.75f)
                {
                    cut = space;
                }

                // A line less than two thirds full at a syllable: break between clusters instead (it fills the line).
                if (cut <= 0 || Measure(rest[..cut].TrimEnd(), size, bold) < width * 0.66f)
                {
                    cut = Math.Max(cut, LastFitting(rest, breaks, width, size, bold));
                }

                if (cut <= 0)
                {
                    // Nothing fits (one cluster wider than the line): take the first break, or all.
                    cut = breaks.Count > 0 ? breaks[0].Index : rest.Length;
                }

                lines.Add(rest[..cut].TrimEnd());
                rest = rest[cut..].TrimStart();
            }
        }

        return lines;
    }

    private int LastFitting(string text, List<(int Index, LineBreakKind Kind)> breaks, float width, float size, bool bold)
    {
        // Widths grow with the prefix: binary search the last break whose line fits.
        int lo = 0, hi = breaks.Count - 1, found = -1;
        while (lo <= hi)
        {
            var mid = (lo + hi) / 2;
            if (Measure(text[..breaks[mid].Index].TrimEnd(), size, bold) <= width)
            {
                found = mid;
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return found < 0 ? 0 : breaks[found].Index;
    }

    /// <summary>The shaped width of <paramref name="text"/> in points.</summary>
    public float Width(string text, float size, bool bold) => Measure(text, size, bold);

    private float Measure(string text, float size, bool bold) => (bold ? _boldShaper : _regularShaper).Measure(text, size);

    private static float LineHeight(float size) => size * 1.45f;

    private void NewPage()
    {
        _pages.Add([]);
        _y = Margin;
    }

    private void Add(Action<SKCanvas> step) => _pages[^1].Add(step);

    private void Paragraph(string text, float size, bool bold, float indent, float spaceAfter, bool keepWithNext = false, bool centred = false)
    {
        // An item ("- …", "๑) …") hangs: its later lines start under its text, not under the dash or number.
        var marker = ItemMarker().Match(text);
        var hang = marker.Success && !centred ? Measure(marker.Value, size, bold) : 0;
        var width = ContentWidth - indent - hang;
        var lines = Lines(text, width, size, bold);
        var height = LineHeight(size);
        // A heading is not left alone at the foot of a page: it needs room for two more lines after it.
        if (keepWithNext && _y + ((lines.Count + 2) * height) > Bottom)
        {
            NewPage();
        }

        for (var n = 0; n < lines.Count; n++)
        {
            var line = lines[n];
            if (_y + height > Bottom)
            {
                NewPage();
            }

            var x = centred ? Margin + ((ContentWidth - Measure(line, size, bold)) / 2) : Margin + indent + (n > 0 ? hang : 0);
            var baseline = _y + (size * 1.05f);
            Add(c => DrawText(c, line, x, baseline, size, bold, Ink));
            _y += height;
        }

        _y += spaceAfter;
    }

    private void Table(TableBlock table)
    {
        var total = table.Widths.Sum();
        var widths = table.Widths.Select(w => ContentWidth * w / total).ToArray();
        _y += 2;
        var header = Row(table.Header, widths, bold: true, indentFirst: 0);
        if (_y + header.Height + Row(table.Rows[0].Cells, widths, table.Rows[0].Emphasis, 0).Height > Bottom)
        {
            NewPage();
        }

        DrawRow(header, widths, HeaderFill);
        foreach (var row in table.Rows)
        {
            var laid = Row(row.Cells, widths, row.Emphasis, row.Emphasis ? 0 : 12);
            if (_y + laid.Height > Bottom)
            {
                // The table goes on on the next page, under its header row again.
                NewPage();
                DrawRow(header, widths, HeaderFill);
            }

            DrawRow(laid, widths, row.Emphasis ? EmphasisFill : SKColors.Empty);
        }

        _y += 8;
    }

    private LaidRow Row(IReadOnlyList<string> cells, float[] widths, bool bold, float indentFirst)
    {
        var lines = cells.Select((cell, i) => Lines(cell, widths[i] - (2 * CellPadding) - (i == 0 ? indentFirst : 0), TableSize, bold)).ToArray();
        var height = (lines.Max(l => l.Count) * LineHeight(TableSize)) + (2 * CellPadding);
        return new LaidRow(lines, height, bold, indentFirst);
    }

    private void DrawRow(LaidRow row, float[] widths, SKColor fill)
    {
        var top = _y;
        Add(c =>
        {
            var x = Margin;
            for (var i = 0; i < widths.Length; i++)
            {
                var rect = new SKRect(x, top, x + widths[i], top + row.Height);
                if (fill != SKColors.Empty)
                {
                    using var paint = new SKPaint { Color = fill, Style = SKPaintStyle.Fill };
                    c.DrawRect(rect, paint);
                }

                using (var stroke = new SKPaint { Color = Rule, Style = SKPaintStyle.Stroke, StrokeWidth = 0.5f })
                {
                    c.DrawRect(rect, stroke);
                }

                for (var l = 0; l < row.Lines[i].Count; l++)
                {
                    var line = row.Lines[i][l];
                    var baseline = top + CellPadding + (l * LineHeight(TableSize)) + (TableSize * 1.05f);
                    // The first column reads left to right; the others are figures, right-aligned.
                    var tx = i == 0 ? x + CellPadding + row.IndentFirst : x + widths[i] - CellPadding - Measure(line, TableSize, row.Bold);
                    DrawText(c, line, tx, baseline, TableSize, row.Bold, Ink);
                }

                x += widths[i];
            }
        });
        _y += row.Height;
    }

    private void Chart(ChartBlock chart)
    {
        const float size = 13;
        var labelWidth = ContentWidth * 0.5f;
        var valueWidth = 34f;
        var barLeft = Margin + labelWidth + 6;
        var barWidth = ContentWidth - labelWidth - 6 - valueWidth;
        var rows = chart.Bars.Select(b => (Bar: b, Lines: Lines(b.Label, labelWidth, size, bold: false))).ToList();
        var rowHeights = rows.Select(r => Math.Max(r.Lines.Count * LineHeight(size), 20f) + 6).ToList();
        var height = LineHeight(size) + rowHeights.Sum() + LineHeight(size) + 6;
        if (_y + height > Bottom)
        {
            NewPage();
        }

        var top = _y;
        Add(c => DrawText(c, chart.Caption, Margin, top + (size * 1.05f), size, bold: true, Ink));
        var y = top + LineHeight(size) + 4;
        var chartTop = y;
        var gridBottom = chartTop + rowHeights.Sum();
        Add(c =>
        {
            using var grid = new SKPaint { Color = Rule, Style = SKPaintStyle.Stroke, StrokeWidth = 0.5f };
            foreach (var tick in Ticks)
            {
                var x = barLeft + (barWidth * tick / 100f);
                c.DrawLine(x, chartTop - 2, x, gridBottom, grid);
                var label = tick.ToString(System.Globalization.CultureInfo.InvariantCulture);
                DrawText(c, label, x - (Measure(label, 11, bold: false) / 2), gridBottom + 12, 11, bold: false, Rule);
            }
        });
        for (var i = 0; i < rows.Count; i++)
        {
            var (bar, lines) = rows[i];
            var rowTop = y;
            var rowHeight = rowHeights[i];
            Add(c =>
            {
                for (var l = 0; l < lines.Count; l++)
                {
                    DrawText(c, lines[l], Margin, rowTop + (l * LineHeight(size)) + (size * 1.05f), size, bold: false, Ink);
                }

                var barTop = rowTop + 2;
                using var track = new SKPaint { Color = Track, Style = SKPaintStyle.Fill };
                c.DrawRect(new SKRect(barLeft, barTop, barLeft + barWidth, barTop + 14), track);
                var value = bar.Value is { } v ? ReportText.Num(v) : "-";
                if (bar.Value is { } score)
                {
                    using var fill = new SKPaint { Color = Bar, Style = SKPaintStyle.Fill };
                    c.DrawRect(new SKRect(barLeft, barTop, barLeft + (barWidth * (float)Math.Clamp(score, 0, 100) / 100), barTop + 14), fill);
                }

                DrawText(c, value, barLeft + barWidth + valueWidth - Measure(value, size, bold: true), barTop + 12, size, bold: true, Ink);
            });
            y += rowHeight;
        }

        var chartBottom = y;
        _y = chartBottom + LineHeight(size) + 6;
    }

    /// <summary>
    /// A grouped bar chart: a legend (this round, the earlier round), then for each dimension its label and two bars,
    /// this round's above the earlier round's, each with its value; kept on one page.
    /// </summary>
    private void ComparisonChart(ComparisonChartBlock chart)
    {
        const float size = 13;
        const float barHeight = 10;
        var labelWidth = ContentWidth * 0.45f;
        var valueWidth = 34f;
        var barLeft = Margin + labelWidth + 6;
        var barWidth = ContentWidth - labelWidth - 6 - valueWidth;
        var rows = chart.Bars.Select(b => (Bar: b, Lines: Lines(b.Label, labelWidth, size, bold: false))).ToList();
        var rowHeights = rows.Select(r => Math.Max(r.Lines.Count * LineHeight(size), (2 * barHeight) + 6) + 8).ToList();
        var height = (2 * LineHeight(size)) + rowHeights.Sum() + LineHeight(size) + 10;
        if (_y + height > Bottom)
        {
            NewPage();
        }

        var top = _y;
        Add(c => DrawText(c, chart.Caption, Margin, top + (size * 1.05f), size, bold: true, Ink));
        var legendTop = top + LineHeight(size);
        Add(c =>
        {
            var x = Margin;
            foreach (var (label, color) in new[] { (chart.CurrentLabel, Bar), (chart.PreviousLabel, PreviousBar) })
            {
                using var fill = new SKPaint { Color = color, Style = SKPaintStyle.Fill };
                c.DrawRect(new SKRect(x, legendTop + 4, x + 14, legendTop + 14), fill);
                DrawText(c, label, x + 18, legendTop + (size * 1.05f), size, bold: false, Ink);
                x += 18 + Measure(label, size, bold: false) + 24;
            }
        });
        var chartTop = legendTop + LineHeight(size) + 4;
        var gridBottom = chartTop + rowHeights.Sum();
        Add(c =>
        {
            using var grid = new SKPaint { Color = Rule, Style = SKPaintStyle.Stroke, StrokeWidth = 0.5f };
            foreach (var tick in Ticks)
            {
                var x = barLeft + (barWidth * tick / 100f);
                c.DrawLine(x, chartTop - 2, x, gridBottom, grid);
                var label = tick.ToString(System.Globalization.CultureInfo.InvariantCulture);
                DrawText(c, label, x - (Measure(label, 11, bold: false) / 2), gridBottom + 12, 11, bold: false, Rule);
            }
        });
        var y = chartTop;
        for (var i = 0; i < rows.Count; i++)
        {
            var (bar, lines) = rows[i];
            var rowTop = y;
            Add(c =>
            {
                for (var l = 0; l < lines.Count; l++)
                {
                    DrawText(c, lines[l], Margin, rowTop + (l * LineHeight(size)) + (size * 1.05f), size, bold: false, Ink);
                }

                var pairs = new[] { (Value: bar.Current, Color: Bar, Bold: true), (Value: bar.Previous, Color: PreviousBar, Bold: false) };
                for (var k = 0; k < pairs.Length; k++)
                {
                    var barTop = rowTop + 2 + (k * (barHeight + 3));
                    using var track = new SKPaint { Color = Track, Style = SKPaintStyle.Fill };
                    c.DrawRect(new SKRect(barLeft, barTop, barLeft + barWidth, barTop + barHeight), track);
                    if (pairs[k].Value is { } score)
                    {
                        using var fill = new SKPaint { Color = pairs[k].Color, Style = SKPaintStyle.Fill };
                        c.DrawRect(new SKRect(barLeft, barTop, barLeft + (barWidth * (float)Math.Clamp(score, 0, 100) / 100), barTop + barHeight), fill);
                    }

                    var value = pairs[k].Value is { } v ? ReportText.Num(v) : "-";
                    DrawText(c, value, barLeft + barWidth + valueWidth - Measure(value, 11, pairs[k].Bold), barTop + 9, 11, pairs[k].Bold, Ink);
                }
            });
            y += rowHeights[i];
        }

        _y = y + LineHeight(size) + 6;
    }

    private void DrawText(SKCanvas canvas, string text, float x, float baseline, float size, bool bold, SKColor color)
    {
        if (text.Length == 0)
        {
            return;
        }

        var run = (bold ? _boldShaper : _regularShaper).Shape(text, size);
        using var font = new SKFont(bold ? _bold : _regular, size) { Subpixel = true, Edging = SKFontEdging.Antialias };
        using var builder = new SKTextBlobBuilder();
        // Glyphs, positions, and the text with its clusters: Skia writes the text into the PDF (ActualText where
        // glyphs and characters do not map one to one), so copying or pdftotext gives back the Thai as written.
        var buffer = builder.AllocatePositionedTextRun(font, run.Glyphs.Length, run.Utf8.Length, null);
        buffer.SetGlyphs(run.Glyphs);
        buffer.SetPositions(run.Positions);
        buffer.SetText(run.Utf8);
        buffer.SetClusters(run.Clusters);
        using var blob = builder.Build();
        using var paint = new SKPaint { Color = color, IsAntialias = true };
        if (blob is not null)
        {
            canvas.DrawText(blob, x, baseline, paint);
        }
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^(- |[0-9๐-๙]+\) )")]
    private static partial System.Text.RegularExpressions.Regex ItemMarker();

    private sealed record LaidRow(List<string>[] Lines, float Height, bool Bold, float IndentFirst);
}
