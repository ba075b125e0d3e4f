using System.Globalization;

namespace DgBot.Core.Content;

/// <summary>Dates for Thai readers: Asia/Bangkok time, Buddhist-era years (th-TH culture), e.g. "15 ธ.ค. 2569".</summary>
public static class ThaiDates
{
    public static CultureInfo Thai { get; } = CultureInfo.GetCultureInfo("th-TH");

    /// <summary>Asia/Bangkok; a fixed UTC+7 zone when the system has no time zone data (Thailand has no daylight saving).</summary>
    public static TimeZoneInfo Bangkok { get; } = FindBangkok();

    public static DateTime ToBangkok(DateTime utc) =>
        TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Bangkok);

    /// <summary>"15 ธ.ค. 2569".</summary>
    public static string Date(DateTime utc) => ToBangkok(utc).ToString("d MMM yyyy", Thai);

    /// <summary>"15 ธ.ค. 2569 14:30 น.".</summary>
    public static string DateAndTime(DateTime utc) => ToBangkok(utc).ToString("d MMM yyyy HH:mm", Thai) + " น.";

    /// <summary>"15 ธ.ค. 2569" for a calendar day.</summary>
    public static string Day(DateOnly day) => day.ToDateTime(TimeOnly.MinValue).ToString("d MMM yyyy", Thai);

    private static TimeZoneInfo FindBangkok()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Asia/Bangkok");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Bangkok", TimeSpan.FromHours(7), "Asia/Bangkok", "ICT");
        }
        catch (InvalidTimeZoneException)
        {
            return TimeZoneInfo.CreateCustomTimeZone("Asia/Bangkok", TimeSpan.FromHours(7), "Asia/Bangkok", "ICT");
        }
    }
}
