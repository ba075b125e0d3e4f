using System.Globalization;
using DgBot.Core.Content;

namespace DgBot.Core.Reminders;

/// <summary>Local (Asia/Bangkok) hours in which reminders may go out, for example "09:00-16:00" (start inclusive, end exclusive).</summary>
public sealed record SendWindow(TimeOnly Start, TimeOnly End)
{
    public static SendWindow Default { get; } = new(new TimeOnly(9, 0), new TimeOnly(16, 0));

    /// <summary>Parses "HH:mm-HH:mm" (start before end, the same day); null when it does not fit.</summary>
    public static SendWindow? TryParse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var parts = text.Split('-', StringSplitOptions.TrimEntries);
        if (parts.Length != 2
            || !TimeOnly.TryParseExact(parts[0], ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var start)
            || !TryParseEnd(parts[1], out var end)
            || end <= start)
        {
            return null;
        }

        return new SendWindow(start, end);
    }

    /// <summary>"24:00" ends the window at midnight (all day: "00:00-24:00").</summary>
    private static bool TryParseEnd(string text, out TimeOnly end)
    {
        if (text == "24:00")
        {
            end = TimeOnly.MaxValue;
            return true;
        }

        return TimeOnly.TryParseExact(text, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out end);
    }

    public static SendWindow Parse(string? text) =>
        TryParse(text) ?? throw new FormatException($"'{text}' is not a send window: use HH:mm-HH:mm with the start before the end, for example 09:00-16:00.");

    public bool Contains(DateTime utc)
    {
        var local = TimeOnly.FromDateTime(ThaiDates.ToBangkok(utc));
        return local >= Start && local < End;
    }

    /// <summary><paramref name="utc"/> when it is inside the window, otherwise the next time the window opens.</summary>
    public DateTime NextOpen(DateTime utc)
    {
        if (Contains(utc))
        {
            return utc;
        }

        var local = ThaiDates.ToBangkok(utc);
        var day = DateOnly.FromDateTime(local);
        if (TimeOnly.FromDateTime(local) >= End)
        {
            day = day.AddDays(1);
        }

        return OpensUtc(day);
    }

    /// <summary>The UTC instant the window opens on the Bangkok day <paramref name="day"/>.</summary>
    public DateTime OpensUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(Start, DateTimeKind.Unspecified), ThaiDates.Bangkok);

    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Start:HH\\:mm}-{(End == TimeOnly.MaxValue ? "24:00" : End.ToString("HH\\:mm", CultureInfo.InvariantCulture))}");
}
