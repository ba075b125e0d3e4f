namespace DgBot.Core.Data.Entities;

/// <summary>One change of an answer: what it was, what it became, who changed it and when.</summary>
public sealed class AnswerAudit
{
    private AnswerAudit()
    {
        QuestionId = string.Empty;
    }

    public AnswerAudit(int responseId, string questionId, string? oldValue, string? newValue, int? changedByUserId, DateTime changedUtc)
    {
        ResponseId = responseId;
        QuestionId = questionId;
        OldValue = oldValue;
        NewValue = newValue;
        ChangedByUserId = changedByUserId;
        ChangedUtc = changedUtc;
    }

    public long Id { get; private set; }

    public int ResponseId { get; private set; }

    public string QuestionId { get; private set; }

    public string? OldValue { get; private set; }

    public string? NewValue { get; private set; }

    public int? ChangedByUserId { get; private set; }

    public DateTime ChangedUtc { get; private set; }
}
