using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using DgBot.Core.Questionnaires;

namespace DgBot.Core.Answers;

/// <summary>Message keys for answers that could not be understood; the engine shows a Thai message for each.</summary>
public static class AnswerErrorKeys
{
    /// <summary>Single choice: expected an option number or an option's text.</summary>
    public const string ChoiceExpected = "choice_expected";

    /// <summary>Yes/no: expected ใช่/ไม่ใช่ (or the partial option, or an option number).</summary>
    public const string YesNoExpected = "yesno_expected";

    /// <summary>Number or percent: expected a non-negative number.</summary>
    public const string NumberExpected = "number_expected";

    /// <summary>Percent: the number was outside 0–100.</summary>
    public const string PercentRange = "percent_range";

    /// <summary>Text: nothing was typed.</summary>
    public const string TextEmpty = "text_empty";

    /// <summary>Text: longer than <see cref="AnswerParser.MaxTextLength"/> characters.</summary>
    public const string TextTooLong = "text_too_long";

    /// <summary>Multi: expected one or more option numbers or texts.</summary>
    public const string MultiExpected = "multi_expected";

    /// <summary>Multi: an exclusive option (such as "none of these") was combined with others.</summary>
    public const string MultiExclusive = "multi_exclusive";
}

/// <summary>
/// The result of parsing a typed answer. When <see cref="Ok"/> is true, <see cref="Value"/> is set; otherwise
/// <see cref="ErrorKey"/> is one of <see cref="AnswerErrorKeys"/>. <see cref="OptionIds"/> lists the option ids
/// recognised (for choice questions; also on a <see cref="AnswerErrorKeys.MultiExclusive"/> failure, so the
/// engine can say which options clash).
/// </summary>
public sealed record AnswerParse(bool Ok, AnswerValue? Value, string? ErrorKey, IReadOnlyList<string> OptionIds)
{
    public static AnswerParse Success(AnswerValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(true, value, null, value.OptionIds);
    }

    public static AnswerParse Failure(string errorKey, IReadOnlyList<string>? optionIds = null) =>
        new(false, null, errorKey, optionIds ?? []);
}

/// <summary>
/// Turns typed Thai (or English) text into an <see cref="AnswerValue"/> for a <see cref="Question"/>. Pure: no I/O
/// beyond reading its embedded word lists (<c>Answers/Data/answers.th.json</c>) once.
/// </summary>
public static partial class AnswerParser
{
    /// <summary>The longest free-text answer accepted, in UTF-16 characters after trimming.</summary>
    public const int MaxTextLength = 1000;

    private const int MinPrefixLength = 3;

    /// <summary>Longer "lists" are not option lists; refusing them early bounds the work.</summary>
    private const int MaxMultiInputLength = 300;

    private static readonly Lazy<Words> Data = new(LoadWords);

    /// <summary>
    /// Parses <paramref name="text"/> as an answer to <paramref name="question"/>.
    /// </summary>
    /// <param name="question">The question being answered.</param>
    /// <param name="text">What the person typed.</param>
    /// <param name="currentMultiSelection">
    /// For multi questions answered step by step: the option ids chosen so far. With a selection,
    /// "เสร็จ"/"ตกลง"/"ok" accepts it as it is, "เพิ่ม 3"/"+3" adds to it and "เอาออก 2"/"-2" removes from it;
    /// a plain list replaces it.
    /// </param>
    public static AnswerParse Parse(Question question, string text, IReadOnlyList<string>? currentMultiSelection = null)
    {
        ArgumentNullException.ThrowIfNull(question);
        text ??= string.Empty;
        var words = Data.Value;

        if (question.Type == QuestionType.Text)
        {
            return ParseText(question, text, words);
        }

        var input = new Input(ThaiText.Normalize(text), ThaiText.StripPoliteEndings(text));
        return question.Type switch
        {
            QuestionType.YesNo => ParseYesNo(question, input, words),
            QuestionType.Single => ParseSingle(question, input, words),
            QuestionType.Multi => ParseMulti(question, input, words, currentMultiSelection ?? []),
            QuestionType.Number or QuestionType.Percent => ParseNumber(question, input, words),
            _ => AnswerParse.Failure(AnswerErrorKeys.TextEmpty),
        };
    }

    /// <summary>Whether the text is a "that's all" word of a multiple-choice question (ยืนยัน, เสร็จ, ครบแล้ว, …).</summary>
    public static bool IsMultiDone(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var words = Data.Value;
        return words.MultiDone.Contains(ThaiText.StripPoliteEndings(text)) || words.MultiDone.Contains(ThaiText.Normalize(text));
    }

    private static AnswerParse ParseText(Question question, string text, Words words)
    {
        var tidy = ThaiText.Tidy(text);
        if (tidy.Length == 0)
        {
            return AnswerParse.Failure(AnswerErrorKeys.TextEmpty);
        }

        if (question.AllowDontKnow)
        {
            // Exact only: a free-text answer may well begin with ไม่ทราบว่า…
            var stripped = ThaiText.StripPoliteEndings(tidy);
            if (words.DontKnow.Contains(stripped) || words.DontKnow.Contains(ThaiText.Normalize(tidy)))
            {
                return AnswerParse.Success(AnswerValue.Unknown);
            }
        }

        return tidy.Length > MaxTextLength
            ? AnswerParse.Failure(AnswerErrorKeys.TextTooLong)
            : AnswerParse.Success(AnswerValue.OfText(tidy));
    }

    private static AnswerParse ParseSingle(Question question, Input input, Words words)
    {
        if (MatchExactLabel(question, input) is { } exact)
        {
            return AnswerParse.Success(AnswerValue.Option(exact.Id));
        }

        if (MatchNumber(question, input.Stripped, words, out var byNumber))
        {
            return byNumber is null
                ? AnswerParse.Failure(AnswerErrorKeys.ChoiceExpected)
                : AnswerParse.Success(AnswerValue.Option(byNumber.Id));
        }

        if (question.AllowDontKnow && IsDontKnow(input, words))
        {
            return AnswerParse.Success(AnswerValue.Unknown);
        }

        return MatchLabelPrefix(question, input) is { } prefixed
            ? AnswerParse.Success(AnswerValue.Option(prefixed.Id))
            : AnswerParse.Failure(AnswerErrorKeys.ChoiceExpected);
    }

    private static AnswerParse ParseYesNo(Question question, Input input, Words words)
    {
        if (MatchExactLabel(question, input) is { } exact)
        {
            return AnswerParse.Success(AnswerValue.Option(exact.Id));
        }

        if (MatchNumber(question, input.Stripped, words, out var byNumber))
        {
            return byNumber is null
                ? AnswerParse.Failure(AnswerErrorKeys.YesNoExpected)
                : AnswerParse.Success(AnswerValue.Option(byNumber.Id));
        }

        // Don't-know before negation: ไม่ทราบ starts with ไม่.
        if (IsDontKnow(input, words))
        {
            if (question.AllowDontKnow)
            {
                return AnswerParse.Success(AnswerValue.Unknown);
            }

            // Never fall through to the negation words: ไม่ทราบ is not ไม่.
            return MatchLabelPrefix(question, input) is { } dkLabel
                ? AnswerParse.Success(AnswerValue.Option(dkLabel.Id))
                : AnswerParse.Failure(AnswerErrorKeys.YesNoExpected);
        }

        var kind = ClassifyYesNo(input.Stripped, words);
        if (kind == YesNoKind.None && input.Stripped != input.Normalized)
        {
            kind = ClassifyYesNo(input.Normalized, words);
        }

        if (kind == YesNoKind.None)
        {
            kind = ClassifyFirstToken(input.Stripped, words);
        }

        var optionId = kind switch
        {
            YesNoKind.Yes => "yes",
            YesNoKind.No => "no",
            YesNoKind.Partial => "partial",
            _ => null,
        };

        if (optionId is not null)
        {
            // A partial answer to a question without a partial option is not quietly turned into yes or no.
            return question.FindOption(optionId) is { } option
                ? AnswerParse.Success(AnswerValue.Option(option.Id))
                : AnswerParse.Failure(AnswerErrorKeys.YesNoExpected);
        }

        return MatchLabelPrefix(question, input) is { } prefixed
            ? AnswerParse.Success(AnswerValue.Option(prefixed.Id))
            : AnswerParse.Failure(AnswerErrorKeys.YesNoExpected);
    }

    private static YesNoKind ClassifyYesNo(string s, Words words)
    {
        if (s.Length == 0)
        {
            return YesNoKind.None;
        }

        var compact = ThaiText.Compact(s);
        if (words.Partial.Contains(s) || words.Partial.Contains(compact) || StartsWithAny(compact, words.PartialPrefixes))
        {
            return YesNoKind.Partial;
        }

        if (words.No.Contains(s) || words.No.Contains(compact))
        {
            return YesNoKind.No;
        }

        return words.Yes.Contains(s) || words.Yes.Contains(compact) ? YesNoKind.Yes : YesNoKind.None;
    }

    /// <summary>"ใช่ มีระบบแล้ว": the first word decides, unless a later word contradicts it (ไม่, ยัง, กำลัง…).</summary>
    private static YesNoKind ClassifyFirstToken(string s, Words words)
    {
        var tokens = s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (tokens.Length < 2)
        {
            return YesNoKind.None;
        }

        var first = ClassifyYesNo(tokens[0], words);
        if (first == YesNoKind.None)
        {
            return YesNoKind.None;
        }

        foreach (var rest in tokens.Skip(1))
        {
            if (ContainsAny(rest, words.DontKnowPrefixes) || ContainsAny(rest, words.PartialPrefixes))
            {
                return YesNoKind.None;
            }

            if (first != YesNoKind.No && ContainsAny(rest, words.NegationMarkers))
            {
                return YesNoKind.None;
            }

            var other = ClassifyYesNo(rest, words);
            if (other != YesNoKind.None && other != first)
            {
                return YesNoKind.None;
            }
        }

        return first;
    }

    private static AnswerParse ParseNumber(Question question, Input input, Words words)
    {
        if (IsDontKnow(input, words))
        {
            return question.AllowDontKnow
                ? AnswerParse.Success(AnswerValue.Unknown)
                : AnswerParse.Failure(AnswerErrorKeys.NumberExpected);
        }

        if (words.Zero.Contains(input.Stripped) || words.Zero.Contains(input.Normalized))
        {
            return AnswerParse.Success(AnswerValue.OfNumber(0));
        }

        var isPercent = question.Type == QuestionType.Percent;
        var unit = string.IsNullOrWhiteSpace(question.Unit) ? null : ThaiText.Normalize(question.Unit);
        foreach (var form in input.Forms)
        {
            var body = RemovePrefixes(form, words.NumberPrefixes);
            var match = NumberRegex().Match(body);
            if (!match.Success)
            {
                continue;
            }

            var remainder = match.Groups["rest"].Value.Trim();
            var saysPercent = words.PercentWords.Contains(remainder) || form.StartsWith("ร้อยละ", StringComparison.Ordinal);
            var acceptedRemainder = remainder.Length == 0
                || (isPercent && words.PercentWords.Contains(remainder))
                || (unit is not null && (remainder == unit || ThaiText.Compact(remainder) == ThaiText.Compact(unit)))
                || words.Units.Contains(remainder);
            if (!acceptedRemainder || (saysPercent && !isPercent))
            {
                continue;
            }

            var digits = match.Groups["int"].Value.Replace(",", string.Empty, StringComparison.Ordinal) + match.Groups["frac"].Value;
            if (!double.TryParse(digits, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var value) || !double.IsFinite(value))
            {
                continue;
            }

            if (match.Groups["sign"].Value == "-" && value != 0)
            {
                return AnswerParse.Failure(isPercent ? AnswerErrorKeys.PercentRange : AnswerErrorKeys.NumberExpected);
            }

            if (isPercent && value > 100)
            {
                return AnswerParse.Failure(AnswerErrorKeys.PercentRange);
            }

            return AnswerParse.Success(AnswerValue.OfNumber(value));
        }

        return AnswerParse.Failure(AnswerErrorKeys.NumberExpected);
    }

    private static AnswerParse ParseMulti(Question question, Input input, Words words, IReadOnlyList<string> current)
    {
        var currentValid = current.Select(id => question.FindOption(id)?.Id).OfType<string>().ToList();
        if (words.MultiDone.Contains(input.Stripped) || words.MultiDone.Contains(input.Normalized))
        {
            return currentValid.Count == 0
                ? AnswerParse.Failure(AnswerErrorKeys.MultiExpected)
                : Finish(question, currentValid);
        }

        if (MatchExactLabel(question, input) is { } exact)
        {
            return Finish(question, [exact.Id]);
        }

        if (IsDontKnow(input, words))
        {
            return question.AllowDontKnow
                ? AnswerParse.Success(AnswerValue.Unknown)
                : AnswerParse.Failure(AnswerErrorKeys.MultiExpected);
        }

        var exclusive = question.Options.Where(o => o.Exclusive).ToList();
        if (exclusive.Count == 1 && input.Forms.Any(f => words.Zero.Contains(f) || words.No.Contains(f)))
        {
            return Finish(question, [exclusive[0].Id]);
        }

        var body = input.Stripped;
        var mode = MultiMode.Replace;
        if (currentValid.Count > 0 || StartsWithAny(body, words.MultiAdd) || StartsWithAny(body, words.MultiRemove))
        {
            if (FirstPrefix(body, words.MultiAdd) is { } add)
            {
                mode = MultiMode.Add;
                body = body[add.Length..].Trim();
            }
            else if (FirstPrefix(body, words.MultiRemove) is { } remove)
            {
                mode = MultiMode.Remove;
                body = body[remove.Length..].Trim();
            }
        }

        var chosen = MatchMultiList(question, body, words);
        if (chosen is null || chosen.Count == 0)
        {
            return AnswerParse.Failure(AnswerErrorKeys.MultiExpected);
        }

        var result = mode switch
        {
            MultiMode.Add => currentValid.Concat(chosen).ToList(),
            MultiMode.Remove => currentValid.Where(id => !chosen.Contains(id, StringComparer.OrdinalIgnoreCase)).ToList(),
            _ => chosen,
        };

        return result.Count == 0 ? AnswerParse.Failure(AnswerErrorKeys.MultiExpected) : Finish(question, result);
    }

    /// <summary>Orders the ids as the options are listed, drops duplicates, and enforces exclusive options.</summary>
    private static AnswerParse Finish(Question question, IEnumerable<string> ids)
    {
        var set = new HashSet<string>(ids, StringComparer.OrdinalIgnoreCase);
        var ordered = question.Options.Where(o => set.Contains(o.Id)).ToList();
        var orderedIds = ordered.Select(o => o.Id).ToArray();
        if (ordered.Count > 1 && ordered.Any(o => o.Exclusive))
        {
            return AnswerParse.Failure(AnswerErrorKeys.MultiExclusive, orderedIds);
        }

        return AnswerParse.Success(AnswerValue.Options(orderedIds));
    }

    /// <summary>
    /// "1, 3 และ 5", "1 3 5", "1-3", "ฝึกอบรม/สัมมนา, 2": split on commas, then on / + &amp;, then on และ/กับ,
    /// then on spaces, trying each piece whole first so that an option text containing those still matches.
    /// Returns null when any piece is not an option.
    /// </summary>
    private static List<string>? MatchMultiList(Question question, string body, Words words)
    {
        var result = new List<string>();
        return body.Length > 0 && body.Length <= MaxMultiInputLength && MatchMultiLevel(question, body, words, 0, result) ? result : null;
    }

    private static bool MatchMultiLevel(Question question, string piece, Words words, int level, List<string> result)
    {
        piece = piece.Trim();
        if (MatchMultiPiece(question, piece, words) is { } whole)
        {
            result.AddRange(whole);
            return true;
        }

        if (level > words.MultiSeparators.Length)
        {
            return false;
        }

        var separators = level == words.MultiSeparators.Length ? [" "] : words.MultiSeparators[level];
        var parts = SplitKeepingPositions(piece, separators);
        if (parts.Count == 1)
        {
            return MatchMultiLevel(question, piece, words, level + 1, result);
        }

        return MatchParts(question, piece, parts, 0, words, level, result, []);
    }

    /// <summary>
    /// Matches parts <paramref name="from"/>.. of a split piece, longest run first, so that "กฎหมายและมาตรฐาน และ 3"
    /// keeps the option text "กฎหมายและมาตรฐาน" whole although it contains the separator และ.
    /// </summary>
    private static bool MatchParts(Question question, string piece, List<(int Start, int End)> parts, int from, Words words, int level, List<string> result, HashSet<int> failedFrom)
    {
        if (from == parts.Count)
        {
            return true;
        }

        if (failedFrom.Contains(from))
        {
            return false;
        }

        for (var to = parts.Count - 1; to >= from; to--)
        {
            var candidate = piece[parts[from].Start..parts[to].End].Trim();
            var attempt = new List<string>();
            var matched = to == from
                ? MatchMultiLevel(question, candidate, words, level + 1, attempt)
                : MatchMultiPiece(question, candidate, words) is { } joined && AddAll(attempt, joined);
            if (matched && MatchParts(question, piece, parts, to + 1, words, level, attempt, failedFrom))
            {
                result.AddRange(attempt);
                return true;
            }
        }

        failedFrom.Add(from);
        return false;
    }

    private static bool AddAll(List<string> list, string[] items)
    {
        list.AddRange(items);
        return true;
    }

    /// <summary>The non-empty stretches of <paramref name="s"/> between separators, as index ranges.</summary>
    private static List<(int Start, int End)> SplitKeepingPositions(string s, string[] separators)
    {
        var parts = new List<(int Start, int End)>();
        var start = 0;
        var i = 0;
        while (i < s.Length)
        {
            var separator = separators.FirstOrDefault(sep => string.CompareOrdinal(s, i, sep, 0, sep.Length) == 0);
            if (separator is null)
            {
                i++;
                continue;
            }

            if (s[start..i].Trim().Length > 0)
            {
                parts.Add((start, i));
            }

            i += separator.Length;
            start = i;
        }

        if (s[start..].Trim().Length > 0)
        {
            parts.Add((start, s.Length));
        }

        return parts;
    }

    private static string[]? MatchMultiPiece(Question question, string piece, Words words)
    {
        piece = piece.Trim();
        if (piece.Length == 0)
        {
            return [];
        }

        var range = RangeRegex().Match(piece);
        if (range.Success)
        {
            var from = int.Parse(range.Groups["from"].Value, CultureInfo.InvariantCulture);
            var to = int.Parse(range.Groups["to"].Value, CultureInfo.InvariantCulture);
            if (from < 1 || to > question.Options.Count || from > to)
            {
                return null;
            }

            return question.Options.Skip(from - 1).Take(to - from + 1).Select(o => o.Id).ToArray();
        }

        if (MatchNumber(question, piece, words, out var byNumber))
        {
            return byNumber is null ? null : [byNumber.Id];
        }

        var pieceInput = new Input(piece, ThaiText.StripPoliteEndings(piece));
        if (MatchExactLabel(question, pieceInput) is { } exact)
        {
            return [exact.Id];
        }

        return MatchLabelPrefix(question, pieceInput) is { } prefixed ? [prefixed.Id] : null;
    }

    /// <summary>
    /// True when <paramref name="s"/> is an option number ("2", "๒", "(2)", "ตัวเลือกที่ 2"); <paramref name="option"/>
    /// is then the option, or null when the number is out of range.
    /// </summary>
    private static bool MatchNumber(Question question, string s, Words words, out AnswerOption? option)
    {
        option = null;
        var body = RemovePrefixes(s, words.OptionPrefixes);
        var match = OptionNumberRegex().Match(body);
        if (!match.Success)
        {
            return false;
        }

        if (int.TryParse(match.Groups["n"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)
            && n >= 1 && n <= question.Options.Count)
        {
            option = question.Options[n - 1];
        }

        return true;
    }

    private static AnswerOption? MatchExactLabel(Question question, Input input)
    {
        foreach (var form in input.Forms)
        {
            var key = ThaiText.Compact(form);
            foreach (var option in question.Options)
            {
                var label = ThaiText.Normalize(option.Label);
                if (ThaiText.Compact(label) == key || ThaiText.Compact(ThaiText.StripPoliteEndings(label)) == key)
                {
                    return option;
                }
            }
        }

        return null;
    }

    /// <summary>An unambiguous prefix of at least three characters of one option's text.</summary>
    private static AnswerOption? MatchLabelPrefix(Question question, Input input)
    {
        foreach (var form in input.Forms)
        {
            var key = ThaiText.Compact(form);
            if (key.Length < MinPrefixLength)
            {
                continue;
            }

            var hits = question.Options
                .Where(o => ThaiText.Compact(ThaiText.Normalize(o.Label)).StartsWith(key, StringComparison.Ordinal))
                .ToList();
            if (hits.Count == 1)
            {
                return hits[0];
            }
        }

        return null;
    }

    private static bool IsDontKnow(Input input, Words words)
    {
        foreach (var form in input.Forms)
        {
            var compact = ThaiText.Compact(form);
            if (words.DontKnow.Contains(form) || words.DontKnow.Contains(compact) || StartsWithAny(compact, words.DontKnowPrefixes))
            {
                return true;
            }
        }

        return false;
    }

    private static string RemovePrefixes(string s, string[] prefixes)
    {
        var changed = true;
        while (changed)
        {
            changed = false;
            if (FirstPrefix(s, prefixes) is { } p && s.Length > p.Length)
            {
                s = s[p.Length..].TrimStart();
                changed = true;
            }
        }

        return s;
    }

    private static string? FirstPrefix(string s, string[] prefixes) =>
        prefixes.FirstOrDefault(p => s.StartsWith(p, StringComparison.Ordinal));

    private static bool StartsWithAny(string s, string[] prefixes) => FirstPrefix(s, prefixes) is not null;

    private static bool ContainsAny(string s, string[] needles) =>
        needles.Any(n => s.Contains(n, StringComparison.Ordinal));

    private static Words LoadWords()
    {
        using var stream = ThaiText.OpenResource("DgBot.Core.Answers.answers.th.json");
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        HashSet<string> Set(string name) => new(ThaiText.ReadNormalizedList(root, name).SelectMany(w => new[] { w, ThaiText.Compact(w) }), StringComparer.Ordinal);
        string[] Longest(string name) => ThaiText.ReadNormalizedList(root, name).OrderByDescending(w => w.Length).ToArray();
        return new Words(
            DontKnow: Set("dontKnow"),
            DontKnowPrefixes: Longest("dontKnowPrefixes"),
            No: Set("no"),
            Yes: Set("yes"),
            Partial: Set("partial"),
            PartialPrefixes: Longest("partialPrefixes"),
            NegationMarkers: Longest("negationMarkers"),
            Zero: Set("zero"),
            NumberPrefixes: Longest("numberPrefixes"),
            PercentWords: Set("percentWords"),
            Units: Set("units"),
            OptionPrefixes: Longest("optionPrefixes"),
            MultiSeparators: ReadSeparatorLevels(root),
            MultiDone: Set("multiDone"),
            MultiAdd: Longest("multiAdd"),
            MultiRemove: Longest("multiRemove"));
    }

    private static string[][] ReadSeparatorLevels(JsonElement root)
    {
        if (!root.TryGetProperty("multiSeparators", out var levels) || levels.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return levels.EnumerateArray()
            .Where(level => level.ValueKind == JsonValueKind.Array)
            .Select(level => level.EnumerateArray()
                .Select(e => ThaiText.Normalize(e.GetString() ?? string.Empty))
                .Where(e => e.Length > 0)
                .OrderByDescending(e => e.Length)
                .ToArray())
            .Where(level => level.Length > 0)
            .ToArray();
    }

    // ECMAScript: \d must not match Thai digits (they are mapped to ASCII by Normalize first).
    [GeneratedRegex(@"^(?<sign>[+-]?)\s*(?<int>\d{1,3}(?:,\d{3})+|\d+)(?<frac>\.\d+)?\s*(?<rest>.*)$", RegexOptions.ECMAScript)]
    private static partial Regex NumberRegex();

    [GeneratedRegex(@"^\(?(?<n>\d{1,3})\)?\.?$", RegexOptions.ECMAScript)]
    private static partial Regex OptionNumberRegex();

    [GeneratedRegex(@"^(?<from>\d{1,3})\s*-\s*(?<to>\d{1,3})$", RegexOptions.ECMAScript)]
    private static partial Regex RangeRegex();

    private enum YesNoKind
    {
        None,
        Yes,
        No,
        Partial,
    }

    private enum MultiMode
    {
        Replace,
        Add,
        Remove,
    }

    /// <summary>The text normalised, and normalised with polite endings stripped; labels are tried against both.</summary>
    private sealed record Input(string Normalized, string Stripped)
    {
        public IEnumerable<string> Forms => Stripped.Length == 0 || Stripped == Normalized
            ? (Normalized.Length == 0 ? [] : [Normalized])
            : [Normalized, Stripped];
    }

    private sealed record Words(
        HashSet<string> DontKnow,
        string[] DontKnowPrefixes,
        HashSet<string> No,
        HashSet<string> Yes,
        HashSet<string> Partial,
        string[] PartialPrefixes,
        string[] NegationMarkers,
        HashSet<string> Zero,
        string[] NumberPrefixes,
        HashSet<string> PercentWords,
        HashSet<string> Units,
        string[] OptionPrefixes,
        string[][] MultiSeparators,
        HashSet<string> MultiDone,
        string[] MultiAdd,
        string[] MultiRemove);
}
