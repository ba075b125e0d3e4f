using System.ComponentModel.DataAnnotations;

namespace DgBot.Bot.Outbox;

/// <summary>The <c>Reminders</c> configuration section: the reminder schedule and the outbox senders.</summary>
public sealed class ReminderOptions
{
    public const string SectionName = "Reminders";

    /// <summary>Run the schedule and the outbox senders in <c>dgbot serve</c>.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Recipients per LINE multicast request (LINE allows at most 500).</summary>
    [Range(1, 500, ErrorMessage = "Reminders:LineBatchSize must be between 1 and 500.")]
    public int LineBatchSize { get; set; } = 500;

    /// <summary>How often the schedule is checked for due slots.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Reminders:ScheduleInterval must be between 00:00:01 and 01:00:00.")]
    public TimeSpan ScheduleInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>How often an idle sender looks for new messages.</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:10:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Reminders:PollInterval must be between 00:00:00.010 and 00:10:00.")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts for one message before it is marked failed.</summary>
    [Range(1, 50, ErrorMessage = "Reminders:MaxAttempts must be between 1 and 50.")]
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The first wait after a failed attempt; doubles each time (at most an hour).</summary>
    [Range(typeof(TimeSpan), "00:00:00", "01:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Reminders:RetryBaseDelay must be between 00:00:00 and 01:00:00.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>How long LINE messages wait when the monthly quota would be exceeded before the quota is checked again.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Reminders:QuotaRecheckInterval must be between 00:00:01 and 1.00:00:00.")]
    public TimeSpan QuotaRecheckInterval { get; set; } = TimeSpan.FromHours(1);

    public TimeSpan Backoff(int attempts)
    {
        var delay = RetryBaseDelay * Math.Pow(2, Math.Max(0, attempts - 1));
        return delay > TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : delay;
    }
}
