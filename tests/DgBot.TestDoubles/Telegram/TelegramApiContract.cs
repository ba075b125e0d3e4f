using System.Text.Json;
using System.Text.Json.Nodes;

namespace DgBot.TestDoubles.Telegram;

/// <summary>
/// The Bot API as described by <c>shared/contracts/telegram/api.json</c>: a request is checked for a known method, its
/// required fields, and known field names, down into nested objects (reply_markup, commands, …).
/// </summary>
public sealed class TelegramApiContract
{
    private static readonly Lazy<TelegramApiContract> Shared = new(() => Load(FindApiJson()));

    private readonly Dictionary<string, IReadOnlyList<Field>> _methods;
    private readonly Dictionary<string, IReadOnlyList<Field>> _types;

    private TelegramApiContract(Dictionary<string, IReadOnlyList<Field>> methods, Dictionary<string, IReadOnlyList<Field>> types)
    {
        _methods = methods;
        _types = types;
    }

    /// <summary>The contract from the shared folder, loaded once.</summary>
    public static TelegramApiContract Default => Shared.Value;

    public string Version { get; private init; } = "";

    public bool HasMethod(string method) => _methods.ContainsKey(method);

    public static TelegramApiContract Load(string path)
    {
        using var stream = File.OpenRead(path);
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        return new TelegramApiContract(Read(root.GetProperty("methods")), Read(root.GetProperty("types")))
        {
            Version = root.TryGetProperty("version", out var v) ? v.GetString() ?? "" : "",
        };

        static Dictionary<string, IReadOnlyList<Field>> Read(JsonElement section)
        {
            var result = new Dictionary<string, IReadOnlyList<Field>>(StringComparer.Ordinal);
            foreach (var entry in section.EnumerateObject())
            {
                var fields = new List<Field>();
                if (entry.Value.TryGetProperty("fields", out var list))
                {
                    foreach (var f in list.EnumerateArray())
                    {
                        fields.Add(new Field(
                            f.GetProperty("name").GetString()!,
                            [.. f.GetProperty("types").EnumerateArray().Select(t => t.GetString()!)],
                            f.TryGetProperty("required", out var r) && r.GetBoolean()));
                    }
                }

                // Abstract types (BotCommandScope, InputFile) have no "fields": their values are not checked inside.
                result[entry.Name] = entry.Value.TryGetProperty("fields", out _) ? fields : null!;
            }

            return result;
        }
    }

    /// <summary>
    /// Finds <c>shared/contracts/telegram/api.json</c>: the <c>DGBOT_SHARED_DIR</c> environment variable (the shared folder)
    /// when set, otherwise the first folder walking up from the test's base directory that contains it.
    /// </summary>
    public static string FindApiJson()
    {
        const string relative = "contracts/telegram/api.json";
        var env = Environment.GetEnvironmentVariable("DGBOT_SHARED_DIR");
        if (!string.IsNullOrEmpty(env))
        {
            var fromEnv = Path.Combine(env, relative);
            return File.Exists(fromEnv) ? fromEnv : throw new FileNotFoundException($"DGBOT_SHARED_DIR is set but {fromEnv} does not exist.", fromEnv);
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", relative);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException($"No shared/{relative} above {AppContext.BaseDirectory}; set DGBOT_SHARED_DIR to the shared folder.");
    }

    /// <summary>Everything wrong with a call of <paramref name="method"/> with <paramref name="fields"/>; empty when it fits the contract.</summary>
    public IReadOnlyList<string> Check(string method, JsonObject fields, bool typedValues)
    {
        ArgumentNullException.ThrowIfNull(fields);
        if (!_methods.TryGetValue(method, out var declared))
        {
            return [$"{method}: no such method in the Bot API {Version}"];
        }

        var problems = new List<string>();
        CheckObject(method, declared ?? [], fields, typedValues, problems);
        return problems;
    }

    private void CheckObject(string where, IReadOnlyList<Field> declared, JsonObject value, bool typedValues, List<string> problems)
    {
        foreach (var field in declared.Where(f => f.Required && !value.ContainsKey(f.Name)))
        {
            problems.Add($"{where}: required field '{field.Name}' is missing");
        }

        foreach (var (name, node) in value)
        {
            var field = declared.FirstOrDefault(f => f.Name == name);
            if (field is null)
            {
                problems.Add($"{where}: unknown field '{name}'");
                continue;
            }

            var candidates = field.Types.Select(t => CheckValue($"{where}.{name}", t, node, typedValues)).ToList();
            if (candidates.All(c => c.Count > 0))
            {
                problems.AddRange(candidates.OrderBy(c => c.Count).First());
            }
        }
    }

    private List<string> CheckValue(string where, string type, JsonNode? node, bool typedValues)
    {
        var problems = new List<string>();
        if (type.StartsWith("Array of ", StringComparison.Ordinal))
        {
            if (node is not JsonArray array)
            {
                problems.Add($"{where}: expected {type}");
                return problems;
            }

            var inner = type["Array of ".Length..];
            for (var i = 0; i < array.Count; i++)
            {
                problems.AddRange(CheckValue($"{where}[{i}]", inner, array[i], typedValues));
            }

            return problems;
        }

        switch (type)
        {
            case "Integer":
                if (typedValues && !(node is JsonValue iv && iv.GetValueKind() == JsonValueKind.Number))
                {
                    problems.Add($"{where}: expected Integer");
                }

                return problems;
            case "Float":
                if (typedValues && !(node is JsonValue fv && fv.GetValueKind() == JsonValueKind.Number))
                {
                    problems.Add($"{where}: expected Float");
                }

                return problems;
            case "String":
                if (typedValues && !(node is JsonValue sv && sv.GetValueKind() == JsonValueKind.String))
                {
                    problems.Add($"{where}: expected String");
                }

                return problems;
            case "Boolean" or "True":
                if (typedValues && !(node is JsonValue bv && bv.GetValueKind() is JsonValueKind.True or JsonValueKind.False))
                {
                    problems.Add($"{where}: expected Boolean");
                }

                return problems;
            case "InputFile":
                return problems;
        }

        if (!_types.TryGetValue(type, out var fields))
        {
            problems.Add($"{where}: unknown type {type}");
            return problems;
        }

        if (fields is null)
        {
            return problems; // abstract type: a union of subtypes, not checked further
        }

        if (node is not JsonObject obj)
        {
            problems.Add($"{where}: expected {type}");
            return problems;
        }

        CheckObject(where, fields, obj, typedValues, problems);
        return problems;
    }

    private sealed record Field(string Name, IReadOnlyList<string> Types, bool Required);
}
