using System.Diagnostics;
using System.Text;

namespace DgBot.Core.Tests.Reports.Documents;

/// <summary>Runs poppler's command-line tools (pdftotext, pdftoppm, pdffonts; installed by .ci/run) on a file.</summary>
internal static class Poppler
{
    public static string Run(string tool, params string[] args)
    {
        var start = new ProcessStartInfo(tool)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            UseShellExecute = false,
        };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException(tool + " did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(60_000))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException(tool + " took over a minute");
        }

        Assert.True(process.ExitCode == 0, $"{tool} exited {process.ExitCode}: {error.Result}");
        return output.Result;
    }

    /// <summary>The PDF's text, page by page (pdftotext puts a form feed between pages).</summary>
    public static string[] Pages(string pdf) =>
        Run("pdftotext", "-layout", "-enc", "UTF-8", pdf, "-").Split('\f').Where(p => p.Trim().Length > 0).ToArray();
}
