using System.Diagnostics;
using System.Text;

namespace DgBot.TestDoubles.Documents;

/// <summary>The text of a PDF through poppler's pdftotext (installed by .ci/run), for tests of the reports a channel or command sends.</summary>
public static class PdfText
{
    /// <summary>The text with all white space removed: Thai wraps anywhere and poppler adds spaces beside some marks.</summary>
    public static string Compact(byte[] pdf)
    {
        ArgumentNullException.ThrowIfNull(pdf);
        var file = Path.Combine(Path.GetTempPath(), $"dgbot-pdf-{Guid.NewGuid():N}.pdf");
        File.WriteAllBytes(file, pdf);
        try
        {
            return Compact(file);
        }
        finally
        {
            File.Delete(file);
        }
    }

    /// <inheritdoc cref="Compact(byte[])"/>
    public static string Compact(string pdfPath)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, RedirectStandardError = true, StandardOutputEncoding = Encoding.UTF8, UseShellExecute = false };
        foreach (var arg in new[] { "-enc", "UTF-8", pdfPath, "-" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("pdftotext did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("pdftotext took over a minute");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"pdftotext exited {process.ExitCode}: {error.Result}");
        }

        return WithoutSpace(output.Result);
    }

    /// <summary><paramref name="text"/> without white space, to compare with <see cref="Compact(string)"/>.</summary>
    public static string WithoutSpace(string text) => string.Concat((text ?? string.Empty).Where(c => !char.IsWhiteSpace(c)));
}
