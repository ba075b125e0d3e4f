using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DgBot.Core.Access;
using DgBot.Core.Content;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Rounds;

namespace DgBot.Bot.Cli;

/// <summary>
/// <c>dgbot status [--round NAME] [--province P] [--format table|json]</c>: every agency's progress in a round (never
/// its scores). Each run is written to the access log.
/// </summary>
public static class StatusCommand
{
    public static Command Create()
    {
        var round = new Option<string?>("--round") { Description = "The round's name (default: the current round)" };
        var province = new Option<string?>("--province") { Description = "Only the agencies of this province (e.g. ลำปาง)" };
        var format = new Option<string>("--format") { Description = "table (default) or json", DefaultValueFactory = _ => "table" };
        format.AcceptOnlyFromAmong("table", "json");
        var command = new Command("status", "ความคืบหน้าของแต่ละหน่วยงานในรอบการสำรวจ (each agency's progress in a round)") { round, province, format };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            using var host = await RoundCommands.StartHostAsync(cancellationToken).ConfigureAwait(false);
            var scope = host.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                if (await RoundCommands.FindRoundAsync(db, parseResult.GetValue(round), cancellationToken).ConfigureAwait(false) is not { } found)
                {
                    await error.WriteLineAsync(AdminTexts.NoSuchRound).ConfigureAwait(false);
                    return 1;
                }

                var onlyProvince = parseResult.GetValue(province)?.Trim();
                var agencies = await scope.ServiceProvider.GetRequiredService<RoundStatusService>()
                    .AgenciesAsync(found, string.IsNullOrEmpty(onlyProvince) ? null : onlyProvince, cancellationToken).ConfigureAwait(false);
                var submitted = agencies.Count(a => a.Submitted);

                // Which agencies have submitted is a province's picture: the view is logged like one in chat.
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                new AccessLog(db).Operator(now, ResultsViewKind.Status, agency: null, string.IsNullOrEmpty(onlyProvince) ? null : onlyProvince, found.Name);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                if (parseResult.GetValue(format) == "json")
                {
                    await output.WriteLineAsync(Json(found.Name, found.DeadlineUtc, agencies)).ConfigureAwait(false);
                    return 0;
                }

                await output.WriteLineAsync($"Round {found.Name}, deadline {Deadlines.Display(found.DeadlineUtc)}{(string.IsNullOrEmpty(onlyProvince) ? "" : ", province " + onlyProvince)}").ConfigureAwait(false);
                var rows = agencies.Select(a => new[]
                {
                    a.Code,
                    a.Name,
                    a.Province,
                    a.StaffJoined.ToString(CultureInfo.InvariantCulture),
                    string.Create(CultureInfo.InvariantCulture, $"{a.Answered}/{a.Total}"),
                    a.SubmittedUtc is { } at ? "ส่งแล้ว " + ThaiDates.Date(at) : "ยังไม่ส่ง",
                    a.LastActivityUtc is { } last ? ThaiDates.DateAndTime(last) : "-",
                }).ToList();
                await TextTable.WriteAsync(output, ["Code", "Agency", "Province", "Staff", "Answered", "Submitted", "Last activity"], rows).ConfigureAwait(false);
                await output.WriteLineAsync().ConfigureAwait(false);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{submitted}/{agencies.Count} agencies submitted")).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }

    private static string Json(string round, DateTime deadlineUtc, IReadOnlyList<AgencyStatus> agencies)
    {
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("round", round);
            json.WriteString("deadlineUtc", deadlineUtc);
            json.WriteString("deadline", Deadlines.Day(deadlineUtc).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            json.WriteNumber("agencies", agencies.Count);
            json.WriteNumber("submitted", agencies.Count(a => a.Submitted));
            json.WriteStartArray("items");
            foreach (var a in agencies)
            {
                json.WriteStartObject();
                json.WriteString("code", a.Code);
                json.WriteString("name", a.Name);
                json.WriteString("province", a.Province);
                json.WriteNumber("staffJoined", a.StaffJoined);
                json.WriteNumber("staffReachable", a.StaffReachable);
                json.WriteNumber("answered", a.Answered);
                json.WriteNumber("total", a.Total);
                json.WriteBoolean("submitted", a.Submitted);
                WriteDate(json, "submittedUtc", a.SubmittedUtc);
                WriteDate(json, "lastActivityUtc", a.LastActivityUtc);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    private static void WriteDate(Utf8JsonWriter json, string name, DateTime? value)
    {
        if (value is { } v)
        {
            json.WriteString(name, v);
        }
        else
        {
            json.WriteNull(name);
        }
    }
}
