using System.Text.Json;
using System.Text.Json.Serialization;

namespace DgBot.Core.Conversation;

/// <summary>Where a person is in the conversation.</summary>
public enum ConversationMode
{
    /// <summary>At the menu (or not joined yet).</summary>
    Menu,

    /// <summary>Answering <see cref="ConversationState.QuestionId"/>.</summary>
    Survey,

    /// <summary>Asked to confirm submitting the response.</summary>
    ConfirmSubmit,

    /// <summary>Asked to confirm erasing their personal data.</summary>
    ConfirmForget,
}

/// <summary>
/// A person's conversation state, stored as JSON on their row. Typed, never a bag of casts. A change of questionnaire
/// version is detected by <see cref="QuestionnaireVersion"/> and the walk restarts at the first unanswered question.
/// </summary>
public sealed record ConversationState
{
    /// <summary>Bumped when the shape changes incompatibly; an unknown version is reset, not crashed on.</summary>
    public const int CurrentSchema = 1;

    public static ConversationState Initial { get; } = new();

    public int Schema { get; init; } = CurrentSchema;

    public ConversationMode Mode { get; init; } = ConversationMode.Menu;

    public string? QuestionnaireVersion { get; init; }

    /// <summary>The question being asked, in <see cref="ConversationMode.Survey"/>.</summary>
    public string? QuestionId { get; init; }

    /// <summary>Increments with each prompt that carries buttons; a button from an older prompt is stale.</summary>
    public int PromptSeq { get; init; }

    /// <summary>Questions skipped with ข้าม: they come back before submitting.</summary>
    public IReadOnlyList<string> Skipped { get; init; } = [];

    /// <summary>Items ticked so far on a multiple-choice question, before confirming.</summary>
    public IReadOnlyList<string> PendingSelection { get; init; } = [];

    /// <summary>The dimension whose introduction was shown last, so each is introduced once per walk.</summary>
    public string? IntroducedDimension { get; init; }

    /// <summary>Equal when every field is, the lists item by item (a record compares lists by reference).</summary>
    public bool Equals(ConversationState? other) =>
        other is not null
        && (ReferenceEquals(this, other)
            || (Schema == other.Schema && Mode == other.Mode && PromptSeq == other.PromptSeq
                && string.Equals(QuestionnaireVersion, other.QuestionnaireVersion, StringComparison.Ordinal)
                && string.Equals(QuestionId, other.QuestionId, StringComparison.Ordinal)
                && string.Equals(IntroducedDimension, other.IntroducedDimension, StringComparison.Ordinal)
                && Skipped.SequenceEqual(other.Skipped, StringComparer.Ordinal)
                && PendingSelection.SequenceEqual(other.PendingSelection, StringComparer.Ordinal)));

    public override int GetHashCode() => HashCode.Combine(Schema, Mode, PromptSeq, QuestionId, Skipped.Count, PendingSelection.Count);

    public string ToJson() => JsonSerializer.Serialize(this, ConversationStateJson.Default.ConversationState);

    /// <summary>Reads stored state; anything unreadable or of another schema becomes <see cref="Initial"/>.</summary>
    public static ConversationState FromJson(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return Initial;
        }

        try
        {
            var state = JsonSerializer.Deserialize(json, ConversationStateJson.Default.ConversationState);
            return state is { Schema: CurrentSchema } ? state : Initial;
        }
        catch (JsonException)
        {
            return Initial;
        }
    }
}

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase, UseStringEnumConverter = true)]
[JsonSerializable(typeof(ConversationState))]
internal sealed partial class ConversationStateJson : JsonSerializerContext;
