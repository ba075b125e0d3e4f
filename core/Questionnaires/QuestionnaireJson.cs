using System.Text.Json.Serialization;

namespace DgBot.Core.Questionnaires;

// The shape of Questionnaires/Data/questionnaire-*.json. Everything is nullable so that a missing
// field reaches the validator (which names the question and the field) instead of surfacing as a
// bare serializer error. Unknown fields are rejected, so a typo such as "alowDontKnow" fails
// loudly rather than silently dropping the setting. "note" is documentation only (for example why
// the bands are where they are); it is read and discarded.

internal sealed class QuestionnaireDto
{
    public string? Version { get; init; }

    public string? Title { get; init; }

    public List<QuestionDto?>? Questions { get; init; }

    public StagesDto? Stages { get; init; }

    public string? Note { get; init; }
}

internal sealed class StagesDto
{
    public string? Note { get; init; }

    public List<StageBandDto?>? Bands { get; init; }
}

internal sealed class StageBandDto
{
    public int? Level { get; init; }

    public double? MinOverall { get; init; }
}

internal sealed class QuestionDto
{
    public string? Id { get; init; }

    public string? SubDimension { get; init; }

    public string? GuidancePoint { get; init; }

    public List<int>? Checks { get; init; }

    public string? Text { get; init; }

    public string? Help { get; init; }

    public string? Type { get; init; }

    public List<OptionDto?>? Options { get; init; }

    public List<BandDto?>? Bands { get; init; }

    public double? MaxPoints { get; init; }

    public bool? AllowDontKnow { get; init; }

    public ConditionDto? Condition { get; init; }

    public string? Unit { get; init; }

    public string? Note { get; init; }
}

internal sealed class OptionDto
{
    public string? Id { get; init; }

    public string? Label { get; init; }

    public double? Points { get; init; }

    public bool? Exclusive { get; init; }

    public string? NotApplicable { get; init; }
}

internal sealed class BandDto
{
    public double? Min { get; init; }

    public double? Max { get; init; }

    public double? Points { get; init; }
}

internal sealed class ConditionDto
{
    public string? Question { get; init; }

    public List<string?>? AnyOf { get; init; }
}

[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    UnmappedMemberHandling = System.Text.Json.Serialization.JsonUnmappedMemberHandling.Disallow)]
[JsonSerializable(typeof(QuestionnaireDto))]
internal sealed partial class QuestionnaireJsonContext : JsonSerializerContext;
