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

        if (File.Exists(outPath) && !force)
        {
            return $"{outPath} already exists; add --force to replace it";
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(outPath));
        return folder is not null && !Directory.Exists(folder) ? $"the folder of {outPath} does not exist" : null;
    }

    /// <summary>Writes the file (to a temporary name first, so a failed run leaves no half-written report); returns a line for the terminal.</summary>
    /// <exception cref="CliInputException">The file cannot be written.</exception>
    public static string Write(ReportDocument document, string format, string outPath)
    {
        var full = Path.GetFullPath(outPath);
        var temporary = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            string detail;
            // Read and write: the Open XML SDK reads back the package it is writing.
            using (var file = new FileStream(temporary, FileMode.CreateNew, FileAccess.ReadWrite))
            {
                if (format.Equals("pdf", StringComparison.OrdinalIgnoreCase))
                {
                    using var writer = new PdfReportWriter();
                    var pages = writer.Write(document, file);
                    detail = pages + (pages == 1 ? " page" : " pages");
                }
                else
                {
                    DocxReportWriter.Write(document, file);
                    detail = "Word document";
                }
            }

            File.Move(temporary, full, overwrite: true);
            return $"Wrote {outPath} ({detail})";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot write {outPath}: {ex.Message}");
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
