namespace DgBot.Core.Framework;

/// <summary>One of the 22 sub-dimensions of the readiness framework, with its guidance.</summary>
public sealed record SubDimension(
    string Code,
    string DimensionCode,
    string NameEn,
    string NameTh,
    Guidance Guidance);

/// <summary>Improvement guidance for one sub-dimension, written from the seed's guidance table.</summary>
public sealed record Guidance(
    string Summary,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> References,
    string? Detail);

/// <summary>One of the 6 dimensions. <see cref="Scored"/> false means it reports no score ("-").</summary>
public sealed record Dimension(
    string Code,
    string NameEn,
    string NameTh,
    bool Scored,
    IReadOnlyList<SubDimension> SubDimensions);

/// <summary>A stage of digital government; <see cref="MinOverall"/> is the lowest overall score that reaches it.</summary>
public sealed record Stage(int Level, string NameEn, string NameTh, string Description, double MinOverall);

/// <summary>The whole framework: dimensions in framework order, and the five stages.</summary>
public sealed class ReadinessFramework
{
    private readonly Dictionary<string, Dimension> _dimensions;
    private readonly Dictionary<string, SubDimension> _subDimensions;

    public ReadinessFramework(IReadOnlyList<Dimension> dimensions, IReadOnlyList<Stage> stages)
    {
        Dimensions = dimensions;
        Stages = stages.OrderBy(s => s.Level).ToArray();
        SubDimensions = dimensions.SelectMany(d => d.SubDimensions).ToArray();
        _dimensions = dimensions.ToDictionary(d => d.Code, StringComparer.OrdinalIgnoreCase);
        _subDimensions = SubDimensions.ToDictionary(s => s.Code, StringComparer.OrdinalIgnoreCase);
    }

    public IReadOnlyList<Dimension> Dimensions { get; }

    /// <summary>All sub-dimensions in framework order.</summary>
    public IReadOnlyList<SubDimension> SubDimensions { get; }

    public IReadOnlyList<Stage> Stages { get; }

    public Dimension? FindDimension(string code) => _dimensions.GetValueOrDefault(code);

    public SubDimension? FindSubDimension(string code) => _subDimensions.GetValueOrDefault(code);

    public Dimension DimensionOf(SubDimension sub) => _dimensions[sub.DimensionCode];
}
