namespace DgBot.Core.Questionnaires;

/// <summary>How a question is answered, and so how it is parsed and scored.</summary>
public enum QuestionType
{
    /// <summary>ใช่/ไม่ใช่, optionally with an "in progress" option for partial credit. Options have ids "yes", "no" and optionally "partial".</summary>
    YesNo,

    /// <summary>One option of several, each with its points.</summary>
#pragma warning disable CA1720 // "Single" is the survey term for single choice, not the float type.
    Single,
#pragma warning restore CA1720

    /// <summary>Any number of options; points add up, capped at <see cref="Question.MaxPoints"/>. An exclusive option ("none") stands alone.</summary>
    Multi,

    /// <summary>A number scored by <see cref="Question.Bands"/>.</summary>
    Number,

    /// <summary>A percentage 0–100 scored by <see cref="Question.Bands"/>.</summary>
    Percent,

    /// <summary>Free text, unscored.</summary>
    Text,
}

/// <summary>Why an answer option takes its question out of the score.</summary>
public enum NotApplicableReason
{
    /// <summary>"ดำเนินการโดยหน่วยงานต้นสังกัด": the parent department decides or does this, not the office answering.</summary>
    ParentAgency,

    /// <summary>"ไม่เกี่ยวข้องกับหน่วยงาน": the practice does not apply to this agency.</summary>
    DoesNotApply,
}

/// <summary>An answer option. <see cref="Id"/> is short and stable (it travels in button payloads).</summary>
public sealed record AnswerOption(string Id, string Label, double Points, bool Exclusive = false)
{
    /// <summary>
    /// Set when choosing this option takes the question out of the score (out of both the points and the maximum),
    /// for example "done by the parent agency". Such an option earns no points and is never a thing to fix.
    /// </summary>
    public NotApplicableReason? NotApplicable { get; init; }
}

/// <summary>
/// A stage band of a questionnaire: a submitted overall score of at least <see cref="MinOverall"/> is shown as an
/// estimate of stage <see cref="Level"/> of the framework. The bands are DgBot's own, not the source's.
/// </summary>
public sealed record StageBand(int Level, double MinOverall);

/// <summary>A band for number and percent questions: <c>Min &lt;= value &lt; Max</c> earns <see cref="Points"/> (a null bound is open).</summary>
public sealed record Band(double? Min, double? Max, double Points);

/// <summary>The question is asked only when question <see cref="QuestionId"/> was answered with one of <see cref="AnyOf"/> (option ids).</summary>
public sealed record Condition(string QuestionId, IReadOnlyList<string> AnyOf);

/// <summary>One question of the questionnaire.</summary>
public sealed record Question(
    string Id,
    string SubDimension,
    string GuidancePoint,
    string Text,
    string? Help,
    QuestionType Type,
    IReadOnlyList<AnswerOption> Options,
    IReadOnlyList<Band> Bands,
    double? MaxPoints,
    bool AllowDontKnow,
    Condition? Condition,
    string? Unit)
{
    /// <summary>
    /// The guidance actions of the sub-dimension this question checks, as 1-based positions in
    /// <c>Guidance.Actions</c> of the framework; empty when the questionnaire does not say (older files).
    /// </summary>
    public IReadOnlyList<int> Checks { get; init; } = [];

    public bool IsScored => Type != QuestionType.Text;

    public bool IsChoice => Type is QuestionType.YesNo or QuestionType.Single or QuestionType.Multi;

    /// <summary>The most points this question can earn when it applies.</summary>
    public double MaximumPoints => Type switch
    {
        QuestionType.YesNo or QuestionType.Single => Options.Count == 0 ? 0 : Options.Max(o => o.Points),
        QuestionType.Multi => MaxPoints ?? Options.Where(o => !o.Exclusive && o.NotApplicable is null).Sum(o => o.Points),
        QuestionType.Number or QuestionType.Percent => Bands.Count == 0 ? 0 : Bands.Max(b => b.Points),
        _ => 0,
    };

    /// <summary>The reason the answer takes this question out of the score, or null when it is scored as usual.</summary>
    public NotApplicableReason? NotApplicableBy(IReadOnlyList<string> optionIds)
    {
        ArgumentNullException.ThrowIfNull(optionIds);
        return optionIds.Count == 1 ? FindOption(optionIds[0])?.NotApplicable : null;
    }

    public AnswerOption? FindOption(string optionId) =>
        Options.FirstOrDefault(o => string.Equals(o.Id, optionId, StringComparison.OrdinalIgnoreCase));
}

/// <summary>A versioned questionnaire. Another year's questionnaire is a new data file, not new code.</summary>
public sealed class Questionnaire
{
    private readonly Dictionary<string, int> _index;

    public Questionnaire(string version, string title, IReadOnlyList<Question> questions, IReadOnlyList<StageBand>? stageBands = null)
    {
        StageBands = stageBands ?? [];
        Version = version;
        Title = title;
        Questions = questions;
        _index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < questions.Count; i++)
        {
            _index.TryAdd(questions[i].Id, i);
        }
    }

    public string Version { get; }

    public string Title { get; }

    /// <summary>
    /// DgBot's own bands from a submitted overall score to an estimated stage, lowest first; empty when the file
    /// defines none (then the framework's thresholds are used).
    /// </summary>
    public IReadOnlyList<StageBand> StageBands { get; }

    /// <summary>Questions in the order they are asked.</summary>
    public IReadOnlyList<Question> Questions { get; }

    public Question? Find(string id) => _index.TryGetValue(id, out var i) ? Questions[i] : null;

    /// <summary>Zero-based position of a question, or -1.</summary>
    public int IndexOf(string id) => _index.TryGetValue(id, out var i) ? i : -1;
}
