using System.Globalization;
using System.Text.Json;
using DgBot.Core.Answers;
using DgBot.Core.Questionnaires;
using DgBot.Core.Scoring;

namespace DgBot.Bot.Cli;

/// <summary>
/// Reads an answers file for <c>dgbot score</c>: a JSON object <c>{"&lt;question id&gt;": value}</c> where the value is an
/// option id (yes/no, single), an array of option ids (multi), a number (number, percent), a string (text), or
/// <c>"dontknow"</c>. Every problem of the file is reported (not only the first), each with its line and the question
/// id that caused it; line numbers are 1-based, as an editor shows them.
/// </summary>
internal static class AnswersFile
{
    public const string DontKnow = "dontknow";

    private static readonly string[] PositionMarkers = [" Path:", " LineNumber:"];

    public static Dictionary<string, AnswerValue> Read(string path, Questionnaire questionnaire)
    {
        var text = ReadText(path);
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip });
        }
        catch (JsonException ex)
        {
            // One line number, 1-based: the exception's (0-based) one; its message's own "LineNumber: n" is cut off.
            var line = (ex.LineNumber ?? 0) + 1;
            throw new CliInputException($"{path}: not valid JSON at line {line.ToString(CultureInfo.InvariantCulture)}: {FirstSentence(ex.Message)}", ex);
        }

        using (document)
        {
            return Parse(document.RootElement, path, questionnaire, PropertyLines(text));
        }
    }

    internal static Dictionary<string, AnswerValue> Parse(JsonElement root, string path, Questionnaire questionnaire) =>
        Parse(root, path, questionnaire, []);

    private static Dictionary<string, AnswerValue> Parse(JsonElement root, string path, Questionnaire questionnaire, List<int> lines)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CliInputException($"{path}: expected a JSON object {{\"<question id>\": answer, ...}}, found {Describe(root.ValueKind)}");
        }

        var answers = new Dictionary<string, AnswerValue>(StringComparer.OrdinalIgnoreCase);
        var firstLine = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var errors = new List<string>();
        var index = 0;
        foreach (var property in root.EnumerateObject())
        {
            var line = index < lines.Count ? lines[index] : 0;
            index++;
            var at = line > 0 ? $"{path}: line {line.ToString(CultureInfo.InvariantCulture)}: \"{property.Name}\"" : $"{path}: \"{property.Name}\"";
            var question = questionnaire.Find(property.Name);
            if (question is null)
            {
                errors.Add($"{at}: no such question in questionnaire {questionnaire.Version}");
                continue;
            }

            if (firstLine.TryGetValue(question.Id, out var earlier))
            {
                errors.Add(earlier > 0 ? $"{at}: answered twice (first on line {earlier.ToString(CultureInfo.InvariantCulture)})" : $"{at}: answered twice");
                continue;
            }

            firstLine[question.Id] = line;
            var value = ToAnswer(property.Value, question);
            if (value is null)
            {
                errors.Add($"{at}: {Describe(property.Value.ValueKind)} does not fit a {TypeName(question.Type)} question; expected {Expected(question)}");
                continue;
            }

            if (Scorer.Check(question, value) is { } problem)
            {
                // Every error says what the question accepts, so a file can be fixed from the list alone.
                errors.Add(problem.Contains("expected", StringComparison.Ordinal) ? $"{at}: {problem}" : $"{at}: {problem}; expected {Expected(question)}");
                continue;
            }

            answers[question.Id] = value;
        }

        if (errors.Count > 0)
        {
            throw Errors(path, errors);
        }

        if (answers.Count == 0)
        {
            throw new CliInputException($"{path}: no answers in the file");
        }

        return answers;
    }

    /// <summary>
    /// Every problem of a file in one exception: a single one as one line ("FILE: line 3: …"), several under a count
    /// line, one per line, as <c>dgbot questionnaire check</c> lists them.
    /// </summary>
    internal static CliInputException Errors(string path, IReadOnlyList<string> errors) =>
        errors.Count == 1
            ? new CliInputException(errors[0])
            : new CliInputException(AdminTexts.FileErrors(path, errors.Count) + string.Concat(errors.Select(e => Environment.NewLine + "  " + e)));

    /// <summary>The 1-based line of each top-level property name, in document order (as <see cref="JsonElement.EnumerateObject"/> gives them).</summary>
    private static List<int> PropertyLines(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip });
        var lines = new List<int>();
        var line = 1;
        var counted = 0;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.PropertyName && reader.CurrentDepth == 1)
            {
                var start = (int)reader.TokenStartIndex;
                line += bytes.AsSpan(counted, start - counted).Count((byte)'\n');
                counted = start;
                lines.Add(line);
            }
        }

        return lines;
    }

    private static AnswerValue? ToAnswer(JsonElement value, Question question)
    {
        if (value.ValueKind == JsonValueKind.String && string.Equals(value.GetString(), DontKnow, StringComparison.OrdinalIgnoreCase)
            && question.Type != QuestionType.Text)
        {
            return AnswerValue.Unknown;
        }

        switch (question.Type)
        {
            case QuestionType.YesNo or QuestionType.Single when value.ValueKind == JsonValueKind.String:
                return AnswerValue.Option(value.GetString()!);
            case QuestionType.Multi when value.ValueKind == JsonValueKind.Array:
                var ids = new List<string>();
                foreach (var item in value.EnumerateArray())
                {
                    if (item.ValueKind != JsonValueKind.String)
                    {
                        return null;
                    }

                    ids.Add(item.GetString()!);
                }

                return AnswerValue.Options(ids);
            case QuestionType.Multi when value.ValueKind == JsonValueKind.String:
                return AnswerValue.Options(value.GetString()!);
            case QuestionType.Number or QuestionType.Percent when value.ValueKind == JsonValueKind.Number:
                return AnswerValue.OfNumber(value.GetDouble());
            case QuestionType.Text when value.ValueKind == JsonValueKind.String:
                return AnswerValue.OfText(value.GetString()!);
            default:
                return null;
        }
    }

    /// <summary>
    /// The answers in this file's format, in questionnaire order (what <see cref="Read"/> reads back to the same values):
    /// option ids as a string (an array for a multiple-choice question), numbers as numbers, text as a string,
    /// "don't know" as <c>"dontknow"</c>. Answers to questions the questionnaire does not have are left out.
    /// </summary>
    public static string Write(IReadOnlyDictionary<string, AnswerValue> answers, Questionnaire questionnaire)
    {
        ArgumentNullException.ThrowIfNull(answers);
        ArgumentNullException.ThrowIfNull(questionnaire);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            foreach (var question in questionnaire.Questions)
            {
                if (!answers.TryGetValue(question.Id, out var value))
                {
                    continue;
                }

                json.WritePropertyName(question.Id);
                if (value.DontKnow)
                {
                    json.WriteStringValue(DontKnow);
                }
                else if (value.Number is { } number)
                {
                    json.WriteNumberValue(number);
                }
                else if (value.Text is { } text)
                {
                    json.WriteStringValue(text);
                }
                else if (question.Type == QuestionType.Multi)
                {
                    json.WriteStartArray();
                    foreach (var id in value.OptionIds)
                    {
                        json.WriteStringValue(id);
                    }

                    json.WriteEndArray();
                }
                else
                {
                    json.WriteStringValue(value.OptionIds.Count > 0 ? value.OptionIds[0] : string.Empty);
                }
            }

            json.WriteEndObject();
        }

        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    internal static string ReadText(string path)
    {
        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (FileNotFoundException ex)
        {
            throw new CliInputException($"{path}: file not found", ex);
        }
        catch (DirectoryNotFoundException ex)
        {
            throw new CliInputException($"{path}: file not found", ex);
        }
        catch (IOException ex)
        {
            throw new CliInputException($"{path}: cannot read the file: {ex.Message}", ex);
        }
        catch (UnauthorizedAccessException ex)
        {
            throw new CliInputException($"{path}: cannot read the file: {ex.Message}", ex);
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            throw new CliInputException($"{path}: the file is empty");
        }

        return text;
    }

    private static string Expected(Question question) => question.Type switch
    {
        QuestionType.YesNo or QuestionType.Single => "one option id as a string (" + string.Join(", ", question.Options.Select(o => o.Id)) + ")",
        QuestionType.Multi => "an array of option ids (" + string.Join(", ", question.Options.Select(o => o.Id)) + ")",
        QuestionType.Number => "a number",
        QuestionType.Percent => "a number from 0 to 100",
        _ => "a string",
    } + (question.AllowDontKnow && question.Type != QuestionType.Text ? " or \"dontknow\"" : string.Empty);

    private static string TypeName(QuestionType type) => type switch
    {
        QuestionType.YesNo => "yes/no",
        QuestionType.Single => "single-choice",
        QuestionType.Multi => "multiple-choice",
        QuestionType.Number => "number",
        QuestionType.Percent => "percent",
        _ => "text",
    };

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "true/false",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };

    /// <summary>The message without its position ("Path: $ | LineNumber: 2 | BytePositionInLine: 9."), which would give a second, 0-based line number.</summary>
    private static string FirstSentence(string message)
    {
        var cuts = PositionMarkers.Select(m => message.IndexOf(m, StringComparison.Ordinal)).Where(i => i > 0).ToList();
        return cuts.Count > 0 ? message[..cuts.Min()] : message;
    }
}
