using System.CommandLine;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DgBot.Core.Access;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports;
using DgBot.Core.Reports.Documents;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Cli;

/// <summary>
/// <c>dgbot report province --province NAME [--round R] [--format text|json|pdf|docx] [--out FILE] [--force]</c>:
/// a province's results from the database in the structure of the source letter (see <see cref="ProvinceDocument"/>):
/// averages over the submitted responses, and only when at least Results:MinimumGroupSize agencies have submitted
/// (<see cref="ResultsService.ProvinceReportAsync"/>). Each run is written to the access log.
/// Exit codes: 0 done, 1 no such round or province, or the output file cannot be written, 2 usage.
/// </summary>
public static class ProvinceReportCommand
{
    private static readonly string[] Formats = ["text", "json", "pdf", "docx"];

    private static readonly string[] FileFormats = ["pdf", "docx"];

    public static Command Create()
    {
        var province = new Option<string?>("--province") { Description = "จังหวัด (the province, e.g. ลำปาง)" };
        var options = new ReportCommandOptions("report province", Formats, FileFormats);
        var command = new Command("province", "รายงานผลสำรวจของจังหวัด (a province's results report from the database)") { province };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var name = parse.GetValue(province)?.Trim();
            var chosen = options.ChosenFormat(parse);
            var outPath = parse.GetValue(options.Output);
            if (string.IsNullOrEmpty(name))
            {
                await stderr.WriteLineAsync("dgbot report province: --province NAME is required").ConfigureAwait(false);
                return 2;
            }

            if (await options.RefuseAsync(parse).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var isDocument = options.WritesFile(parse);
            using var host = await ReportCommandOptions.StartHostAsync(null, cancellationToken).ConfigureAwait(false);
            var scope = host.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                if (await RoundCommands.FindRoundAsync(db, parse.GetValue(options.Round), cancellationToken).ConfigureAwait(false) is not { } found)
                {
                    await stderr.WriteLineAsync(AdminTexts.NoSuchRound).ConfigureAwait(false);
                    return 1;
                }

                if (!await db.Agencies.AnyAsync(a => a.Province == name, cancellationToken).ConfigureAwait(false))
                {
                    await stderr.WriteLineAsync($"No agencies in province {name} (see 'dgbot agencies list').").ConfigureAwait(false);
                    return 1;
                }

                var results = await scope.ServiceProvider.GetRequiredService<ResultsService>()
                    .ProvinceReportAsync(name, found, cancellationToken).ConfigureAwait(false);

                // A province's results were viewed (or written to a file someone will read): logged like a view in chat.
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                new AccessLog(db).Operator(now, ResultsViewKind.ProvinceReport, agency: null, name, found.Name);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

                var year = ProvinceDocument.BuddhistYear(found.Name, found.DeadlineUtc);
                var document = ProvinceDocument.Build(
                    scope.ServiceProvider.GetRequiredService<SurveyCatalog>().Framework,
                    new ProvinceReportInput(name, year, found.Name, results.Surveyed, results.Submitted, results.Report, results.MinimumGroupSize));
                if (isDocument)
                {
                    try
                    {
                        await stdout.WriteLineAsync(ReportDocumentOutput.Write(document, chosen, outPath!)).ConfigureAwait(false);
                    }
                    catch (CliInputException ex)
                    {
                        await stderr.WriteLineAsync("dgbot report province: " + ex.Message).ConfigureAwait(false);
                        return 1;
                    }
                }
                else if (chosen.Equals("json", StringComparison.OrdinalIgnoreCase))
                {
                    await stdout.WriteLineAsync(Json(results, found.Name, year)).ConfigureAwait(false);
                }
                else
                {
                    await stdout.WriteLineAsync(DocumentText.Render(document)).ConfigureAwait(false);
                }

                return 0;
            }
        });
        return command;
    }

    /// <summary>The province's figures as JSON: counts, and the report (ReportJson's shape) or null with the sentence why.</summary>
    internal static string Json(ProvinceResults results, string round, int year)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("province", results.Province);
            json.WriteString("round", round);
            json.WriteNumber("year", year);
            json.WriteNumber("surveyed", results.Surveyed);
            json.WriteNumber("submitted", results.Submitted);
            json.WriteStartArray("notSubmitted");
            foreach (var agency in results.NotSubmitted)
            {
                json.WriteStringValue(agency);
            }

            json.WriteEndArray();
            json.WriteNumber("minimumGroupSize", results.MinimumGroupSize);
            ReportJson.WriteReportOrPending(json, results.Report, ProvinceDocument.PendingSentence(results.MinimumGroupSize));

            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
