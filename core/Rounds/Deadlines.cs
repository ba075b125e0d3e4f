using DgBot.Core.Content;

namespace DgBot.Core.Rounds;

/// <summary>A deadline is the end of a calendar day in Asia/Bangkok; it is stored as the UTC instant that day ends.</summary>
public static class Deadlines
{
    /// <summary>The UTC instant at which <paramref name="day"/> ends in Bangkok (midnight that starts the next day).</summary>
    public static DateTime EndOfDayUtc(DateOnly day)
    {
        var nextMidnightLocal = day.AddDays(1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Unspecified);
        return TimeZoneInfo.ConvertTimeToUtc(nextMidnightLocal, ThaiDates.Bangkok);
    }

    /// <summary>The Bangkok calendar day a stored deadline closes.</summary>
    public static DateOnly Day(DateTime deadlineUtc) =>
        DateOnly.FromDateTime(ThaiDates.ToBangkok(deadlineUtc).AddTicks(-1));

    /// <summary>"15 ธ.ค. 2569".</summary>
    public static string Display(DateTime deadlineUtc) => ThaiDates.Day(Day(deadlineUtc));
}
