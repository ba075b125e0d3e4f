using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DgBot.Core.Answers;

/// <summary>
/// Pure helpers for Thai chat input: normalisation (so that what people type on different
/// keyboards compares equal) and removal of trailing polite particles (ครับ, ค่ะ, นะคะ…).
/// </summary>
public static class ThaiText
{
    private const char ThaiDigitZero = '\u0E50';
    private const char ThaiDigitNine = '\u0E59';
    private const char SaraE = '\u0E40';
    private const char SaraAi = '\u0E44';
    private const char Nikhahit = '\u0E4D';
    private const char SaraAa = '\u0E32';
    private const char SaraAm = '\u0E33';

    private static readonly Lazy<PoliteData> Polite = new(LoadPolite);

    /// <summary>
    /// Normalises typed text for matching: trims, applies Unicode NFC, removes zero-width characters
    /// (U+200B, U+200C, U+200D, U+2060, U+FEFF, U+00AD), collapses any run of white space to one space,
    /// repairs common Thai typing forms (<c>เเ</c> → <c>แ</c>; <c>ํา</c> → <c>ำ</c>, also around a tone mark),
    /// maps Thai digits ๐–๙ and full-width ASCII (digits, letters, punctuation) to ASCII, and lower-cases.
    /// </summary>
    public static string Normalize(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var nfc = s.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(nfc.Length);
        var pendingSpace = false;
        foreach (var raw in nfc)
        {
            var c = raw;
            if (IsZeroWidth(c))
            {
                continue;
            }

            if (c is >= ThaiDigitZero and <= ThaiDigitNine)
            {
                c = (char)('0' + (c - ThaiDigitZero));
            }
            else if (c is >= '\uFF01' and <= '\uFF5E')
            {
                c = (char)(c - 0xFEE0);
            }
            else
            {
                c = FoldPunctuation(c);
            }

            if (char.IsWhiteSpace(c))
            {
                pendingSpace = sb.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                sb.Append(' ');
                pendingSpace = false;
            }

            sb.Append(char.ToLowerInvariant(c));
        }

        return RepairThai(sb.ToString());
    }

    /// <summary>
    /// Tidies text that is kept as typed (free-text answers, command arguments): NFC, zero-width characters
    /// removed, the Thai repairs of <see cref="Normalize"/>, trimmed. Case, digits and line breaks are kept.
    /// </summary>
    public static string Tidy(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var nfc = s.Normalize(NormalizationForm.FormC);
        var sb = new StringBuilder(nfc.Length);
        foreach (var c in nfc)
        {
            if (!IsZeroWidth(c))
            {
                sb.Append(c);
            }
        }

        return RepairThai(sb.ToString()).Trim();
    }

    /// <summary>
    /// Removes trailing polite particles (ครับ, ค่ะ, คะ, นะคะ, จ้า… also with a repeated last letter such as
    /// ค่ะะะ or ครับบบ), trailing punctuation (! . ? ~ ๆ …) and emoji (🙏), repeatedly, from normalised text.
    /// The input is normalised first, so the result is always normalised. The result may be empty (the text
    /// was only a particle). The particle list is the embedded data file <c>Answers/Data/polite.th.json</c>.
    /// Thai has no spaces between words, so a word that happens to end like a particle (ชนะ) is shortened;
    /// callers that match whole labels should also try the unstripped normalised text.
    /// </summary>
    public static string StripPoliteEndings(string s)
    {
        ArgumentNullException.ThrowIfNull(s);
        var data = Polite.Value;
        var text = Normalize(s);
        bool changed;
        do
        {
            changed = false;
            var before = text.Length;
            text = StripTrailingDecorations(text, data.Trailing).TrimEnd();
            foreach (var particle in data.Particles)
            {
                var cut = ParticleLength(text, particle);
                if (cut > 0)
                {
                    text = text[..^cut].TrimEnd();
                    break;
                }
            }

            changed = text.Length != before;
        }
        while (changed && text.Length > 0);

        return text;
    }

    /// <summary>Formats a whole number with Thai digits (๐–๙), for display: 12 → ๑๒, −5 → -๕.</summary>
    public static string ToThaiDigits(int value)
    {
        var ascii = value.ToString(CultureInfo.InvariantCulture);
        var sb = new StringBuilder(ascii.Length);
        foreach (var c in ascii)
        {
            sb.Append(c is >= '0' and <= '9' ? (char)(ThaiDigitZero + (c - '0')) : c);
        }

        return sb.ToString();
    }

    /// <summary>Removes every space; Thai is written without spaces between words, so people space phrases differently.</summary>
    internal static string Compact(string normalized) => normalized.Replace(" ", string.Empty, StringComparison.Ordinal);

    /// <summary>Removes leading and trailing emoji and symbols (menu buttons often carry an icon: "📝 ทำแบบสำรวจ").</summary>
    internal static string TrimSymbols(string s)
    {
        var start = 0;
        while (start < s.Length && Rune.TryGetRuneAt(s, start, out var r) && (IsDecorationRune(r) || Rune.IsWhiteSpace(r)))
        {
            start += r.Utf16SequenceLength;
        }

        var end = s.Length;
        while (end > start && Rune.TryGetRuneAt(s, PreviousRuneStart(s, end), out var r) && (IsDecorationRune(r) || Rune.IsWhiteSpace(r)))
        {
            end -= r.Utf16SequenceLength;
        }

        return s[start..end];
    }

    internal static Stream OpenResource(string logicalName) =>
        typeof(ThaiText).Assembly.GetManifestResourceStream(logicalName)
        ?? throw new InvalidOperationException($"Embedded resource '{logicalName}' is missing from {typeof(ThaiText).Assembly.GetName().Name}.");

    /// <summary>Reads a string array property of a JSON object, normalising each entry.</summary>
    internal static string[] ReadNormalizedList(JsonElement obj, string property)
    {
        if (!obj.TryGetProperty(property, out var array) || array.ValueKind != JsonValueKind.Array)
        {
            return [];
        }

        return array.EnumerateArray()
            .Select(e => Normalize(e.GetString() ?? string.Empty))
            .Where(e => e.Length > 0)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>Dash, quote and similar variants as the plain ASCII a keyboard types ("ทุก 2–6 เดือน" is "ทุก 2-6 เดือน").</summary>
    private static char FoldPunctuation(char c) => c switch
    {
        '\u2010' or '\u2011' or '\u2012' or '\u2013' or '\u2014' or '\u2015' or '\u2212' or '\uFE58' or '\uFE63' => '-',
        '\u2018' or '\u2019' or '\u201A' or '\u201B' or '\u2032' => '\'',
        '\u201C' or '\u201D' or '\u201E' or '\u201F' or '\u2033' => '"',
        '\u2044' or '\u2215' => '/',
        _ => c,
    };

    private static bool IsZeroWidth(char c) => c is '\u200B' or '\u200C' or '\u200D' or '\u2060' or '\uFEFF' or '\u00AD';

    private static string RepairThai(string s)
    {
        if (s.Length < 2)
        {
            return s;
        }

        var sb = new StringBuilder(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            var c = s[i];
            var next = i + 1 < s.Length ? s[i + 1] : '\0';
            var afterNext = i + 2 < s.Length ? s[i + 2] : '\0';
            if (c == SaraE && next == SaraE)
            {
                sb.Append('\u0E41'); // เเ typed as two sara e → แ
                i++;
            }
            else if (c == Nikhahit && next == SaraAa)
            {
                sb.Append(SaraAm); // ํ + า → ำ
                i++;
            }
            else if (c == Nikhahit && IsToneMark(next) && afterNext == SaraAa)
            {
                sb.Append(next).Append(SaraAm); // ํ + ้ + า → ้ + ำ
                i += 2;
            }
            else if (c == SaraAm && IsToneMark(next))
            {
                sb.Append(next).Append(SaraAm); // ำ + ้ → ้ + ำ (tone mark belongs before sara am)
                i++;
            }
            else
            {
                sb.Append(c);
            }
        }

        return sb.ToString();
    }

    private static bool IsToneMark(char c) => c is >= '\u0E48' and <= '\u0E4B';

    private static bool IsLeadingVowel(char c) => c is >= SaraE and <= SaraAi;

    private static bool IsThaiLetter(char c) => c is >= '\u0E01' and <= '\u0E4F';

    /// <summary>
    /// Length to cut when <paramref name="text"/> ends with <paramref name="particle"/>, allowing its last
    /// letter to be repeated (ค่ะะะ); 0 when it does not, or when the particle is glued to a leading vowel
    /// (เจ้า is a word, not เ + จ้า).
    /// </summary>
    private static int ParticleLength(string text, string particle)
    {
        if (text.Length < particle.Length)
        {
            return 0;
        }

        var last = particle[^1];
        var run = 0;
        while (run < text.Length && text[text.Length - 1 - run] == last)
        {
            run++;
        }

        if (run == 0)
        {
            return 0;
        }

        var body = text[..(text.Length - run + 1)];
        if (!body.EndsWith(particle, StringComparison.Ordinal))
        {
            return 0;
        }

        var startIndex = body.Length - particle.Length;
        if (startIndex > 0 && IsLeadingVowel(text[startIndex - 1]))
        {
            return 0;
        }

        // Glued to a preceding Thai letter is fine (มีค่ะ); inside a Latin word it is not a particle.
        if (startIndex > 0 && !IsThaiLetter(particle[0]) && char.IsLetterOrDigit(text[startIndex - 1]))
        {
            return 0;
        }

        return particle.Length + run - 1;
    }

    private static string StripTrailingDecorations(string text, string trailing)
    {
        var end = text.Length;
        while (end > 0)
        {
            var start = PreviousRuneStart(text, end);
            if (!Rune.TryGetRuneAt(text, start, out var r))
            {
                break;
            }

            var isTrailingChar = r.IsBmp && trailing.Contains((char)r.Value, StringComparison.Ordinal);
            if (!isTrailingChar && !IsDecorationRune(r) && !Rune.IsWhiteSpace(r))
            {
                break;
            }

            end = start;
        }

        return text[..end];
    }

    private static bool IsDecorationRune(Rune r)
    {
        if (r.Value is 0xFE0F or 0xFE0E or 0x20E3)
        {
            return true;
        }

        var category = Rune.GetUnicodeCategory(r);
        return category is UnicodeCategory.OtherSymbol or UnicodeCategory.ModifierSymbol;
    }

    private static int PreviousRuneStart(string s, int end) =>
        end >= 2 && char.IsLowSurrogate(s[end - 1]) && char.IsHighSurrogate(s[end - 2]) ? end - 2 : end - 1;

    private static PoliteData LoadPolite()
    {
        using var stream = OpenResource("DgBot.Core.Answers.polite.th.json");
        using var doc = JsonDocument.Parse(stream);
        var root = doc.RootElement;
        var particles = ReadNormalizedList(root, "particles")
            .OrderByDescending(p => p.Length)
            .ToArray();
        var trailing = root.TryGetProperty("trailing", out var t) ? t.GetString() ?? string.Empty : string.Empty;
        return new PoliteData(particles, trailing);
    }

    private sealed record PoliteData(string[] Particles, string Trailing);
}
