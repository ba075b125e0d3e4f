using System.Globalization;
using DgBot.Core.Data.Entities;
using DgBot.Core.Rounds;

namespace DgBot.Core.Reminders;

/// <summary>What a slot sends: reminders to the staff of agencies that have not submitted, or the officers' digest.</summary>
public enum SlotKind
{
    Reminder,
    Digest,
}

/// <summary>
/// One moment of a round's schedule: <paramref name="Key"/> ("d7", "d0", "digest"), the Bangkok day it belongs to and
/// the instant it becomes due (the send window's opening on that day).
/// </summary>
public sealed record ReminderSlot(string Key, SlotKind Kind, int DaysBefore, DateOnly Day, DateTime DueUtc);

/// <summary>
/// The reminder schedule of a round, as pure functions of the round and the time. A reminder slot for each of the round's
/// offsets (days before the deadline) and one on the deadline's morning; the officers' digest the day before the deadline.
/// A slot falls due when the send window opens on its day and stays due until the next slot of its kind does (so a bot
/// that was down in the morning still sends it in the afternoon, and a late start does not send stale reminders), never
/// outside the window, and never after the deadline or once the round is closed.
/// </summary>
public static class ReminderSchedule
{
    public const string DigestKey = "digest";

    /// <summary>Parses "7,3,1" into distinct positive offsets, largest first; throws a message naming the value when it does not fit.</summary>
    public static IReadOnlyList<int> ParseOffsets(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return [];
        }

        var offsets = new SortedSet<int>(Comparer<int>.Create((a, b) => b.CompareTo(a)));
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
        {
            if (!int.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out var days) || days is < 1 or > 365)
            {
                throw new FormatException($"'{text}' is not a list of reminder days: use whole days before the deadline between 1 and 365, for example 7,3,1.");
            }

            offsets.Add(days);
        }

        return [.. offsets];
    }

    /// <summary>Every slot of the round, in time order.</summary>
    public static IReadOnlyList<ReminderSlot> Slots(SurveyRound round)
    {
        ArgumentNullException.ThrowIfNull(round);
        var window = SendWindow.TryParse(round.SendWindow) ?? SendWindow.Default;
        var deadlineDay = Deadlines.Day(round.DeadlineUtc);
        var slots = new List<ReminderSlot>();
        foreach (var days in ParseOffsets(round.ReminderDays).Append(0))
        {
            var day = deadlineDay.AddDays(-days);
            slots.Add(new ReminderSlot("d" + days.ToString(CultureInfo.InvariantCulture), SlotKind.Reminder, days, day, window.OpensUtc(day)));
        }

        var digestDay = deadlineDay.AddDays(-1);
        slots.Add(new ReminderSlot(DigestKey, SlotKind.Digest, 1, digestDay, window.OpensUtc(digestDay)));
        return [.. slots.OrderBy(s => s.DueUtc).ThenBy(s => s.Kind)];
    }

    /// <summary>The slots to send at <paramref name="utcNow"/> (at most one per kind). Empty outside the window, after the deadline or for a closed round.</summary>
    public static IReadOnlyList<ReminderSlot> Due(SurveyRound round, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(round);
        if (!round.IsOpenAt(utcNow))
        {
            return [];
        }

        var window = SendWindow.TryParse(round.SendWindow) ?? SendWindow.Default;
        if (!window.Contains(utcNow))
        {
            return [];
        }

        return [.. Slots(round)
            .Where(s => s.DueUtc <= utcNow)
            .GroupBy(s => s.Kind)
            .Select(g => g.MaxBy(s => s.DueUtc)!)
            .Where(s => s.Kind != SlotKind.Digest || s.Day == Deadlines.Day(round.DeadlineUtc).AddDays(-1) && Today(utcNow) == s.Day)
            .OrderBy(s => s.Kind)];
    }

    /// <summary>When the next slot falls due after <paramref name="utcNow"/> (null when none is left).</summary>
    public static DateTime? NextDue(SurveyRound round, DateTime utcNow)
    {
        ArgumentNullException.ThrowIfNull(round);
        return round.ClosedUtc is not null
            ? null
            : Slots(round).Where(s => s.DueUtc > utcNow && s.DueUtc < round.DeadlineUtc).Select(s => (DateTime?)s.DueUtc).FirstOrDefault();
    }

    private static DateOnly Today(DateTime utc) => DateOnly.FromDateTime(Content.ThaiDates.ToBangkok(utc));
}
