using System.Text.Json.Serialization;

namespace DgBot.Core.Framework;

// The shape of Framework/Data/framework.json. Everything is nullable so that a missing field
// reaches FrameworkLoader's validation (which names the code and the field) instead of
// surfacing as a bare serializer error. Unknown fields are rejected, so a typo such as
// "sumary" fails loudly rather than silently dropping the summary.

internal sealed class FrameworkDto
{
    public List<DimensionDto>? Dimensions { get; init; }

    public List<StageDto>? Stages { get; init; }
}

internal sealed class DimensionDto
{
    public string? Code { get; init; }

    public string? NameEn { get; init; }

    public string? NameTh { get; init; }

    public bool? Scored { get; init; }

    public List<SubDimensionDto>? SubDimensions { get; init; }
}

internal sealed class SubDimensionDto
{
    public string? Code { get; init; }

    public string? NameEn { get; init; }

    public string? NameTh { get; init; }

    public GuidanceDto? Guidance { get; init; }
}

internal sealed class GuidanceDto
{
    public string? Summary { get; init; }

    public List<string?>? Actions { get; init; }

    public List<string?>? References { get; init; }

    public string? Detail { get; init; }
}

internal sealed class StageDto
{
    public int? Level { get; init; }

    public string? NameEn { get; init; }

    public string? NameTh { get; init; }

    public string? Description { get; init; }

    public double? MinOverall { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(FrameworkDto))]
internal sealed partial class FrameworkJsonContext : JsonSerializerContext;
