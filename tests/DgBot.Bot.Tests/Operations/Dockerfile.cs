using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace DgBot.Bot.Tests.Operations;

/// <summary>The top-level Dockerfile, parsed into stages and instructions (line continuations joined).</summary>
internal sealed partial class Dockerfile
{
    private Dockerfile(string root, IReadOnlyList<Stage> stages, IReadOnlyList<string> ignore)
    {
        Root = root;
        Stages = stages;
        Ignore = ignore;
    }

    public string Root { get; }

    public IReadOnlyList<Stage> Stages { get; }

    /// <summary>The .dockerignore patterns.</summary>
    public IReadOnlyList<string> Ignore { get; }

    public Stage Build => Stages[0];

    public Stage Final => Stages[^1];

    public static Dockerfile Load()
    {
        var root = RepositoryRoot();
        var stages = new List<Stage>();
        var logical = new StringBuilder();
        foreach (var raw in File.ReadAllLines(Path.Combine(root, "Dockerfile")))
        {
            var line = raw.Trim();
            if (logical.Length == 0 && (line.Length == 0 || line.StartsWith('#')))
            {
                continue;
            }

            if (line.EndsWith('\\'))
            {
                logical.Append(line[..^1].Trim()).Append(' ');
                continue;
            }

            if (line.StartsWith('#'))
            {
                continue;
            }

            logical.Append(line);
            var text = logical.ToString().Trim();
            logical.Clear();
            var space = text.IndexOf(' ', StringComparison.Ordinal);
            var instruction = new Instruction(text[..space].ToUpperInvariant(), text[(space + 1)..].Trim());
            if (instruction.Keyword == "FROM")
            {
                stages.Add(new Stage(instruction.Arguments, []));
            }
            else
            {
                stages[^1].Instructions.Add(instruction);
            }
        }

        var ignoreFile = Path.Combine(root, ".dockerignore");
        var ignore = File.Exists(ignoreFile)
            ? File.ReadAllLines(ignoreFile).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList()
            : [];
        return new Dockerfile(root, stages, ignore);
    }

    /// <summary>True when the build context leaves this repository-relative path out.</summary>
    public bool IsIgnored(string relativePath)
    {
        var segments = relativePath.Replace('\\', '/').Split('/', StringSplitOptions.RemoveEmptyEntries);
        foreach (var pattern in Ignore)
        {
            if (pattern.StartsWith("**/", StringComparison.Ordinal))
            {
                var name = pattern[3..];
                if (segments.Any(s => Glob(name).IsMatch(s)))
                {
                    return true;
                }
            }
            else if (segments.Length > 0 && Glob(pattern).IsMatch(segments[0]))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>Splits the exec form (<c>["a", "b"]</c>) or the shell form of a command.</summary>
    public static string[] CommandWords(string text)
    {
        var trimmed = text.Trim();
        return trimmed.StartsWith('[')
            ? JsonSerializer.Deserialize<string[]>(trimmed)!
            : trimmed.Split(' ', StringSplitOptions.RemoveEmptyEntries);
    }

    /// <summary>Runs a process to the end and returns its exit code and combined output.</summary>
    public static (int ExitCode, string Output) Run(string fileName, IEnumerable<string> arguments, string workingDirectory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(fileName)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            return (-1, "timed out after " + timeout + "\n" + output);
        }

        process.WaitForExit();
        lock (output)
        {
            return (process.ExitCode, output.ToString());
        }
    }

    private static Regex Glob(string pattern) =>
        new("^" + Regex.Escape(pattern).Replace("\\*", "[^/]*", StringComparison.Ordinal).Replace("\\?", "[^/]", StringComparison.Ordinal) + "$");

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Dockerfile")) && File.Exists(Path.Combine(dir.FullName, "DgBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new FileNotFoundException("Dockerfile not found above " + AppContext.BaseDirectory);
    }

    internal sealed record Stage(string From, List<Instruction> Instructions)
    {
        public string Image => From.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];

        public IEnumerable<string> All(string keyword) => Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);
    }

    internal sealed record Instruction(string Keyword, string Arguments);
}
