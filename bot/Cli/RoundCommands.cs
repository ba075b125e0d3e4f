using System.CommandLine;
using System.Globalization;
using DgBot.Bot.Outbox;
using DgBot.Core.Content;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reminders;
using DgBot.Core.Rounds;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Cli;

/// <summary><c>dgbot rounds create|list|close</c> and <c>dgbot reminders schedule|run-now</c>.</summary>
public static class RoundCommands
{
    public static Command Create()
    {
        var command = new Command("rounds", "รอบการสำรวจ: สร้าง แสดง ปิด (survey rounds: create, list, close)");
        command.Subcommands.Add(CreateCreate());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateClose());
        return command;
    }

    public static Command CreateReminders()
    {
        var command = new Command("reminders", "การแจ้งเตือน: กำหนดการ และส่งรอบแจ้งเตือนทันที (reminders: schedule, run a slot now)");
        command.Subcommands.Add(CreateSchedule());
        command.Subcommands.Add(CreateRunNow());
        return command;
    }

    /// <summary>A CLI host with the survey catalog and the reminder planner.</summary>
    internal static Task<IHost> StartHostAsync(CancellationToken cancellationToken) =>
        CliHost.StartAsync(b =>
        {
            b.Services.AddSingleton(_ => SurveyCatalog.BuiltIn());
            b.Services.AddReminderServices();
        }, cancellationToken);

    /// <summary>
    /// The named round, or the current one: the open round (at most one is open, see <c>rounds create</c>; in an older
    /// database with several, the newest, as the bot takes); else the newest.
    /// </summary>
    internal static async Task<SurveyRound?> FindRoundAsync(DgBotDbContext db, string? name, CancellationToken cancellationToken)
    {
        if (!string.IsNullOrWhiteSpace(name))
        {
            return await db.Rounds.FirstOrDefaultAsync(r => r.Name == name.Trim(), cancellationToken).ConfigureAwait(false);
        }

        return await db.Rounds.OrderBy(r => r.ClosedUtc != null).ThenByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"2026-12-15" or a Buddhist-era "2569-12-15".</summary>
    internal static DateOnly? ParseDay(string? text)
    {
        if (!DateOnly.TryParseExact(text?.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return null;
        }

        return day.Year > 2400 ? day.AddYears(-543) : day;
    }

    private static Option<string?> RoundOption() => new("--round") { Description = "The round's name (default: the current round)" };

    private static Command CreateCreate()
    {
        var name = new Option<string>("--name") { Description = "The round's name, e.g. 2569", Required = true };
        var deadline = new Option<string>("--deadline") { Description = "The last day, YYYY-MM-DD (2026-12-15 or 2569-12-15); the round closes at the end of that day, Bangkok time", Required = true };
        var reminders = new Option<string>("--reminders") { Description = "Days before the deadline to send reminders", DefaultValueFactory = _ => "7,3,1" };
        var window = new Option<string>("--window") { Description = "Bangkok hours in which reminders may go out", DefaultValueFactory = _ => "09:00-16:00" };
        var command = new Command("create", "สร้างรอบการสำรวจพร้อมกำหนดส่ง (create a round with its deadline)") { name, deadline, reminders, window };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var roundName = parseResult.GetRequiredValue(name).Trim();
            if (roundName.Length is 0 or > 64)
            {
                await error.WriteLineAsync("--name must be 1 to 64 characters.").ConfigureAwait(false);
                return 1;
            }

            if (ParseDay(parseResult.GetRequiredValue(deadline)) is not { } day)
            {
                await error.WriteLineAsync($"--deadline '{parseResult.GetValue(deadline)}' is not a date: use YYYY-MM-DD, for example 2026-12-15.").ConfigureAwait(false);
                return 1;
            }

            var days = parseResult.GetValue(reminders) ?? "";
            try
            {
                days = string.Join(',', ReminderSchedule.ParseOffsets(days).Select(d => d.ToString(CultureInfo.InvariantCulture)));
            }
            catch (FormatException ex)
            {
                await error.WriteLineAsync("--reminders: " + ex.Message).ConfigureAwait(false);
                return 1;
            }

            if (SendWindow.TryParse(parseResult.GetValue(window)) is not { } sendWindow)
            {
                await error.WriteLineAsync($"--window '{parseResult.GetValue(window)}' is not a send window: use HH:mm-HH:mm with the start before the end, for example 09:00-16:00.").ConfigureAwait(false);
                return 1;
            }

            using var host = await StartHostAsync(cancellationToken).ConfigureAwait(false);
            var scope = host.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                var deadlineUtc = Deadlines.EndOfDayUtc(day);
                if (deadlineUtc <= now)
                {
                    await error.WriteLineAsync($"--deadline {day:yyyy-MM-dd} has already passed.").ConfigureAwait(false);
                    return 1;
                }

                if (await db.Rounds.AnyAsync(r => r.Name == roundName, cancellationToken).ConfigureAwait(false))
                {
                    await error.WriteLineAsync($"A round named '{roundName}' already exists (see 'dgbot rounds list').").ConfigureAwait(false);
                    return 1;
                }

                // One open round at a time: the bot, the reminders and every command without --round then mean the same one.
                var open = await db.Rounds.AsNoTracking().Where(r => r.ClosedUtc == null).OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id)
                    .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                if (open is not null)
                {
                    await error.WriteLineAsync(AdminTexts.AnotherRoundOpen(open.Name, Deadlines.Display(open.DeadlineUtc))).ConfigureAwait(false);
                    return 1;
                }

                var version = scope.ServiceProvider.GetRequiredService<SurveyCatalog>().Current.Version;
                var round = new SurveyRound(roundName, deadlineUtc, version, now, days, sendWindow.ToString());
                db.Rounds.Add(round);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(AdminTexts.RoundCreated(roundName, Deadlines.Display(deadlineUtc), version, AdminTexts.RoundReminderDays(days), sendWindow.ToString())).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }

    private static Command CreateList()
    {
        var command = new Command("list", "แสดงรอบการสำรวจ (list rounds)");
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            using var host = await StartHostAsync(cancellationToken).ConfigureAwait(false);
            var scope = host.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                var rounds = await db.Rounds.AsNoTracking().OrderBy(r => r.CreatedUtc).ThenBy(r => r.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
                if (rounds.Count == 0)
                {
                    await output.WriteLineAsync(AdminTexts.NoRounds).ConfigureAwait(false);
                    return 0;
                }

                var rows = rounds.Select(r => new[]
                {
                    r.Name,
                    Deadlines.Display(r.DeadlineUtc),
                    r.ClosedUtc is not null ? "closed " + ThaiDates.Date(r.ClosedUtc.Value) : r.IsOpenAt(now) ? "open" : "past deadline",
                    r.QuestionnaireVersion,
                    r.ReminderDays,
                    r.SendWindow,
                    ReminderSchedule.NextDue(r, now) is { } next ? ThaiDates.DateAndTime(next) : "-",
                }).ToList();
                await TextTable.WriteAsync(output, ["Round", "Deadline", "State", "Questionnaire", "Reminders", "Window", "Next reminder"], rows).ConfigureAwait(false);
                await output.WriteLineAsync(AdminTexts.RoundCount(rounds.Count)).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }

    private static Command CreateClose()
    {
        var round = new Option<string?>("--name") { Description = "The round to close (default: the current round)" };
        var command = new Command("close", "ปิดรอบการสำรวจ: ไม่รับคำตอบ ไม่แจ้งเตือน (close a round: no more reminders)") { round };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            using var host = await StartHostAsync(cancellationToken).ConfigureAwait(false);
            var scope = host.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                var name = parseResult.GetValue(round);
                if (string.IsNullOrWhiteSpace(name))
                {
                    // A database from before the one-open-round rule may hold several: closing "the" round would guess.
                    var open = await db.Rounds.AsNoTracking().Where(r => r.ClosedUtc == null).OrderBy(r => r.DeadlineUtc).Select(r => r.Name)
                        .ToListAsync(cancellationToken).ConfigureAwait(false);
                    if (open.Count > 1)
                    {
                        await error.WriteLineAsync(AdminTexts.SeveralRoundsOpen(open)).ConfigureAwait(false);
                        return 1;
                    }
                }

                var found = await FindRoundAsync(db, name, cancellationToken).ConfigureAwait(false);
                if (found is null)
                {
                    await error.WriteLineAsync(AdminTexts.NoSuchRound).ConfigureAwait(false);
                    return 1;
                }

                if (found.ClosedUtc is not null)
                {
                    await output.WriteLineAsync(AdminTexts.RoundAlreadyClosed(found.Name)).ConfigureAwait(false);
                    return 0;
                }

                found.Close(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(AdminTexts.RoundClosed(found.Name)).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }

    private static Command CreateSchedule()
    {
        var roundOption = RoundOption();
        var command = new Command("schedule", "กำหนดการแจ้งเตือนของรอบ (the round's reminder slots and what was written for each)") { roundOption };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            using var host = await StartHostAsync(cancellationToken).ConfigureAwait(false);
            var scope = host.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                if (await FindRoundAsync(db, parseResult.GetValue(roundOption), cancellationToken).ConfigureAwait(false) is not { } round)
                {
                    await error.WriteLineAsync(AdminTexts.NoSuchRound).ConfigureAwait(false);
                    return 1;
                }

                await output.WriteLineAsync(AdminTexts.RoundHeader(round.Name, Deadlines.Display(round.DeadlineUtc), round.ClosedUtc is null)).ConfigureAwait(false);
                var counts = await db.Outbox.AsNoTracking().Where(m => m.RoundId == round.Id)
                    .GroupBy(m => new { m.Slot, m.Status })
                    .Select(g => new { g.Key.Slot, g.Key.Status, Count = g.Count() })
                    .ToListAsync(cancellationToken).ConfigureAwait(false);
                var rows = ReminderSchedule.Slots(round).Select(s => new[]
                {
                    s.Key,
                    s.Kind == SlotKind.Digest ? "officers' digest" : "reminder",
                    ThaiDates.DateAndTime(s.DueUtc),
                    string.Join(", ", counts.Where(c => c.Slot == s.Key).OrderBy(c => c.Status).Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Status} {c.Count}"))) is { Length: > 0 } written ? written : "-",
                }).ToList();
                await TextTable.WriteAsync(output, ["Slot", "Kind", "Due", "Outbox"], rows).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }

    private static Command CreateRunNow()
    {
        var slot = new Option<string>("--slot") { Description = "The slot to write now: d7, d3, d1, d0 (a reminder offset) or digest", Required = true };
        var roundOption = RoundOption();
        var command = new Command("run-now", "เขียนรอบแจ้งเตือนลงกล่องขาออกทันที; dgbot serve เป็นผู้ส่ง (write a slot to the outbox now; 'dgbot serve' sends it)") { slot, roundOption };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            using var host = await StartHostAsync(cancellationToken).ConfigureAwait(false);
            var scope = host.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                if (await FindRoundAsync(db, parseResult.GetValue(roundOption), cancellationToken).ConfigureAwait(false) is not { } round)
                {
                    await error.WriteLineAsync(AdminTexts.NoSuchRound).ConfigureAwait(false);
                    return 1;
                }

                var key = parseResult.GetRequiredValue(slot).Trim();
                var chosen = ReminderSchedule.Slots(round).FirstOrDefault(s => string.Equals(s.Key, key, StringComparison.OrdinalIgnoreCase));
                if (chosen is null)
                {
                    await error.WriteLineAsync($"Round {round.Name} has no slot '{key}': it has {string.Join(", ", ReminderSchedule.Slots(round).Select(s => s.Key))}.").ConfigureAwait(false);
                    return 1;
                }

                var added = await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().EnqueueAsync(round, chosen, cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(AdminTexts.SlotWritten(chosen.Key, round.Name, added, round.SendWindow)).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }
}
