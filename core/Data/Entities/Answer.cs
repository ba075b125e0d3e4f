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

    public DateTime AnsweredUtc { get; private set; }

    /// <summary>A detached answer as stored under <paramref name="id"/> (for answers the engine keeps between turns).</summary>
    internal static Answer Restore(int id, int responseId, string questionId, string value, int? answeredByUserId, DateTime answeredUtc) =>
        new(responseId, questionId, value, answeredByUserId, answeredUtc) { Id = id };

    public void Change(string value, int? userId, DateTime utcNow)
    {
        Value = value;
        AnsweredByUserId = userId;
        AnsweredUtc = utcNow;
    }
}
