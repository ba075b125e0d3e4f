using System.Globalization;
using System.Text;
using HarfBuzzSharp;
using SkiaSharp;

namespace DgBot.Core.Reports.Documents;

/// <summary>One shaped run: glyphs with their positions (relative to the pen), and the UTF-8 text with clusters.</summary>
internal sealed record ShapedRun(ushort[] Glyphs, SKPoint[] Positions, byte[] Utf8, uint[] Clusters, float Width);

/// <summary>
/// Shapes text with HarfBuzz (through SkiaSharp's HarfBuzzSharp), so Thai vowels and tone marks are positioned by the
/// font's OpenType tables (mark-to-base, mark-to-mark, the lowered tone marks over short consonants) instead of being
/// drawn one code point at a time. Each run keeps its text and clusters so the PDF's text layer reads back as typed.
/// </summary>
internal sealed class ThaiTextShaper : IDisposable
{
    private readonly Blob _blob;
    private readonly Face _face;
    private readonly HarfBuzzSharp.Font _font;
    private readonly int _unitsPerEm;

    public ThaiTextShaper(byte[] fontFile)
    {
        _blob = Blob.FromStream(new MemoryStream(fontFile));
        _face = new Face(_blob, 0);
        _unitsPerEm = _face.UnitsPerEm;
        _font = new HarfBuzzSharp.Font(_face);
        _font.SetScale(_unitsPerEm, _unitsPerEm);
    }

    public ShapedRun Shape(string text, float size)
    {
        var utf8 = Encoding.UTF8.GetBytes(text);
        using var buffer = new HarfBuzzSharp.Buffer();
        buffer.AddUtf8(utf8);
        buffer.GuessSegmentProperties();
        buffer.Language = new Language(CultureInfo.GetCultureInfo("th-TH"));
        _font.Shape(buffer);
        var infos = buffer.GlyphInfos;
        var positions = buffer.GlyphPositions;
        var scale = size / _unitsPerEm;
        var glyphs = new ushort[infos.Length];
        var points = new SKPoint[infos.Length];
        var clusters = new uint[infos.Length];
        float x = 0;
        for (var i = 0; i < infos.Length; i++)
        {
            glyphs[i] = (ushort)infos[i].Codepoint;
            clusters[i] = infos[i].Cluster;
            // HarfBuzz's y axis points up, Skia's down.
            points[i] = new SKPoint(x + (positions[i].XOffset * scale), -positions[i].YOffset * scale);
            x += positions[i].XAdvance * scale;
        }

        return new ShapedRun(glyphs, points, utf8, clusters, x);
    }

    public float Measure(string text, float size) => text.Length == 0 ? 0 : Shape(text, size).Width;

    public void Dispose()
    {
        _font.Dispose();
        _face.Dispose();
        _blob.Dispose();
    }
}

/// <summary>How good a place to break a line is.</summary>
public enum LineBreakKind
{
    /// <summary>After a space: the best place.</summary>
    Space,

    /// <summary>Before what looks like the start of a Thai syllable (see <see cref="ThaiLineBreaks"/>).</summary>
    Syllable,

    /// <summary>Between two grapheme clusters of a Thai run: the last resort, inside a word but never inside marks.</summary>
    Cluster,
}

/// <summary>
/// Where a line of Thai may break. Thai is written without spaces between words, and .NET has no cross-platform
/// dictionary word breaker (ICU's is not exposed), so this is a rule-based approximation, without a dictionary:
/// <list type="bullet">
/// <item>at spaces first;</item>
/// <item>then before what looks like the start of a syllable: a leading vowel (เ แ โ ใ ไ); a consonant carrying a
/// vowel or tone mark; a consonant followed by ะ า ำ ๅ; a consonant followed by ร ล ว that is followed by a vowel
/// (ปร, กล, คว) — but not when that would leave a bare consonant alone after a space, a leading vowel or another bare
/// consonant (ห|น้า, เห|มาะ, คงป|ลอด);</item>
/// <item>only when no such place fits, between grapheme clusters (System.Globalization's extended grapheme
/// clusters: a consonant always stays with its vowels and tone marks), never after a leading vowel and never before
/// ะ า ำ ๅ ๆ.</item>
/// </list>
/// Latin words and numbers break only at spaces. A line may so end inside a Thai word, never inside a cluster.
/// </summary>
public static class ThaiLineBreaks
{
    /// <summary>The indexes a line may start at (besides 0), with how good each is, in order.</summary>
    public static List<(int Index, LineBreakKind Kind)> Opportunities(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var result = new List<(int, LineBreakKind)>();
        var starts = StringInfo.ParseCombiningCharacters(text);
        for (var k = 1; k < starts.Length; k++)
        {
            var i = starts[k];
            var before = text[i - 1];
            var after = text[i];
            if (char.IsWhiteSpace(before) && !char.IsWhiteSpace(after))
            {
                result.Add((i, LineBreakKind.Space));
            }
            else if (IsThai(before) && IsThai(after) && !IsLeadingVowel(before) && !IsFollowingLetter(after))
            {
                result.Add((i, StartsSyllable(text, starts, k) ? LineBreakKind.Syllable : LineBreakKind.Cluster));
            }
        }

        return result;
    }

    /// <summary>Whether cluster <paramref name="k"/> looks like the start of a syllable, and the cluster before it can stand alone.</summary>
    private static bool StartsSyllable(string text, int[] starts, int k)
    {
        var at = starts[k];
        var length = (k + 1 < starts.Length ? starts[k + 1] : text.Length) - at;
        var next = at + length < text.Length ? text[at + length] : '\0';
        bool start;
        if (IsLeadingVowel(text[at]))
        {
            start = true;
        }
        else if (!IsConsonant(text[at]) || text.AsSpan(at, length).Contains('\u0E4C'))
        {
            start = false; // not a consonant, or a silent one (การันต์)
        }
        else if (length > 1)
        {
            start = true; // the consonant carries a vowel or tone mark
        }
        else if (next is '\u0E30' or '\u0E32' or '\u0E33' or '\u0E45')
        {
            start = true;
        }
        else if (next is '\u0E23' or '\u0E25' or '\u0E27' && at + length + 1 < text.Length)
        {
            var after = text[at + length + 1];
            start = IsMark(after) || after is '\u0E30' or '\u0E32' or '\u0E33';
        }
        else
        {
            start = false;
        }

        if (!start)
        {
            return false;
        }

        // The cluster before must not be a bare consonant left alone (after a space, the start, a leading vowel or another bare consonant).
        var prevStart = starts[k - 1];
        if (at - prevStart == 1 && IsConsonant(text[prevStart]))
        {
            if (k - 2 < 0)
            {
                return false;
            }

            var p2 = starts[k - 2];
            var p2Bare = prevStart - p2 == 1;
            // อ before it is most often part of a vowel (ของ, ปลอด), not a consonant of its own.
            if (char.IsWhiteSpace(text[p2]) || IsLeadingVowel(text[p2]) || (p2Bare && IsConsonant(text[p2]) && text[p2] != '\u0E2D') || !IsThai(text[p2]))
            {
                return false;
            }
        }

        return true;
    }

    private static bool IsThai(char c) => c is >= '\u0E01' and <= '\u0E5B' && c is not (>= '\u0E50' and <= '\u0E59');

    private static bool IsConsonant(char c) => c is >= '\u0E01' and <= '\u0E2E';

    private static bool IsMark(char c) => c is '\u0E31' or (>= '\u0E34' and <= '\u0E3A') or (>= '\u0E47' and <= '\u0E4E');

    private static bool IsLeadingVowel(char c) => c is >= '\u0E40' and <= '\u0E44';

    private static bool IsFollowingLetter(char c) => c is '\u0E30' or '\u0E32' or '\u0E33' or '\u0E45' or '\u0E46' || IsMark(c);
}
