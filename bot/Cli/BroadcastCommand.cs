using System.CommandLine;
using System.Globalization;
using DgBot.Core.Data;
using DgBot.Core.Outbox;
using DgBot.Core.Reminders;

namespace DgBot.Bot.Cli;

/// <summary><c>dgbot broadcast --to incomplete|all [--province P] --message TEXT [--dry-run]</c>.</summary>
public static class BroadcastCommand
{
    public static Command Create()
    {
        var to = new Option<string>("--to") { Description = "incomplete: staff of agencies that have not submitted; all: every staff member and officer who joined", Required = true };
        to.AcceptOnlyFromAmong("incomplete", "all");
        var province = new Option<string?>("--province") { Description = "Only this province (e.g. ลำปาง)" };
        var message = new Option<string>("--message") { Description = "The announcement (Thai, at most 4000 characters)", Required = true };
        var round = new Option<string?>("--round") { Description = "The round's name (default: the current round)" };
        var dryRun = new Option<bool>("--dry-run") { Description = "List who would receive it and on which channel; write nothing" };
        var command = new Command("broadcast", "ส่งประกาศถึงผู้ตอบแบบสำรวจ ผ่านกล่องขาออก (send an announcement through the outbox)") { to, province, message, round, dryRun };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var text = parseResult.GetRequiredValue(message).Trim();
            if (text.Length is 0 or > OutboxMessage.MaxTextLength)
            {
                await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"--message must be 1 to {OutboxMessage.MaxTextLength} characters (it has {text.Length}).")).ConfigureAwait(false);
                return 1;
            }

            var audience = parseResult.GetRequiredValue(to) == "all" ? BroadcastAudience.All : BroadcastAudience.Incomplete;
            using var host = await RoundCommands.StartHostAsync(cancellationToken).ConfigureAwait(false);
            var scope = host.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                if (await RoundCommands.FindRoundAsync(db, parseResult.GetValue(round), cancellationToken).ConfigureAwait(false) is not { } found)
                {
                    await error.WriteLineAsync("No round yet: create one with 'dgbot rounds create'.").ConfigureAwait(false);
                    return 1;
                }

                var onlyProvince = parseResult.GetValue(province)?.Trim();
                var planner = scope.ServiceProvider.GetRequiredService<ReminderPlanner>();
                var planned = await planner.PlanBroadcastAsync(found, audience, string.IsNullOrEmpty(onlyProvince) ? null : onlyProvince, text, cancellationToken).ConfigureAwait(false);
                if (parseResult.GetValue(dryRun))
                {
                    var rows = planned.Select(p => new[] { p.DisplayName ?? "-", p.AgencyCode, p.Province, p.Channel.ToString(), p.ChatId }).ToList();
                    await TextTable.WriteAsync(output, ["Recipient", "Agency", "Province", "Channel", "Chat"], rows).ConfigureAwait(false);
                    var byChannel = string.Join(", ", planned.GroupBy(p => p.Channel).OrderBy(g => g.Key).Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Key} {g.Count()}")));
                    await output.WriteLineAsync(AdminTexts.BroadcastDryRun(found.Name, planned.Count, planned.Count > 0 ? " (" + byChannel + ")" : "")).ConfigureAwait(false);
                    return 0;
                }

                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                var slot = "b:" + now.ToString("yyyyMMddHHmmss", CultureInfo.InvariantCulture) + ":" + Guid.NewGuid().ToString("N")[..8];
                var added = await planner.EnqueueBroadcastAsync(found, slot, planned, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(AdminTexts.BroadcastWritten(slot, found.Name, added)).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }
}
