using System.Globalization;
using System.Text;

namespace DgBot.Bot.Cli;

/// <summary>
/// A plain-text table whose columns line up on a terminal, also for Thai: above/below vowels and tone marks
/// (non-spacing marks) take no column of their own.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> rows = [];

    /// <summary>Writes a whole table at once.</summary>
    public static async Task WriteAsync(TextWriter output, string[] headers, IEnumerable<string[]> rows)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(rows);
        var table = new TextTable(headers);
        foreach (var row in rows)
        {
            table.Add(row);
        }

        await output.WriteAsync(table.Render()).ConfigureAwait(false);
    }

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException("One cell per column.", nameof(cells));
        }

        rows.Add(cells);
    }

    public static int DisplayWidth(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var width = 0;
        foreach (var c in text)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (category is not (UnicodeCategory.NonSpacingMark or UnicodeCategory.EnclosingMark or UnicodeCategory.Format))
            {
                width++;
            }
        }

        return width;
    }

    public string Render()
    {
        var widths = headers.Select(DisplayWidth).ToArray();
        foreach (var row in rows)
        {
            for (var i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], DisplayWidth(row[i]));
            }
        }

        var sb = new StringBuilder();
        AppendRow(sb, headers, widths);
        AppendRow(sb, widths.Select(w => new string('-', w)).ToArray(), widths);
        foreach (var row in rows)
        {
            AppendRow(sb, row, widths);
        }

        return sb.ToString();
    }

    private static void AppendRow(StringBuilder sb, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            if (i > 0)
            {
                line.Append("  ");
            }

            line.Append(cells[i]);
            line.Append(' ', widths[i] - DisplayWidth(cells[i]));
        }

        sb.Append(line.ToString().TrimEnd()).Append('\n');
    }
}
