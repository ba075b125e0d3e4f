using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;
using A = DocumentFormat.OpenXml.Drawing;
using DW = DocumentFormat.OpenXml.Drawing.Wordprocessing;
using PIC = DocumentFormat.OpenXml.Drawing.Pictures;

namespace DgBot.Core.Reports.Documents;

/// <summary>
/// Writes a <see cref="ReportDocument"/> as an editable Word file with the Open XML SDK: the title in Heading 1,
/// sections in Heading 2, text in Normal, the score table as a real table (its header row repeats on each page),
/// A4 with 2.5 cm margins. Runs ask for "TH Sarabun New" (the usual font of Thai official documents) and are marked
/// Thai (w:lang th-TH, also as the complex-script language); the fonts table names Laksaman as its alternative and
/// carries Laksaman itself, embedded (obfuscated as Word embeds fonts), so the file looks right where TH Sarabun New is
/// not installed. The chart is the PDF's chart as a picture, followed by a table of the dimensions with their scores
/// (which stays editable and readable by screen readers).
/// </summary>
public static class DocxReportWriter
{
    private const string Font = ReportFonts.PreferredFamily;
    private const string Thai = "th-TH";

    public static void Write(ReportDocument document, Stream output)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(output);
        using var word = WordprocessingDocument.Create(output, WordprocessingDocumentType.Document);
        var main = word.AddMainDocumentPart();
        word.PackageProperties.Title = document.Title;
        word.PackageProperties.Creator = "DgBot";
        word.PackageProperties.Language = Thai;
        AddStyles(main);
        AddFonts(main);
        var settings = main.AddNewPart<DocumentSettingsPart>();
        settings.Settings = new Settings(new EmbedTrueTypeFonts(), new SaveSubsetFonts { Val = false }, new ThemeFontLanguages { Val = Thai, Bidi = Thai });

        var body = new Body();
        body.Append(Para(document.Title, "Heading1"));
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    body.Append(Para(h.Text, "Heading2"));
                    break;
                case ParagraphBlock p:
                    var para = Para(p.Text, "Normal", p.Bold);
                    if (p.Level > 0)
                    {
                        para.ParagraphProperties!.Append(new Indentation { Left = (p.Level * 360).ToString(System.Globalization.CultureInfo.InvariantCulture) });
                    }

                    body.Append(para);
                    break;
                case TableBlock t:
                    body.Append(Table(t.Header, t.Rows, t.Widths));
                    body.Append(Para(string.Empty, "Normal"));
                    break;
                case ChartBlock c:
                    body.Append(Picture(main, writer => writer.ChartPng(c), c.Caption));
                    body.Append(Para(c.Caption, "Normal", bold: true));
                    body.Append(Table(
                        ["มิติ", "คะแนน"],
                        c.Bars.Select(b => new TableRow([b.Label, ProvinceDocument.Figure(b.Value)], Emphasis: false)).ToArray(),
                        [5.2f, 1f]));
                    break;
                case ComparisonChartBlock c:
                    // The grouped chart as the PDF draws it, then its figures as an editable table.
                    body.Append(Picture(main, writer => writer.ChartPng(c), c.Caption));
                    body.Append(Para(c.Caption, "Normal", bold: true));
                    body.Append(Table(
                        [ReportText.Phrase("docDimension"), c.CurrentLabel, c.PreviousLabel, c.ChangeHeader],
                        c.Bars.Select(b => new TableRow([b.Label, ProvinceDocument.Figure(b.Current), ProvinceDocument.Figure(b.Previous), ProvinceDocument.Change(b.Change)], Emphasis: false)).ToArray(),
                        [3.6f, 1f, 1f, 1.5f]));
                    break;
            }
        }

        body.Append(new SectionProperties(
            new PageSize { Width = 11906, Height = 16838 },
            new PageMargin { Top = 1418, Bottom = 1418, Left = 1418, Right = 1418, Header = 708, Footer = 708, Gutter = 0 }));
        main.Document = new Document(body);
        main.Document.Save();
    }

    /// <summary>The chart drawn as in the PDF, as an inline PNG picture the width of the text.</summary>
    private static Paragraph Picture(MainDocumentPart main, Func<PdfReportWriter, byte[]> draw, string description)
    {
        byte[] png;
        using (var writer = new PdfReportWriter())
        {
            png = draw(writer);
        }

        var part = main.AddImagePart(ImagePartType.Png);
        using (var stream = new MemoryStream(png))
        {
            part.FeedData(stream);
        }

        var info = SkiaSharp.SKBitmap.DecodeBounds(png);
        const long emuPerPoint = 12700;
        var cx = (long)(PdfReportWriter.ChartWidth * emuPerPoint);
        var cy = cx * info.Height / info.Width;
        var id = main.GetIdOfPart(part);
        var inline = new DW.Inline(
            new DW.Extent { Cx = cx, Cy = cy },
            new DW.EffectExtent { LeftEdge = 0, TopEdge = 0, RightEdge = 0, BottomEdge = 0 },
            new DW.DocProperties { Id = (uint)main.ImageParts.Count(), Name = "Chart", Description = description },
            new DW.NonVisualGraphicFrameDrawingProperties(new A.GraphicFrameLocks { NoChangeAspect = true }),
            new A.Graphic(new A.GraphicData(
                new PIC.Picture(
                    new PIC.NonVisualPictureProperties(
                        new PIC.NonVisualDrawingProperties { Id = 0U, Name = "chart.png" },
                        new PIC.NonVisualPictureDrawingProperties()),
                    new PIC.BlipFill(new A.Blip { Embed = id }, new A.Stretch(new A.FillRectangle())),
                    new PIC.ShapeProperties(
                        new A.Transform2D(new A.Offset { X = 0, Y = 0 }, new A.Extents { Cx = cx, Cy = cy }),
                        new A.PresetGeometry(new A.AdjustValueList()) { Preset = A.ShapeTypeValues.Rectangle })))
            { Uri = "http://schemas.openxmlformats.org/drawingml/2006/picture" }))
        {
            DistanceFromTop = 0U,
            DistanceFromBottom = 0U,
            DistanceFromLeft = 0U,
            DistanceFromRight = 0U,
        };
        return new Paragraph(new ParagraphProperties(new ParagraphStyleId { Val = "Normal" }, new KeepNext()), new Run(new RunProperties(new Languages { Val = Thai, Bidi = Thai, EastAsia = Thai }), new Drawing(inline)));
    }

    private static Paragraph Para(string text, string style, bool bold = false) =>
        new(new ParagraphProperties(new ParagraphStyleId { Val = style }), Run(text, bold));

    private static Run Run(string text, bool bold)
    {
        var props = new RunProperties();
        if (bold)
        {
            props.Append(new Bold(), new BoldComplexScript());
        }

        props.Append(new Languages { Val = Thai, Bidi = Thai, EastAsia = Thai });
        return new Run(props, new Text(text) { Space = SpaceProcessingModeValues.Preserve });
    }

    private static Table Table(IReadOnlyList<string> header, IReadOnlyList<TableRow> rows, IReadOnlyList<float> widths)
    {
        const int totalTwips = 11906 - (2 * 1418);
        var total = widths.Sum();
        var twips = widths.Select(w => (int)(totalTwips * w / total)).ToArray();
        var border = new EnumValue<BorderValues>(BorderValues.Single);
        var table = new Table(new TableProperties(
            new TableStyle { Val = "TableGrid" },
            new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" },
            new TableBorders(
                new TopBorder { Val = border, Size = 4 },
                new LeftBorder { Val = border, Size = 4 },
                new BottomBorder { Val = border, Size = 4 },
                new RightBorder { Val = border, Size = 4 },
                new InsideHorizontalBorder { Val = border, Size = 4 },
                new InsideVerticalBorder { Val = border, Size = 4 })));
        table.Append(new TableGrid(twips.Select(w => new GridColumn { Width = w.ToString(System.Globalization.CultureInfo.InvariantCulture) })));
        table.Append(Row(header, twips, bold: true, shade: "DDE3EA", isHeader: true, indent: false));
        foreach (var row in rows)
        {
            table.Append(Row(row.Cells, twips, row.Emphasis, row.Emphasis ? "F1F3F5" : null, isHeader: false, indent: !row.Emphasis));
        }

        return table;
    }

    private static DocumentFormat.OpenXml.Wordprocessing.TableRow Row(IReadOnlyList<string> cells, int[] twips, bool bold, string? shade, bool isHeader, bool indent)
    {
        var row = new DocumentFormat.OpenXml.Wordprocessing.TableRow();
        if (isHeader)
        {
            // Word repeats this row at the top of each page the table runs onto.
            row.Append(new TableRowProperties(new TableHeader(), new CantSplit()));
        }
        else
        {
            row.Append(new TableRowProperties(new CantSplit()));
        }

        for (var i = 0; i < cells.Count; i++)
        {
            var cellProps = new TableCellProperties(new TableCellWidth { Type = TableWidthUnitValues.Dxa, Width = twips[i].ToString(System.Globalization.CultureInfo.InvariantCulture) });
            if (shade is not null)
            {
                cellProps.Append(new Shading { Val = ShadingPatternValues.Clear, Color = "auto", Fill = shade });
            }

            var para = Para(cells[i], "Normal", bold);
            para.ParagraphProperties!.Append(new SpacingBetweenLines { After = "0" });
            if (i > 0)
            {
                para.ParagraphProperties.Append(new Justification { Val = JustificationValues.Right });
            }
            else if (indent)
            {
                para.ParagraphProperties.Append(new Indentation { Left = "240" });
            }

            row.Append(new TableCell(cellProps, para));
        }

        return row;
    }

    private static void AddStyles(MainDocumentPart main)
    {
        var part = main.AddNewPart<StyleDefinitionsPart>();
        // Children in the schema's order (rFonts, b, bCs, sz, szCs, lang): Word rejects them otherwise.
        static OpenXmlElement[] Fonts(int halfPoints, bool bold)
        {
            var size = halfPoints.ToString(System.Globalization.CultureInfo.InvariantCulture);
            var props = new List<OpenXmlElement> { new RunFonts { Ascii = Font, HighAnsi = Font, ComplexScript = Font, EastAsia = Font } };
            if (bold)
            {
                props.Add(new Bold());
                props.Add(new BoldComplexScript());
            }

            props.Add(new FontSize { Val = size });
            props.Add(new FontSizeComplexScript { Val = size });
            props.Add(new Languages { Val = Thai, Bidi = Thai, EastAsia = Thai });
            return [.. props];
        }

        part.Styles = new Styles(
            new DocDefaults(
                new RunPropertiesDefault(new RunPropertiesBaseStyle(Fonts(32, bold: false))),
                new ParagraphPropertiesDefault(new ParagraphPropertiesBaseStyle(new SpacingBetweenLines { After = "120", Line = "240", LineRule = LineSpacingRuleValues.Auto }))),
            new Style(new StyleName { Val = "Normal" }, new PrimaryStyle(), new StyleRunProperties(Fonts(32, bold: false))) { Type = StyleValues.Paragraph, StyleId = "Normal", Default = true },
            new Style(
                new StyleName { Val = "heading 1" },
                new BasedOn { Val = "Normal" },
                new NextParagraphStyle { Val = "Normal" },
                new PrimaryStyle(),
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { After = "240" }, new Justification { Val = JustificationValues.Center }, new OutlineLevel { Val = 0 }),
                new StyleRunProperties(Fonts(40, bold: true))) { Type = StyleValues.Paragraph, StyleId = "Heading1" },
            new Style(
                new StyleName { Val = "heading 2" },
                new BasedOn { Val = "Normal" },
                new NextParagraphStyle { Val = "Normal" },
                new PrimaryStyle(),
                new StyleParagraphProperties(new KeepNext(), new SpacingBetweenLines { Before = "200", After = "80" }, new OutlineLevel { Val = 1 }),
                new StyleRunProperties(Fonts(34, bold: true))) { Type = StyleValues.Paragraph, StyleId = "Heading2" },
            new Style(new StyleName { Val = "Table Grid" }, new BasedOn { Val = "TableNormal" }) { Type = StyleValues.Table, StyleId = "TableGrid" });
        part.Styles.Save();
    }

    /// <summary>The fonts table: TH Sarabun New (Laksaman as its alternative) and Laksaman, embedded regular and bold.</summary>
    private static void AddFonts(MainDocumentPart main)
    {
        var part = main.AddNewPart<FontTablePart>();
        var laksaman = new DocumentFormat.OpenXml.Wordprocessing.Font(
            new FontCharSet { Val = "DE" },
            new FontFamily { Val = FontFamilyValues.Auto },
            new Pitch { Val = FontPitchValues.Variable });
        laksaman.Name = ReportFonts.FallbackFamily;
        laksaman.Append(Embedded<EmbedRegularFont>(part, ReportFonts.RegularFile));
        laksaman.Append(Embedded<EmbedBoldFont>(part, ReportFonts.BoldFile));
        var preferred = new DocumentFormat.OpenXml.Wordprocessing.Font(
            new AltName { Val = ReportFonts.FallbackFamily },
            new FontCharSet { Val = "DE" },
            new FontFamily { Val = FontFamilyValues.Auto },
            new Pitch { Val = FontPitchValues.Variable }) { Name = Font };
        part.Fonts = new Fonts(preferred, laksaman);
        part.Fonts.Save();
    }

    /// <summary>
    /// Embeds a font file as Word does (ECMA-376 Part 1, 17.8.1): an obfuscated font part whose first 32 bytes are
    /// XORed with the font key, a GUID read as 16 bytes in reverse order.
    /// </summary>
    private static T Embedded<T>(FontTablePart table, string file)
        where T : FontRelationshipType, new()
    {
        var key = Guid.NewGuid();
        var bytes = ReportFonts.Bytes(file);
        var keyBytes = Convert.FromHexString(key.ToString("N")).Reverse().ToArray();
        for (var i = 0; i < 32; i++)
        {
            bytes[i] ^= keyBytes[i % 16];
        }

        var part = table.AddFontPart(FontPartType.FontOdttf);
        using (var stream = new MemoryStream(bytes))
        {
            part.FeedData(stream);
        }

        return new T { Id = table.GetIdOfPart(part), FontKey = key.ToString("B").ToUpperInvariant() };
    }
}
