using System.Diagnostics;
using System.Text;

namespace DgBot.Bot.Tests.ConsoleChannel;

/// <summary>How the console tests start the real <c>dotnet dgbot.dll chat</c>: no channel settings, its own SQLite file, UTF-8 both ways.</summary>
internal static class ChatStartInfo
{
    public static ProcessStartInfo Create(string folder, string dbPath, bool redirectError)
    {
        var utf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false);
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = redirectError,
            StandardInputEncoding = utf8,
            StandardOutputEncoding = utf8,
            StandardErrorEncoding = redirectError ? utf8 : null,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "dgbot.dll"));
        start.ArgumentList.Add("chat");
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("Telegram", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("Line", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("ConnectionStrings", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }

        start.Environment["ConnectionStrings__DgBot"] = "Data Source=" + dbPath;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        return start;
    }
}
