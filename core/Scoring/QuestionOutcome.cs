namespace DgBot.Core.Scoring;

/// <summary>How one question counts towards the score.</summary>
public enum QuestionStatus
{
    /// <summary>Answered: earns its points out of its maximum.</summary>
    Answered,

    /// <summary>Answered "ไม่ทราบ": earns 0 but its maximum still counts.</summary>
    DontKnow,

    /// <summary>Its condition is not met: it leaves both the points and the maximum.</summary>
    NotApplicable,

    /// <summary>Applicable (or possibly applicable) and not answered yet: left out of the score, which is then provisional.</summary>
    Open,
}

/// <summary>The outcome of one question. <see cref="Max"/> is 0 unless the question counts (answered or don't know).</summary>
public sealed record QuestionOutcome(
    string QuestionId,
    string SubDimensionCode,
    QuestionStatus Status,
    bool IsScored,
    double Earned,
    double Max)
{
    public bool DontKnow => Status == QuestionStatus.DontKnow;

    public bool IsApplicable => Status != QuestionStatus.NotApplicable;

    public bool IsOpen => Status == QuestionStatus.Open;

    /// <summary>True when the question's points and maximum are in the score.</summary>
    public bool Counts => IsScored && Status is QuestionStatus.Answered or QuestionStatus.DontKnow;
}
