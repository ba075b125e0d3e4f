namespace DgBot.Core.Data.Entities;

/// <summary>The current answer to one question of one response. <see cref="Value"/> is <see cref="Answers.AnswerValue"/>'s storage form.</summary>
public sealed class Answer
{
    private Answer()
    {
        QuestionId = Value = string.Empty;
    }

    public Answer(int responseId, string questionId, string value, int? answeredByUserId, DateTime answeredUtc)
    {
        ResponseId = responseId;
        QuestionId = questionId;
        Value = value;
        AnsweredByUserId = answeredByUserId;
        AnsweredUtc = answeredUtc;
    }

    public int Id { get; private set; }

    public int ResponseId { get; private set; }

    public string QuestionId { get; private set; }

    public string Value { get; private set; }

    /// <summary>Who gave the answer; null once that person erased their data (a deleted respondent).</summary>
    public int? AnsweredByUserId { get; private set; }

    public ChatUser? AnsweredBy { get; private set; }

    /// <summary>
    /// For an answer entered from a file on the command line (<c>dgbot answers import</c>, e.g. a paper response): the
    /// operator account that entered it; null for an answer given in chat. An answer with neither this nor
    /// <see cref="AnsweredByUserId"/> is a deleted respondent's.
    /// </summary>
    public string? EnteredBy { get; private set; }

    public DateTime AnsweredUtc { get; private set; }

    /// <summary>A detached answer as stored under <paramref name="id"/> (for answers the engine keeps between turns).</summary>
    internal static Answer Restore(int id, int responseId, string questionId, string value, int? answeredByUserId, DateTime answeredUtc, string? enteredBy = null) =>
        new(responseId, questionId, value, answeredByUserId, answeredUtc) { Id = id, EnteredBy = enteredBy };

    /// <summary>An answer entered from a file by the operator <paramref name="enteredBy"/>.</summary>
    public static Answer EnteredFromFile(int responseId, string questionId, string value, string enteredBy, DateTime enteredUtc) =>
        new(responseId, questionId, value, answeredByUserId: null, enteredUtc) { EnteredBy = enteredBy };

    public void Change(string value, int? userId, DateTime utcNow)
    {
        Value = value;
        AnsweredByUserId = userId;
        AnsweredUtc = utcNow;
        EnteredBy = null;
    }

    /// <summary>The answer replaced from a file by the operator <paramref name="enteredBy"/>.</summary>
    public void ChangeFromFile(string value, string enteredBy, DateTime utcNow)
    {
        Change(value, userId: null, utcNow);
        EnteredBy = enteredBy;
    }
}
