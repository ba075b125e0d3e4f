using System.Collections.Frozen;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using DgBot.Core.Framework;

namespace DgBot.Core.Questionnaires;

/// <summary>
/// Loads a versioned questionnaire from JSON and validates it against the framework. A broken file
/// is refused with every error found, each naming the question and the field; another year's
/// questionnaire is a new data file (<c>Questionnaires/Data/questionnaire-&lt;year&gt;.json</c>), not new code.
/// </summary>
public static partial class QuestionnaireLoader
{
    /// <summary>Longest question text, in UTF-16 characters (a phone screen).</summary>
    public const int MaxTextLength = 300;

    /// <summary>Longest option label (LINE quick-reply labels allow 20).</summary>
    public const int MaxLabelLength = 20;

    /// <summary>Longest option id; ids travel in button payloads.</summary>
    public const int MaxOptionIdLength = 8;

    /// <summary>Longest help text.</summary>
    public const int MaxHelpLength = 500;

    /// <summary>Prefix of the embedded questionnaire resources.</summary>
    public const string ResourcePrefix = "DgBot.Core.Questionnaires.questionnaire-";

    private static readonly Lazy<FrozenDictionary<string, Questionnaire>> BuiltInQuestionnaires =
        new(() => LoadBuiltIns(FrameworkLoader.BuiltIn), LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>Versions of the questionnaires embedded in DgBot.Core, lowest first.</summary>
    public static IReadOnlyList<string> BuiltInVersions =>
        BuiltInQuestionnaires.Value.Keys.OrderBy(ParseVersion).ToArray();

    /// <summary>
    /// The built-in questionnaire of <paramref name="version"/>, or the current one (the highest
    /// version) when null. Loaded and validated once against <see cref="FrameworkLoader.BuiltIn"/>.
    /// </summary>
    /// <exception cref="QuestionnaireException">An embedded file is broken, or no questionnaire has that version.</exception>
    public static Questionnaire BuiltIn(string? version = null)
    {
        var all = BuiltInQuestionnaires.Value;
        if (version is null)
        {
            return all.Values.MaxBy(q => ParseVersion(q.Version))!;
        }

        return all.TryGetValue(version, out var questionnaire)
            ? questionnaire
            : throw new QuestionnaireException($"No built-in questionnaire has version '{version}' (built in: {string.Join(", ", all.Keys.OrderBy(ParseVersion))}).");
    }

    /// <summary>Reads UTF-8 JSON and validates it. Never throws for bad content: problems are in <see cref="QuestionnaireLoadResult.Errors"/>.</summary>
    public static QuestionnaireLoadResult Load(Stream json, ReadinessFramework framework)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(framework);

        using var buffer = new MemoryStream();
        json.CopyTo(buffer);
        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.StartsWith(Encoding.UTF8.Preamble))
        {
            bytes = bytes[Encoding.UTF8.Preamble.Length..];
        }

        var errors = new List<QuestionnaireError>();
        if (IsBlank(bytes))
        {
            errors.Add(new(null, "file", "the file is empty"));
            return new(null, errors);
        }

        // First the syntax (a JsonDocument), so that a shape error below can name the question by its id.
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(bytes.ToArray(), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        }
        catch (JsonException ex)
        {
            errors.Add(new(null, "json", $"not valid JSON at {Position(ex)}: {SerializerMessage(ex)}"));
            return new(null, errors);
        }

        QuestionnaireDto? dto;
        using (document)
        {
            try
            {
                dto = JsonSerializer.Deserialize(bytes, QuestionnaireJsonContext.Default.QuestionnaireDto);
            }
            catch (JsonException ex)
            {
                errors.Add(DescribeShapeError(ex, document));
                return new(null, errors);
            }
        }

        if (dto is null)
        {
            errors.Add(new(null, "file", "the file holds null, not a questionnaire object"));
            return new(null, errors);
        }

        var questionnaire = QuestionnaireValidator.Validate(dto, framework, errors);
        return new(errors.Count == 0 ? questionnaire : null, errors);
    }

    /// <summary>Loads a questionnaire file from disk; see <see cref="Load(Stream, ReadinessFramework)"/>.</summary>
    public static QuestionnaireLoadResult LoadFile(string path, ReadinessFramework framework)
    {
        ArgumentNullException.ThrowIfNull(path);
        try
        {
            using var stream = File.OpenRead(path);
            return Load(stream, framework);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new(null, [new(null, "file", $"cannot read '{path}': {ex.Message}")]);
        }
    }

    /// <summary>Loads every embedded questionnaire against <paramref name="framework"/>; throws on the first broken one.</summary>
    internal static FrozenDictionary<string, Questionnaire> LoadBuiltIns(ReadinessFramework framework)
    {
        var assembly = typeof(QuestionnaireLoader).Assembly;
        var result = new Dictionary<string, Questionnaire>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            var loaded = Load(stream, framework);
            if (!loaded.IsValid)
            {
                throw new QuestionnaireException($"The built-in questionnaire {name} is invalid:", loaded.Errors);
            }

            var questionnaire = loaded.Questionnaire!;
            if (!result.TryAdd(questionnaire.Version, questionnaire))
            {
                throw new QuestionnaireException($"Two built-in questionnaires have version {questionnaire.Version}.");
            }
        }

        return result.Count == 0
            ? throw new QuestionnaireException($"No questionnaire is embedded in DgBot.Core (resources named {ResourcePrefix}*.json).")
            : result.ToFrozenDictionary(StringComparer.OrdinalIgnoreCase);
    }

    /// <summary>The sort key of a questionnaire version: numeric, so "2569.10" comes after "2569.9".</summary>
    public static Version ParseVersion(string version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var parts = version.Split('.');
        var padded = parts.Length == 1 ? version + ".0" : version;
        return Version.TryParse(padded, out var parsed) ? parsed : new Version(0, 0);
    }

    private static bool IsBlank(ReadOnlySpan<byte> bytes)
    {
        foreach (var b in bytes)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n'))
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Valid JSON of the wrong shape: an unknown field or a value of the wrong kind, named by question id and field.</summary>
    private static QuestionnaireError DescribeShapeError(JsonException ex, JsonDocument document)
    {
        var path = ex.Path ?? "$";
        var match = ShapePathPattern().Match(path);
        string? questionId = null;
        var field = "json";
        if (match.Success)
        {
            var question = match.Groups["q"];
            var rest = match.Groups["rest"].Value;
            if (question.Success)
            {
                var index = int.Parse(question.Value, CultureInfo.InvariantCulture);
                questionId = QuestionIdAt(document, index) ?? "#" + (index + 1).ToString(CultureInfo.InvariantCulture);
                field = rest.Length > 0 ? rest : "questions";
            }
            else if (rest.Length > 0)
            {
                field = rest;
            }
        }

        var last = LastSegmentPattern().Match(path) is { Success: true } m ? m.Groups["name"].Value : field;
        var message = ex.Message.Contains("could not be mapped", StringComparison.Ordinal)
            ? $"unknown field '{last}' (the format has no such field; check the spelling)"
            : last switch
            {
                "$" => "the file " + Expected(last),
                _ when last.StartsWith('[') => "each entry " + Expected(last),
                _ => $"{last} {Expected(last)}",
            };
        return new(questionId, field, $"{message}, at {Position(ex)} (path {path})");
    }

    private static string Expected(string field) => field switch
    {
        "points" or "min" or "max" or "maxPoints" or "level" or "minOverall" => "must be a number",
        "allowDontKnow" or "exclusive" => "must be true or false",
        "questions" or "options" or "bands" or "anyOf" => "must be a list [ … ]",
        "checks" => "must be a list of action numbers [ 1, 2 ]",
        "stages" => "must be an object { \"note\": …, \"bands\": [ … ] }",
        "condition" => "must be an object { \"question\": …, \"anyOf\": [ … ] }",
        "$" => "must be a questionnaire object { \"version\": …, \"title\": …, \"questions\": [ … ] }",
        _ when field.StartsWith('[') => "must be an object { … }",
        _ => "must be text in quotes",
    };

    private static string? QuestionIdAt(JsonDocument document, int index)
    {
        if (document.RootElement.ValueKind == JsonValueKind.Object
            && document.RootElement.TryGetProperty("questions", out var questions)
            && questions.ValueKind == JsonValueKind.Array
            && index < questions.GetArrayLength()
            && questions[index] is { ValueKind: JsonValueKind.Object } question
            && question.TryGetProperty("id", out var id)
            && id.ValueKind == JsonValueKind.String
            && !string.IsNullOrWhiteSpace(id.GetString()))
        {
            return id.GetString()!.Trim();
        }

        return null;
    }

    private static string Position(JsonException ex)
    {
        var line = ex.LineNumber is { } l ? (l + 1).ToString(CultureInfo.InvariantCulture) : "?";
        var column = ex.BytePositionInLine is { } c ? (c + 1).ToString(CultureInfo.InvariantCulture) : "?";
        return $"line {line}, byte {column}";
    }

    /// <summary>The serializer's message without its trailing "LineNumber: … | BytePositionInLine: …", which <see cref="Position"/> says readably.</summary>
    private static string SerializerMessage(JsonException ex)
    {
        var message = ex.Message;
        foreach (var marker in new[] { " Path:", " LineNumber:" })
        {
            var cut = message.IndexOf(marker, StringComparison.Ordinal);
            if (cut > 0)
            {
                message = message[..cut];
            }
        }

        return message.TrimEnd();
    }

    // $.questions[3].options[0].points → q = 3, rest = options; $.version → rest = version; $ → neither.
    [GeneratedRegex(@"^\$(?:\.questions\[(?<q>[0-9]+)\])?(?:\.(?<rest>[A-Za-z_][A-Za-z0-9_]*))?", RegexOptions.CultureInvariant)]
    private static partial Regex ShapePathPattern();

    [GeneratedRegex(@"(?:\.(?<name>[A-Za-z_][A-Za-z0-9_]*)|(?<name>\[[0-9]+\]))$|^(?<name>\$)$", RegexOptions.CultureInvariant)]
    private static partial Regex LastSegmentPattern();
}
