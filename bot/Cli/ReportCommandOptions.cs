using System.CommandLine;
using DgBot.Core.Conversation;
using DgBot.Core.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DgBot.Bot.Cli;

/// <summary>
/// What the <c>dgbot report province|agency|national</c> commands share: the <c>--round</c>, <c>--format</c>,
/// <c>--out</c> and <c>--force</c> options, their checks (a binary format needs <c>--out</c>, exit 2; an existing file
/// needs <c>--force</c>, exit 1), and a host with the results services.
/// </summary>
/// <param name="commandName">"report province", for the error lines.</param>
/// <param name="formats">The accepted formats, the first the default.</param>
/// <param name="fileFormats">The formats that are only written to <c>--out</c>.</param>
/// <param name="textToFile">Whether text and JSON go to <c>--out</c> too when it is given (else <c>--out</c> is for the file formats only).</param>
internal sealed class ReportCommandOptions(string commandName, string[] formats, string[] fileFormats, bool textToFile = false)
{
    public Option<string?> Round { get; } = new("--round") { Description = "The round's name (default: the open round, else the newest)" };

    public Option<string> Format { get; } = new("--format")
    {
        Description = $"{string.Join(" | ", formats)} ({string.Join(" and ", fileFormats)} need --out)",
        DefaultValueFactory = _ => formats[0],
    };

    public Option<string?> Output { get; } = new("--out") { Description = $"The file to write (needed for {string.Join(" and ", fileFormats)})", HelpName = "FILE" };

    public Option<bool> Force { get; } = new("--force") { Description = "Replace --out if it exists" };

    /// <summary>Adds the four options to <paramref name="command"/>.</summary>
    public void AddTo(Command command)
    {
        ArgumentNullException.ThrowIfNull(command);
        command.Options.Add(Round);
        command.Options.Add(Format);
        command.Options.Add(Output);
        command.Options.Add(Force);
    }

    /// <summary>The chosen format, trimmed and lower case.</summary>
    public string ChosenFormat(ParseResult parse) => (parse?.GetValue(Format) ?? formats[0]).Trim().ToLowerInvariant();

    /// <summary>Whether the chosen format goes to the <c>--out</c> file.</summary>
    public bool WritesFile(ParseResult parse) =>
        fileFormats.Contains(ChosenFormat(parse)) || (textToFile && !string.IsNullOrWhiteSpace(parse?.GetValue(Output)));

    /// <summary>Null when the options can be acted on; else the exit code, after a line on standard error saying why.</summary>
    public async Task<int?> RefuseAsync(ParseResult parse)
    {
        ArgumentNullException.ThrowIfNull(parse);
        var stderr = parse.InvocationConfiguration.Error;
        var chosen = ChosenFormat(parse);
        if (!formats.Contains(chosen))
        {
            await stderr.WriteLineAsync($"dgbot {commandName}: --format must be one of {string.Join(", ", formats)}, not \"{chosen}\"").ConfigureAwait(false);
            return 2;
        }

        var outPath = parse.GetValue(Output);
        if (fileFormats.Contains(chosen) && string.IsNullOrWhiteSpace(outPath))
        {
            await stderr.WriteLineAsync($"dgbot {commandName}: --format {chosen} needs --out FILE (a binary file is not written to the terminal)").ConfigureAwait(false);
            return 2;
        }

        if (WritesFile(parse) && OutputFile.Refusal(outPath!, parse.GetValue(Force)) is { } refusal)
        {
            await stderr.WriteLineAsync($"dgbot {commandName}: " + refusal).ConfigureAwait(false);
            return 1;
        }

        return null;
    }

    /// <summary>A command-line host with the survey catalog, the results options and <see cref="ResultsService"/>, plus <paramref name="services"/>.</summary>
    public static Task<IHost> StartHostAsync(Action<IServiceCollection>? services, CancellationToken cancellationToken) =>
        CliHost.StartAsync(
            b =>
            {
                b.Services.AddSingleton(_ => SurveyCatalog.BuiltIn());
                b.Services.AddOptions<ResultsOptions>().BindConfiguration(ResultsOptions.Section).ValidateDataAnnotations();
                b.Services.AddScoped<ResultsService>();
                services?.Invoke(b.Services);
            },
            cancellationToken);
}
