using System.Globalization;
using System.Text.Json;
using DgBot.Core.Answers;
using DgBot.Core.Questionnaires;
using DgBot.Core.Scoring;

namespace DgBot.Bot.Cli;

/// <summary>
/// Reads an answers file for <c>dgbot score</c>: a JSON object <c>{"&lt;question id&gt;": value}</c> where the value is an
/// option id (yes/no, single), an array of option ids (multi), a number (number, percent), a string (text), or
/// <c>"dontknow"</c>. Every problem is reported with the question id (or the JSON line) that caused it.
/// </summary>
internal static class AnswersFile
{
    public const string DontKnow = "dontknow";

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
            var line = (ex.LineNumber ?? 0) + 1;
            throw new CliInputException($"{path}: not valid JSON at line {line.ToString(CultureInfo.InvariantCulture)}: {FirstSentence(ex.Message)}", ex);
        }

        using (document)
        {
            return Parse(document.RootElement, path, questionnaire);
        }
    }

    internal static Dictionary<string, AnswerValue> Parse(JsonElement root, string path, Questionnaire questionnaire)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw new CliInputException($"{path}: expected a JSON object {{\"<question id>\": answer, ...}}, found {Describe(root.ValueKind)}");
        }

        var answers = new Dictionary<string, AnswerValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in root.EnumerateObject())
        {
            var question = questionnaire.Find(property.Name)
                ?? throw new CliInputException($"{path}: \"{property.Name}\": no such question in questionnaire {questionnaire.Version}");
            if (answers.ContainsKey(question.Id))
            {
                throw new CliInputException($"{path}: \"{property.Name}\": answered twice");
            }

            var value = ToAnswer(property.Value, question)
                ?? throw new CliInputException($"{path}: \"{property.Name}\": {Describe(property.Value.ValueKind)} does not fit a {TypeName(question.Type)} question; expected {Expected(question)}");
            if (Scorer.Check(question, value) is { } problem)
            {
                throw new CliInputException($"{path}: \"{property.Name}\": {problem}");
            }

            answers[question.Id] = value;
        }

        if (answers.Count == 0)
        {
            throw new CliInputException($"{path}: no answers in the file");
        }

        return answers;
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

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(" Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message;
    }
}
