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

    private static readonly string[] FileFormats = ["pdf", "xlsx"];

    public static Command Create()
    {
        var options = new ReportCommandOptions("report national", Formats, FileFormats, textToFile: true);
        var command = new Command("national", "รายงานผลสำรวจภาพรวมทั้งประเทศ (the national report: provinces, agency types, improve first)");
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var chosen = options.ChosenFormat(parse);
            var outPath = parse.GetValue(options.Output);
            if (await options.RefuseAsync(parse).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            using var host = await ReportCommandOptions.StartHostAsync(s => s.AddScoped<NationalReportService>(), cancellationToken).ConfigureAwait(false);
            var scope = host.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                if (await RoundCommands.FindRoundAsync(db, parse.GetValue(options.Round), cancellationToken).ConfigureAwait(false) is not { } found)
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
