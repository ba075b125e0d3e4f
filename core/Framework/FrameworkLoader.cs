using System.Globalization;
using System.Text.Json;

namespace DgBot.Core.Framework;

/// <summary>
/// Loads the readiness framework (dimensions, sub-dimensions, guidance and stages) from JSON
/// and checks it, so that a broken data file stops the program with a message naming the code
/// and field at fault rather than producing wrong scores or guidance later.
/// </summary>
public static class FrameworkLoader
{
    /// <summary>Name of the embedded resource that holds the built-in framework.</summary>
    public const string BuiltInResourceName = "DgBot.Core.Framework.framework.json";

    /// <summary>The framework needs at least the six dimensions of the survey.</summary>
    public const int MinDimensions = 6;

    /// <summary>Most actions a sub-dimension's guidance may list (the report shows them on a phone).</summary>
    public const int MaxActions = 5;

    /// <summary>Longest action, in characters.</summary>
    public const int MaxActionLength = 300;

    /// <summary>Number of stages of digital government.</summary>
    public const int StageCount = 5;

    private static readonly Lazy<ReadinessFramework> BuiltInFramework = new(LoadBuiltIn, LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>The framework embedded in DgBot.Core, loaded and validated once on first use.</summary>
    /// <exception cref="FrameworkException">The embedded data is missing or broken.</exception>
    public static ReadinessFramework BuiltIn => BuiltInFramework.Value;

    /// <summary>Reads and validates a framework from UTF-8 JSON.</summary>
    /// <exception cref="FrameworkException">The JSON is unreadable or breaks a rule; the message names the code and field.</exception>
    public static ReadinessFramework Load(Stream json)
    {
        ArgumentNullException.ThrowIfNull(json);
        FrameworkDto? dto;
        try
        {
            dto = JsonSerializer.Deserialize(json, FrameworkJsonContext.Default.FrameworkDto);
        }
        catch (JsonException ex)
        {
            throw new FrameworkException(
                string.Create(CultureInfo.InvariantCulture, $"framework: invalid JSON at {ex.Path ?? "$"} (line {ex.LineNumber + 1}): {ex.Message}"),
                ex);
        }

        if (dto is null)
        {
            throw new FrameworkException("framework: the document is empty (null)");
        }

        return Build(dto);
    }

    private static ReadinessFramework LoadBuiltIn()
    {
        using var stream = typeof(FrameworkLoader).Assembly.GetManifestResourceStream(BuiltInResourceName)
            ?? throw new FrameworkException($"framework: embedded resource '{BuiltInResourceName}' is missing from DgBot.Core");
        return Load(stream);
    }

    private static ReadinessFramework Build(FrameworkDto dto)
    {
        var codes = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var dimensions = new List<Dimension>();

        var dimensionDtos = dto.Dimensions ?? throw Fail("framework", "dimensions", "is missing");
        if (dimensionDtos.Count < MinDimensions)
        {
            throw Fail("framework", "dimensions", FormattableString.Invariant($"has {dimensionDtos.Count} entries; at least {MinDimensions} are required"));
        }

        for (var i = 0; i < dimensionDtos.Count; i++)
        {
            var d = dimensionDtos[i] ?? throw Fail(Ordinal("dimension", i), "dimensions", "entry is null");
            var code = Code(d.Code, codes, Ordinal("dimension", i));
            var where = $"dimension '{code}'";
            var nameEn = Required(d.NameEn, where, "nameEn");
            var nameTh = Required(d.NameTh, where, "nameTh");
            var scored = d.Scored ?? throw Fail(where, "scored", "is missing");
            var subDtos = d.SubDimensions ?? throw Fail(where, "subDimensions", "is missing");
            if (subDtos.Count == 0)
            {
                throw Fail(where, "subDimensions", "is empty");
            }

            var subs = new List<SubDimension>(subDtos.Count);
            for (var j = 0; j < subDtos.Count; j++)
            {
                var s = subDtos[j] ?? throw Fail(where, Ordinal("subDimensions", j), "entry is null");
                subs.Add(BuildSub(s, code, codes, $"{where}, {Ordinal("sub-dimension", j)}"));
            }

            dimensions.Add(new Dimension(code, nameEn, nameTh, scored, subs));
        }

        return new ReadinessFramework(dimensions, BuildStages(dto.Stages));
    }

    private static SubDimension BuildSub(SubDimensionDto s, string dimensionCode, HashSet<string> codes, string position)
    {
        var code = Code(s.Code, codes, position);
        var where = $"sub-dimension '{code}'";
        var nameEn = Required(s.NameEn, where, "nameEn");
        var nameTh = Required(s.NameTh, where, "nameTh");
        var g = s.Guidance ?? throw Fail(where, "guidance", "is missing");
        var summary = Required(g.Summary, where, "guidance.summary");

        var actionDtos = g.Actions ?? throw Fail(where, "guidance.actions", "is missing");
        if (actionDtos.Count is 0 or > MaxActions)
        {
            throw Fail(where, "guidance.actions", FormattableString.Invariant($"has {actionDtos.Count} actions; 1 to {MaxActions} are required"));
        }

        var actions = new List<string>(actionDtos.Count);
        for (var k = 0; k < actionDtos.Count; k++)
        {
            var field = $"guidance.actions[{k}]";
            var action = Required(actionDtos[k], where, field);
            if (action.Length > MaxActionLength)
            {
                throw Fail(where, field, FormattableString.Invariant($"is {action.Length} characters long; at most {MaxActionLength} are allowed"));
            }

            actions.Add(action);
        }

        var references = new List<string>();
        var referenceDtos = g.References ?? [];
        for (var k = 0; k < referenceDtos.Count; k++)
        {
            references.Add(Required(referenceDtos[k], where, $"guidance.references[{k}]"));
        }

        var detail = string.IsNullOrWhiteSpace(g.Detail) ? null : g.Detail;
        return new SubDimension(code, dimensionCode, nameEn, nameTh, new Guidance(summary, actions, references, detail));
    }

    private static List<Stage> BuildStages(List<StageDto>? stageDtos)
    {
        if (stageDtos is null)
        {
            throw Fail("framework", "stages", "is missing");
        }

        if (stageDtos.Count != StageCount)
        {
            throw Fail("framework", "stages", FormattableString.Invariant($"has {stageDtos.Count} entries; exactly {StageCount} are required"));
        }

        var stages = new List<Stage>(StageCount);
        for (var i = 0; i < stageDtos.Count; i++)
        {
            var s = stageDtos[i] ?? throw Fail(Ordinal("stage", i), "stages", "entry is null");
            var expectedLevel = i + 1;
            var where = $"stage {expectedLevel.ToString(CultureInfo.InvariantCulture)}";
            var level = s.Level ?? throw Fail(where, "level", "is missing");
            if (level != expectedLevel)
            {
                throw Fail(where, "level", FormattableString.Invariant($"is {level}; stages must be listed as levels 1 to {StageCount} in order"));
            }

            var minOverall = s.MinOverall ?? throw Fail(where, "minOverall", "is missing");
            if (!double.IsFinite(minOverall) || minOverall < 0 || minOverall > 100)
            {
                throw Fail(where, "minOverall", FormattableString.Invariant($"is {minOverall}; it must be between 0 and 100"));
            }

            if (i == 0 && minOverall != 0)
            {
                throw Fail(where, "minOverall", FormattableString.Invariant($"is {minOverall}; the first stage must start at 0 so every score has a stage"));
            }

            if (i > 0 && minOverall <= stages[i - 1].MinOverall)
            {
                throw Fail(where, "minOverall", FormattableString.Invariant($"is {minOverall}; it must be above stage {i}'s {stages[i - 1].MinOverall}"));
            }

            stages.Add(new Stage(
                level,
                Required(s.NameEn, where, "nameEn"),
                Required(s.NameTh, where, "nameTh"),
                Required(s.Description, where, "description"),
                minOverall));
        }

        return stages;
    }

    private static string Code(string? code, HashSet<string> seen, string position)
    {
        if (string.IsNullOrWhiteSpace(code))
        {
            throw Fail(position, "code", "is missing");
        }

        if (code.Trim() != code)
        {
            throw Fail($"'{code}'", "code", "has leading or trailing spaces");
        }

        if (!seen.Add(code))
        {
            throw Fail($"'{code}'", "code", "is a duplicate: dimension and sub-dimension codes must be unique");
        }

        return code;
    }

    private static string Required(string? value, string where, string field) =>
        string.IsNullOrWhiteSpace(value) ? throw Fail(where, field, "is missing or empty") : value;

    private static string Ordinal(string what, int index) =>
        string.Create(CultureInfo.InvariantCulture, $"{what} #{index + 1}");

    private static FrameworkException Fail(string where, string field, string problem) =>
        new($"framework: {where}: {field} {problem}");
}
