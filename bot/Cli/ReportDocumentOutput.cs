using DgBot.Core.Reports.Documents;

namespace DgBot.Bot.Cli;

/// <summary>
/// Writes a report document as PDF or Word to the file named by <c>--out</c>. Binary output never goes to the
/// terminal, and an existing file is only replaced with <c>--force</c>.
/// </summary>
internal static class ReportDocumentOutput
{
    public static bool IsDocument(string format) =>
        format.Equals("pdf", StringComparison.OrdinalIgnoreCase) || format.Equals("docx", StringComparison.OrdinalIgnoreCase);

    /// <summary>Null when <paramref name="outPath"/> can be written for <paramref name="format"/>; else why not.</summary>
    public static string? Refusal(string format, string? outPath, bool force)
    {
        if (string.IsNullOrWhiteSpace(outPath))
        {
            return $"--format {format.ToLowerInvariant()} needs --out FILE (a binary file is not written to the terminal)";
        }

        return OutputFile.Refusal(outPath, force);
    }

    /// <summary>Writes the file (see <see cref="OutputFile"/>); returns a line for the terminal.</summary>
    /// <exception cref="CliInputException">The file cannot be written.</exception>
    public static string Write(ReportDocument document, string format, string outPath)
    {
        var detail = OutputFile.Write(outPath, file =>
        {
            if (format.Equals("pdf", StringComparison.OrdinalIgnoreCase))
            {
                using var writer = new PdfReportWriter();
                var pages = writer.Write(document, file);
                return pages + (pages == 1 ? " page" : " pages");
            }

            DocxReportWriter.Write(document, file);
            return "Word document";
        });
        return $"Wrote {outPath} ({detail})";
    }
}
