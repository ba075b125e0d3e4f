using System.CommandLine;
using DgBot.Bot.Cli;

namespace DgBot.Bot.Tests.Cli;

/// <summary>Runs `dgbot …` in-process through the real command registration, capturing stdout and stderr.</summary>
internal sealed class ScoreCliRunner : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dgbot-score-").FullName;

    public static string TestData(string name) => Path.Combine(AppContext.BaseDirectory, "TestData", name);

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = DgBotCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}
