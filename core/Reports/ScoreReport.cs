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
}

public sealed record SubDimensionScore(string Code, string NameEn, string NameTh, string DimensionCode, double? Score);

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
}
