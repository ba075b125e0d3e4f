using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace DgBot.Core.Reports.Exports;

/// <summary>
/// Writes an <see cref="ExportTable"/> as an Excel workbook with the Open XML SDK (already used for the Word reports):
/// one sheet per table, a bold header row that stays in view (frozen first row), column widths from the longest text, numbers as
/// numeric cells and text as inline strings.
/// </summary>
public static class XlsxTableWriter
{
    private const uint HeaderStyle = 1;

    public static void Write(ExportTable table, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(table);
        Write([table], stream);
    }

    /// <summary>A workbook of several sheets, one table each, in order (the first one selected).</summary>
    public static void Write(IReadOnlyList<ExportTable> tables, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(tables);
        using var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook);

        // Fast deflate: the national answers sheet is ~150 MB of XML, and Normal spent seconds on a few MB less.
        document.CompressionOption = System.IO.Packaging.CompressionOption.Fast;
        var workbook = document.AddWorkbookPart();
        workbook.Workbook = new Workbook();
        var styles = workbook.AddNewPart<WorkbookStylesPart>();
        styles.Stylesheet = Stylesheet();
        var sheets = workbook.Workbook.AppendChild(new Sheets());
        uint sheetId = 1;
        foreach (var table in tables)
        {
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            WriteWorksheet(sheetPart, table, selected: sheetId == 1);
            sheets.Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = sheetId++, Name = table.SheetName });
        }

        workbook.Workbook.Save();
    }

    /// <summary>
    /// Streams the sheet with <see cref="OpenXmlWriter"/>, row by row and cell by cell: a national answers export has
    /// about 1.6 million cells, which as one document tree took a minute and 2.5 GiB.
    /// </summary>
    private static void WriteWorksheet(WorksheetPart part, ExportTable table, bool selected)
    {
        var view = new SheetView { WorkbookViewId = 0, TabSelected = selected };
        view.Append(new Pane { VerticalSplit = 1, TopLeftCell = "A2", ActivePane = PaneValues.BottomLeft, State = PaneStateValues.Frozen });
        view.Append(new Selection { Pane = PaneValues.BottomLeft, ActiveCell = "A2", SequenceOfReferences = new ListValue<StringValue> { InnerText = "A2" } });
        var width = Math.Max(table.Headers.Count, table.Rows.Count == 0 ? 0 : table.Rows.Max(r => r.Count));
        var columns = Enumerable.Range(0, width).Select(ColumnName).ToArray();
        using var writer = OpenXmlWriter.Create(part);
        writer.WriteStartElement(new Worksheet());
        writer.WriteElement(new SheetViews(view));
        writer.WriteElement(Columns(table));
        writer.WriteStartElement(new SheetData());
        WriteRow(writer, 1, table.Headers.Cast<object?>().ToList(), columns, HeaderStyle);
        uint index = 2;
        foreach (var row in table.Rows)
        {
            WriteRow(writer, index++, row, columns, style: null);
        }

        writer.WriteEndElement();
        writer.WriteEndElement();
    }

    /// <summary>The column name of a 0-based index: A, B, …, Z, AA, ….</summary>
    public static string ColumnName(int index)
    {
        var name = string.Empty;
        for (var n = index + 1; n > 0; n = (n - 1) / 26)
        {
            name = (char)('A' + ((n - 1) % 26)) + name;
        }

        return name;
    }

    // The writer only reads an element's name from these: one instance each serves every cell.
    private static readonly Row RowElement = new();
    private static readonly Cell CellElement = new();
    private static readonly CellValue ValueElement = new();
    private static readonly InlineString InlineElement = new();
    private static readonly Text TextElement = new();
    private static readonly OpenXmlAttribute[] PreserveSpace = [new("xml", "space", "http://www.w3.org/XML/1998/namespace", "preserve")];

    private static void WriteRow(OpenXmlWriter writer, uint index, IReadOnlyList<object?> cells, string[] columns, uint? style)
    {
        var number = index.ToString(System.Globalization.CultureInfo.InvariantCulture);
        writer.WriteStartElement(RowElement, [new OpenXmlAttribute("r", string.Empty, number)]);
        var styleText = style?.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var attributes = new List<OpenXmlAttribute>(3);
        for (var i = 0; i < cells.Count; i++)
        {
            attributes.Clear();
            attributes.Add(new OpenXmlAttribute("r", string.Empty, columns[i] + number));
            if (styleText is not null)
            {
                attributes.Add(new OpenXmlAttribute("s", string.Empty, styleText));
            }

            switch (cells[i])
            {
                case null:
                    writer.WriteStartElement(CellElement, attributes);
                    break;
                case double d:
                    attributes.Add(new OpenXmlAttribute("t", string.Empty, "n"));
                    writer.WriteStartElement(CellElement, attributes);
                    writer.WriteStartElement(ValueElement);
                    writer.WriteString(d.ToString("R", System.Globalization.CultureInfo.InvariantCulture));
                    writer.WriteEndElement();
                    break;
                case var other:
                    attributes.Add(new OpenXmlAttribute("t", string.Empty, "inlineStr"));
                    writer.WriteStartElement(CellElement, attributes);
                    writer.WriteStartElement(InlineElement);
                    writer.WriteStartElement(TextElement, PreserveSpace);
                    writer.WriteString(CsvTableWriter.Format(other));
                    writer.WriteEndElement();
                    writer.WriteEndElement();
                    break;
            }

            writer.WriteEndElement();
        }

        writer.WriteEndElement();
    }

    /// <summary>Widths from the longest cell of each column (in characters, between 8 and 60).</summary>
    private static Columns Columns(ExportTable table)
    {
        var columns = new Columns();
        for (var i = 0; i < table.Headers.Count; i++)
        {
            var longest = table.Rows.Select(r => i < r.Count ? CsvTableWriter.Format(r[i]).Length : 0).Append(table.Headers[i].Length).Max();
            var width = Math.Clamp(longest + 2, 8, 60);
            columns.Append(new Column { Min = (uint)(i + 1), Max = (uint)(i + 1), Width = width, CustomWidth = true });
        }

        return columns;
    }

    private static Stylesheet Stylesheet() => new(
        new Fonts(new Font(), new Font(new Bold())) { Count = 2 },
        new Fills(new Fill(new PatternFill { PatternType = PatternValues.None }), new Fill(new PatternFill { PatternType = PatternValues.Gray125 })) { Count = 2 },
        new Borders(new Border()) { Count = 1 },
        new CellFormats(new CellFormat(), new CellFormat { FontId = 1, ApplyFont = true }) { Count = 2 });
}
