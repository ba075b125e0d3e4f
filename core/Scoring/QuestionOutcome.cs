using DgBot.Core.Questionnaires;

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

    /// <summary>
    /// Answered with an option that takes it out of the score ("done by the parent agency", "does not apply"):
    /// it leaves both the points and the maximum, and what it checks is never recommended as something to fix.
    /// </summary>
    AnsweredNotApplicable,

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

    /// <summary>Why an <see cref="QuestionStatus.AnsweredNotApplicable"/> answer is out of the score; null otherwise.</summary>
    public NotApplicableReason? Reason { get; init; }

    /// <summary>True when the question does not bear on this agency: its condition is unmet or it was answered as not applicable.</summary>
    public bool IsOutOfScope => Status is QuestionStatus.NotApplicable or QuestionStatus.AnsweredNotApplicable;

    /// <summary>True when the question's points and maximum are in the score.</summary>
    public bool Counts => IsScored && Status is QuestionStatus.Answered or QuestionStatus.DontKnow;
}
