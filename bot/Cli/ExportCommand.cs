using System.CommandLine;
using System.Globalization;
using DgBot.Bot.Outbox;
using DgBot.Core.Access;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports.Exports;

namespace DgBot.Bot.Cli;

/// <summary>
/// <c>dgbot export [--round R] [--province P] --what answers|scores|status [--format csv|xlsx] --out FILE [--force]</c>:
/// a round's answers, scores or progress as a CSV (UTF-8 with BOM) or Excel file. An existing file is only replaced
/// with <c>--force</c>; each export is written to the access log.
/// </summary>
public static class ExportCommand
{
    private static readonly string[] Whats = ["answers", "scores", "status"];
    private static readonly string[] Formats = ["csv", "xlsx"];

    public static Command Create()
    {
        var round = new Option<string?>("--round") { Description = "The round's name (default: the current round)" };
        var province = new Option<string?>("--province") { Description = "Only the agencies of this province (e.g. ลำปาง)" };
        var what = new Option<string?>("--what") { Description = "answers, scores or status" };
        var format = new Option<string?>("--format") { Description = "csv or xlsx (default: from the --out extension, else csv)" };
        var output = new Option<string?>("--out") { Description = "The file to write", HelpName = "FILE" };
        var force = new Option<bool>("--force") { Description = "Replace --out if it exists" };
        var command = new Command("export", "ส่งออกคำตอบ คะแนน หรือความคืบหน้าของรอบเป็นไฟล์ CSV/Excel (export a round's answers, scores or progress)")
        {
            round, province, what, format, output, force,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var chosenWhat = parse.GetValue(what)?.Trim().ToLowerInvariant();
            var outPath = parse.GetValue(output);
            var chosenFormat = parse.GetValue(format)?.Trim().ToLowerInvariant()
                ?? (outPath is not null && outPath.EndsWith(".xlsx", StringComparison.OrdinalIgnoreCase) ? "xlsx" : "csv");
            if (chosenWhat is null || !Whats.Contains(chosenWhat))
            {
                await stderr.WriteLineAsync($"dgbot export: --what must be one of {string.Join(", ", Whats)}").ConfigureAwait(false);
                return 2;
            }

            if (!Formats.Contains(chosenFormat))
            {
                await stderr.WriteLineAsync($"dgbot export: --format must be one of {string.Join(", ", Formats)}, not \"{chosenFormat}\"").ConfigureAwait(false);
                return 2;
            }

            if (string.IsNullOrWhiteSpace(outPath))
            {
                await stderr.WriteLineAsync("dgbot export: --out FILE is required").ConfigureAwait(false);
                return 2;
            }

            if (OutputFile.Refusal(outPath, parse.GetValue(force)) is { } refusal)
            {
                await stderr.WriteLineAsync("dgbot export: " + refusal).ConfigureAwait(false);
                return 1;
            }

            using var host = await CliHost.StartAsync(b =>
            {
                b.Services.AddSingleton(_ => SurveyCatalog.BuiltIn());
                b.Services.AddReminderServices();
                b.Services.AddScoped<ExportService>();
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

                var onlyProvince = parse.GetValue(province)?.Trim();
                if (string.IsNullOrEmpty(onlyProvince))
                {
                    onlyProvince = null;
                }

                var kind = Enum.Parse<ExportKind>(chosenWhat, ignoreCase: true);
                var table = await scope.ServiceProvider.GetRequiredService<ExportService>().BuildAsync(kind, found, onlyProvince, cancellationToken).ConfigureAwait(false);
                try
                {
                    Write(table, chosenFormat, outPath);
                }
                catch (CliInputException ex)
                {
                    await stderr.WriteLineAsync("dgbot export: " + ex.Message).ConfigureAwait(false);
                    return 1;
                }

                // An export holds agencies' answers or scores: it is logged like any other view of results.
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                new AccessLog(db).Operator(now, ResultsViewKind.Export, agency: null, onlyProvince, found.Name);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Wrote {outPath} ({chosenWhat}, {chosenFormat}, {table.Rows.Count} rows, round {found.Name}{(onlyProvince is null ? "" : ", province " + onlyProvince)})")).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }

    /// <summary>Owner-only, as the database: an export holds agencies' answers and the names of the people who gave them.</summary>
    private static void Write(ExportTable table, string format, string outPath) =>
        OutputFile.Write(outPath, file =>
        {
            if (format == "xlsx")
            {
                XlsxTableWriter.Write(table, file);
            }
            else
            {
                CsvTableWriter.Write(table, file);
            }

            return true;
        });
}
