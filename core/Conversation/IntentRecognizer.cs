using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DgBot.Core.Answers;

namespace DgBot.Core.Conversation;

/// <summary>The global commands a person can give at any point in the conversation.</summary>
public enum IntentKind
{
    /// <summary>Not a command: treat the text as an answer (or as unknown).</summary>
    None,
    Menu,
    StartSurvey,
    Progress,
    Score,
    ImproveFirst,
    Deadline,
    Help,
    Back,
    Skip,

    /// <summary>Go to a question: <see cref="Intent.Number"/> is its 1-based number, or <see cref="Intent.Argument"/> its id (e.g. <c>LCP-1</c>).</summary>
    Jump,
    Pause,
    Review,
    Submit,
    Forget,
    Confirm,
    Cancel,

    /// <summary><c>/start</c>, with the deep-link or invitation code in <see cref="Intent.Argument"/> when given.</summary>
    Start,

    /// <summary>"ขอรายงาน" or <c>/report</c>: the report document (an agency's for staff, the province's for officers).</summary>
    Report,
}

/// <summary>
/// A recognised command. <see cref="Number"/> is set for <see cref="IntentKind.Jump"/> by number; <see cref="Argument"/>
/// carries the text after a slash command (as typed, case kept) or a question id. <see cref="ByKeyword"/> is true when
/// the command was found as a keyword inside a longer message ("ขอดูคะแนนหน่อย") rather than as a whole command; while
/// a free-text question is open the engine may prefer to treat such text as the answer.
/// </summary>
public sealed record Intent(IntentKind Kind, int? Number = null, string? Argument = null, bool ByKeyword = false)
{
    public static Intent None { get; } = new(IntentKind.None);
}

/// <summary>
/// Recognises global commands in typed text: slash commands (<c>/score</c>, <c>/start CODE</c>, <c>/help@DgBot</c>),
/// the menu labels, navigation words and natural variants ("แก้อะไรก่อนดี", "ได้กี่คะแนน"). Pure; the phrase lists
/// are the embedded data file <c>Conversation/Data/intents.th.json</c>. Ordinary answers ("มี", "1", "ไม่ข้าม") are
/// <see cref="IntentKind.None"/>.
/// </summary>
public static partial class IntentRecognizer
{
    private static readonly Lazy<IntentData> Data = new(Load);

    public static Intent Recognize(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return Intent.None;
        }

        var data = Data.Value;
        var tidy = ThaiText.Tidy(text);
        if (tidy.StartsWith('/'))
        {
            return RecognizeSlash(tidy, data);
        }

        var normalized = ThaiText.TrimSymbols(ThaiText.Normalize(text));
        var stripped = ThaiText.TrimSymbols(ThaiText.StripPoliteEndings(normalized));
        var keys = new[] { ThaiText.Compact(stripped), ThaiText.Compact(normalized) }
            .Where(k => k.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
        if (keys.Length == 0)
        {
            // Only punctuation or emoji: "?" is a plea for help.
            var raw = ThaiText.Compact(ThaiText.Normalize(text));
            return data.Phrases.TryGetValue(raw, out var rawKind) ? new Intent(rawKind) : Intent.None;
        }

        foreach (var key in keys)
        {
            if (data.Phrases.TryGetValue(key, out var kind))
            {
                return new Intent(kind);
            }
        }

        foreach (var key in keys)
        {
            if (RecognizeJump(key, data) is { } jump)
            {
                return jump;
            }
        }

        return RecognizeContained(keys[0], data);
    }

    private static Intent RecognizeSlash(string tidy, IntentData data)
    {
        var match = SlashRegex().Match(tidy);
        if (!match.Success)
        {
            return Intent.None;
        }

        var command = match.Groups["cmd"].Value.ToLowerInvariant();
        if (!data.Commands.TryGetValue(command, out var kind))
        {
            return Intent.None;
        }

        var argument = match.Groups["arg"].Success ? match.Groups["arg"].Value.Trim() : string.Empty;
        if (kind == IntentKind.Jump)
        {
            return RecognizeJumpTarget(ThaiText.Compact(ThaiText.Normalize(argument))) ?? Intent.None;
        }

        return new Intent(kind, null, argument.Length == 0 ? null : argument);
    }

    private static Intent? RecognizeJump(string key, IntentData data)
    {
        foreach (var prefix in data.JumpPrefixes)
        {
            if (key.StartsWith(prefix, StringComparison.Ordinal) && key.Length > prefix.Length
                && RecognizeJumpTarget(key[prefix.Length..]) is { } jump)
            {
                return jump;
            }
        }

        return null;
    }

    private static Intent? RecognizeJumpTarget(string target)
    {
        if (JumpNumberRegex().IsMatch(target))
        {
            var n = int.Parse(target, NumberStyles.None, CultureInfo.InvariantCulture);
            return n >= 1 ? new Intent(IntentKind.Jump, n) : null;
        }

        return QuestionIdRegex().IsMatch(target)
            ? new Intent(IntentKind.Jump, null, target.ToUpperInvariant())
            : null;
    }

    /// <summary>A keyword inside a short message, not right after a negation; the longest keyword wins.</summary>
    private static Intent RecognizeContained(string key, IntentData data)
    {
        if (key.Length > data.ContainsMaxLength)
        {
            return Intent.None;
        }

        foreach (var (keyword, kind) in data.Contained)
        {
            var index = key.IndexOf(keyword, StringComparison.Ordinal);
            while (index >= 0)
            {
                var before = key[..index];
                if (!data.Negations.Any(n => before.EndsWith(n, StringComparison.Ordinal)))
                {
                    return new Intent(kind, ByKeyword: true);
                }

                index = key.IndexOf(keyword, index + 1, StringComparison.Ordinal);
            }
        }

        return Intent.None;
    }

    private static IntentData Load()
    {
        using var stream = ThaiText.OpenResource("DgBot.Core.Conversation.intents.th.json");
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;

        var commands = new Dictionary<string, IntentKind>(StringComparer.OrdinalIgnoreCase);
        foreach (var property in root.GetProperty("commands").EnumerateObject())
        {
            commands[property.Name] = Enum.Parse<IntentKind>(property.Value.GetString() ?? nameof(IntentKind.None));
        }

        var phrases = new Dictionary<string, IntentKind>(StringComparer.Ordinal);
        var contained = new List<(string Keyword, IntentKind Kind)>();
        foreach (var property in root.GetProperty("intents").EnumerateObject())
        {
            var kind = Enum.Parse<IntentKind>(property.Name);
            foreach (var phrase in ThaiText.ReadNormalizedList(property.Value, "phrases"))
            {
                phrases.TryAdd(ThaiText.Compact(phrase), kind);
            }

            contained.AddRange(ThaiText.ReadNormalizedList(property.Value, "contains").Select(k => (ThaiText.Compact(k), kind)));
        }

        var jumpPrefixes = ThaiText.ReadNormalizedList(root, "jumpPrefixes").Select(ThaiText.Compact)
            .Distinct(StringComparer.Ordinal).OrderByDescending(p => p.Length).ToArray();
        var negations = ThaiText.ReadNormalizedList(root, "negations").Select(ThaiText.Compact).ToArray();
        var maxLength = root.TryGetProperty("containsMaxLength", out var max) ? max.GetInt32() : 40;
        return new IntentData(
            commands,
            phrases,
            contained.OrderByDescending(c => c.Keyword.Length).ToArray(),
            jumpPrefixes,
            negations,
            maxLength);
    }

    [GeneratedRegex(@"^/(?<cmd>[A-Za-z0-9_]+)(?:@[A-Za-z0-9_]+)?(?:\s+(?<arg>[\s\S]*))?$", RegexOptions.ECMAScript)]
    private static partial Regex SlashRegex();

    [GeneratedRegex(@"^\d{1,4}$", RegexOptions.ECMAScript)]
    private static partial Regex JumpNumberRegex();

    [GeneratedRegex(@"^[a-z]{3}-\d{1,3}$", RegexOptions.ECMAScript)]
    private static partial Regex QuestionIdRegex();

    private sealed record IntentData(
        Dictionary<string, IntentKind> Commands,
        Dictionary<string, IntentKind> Phrases,
        (string Keyword, IntentKind Kind)[] Contained,
        string[] JumpPrefixes,
        string[] Negations,
        int ContainsMaxLength);
}
