using System.CommandLine;
using DgBot.Core.Access;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports;
using DgBot.Core.Reports.Documents;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Cli;

/// <summary>
/// <c>dgbot report agency --agency CODE [--round R] [--format text|json|pdf|docx] [--out FILE] [--force]</c>: one
/// agency's own report from the database (<see cref="AgencyDocument"/>): its scores, the improve-first list with full
/// guidance, the comparison with the province's others when the group-size rule allows, and its answers with who gave
/// them and when. Each run is written to the access log as an operator's view of that agency.
/// Exit codes: 0 done, 1 no such agency or round, or the output file cannot be written, 2 usage.
/// </summary>
public static class AgencyReportCommand
{
    private static readonly string[] Formats = ["text", "json", "pdf", "docx"];

    private static readonly string[] FileFormats = ["pdf", "docx"];

    public static Command Create()
    {
        var agency = new Option<string?>("--agency") { Description = "รหัสหน่วยงาน (the agency's code, e.g. LPG-01)", HelpName = "CODE" };
        var options = new ReportCommandOptions("report agency", Formats, FileFormats);
        var command = new Command("agency", "รายงานผลของหน่วยงาน (one agency's own report: scores, what to improve first, comparison, answers)") { agency };
        options.AddTo(command);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var code = parse.GetValue(agency)?.Trim();
            var chosen = options.ChosenFormat(parse);
            var outPath = parse.GetValue(options.Output);
            if (string.IsNullOrEmpty(code))
            {
                await stderr.WriteLineAsync("dgbot report agency: --agency CODE is required").ConfigureAwait(false);
                return 2;
            }

            if (await options.RefuseAsync(parse).ConfigureAwait(false) is { } refused)
            {
                return refused;
            }

            var isDocument = options.WritesFile(parse);
            using var host = await ReportCommandOptions.StartHostAsync(s => s.AddScoped<AgencyReportService>(), cancellationToken).ConfigureAwait(false);
            var scope = host.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                var found = await InviteCommands.FindAgencyAsync(db, code, cancellationToken).ConfigureAwait(false);
                if (found is null)
                {
                    await stderr.WriteLineAsync($"No agency with code {code} (see 'dgbot agencies list').").ConfigureAwait(false);
                    return 1;
                }

                if (await RoundCommands.FindRoundAsync(db, parse.GetValue(options.Round), cancellationToken).ConfigureAwait(false) is not { } surveyRound)
                {
                    await stderr.WriteLineAsync(AdminTexts.NoSuchRound).ConfigureAwait(false);
                    return 1;
                }

                var model = await scope.ServiceProvider.GetRequiredService<AgencyReportService>()
                    .BuildAsync(found, surveyRound, cancellationToken).ConfigureAwait(false);

                // One agency's results were viewed (or written to a file someone will read): logged like a view in chat.
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                new AccessLog(db).Operator(now, ResultsViewKind.AgencyReport, found, found.Province, surveyRound.Name);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

                if (chosen.Equals("json", StringComparison.OrdinalIgnoreCase))
                {
                    await stdout.WriteLineAsync(AgencyReportJson.Serialize(model)).ConfigureAwait(false);
                    return 0;
                }

                var document = AgencyDocument.Build(scope.ServiceProvider.GetRequiredService<SurveyCatalog>().Framework, model);
                if (!isDocument)
                {
                    await stdout.WriteLineAsync(DocumentText.Render(document)).ConfigureAwait(false);
                    return 0;
                }

                try
                {
                    await stdout.WriteLineAsync(ReportDocumentOutput.Write(document, chosen, outPath!)).ConfigureAwait(false);
                    return 0;
                }
                catch (CliInputException ex)
                {
                    await stderr.WriteLineAsync("dgbot report agency: " + ex.Message).ConfigureAwait(false);
                    return 1;
                }
            }
        });
        return command;
    }
}
