using System.Text.Json.Serialization;

namespace DgBot.Core.Reports;

// The report model. Its JSON shape (camelCase) is read by other tools: keep field names stable.

public sealed record DimensionScore(string Code, string NameEn, string NameTh, double? Score)
{
    /// <summary>False when the framework does not score this dimension ("-"); not part of the JSON (a null score says it).</summary>
    [JsonIgnore]
    public bool Scored { get; init; } = true;

    /// <summary>
    /// True when every question of this scored dimension was answered as done by the parent agency or not applicable
    /// (or left out by such an answer): it is "not scored" ("-"), not 0. Not part of the JSON (a null score says it).
    /// </summary>
    [JsonIgnore]
    public bool AllNotApplicable { get; init; }

    /// <summary>The score of the previous round (see <see cref="ScoreReport.Progress"/>); absent from the JSON when there is none.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PreviousScore { get; init; }

    /// <summary>Score minus <see cref="PreviousScore"/>, one decimal; absent when either is missing (no change is shown).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Change { get; init; }

    /// <summary>Where the agency stands among its peers on this dimension (quartile bands only); absent when no group is large enough.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<PeerBand>? Peers { get; init; }
}

public sealed record SubDimensionScore(string Code, string NameEn, string NameTh, string DimensionCode, double? Score)
{
    /// <inheritdoc cref="DimensionScore.PreviousScore"/>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? PreviousScore { get; init; }

    /// <inheritdoc cref="DimensionScore.Change"/>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Change { get; init; }
}

/// <summary>Which peers a <see cref="PeerBand"/> is about.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<PeerScope>))]
public enum PeerScope
{
    /// <summary>Agencies of the same <c>Agency.Type</c>, nationwide.</summary>
    Type,

    /// <summary>The agencies of the same province.</summary>
    Province,
}

/// <summary>
/// An agency's position on one dimension among a group of peers, as a quartile band only (1 = the top 25%, 4 = the
/// bottom 25%): no rank, no other agency's score. Shown only when the group has enough other submitted agencies.
/// </summary>
/// <param name="Scope">Which peers.</param>
/// <param name="Group">The group's name: the agency type, or the province.</param>
/// <param name="GroupSize">How many agencies the position is among, the agency itself included.</param>
/// <param name="Quartile">1 (top 25%) to 4 (bottom 25%).</param>
public sealed record PeerBand(PeerScope Scope, string Group, int GroupSize, int Quartile);

/// <summary>What the report's changes are measured against: the previous round with a submitted response.</summary>
/// <param name="PreviousRound">The previous round's name ("2568").</param>
/// <param name="PreviousVersion">The questionnaire version of the previous round.</param>
/// <param name="Version">The questionnaire version of this round.</param>
/// <param name="PreviousOverall">The previous round's overall score (mean of its scored dimensions).</param>
/// <param name="OverallChange">Overall minus <paramref name="PreviousOverall"/>, one decimal.</param>
public sealed record ProgressRef(string PreviousRound, string PreviousVersion, string Version, double? PreviousOverall, double? OverallChange)
{
    /// <summary>True when the two rounds used different questionnaire versions: scores are compared by code.</summary>
    public bool VersionsDiffer => !string.Equals(PreviousVersion, Version, StringComparison.OrdinalIgnoreCase);
}

public sealed record DimensionRef(string Code, string NameEn, double Score);

public sealed record StageRef(int Level, string NameEn, string NameTh);

public sealed record GuidanceSummary(string Summary, IReadOnlyList<string> Actions);

public sealed record ImproveItem(
    int Rank,
    string Code,
    string NameEn,
    string NameTh,
    double Score,
    double? PeerScore,
    GuidanceSummary Guidance)
{
    /// <summary>Score minus peer score; negative when this agency is behind its peers. Not part of the JSON (readers can subtract).</summary>
    [JsonIgnore]
    public double? Gap => PeerScore is { } p ? Math.Round(Score - p, 1) : null;

    /// <summary>The change since the previous round (see <see cref="ScoreReport.Progress"/>); absent when not known.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? Change { get; init; }

    /// <summary>True when the score fell since the previous round. Not part of the JSON (a negative change says it).</summary>
    [JsonIgnore]
    public bool Worse => Change < 0;
}

public sealed record ScoreReport(
    IReadOnlyList<DimensionScore> Dimensions,
    IReadOnlyList<SubDimensionScore> SubDimensions,
    DimensionRef? Highest,
    DimensionRef? Lowest,
    double? Overall,
    StageRef? Stage,
    IReadOnlyList<ImproveItem> ImproveFirst,
    bool Provisional,
    int OpenQuestions)
{
    /// <summary>Questions answered "done by the parent agency": out of both the points and the maximum, never a thing to fix.</summary>
    public IReadOnlyList<string> ParentAgencyQuestions { get; init; } = [];

    /// <summary>Questions answered "does not apply to the agency": out of both the points and the maximum, never a thing to fix.</summary>
    public IReadOnlyList<string> DoesNotApplyQuestions { get; init; } = [];

    /// <summary>
    /// The round the changes (<see cref="DimensionScore.Change"/>, …) are measured against; null (and absent from the
    /// JSON) when there is no earlier round to compare with.
    /// </summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ProgressRef? Progress { get; init; }
}
