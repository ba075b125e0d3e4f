using System.CommandLine;
using System.Globalization;
using DgBot.Core.Content;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Rounds;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Cli;

/// <summary><c>dgbot audit list [--agency CODE] [--since YYYY-MM-DD]</c>: who viewed which results, and when.</summary>
public static class AuditCommands
{
    public static Command Create()
    {
        var command = new Command("audit", "บันทึกการเข้าดูผลการสำรวจ (the access log of results views)");
        command.Subcommands.Add(CreateList());
        return command;
    }

    private static Command CreateList()
    {
        var agency = new Option<string?>("--agency") { Description = "Only views of this agency's results (its code, e.g. LPG-01)" };
        var since = new Option<string?>("--since") { Description = "Only views from this day on, Bangkok time: YYYY-MM-DD (2026-12-01 or 2569-12-01)" };
        var command = new Command("list", "แสดงว่าใครดูผลของหน่วยงานหรือจังหวัดใด เมื่อใด (list who viewed which results, and when)") { agency, since };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            DateTime? fromUtc = null;
            if (parseResult.GetValue(since) is { } sinceText)
            {
                if (RoundCommands.ParseDay(sinceText) is not { } day)
                {
                    await error.WriteLineAsync($"--since '{sinceText}' is not a date: use YYYY-MM-DD, for example 2026-12-01.").ConfigureAwait(false);
                    return 1;
                }

                fromUtc = Deadlines.EndOfDayUtc(day.AddDays(-1));
            }

            var code = parseResult.GetValue(agency)?.Trim();
            using var host = await CliHost.StartAsync(cancellationToken).ConfigureAwait(false);
            var scope = host.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                var query = db.AccessLog.AsNoTracking();
                if (!string.IsNullOrEmpty(code))
                {
                    query = query.Where(e => e.AgencyCode == code);
                }

                if (fromUtc is { } from)
                {
                    query = query.Where(e => e.ViewedUtc >= from);
                }

                var entries = await query.OrderBy(e => e.ViewedUtc).ThenBy(e => e.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
                if (entries.Count == 0)
                {
                    await output.WriteLineAsync("No views of results logged" + (string.IsNullOrEmpty(code) ? "" : $" for agency {code}") + (fromUtc is null ? "" : " since " + parseResult.GetValue(since)) + ".").ConfigureAwait(false);
                    return 0;
                }

                // A person's name is read from their row as it is now: an erased person's views stay, naming nobody.
                var ids = entries.Where(e => e.ViewerUserId is not null).Select(e => e.ViewerUserId!.Value).Distinct().ToList();
                var people = await db.ChatUsers.AsNoTracking().Where(u => ids.Contains(u.Id))
                    .ToDictionaryAsync(u => u.Id, u => (u.DisplayName, u.CreatedUtc), cancellationToken).ConfigureAwait(false);
                var rows = entries.Select(e => new[]
                {
                    ThaiDates.DateAndTime(e.ViewedUtc),
                    Who(e, people),
                    e.Role.ToString().ToLowerInvariant(),
                    e.Channel,
                    e.Scope == ResultsScope.Agency ? e.AgencyCode ?? "-" : "จังหวัด" + (e.Province ?? "ทั้งหมด"),
                    e.Kind.ToString(),
                    e.RoundName ?? "-",
                }).ToList();
                await TextTable.WriteAsync(output, ["When (Bangkok)", "Who", "Role", "Channel", "Results of", "View", "Round"], rows).ConfigureAwait(false);
                await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"{entries.Count} views")).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }

    /// <summary>"#12 สมชาย" for a person still on record who existed at the view, "#12 (erased)" otherwise, the account name for an operator.</summary>
    private static string Who(AccessLogEntry entry, Dictionary<int, (string? Name, DateTime CreatedUtc)> people)
    {
        if (entry.ViewerUserId is not { } id)
        {
            return entry.OperatorName ?? "-";
        }

        var label = "#" + id.ToString(CultureInfo.InvariantCulture);
        return people.TryGetValue(id, out var person) && person.CreatedUtc <= entry.ViewedUtc
            ? label + " " + (person.Name ?? "-")
            : label + " (erased)";
    }
}
