using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;

namespace DgBot.Core.Scoring;

/// <summary>Earned and maximum points of one sub-dimension over its applicable, answered questions.</summary>
public sealed record SubDimensionResult(
    string Code,
    string DimensionCode,
    bool Scored,
    double Earned,
    double Max,
    int Counted,
    int Open)
{
    /// <summary>100 × earned ÷ maximum, unrounded; null when the dimension is not scored or nothing has been counted.</summary>
    public double? Score => Scored && Max > 0 ? 100 * Earned / Max : null;

    /// <summary><see cref="Score"/> rounded to one decimal, as shown.</summary>
    public double? Rounded => ScoreMath.Round(Score);
}

/// <summary>Earned and maximum points of one dimension: the sums over all its sub-dimensions (points-weighted).</summary>
public sealed record DimensionResult(
    string Code,
    bool Scored,
    double Earned,
    double Max,
    int Counted,
    int Open)
{
    /// <summary>100 × Σearned ÷ Σmaximum, unrounded; null when the dimension is not scored or nothing has been counted.</summary>
    public double? Score => Scored && Max > 0 ? 100 * Earned / Max : null;

    /// <summary><see cref="Score"/> rounded to one decimal, as shown.</summary>
    public double? Rounded => ScoreMath.Round(Score);
}

/// <summary>The result of scoring one agency's answers. Scores are kept unrounded; round only to show them.</summary>
public sealed class ScoreResult
{
    private readonly Dictionary<string, QuestionOutcome> _questions;
    private readonly Dictionary<string, SubDimensionResult> _subDimensions;
    private readonly Dictionary<string, DimensionResult> _dimensions;

    public ScoreResult(
        IReadOnlyList<QuestionOutcome> questions,
        IReadOnlyList<SubDimensionResult> subDimensions,
        IReadOnlyList<DimensionResult> dimensions,
        double? overall,
        Stage? stage)
    {
        ArgumentNullException.ThrowIfNull(questions);
        ArgumentNullException.ThrowIfNull(subDimensions);
        ArgumentNullException.ThrowIfNull(dimensions);
        Questions = questions;
        SubDimensions = subDimensions;
        Dimensions = dimensions;
        Overall = overall;
        Stage = stage;
        OpenQuestions = questions.Count(q => q.IsOpen && q.IsScored);
        DontKnowCount = questions.Count(q => q.DontKnow);
        _questions = new Dictionary<string, QuestionOutcome>(StringComparer.OrdinalIgnoreCase);
        foreach (var q in questions)
        {
            _questions.TryAdd(q.QuestionId, q);
        }

        _subDimensions = subDimensions.ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);
        _dimensions = dimensions.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>Every question of the questionnaire, in questionnaire order.</summary>
    public IReadOnlyList<QuestionOutcome> Questions { get; }

    /// <summary>Every sub-dimension, in framework order.</summary>
    public IReadOnlyList<SubDimensionResult> SubDimensions { get; }

    /// <summary>Every dimension, in framework order.</summary>
    public IReadOnlyList<DimensionResult> Dimensions { get; }

    /// <summary>Mean of the scored dimensions that have a score, unrounded; null when none has.</summary>
    public double? Overall { get; }

    /// <summary>
    /// DgBot's estimate of the stage reached by the overall score as shown (one decimal), by the questionnaire's bands;
    /// null without an overall score and while the result is provisional. The source publishes no stage per agency.
    /// </summary>
    public Stage? Stage { get; }

    /// <summary>The questionnaire's stage bands (empty: the framework's thresholds), so a report can estimate the stage from its shown overall.</summary>
    public IReadOnlyList<StageBand> StageBands { get; init; } = [];

    /// <summary>
    /// Guidance actions (1-based, by sub-dimension code) that every question checking them left out of the score, by an
    /// unmet condition or a not-applicable answer: never recommended to this agency. Empty for questionnaires that name no actions.
    /// </summary>
    public IReadOnlyDictionary<string, IReadOnlyList<int>> OutOfScopeActions { get; init; } = new Dictionary<string, IReadOnlyList<int>>();

    /// <summary>Questions answered "done by the parent agency", in questionnaire order.</summary>
    public IReadOnlyList<string> ParentAgencyQuestions => Questions.Where(q => q.Reason == NotApplicableReason.ParentAgency).Select(q => q.QuestionId).ToArray();

    /// <summary>Questions answered "does not apply to the agency", in questionnaire order.</summary>
    public IReadOnlyList<string> DoesNotApplyQuestions => Questions.Where(q => q.Reason == NotApplicableReason.DoesNotApply).Select(q => q.QuestionId).ToArray();

    /// <summary>Scored questions that may apply and are not answered yet (free-text questions carry no points and are not counted).</summary>
    public int OpenQuestions { get; }

    /// <summary>Answers that do not fit their question (for example from an older questionnaire); those questions count as open.</summary>
    public IReadOnlyList<InvalidAnswer> InvalidAnswers { get; init; } = [];

    /// <summary>How many questions were answered "ไม่ทราบ".</summary>
    public int DontKnowCount { get; }

    /// <summary>True while questions are open: the scores are over what has been answered so far.</summary>
    public bool Provisional => OpenQuestions > 0;

    public QuestionOutcome? Question(string questionId) => _questions.GetValueOrDefault(questionId);

    public SubDimensionResult? SubDimension(string code) => _subDimensions.GetValueOrDefault(code);

    public DimensionResult? Dimension(string code) => _dimensions.GetValueOrDefault(code);

    /// <summary>False only when the question's condition is known to be unmet (or the id is unknown).</summary>
    public bool IsApplicable(string questionId) => Question(questionId) is { IsApplicable: true };

    /// <summary>True when the question may apply and has no answer yet.</summary>
    public bool IsOpen(string questionId) => Question(questionId) is { IsOpen: true };
}
