namespace DgBot.Core.Data.Entities;

/// <summary>One year's survey: a deadline (end of that day in Asia/Bangkok, stored as the UTC instant it ends) and the questionnaire version it uses.</summary>
public sealed class SurveyRound
{
    private SurveyRound()
    {
        Name = QuestionnaireVersion = ReminderDays = SendWindow = string.Empty;
    }

    public SurveyRound(string name, DateTime deadlineUtc, string questionnaireVersion, DateTime createdUtc, string reminderDays = "7,3,1", string sendWindow = "09:00-16:00")
    {
        Name = name;
        DeadlineUtc = deadlineUtc;
        QuestionnaireVersion = questionnaireVersion;
        CreatedUtc = createdUtc;
        ReminderDays = reminderDays;
        SendWindow = sendWindow;
    }

    public int Id { get; private set; }

    public string Name { get; private set; }

    /// <summary>The instant the round closes: the end of the deadline day in Asia/Bangkok, in UTC.</summary>
    public DateTime DeadlineUtc { get; private set; }

    public string QuestionnaireVersion { get; private set; }

    /// <summary>Days before the deadline when reminders go out, for example "7,3,1".</summary>
    public string ReminderDays { get; private set; }

    /// <summary>Local (Asia/Bangkok) hours in which reminders may be sent, for example "09:00-16:00".</summary>
    public string SendWindow { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime? ClosedUtc { get; private set; }

    /// <summary>A detached round as stored under <paramref name="id"/> (for rounds the engine keeps between turns).</summary>
    internal static SurveyRound Restore(int id, string name, DateTime deadlineUtc, string questionnaireVersion, string reminderDays, string sendWindow, DateTime createdUtc, DateTime? closedUtc) =>
        new(name, deadlineUtc, questionnaireVersion, createdUtc, reminderDays, sendWindow) { Id = id, ClosedUtc = closedUtc };

    public bool IsOpenAt(DateTime utcNow) => ClosedUtc is null && utcNow < DeadlineUtc;

    public void Close(DateTime utcNow) => ClosedUtc ??= utcNow;
}
