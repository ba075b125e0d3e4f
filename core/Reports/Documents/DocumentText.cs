using System.Text;

namespace DgBot.Core.Reports.Documents;

/// <summary>A <see cref="ReportDocument"/> as plain text for the terminal (the table as aligned columns, the chart as text bars).</summary>
public static class DocumentText
{
    public static string Render(ReportDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var sb = new StringBuilder();
        sb.AppendLine(document.Title);
        foreach (var block in document.Blocks)
        {
            switch (block)
            {
                case HeadingBlock h:
                    sb.AppendLine();
                    sb.AppendLine(h.Text);
                    break;
                case ParagraphBlock p:
                    sb.Append(new string(' ', p.Level * 2)).AppendLine(p.Text);
                    break;
                case TableBlock t:
                    foreach (var row in t.Rows)
                    {
                        var name = (row.Emphasis ? string.Empty : "    ") + row.Cells[0];
                        sb.Append(name).Append("  ").AppendLine(string.Join("  ", row.Cells.Skip(1)));
                    }

                    break;
                case ChartBlock c:
                    sb.AppendLine(c.Caption);
                    foreach (var bar in c.Bars)
                    {
                        sb.AppendLine(bar.Value is { } v ? $"{ReportText.Bar(v)} {ReportText.Num(v)}  {bar.Label}" : $"-  {bar.Label}");
                    }

                    break;
                case ComparisonChartBlock c:
                    sb.AppendLine(c.Caption);
                    foreach (var bar in c.Bars)
                    {
                        sb.AppendLine(string.Join("  ", bar.Label, c.CurrentLabel + " " + ProvinceDocument.Figure(bar.Current), c.PreviousLabel + " " + ProvinceDocument.Figure(bar.Previous), "(" + ProvinceDocument.Change(bar.Change) + ")"));
                    }

                    break;
            }
        }

        return sb.ToString().TrimEnd();
    }
}
