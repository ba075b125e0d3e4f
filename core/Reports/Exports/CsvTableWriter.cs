using System.Globalization;
using CsvHelper;

namespace DgBot.Core.Reports.Exports;

/// <summary>
/// Writes an <see cref="ExportTable"/> as CSV (CsvHelper, RFC 4180 quoting): UTF-8 with a byte order mark, so Excel
/// opens the Thai text as Thai; numbers with invariant digits and a "." decimal point; empty cells for nulls.
/// </summary>
public static class CsvTableWriter
{
    public static void Write(ExportTable table, Stream stream)
    {
        ArgumentNullException.ThrowIfNull(table);
        var options = new CsvWriterOptions
        {
            WriteByteOrderMark = true,
            FormatProvider = CultureInfo.InvariantCulture,
            // Free text typed in chat must not run as a formula when the file is opened in a spreadsheet.
            Injection = CsvInjection.Escape,
        };
        using var csv = CsvWriter.Create(stream, options, leaveOpen: true);
        csv.WriteRecord(table.Headers.ToArray());
        foreach (var row in table.Rows)
        {
            foreach (var cell in row)
            {
                if (cell is double number)
                {
                    csv.WriteField(number, "R"); // a number, never escaped as a formula
                }
                else
                {
                    csv.WriteField(cell is null ? null : Format(cell));
                }
            }

            csv.EndRecord();
        }

        csv.Flush();
    }

    /// <summary>A cell as CSV text: a number in invariant digits ("R", so it reads back exactly), else the text.</summary>
    public static string Format(object? cell) => cell switch
    {
        null => string.Empty,
        double d => d.ToString("R", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => cell.ToString() ?? string.Empty,
    };
}
