using System.CommandLine;
using DgBot.Core.Access;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports;
using DgBot.Core.Reports.Documents;
using DgBot.Core.Reports.Exports;
using DgBot.Core.Reports.National;

namespace DgBot.Bot.Cli;

/// <summary>
/// <c>dgbot report national --round R [--format text|json|pdf|xlsx] [--out FILE] [--force]</c>: the national team's
/// picture of a round (<see cref="NationalReportService"/>): response rate and averages by province and by type of
/// office, and the national improve-first list, every average over at least Results:MinimumGroupSize submitted
/// agencies. Each run is written to the access log. Exit codes: 0 done, 1 no such round or the file cannot be written, 2 usage.
/// </summary>
public static class NationalReportCommand
{
    private static readonly string[] Formats = ["text", "json", "pdf", "xlsx"];

    public static Command Create()
    {
        var round = new Option<string?>("--round") { Description = "The round's name (default: the open round, else the newest)" };
        var format = new Option<string>("--format") { Description = "text | json | pdf | xlsx (pdf and xlsx need --out)", DefaultValueFactory = _ => "text" };
        var output = new Option<string?>("--out") { Description = "The file to write (needed for pdf and xlsx)", HelpName = "FILE" };
        var force = new Option<bool>("--force") { Description = "Replace --out if it exists" };
        var command = new Command("national", "รายงานผลสำรวจภาพรวมทั้งประเทศ (the national report: provinces, agency types, improve first)")
        {
            round, format, output, force,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var chosen = (parse.GetValue(format) ?? "text").Trim().ToLowerInvariant();
            var outPath = parse.GetValue(output);
            if (!Formats.Contains(chosen))
            {
                await stderr.WriteLineAsync($"dgbot report national: --format must be one of {string.Join(", ", Formats)}, not \"{chosen}\"").ConfigureAwait(false);
                return 2;
            }

            var isFile = chosen is "pdf" or "xlsx";
            if (isFile && string.IsNullOrWhiteSpace(outPath))
            {
                await stderr.WriteLineAsync($"dgbot report national: --format {chosen} needs --out FILE (a binary file is not written to the terminal)").ConfigureAwait(false);
                return 2;
            }

            if (!string.IsNullOrWhiteSpace(outPath) && OutputFile.Refusal(outPath, parse.GetValue(force)) is { } refusal)
            {
                await stderr.WriteLineAsync("dgbot report national: " + refusal).ConfigureAwait(false);
                return 1;
            }

            using var host = await CliHost.StartAsync(b =>
            {
                b.Services.AddSingleton(_ => SurveyCatalog.BuiltIn());
                b.Services.AddOptions<ResultsOptions>().BindConfiguration(ResultsOptions.Section).ValidateDataAnnotations();
                b.Services.AddScoped<NationalReportService>();
            }, cancellationToken).ConfigureAwait(false);
            var scope = host.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                if (await RoundCommands.FindRoundAsync(db, parse.GetValue(round), cancellationToken).ConfigureAwait(false) is not { } found)
                {
                    await stderr.WriteLineAsync(AdminTexts.NoSuchRound).ConfigureAwait(false);
                    return 1;
                }

                var results = await scope.ServiceProvider.GetRequiredService<NationalReportService>().BuildAsync(found, cancellationToken).ConfigureAwait(false);

                // Every province's picture was viewed (or written to a file someone will read): logged as the province report is.
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                new AccessLog(db).Operator(now, ResultsViewKind.NationalReport, agency: null, province: null, found.Name);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

                var framework = scope.ServiceProvider.GetRequiredService<SurveyCatalog>().Framework;
                var text = chosen switch
                {
                    "json" => NationalExports.Json(framework, results),
                    "text" => DocumentText.Render(NationalDocument.Build(framework, results)),
                    _ => null,
                };
                if (text is not null && string.IsNullOrWhiteSpace(outPath))
                {
                    await stdout.WriteLineAsync(text).ConfigureAwait(false);
                    return 0;
                }

                try
                {
                    var detail = OutputFile.Write(outPath!, file =>
                    {
                        switch (chosen)
                        {
                            case "pdf":
                                using (var writer = new PdfReportWriter())
                                {
                                    var pages = writer.Write(NationalDocument.Build(framework, results), file);
                                    return pages + (pages == 1 ? " page" : " pages");
                                }

                            case "xlsx":
                                var tables = NationalExports.Tables(framework, results);
                                XlsxTableWriter.Write(tables, file);
                                return tables.Count + " sheets";
                            default:
                                var bytes = new System.Text.UTF8Encoding(false).GetBytes(text + Environment.NewLine);
                                file.Write(bytes);
                                return chosen;
                        }
                    });
                    await stdout.WriteLineAsync(AdminTexts.NationalReportWritten(outPath!, detail, found.Name, results.Nation.Submitted, results.Nation.Surveyed)).ConfigureAwait(false);
                }
                catch (CliInputException ex)
                {
                    await stderr.WriteLineAsync("dgbot report national: " + ex.Message).ConfigureAwait(false);
                    return 1;
                }

                return 0;
            }
        });
        return command;
    }
}
