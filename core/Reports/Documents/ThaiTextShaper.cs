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

/// <summary>
/// Where a line of Thai may break. Thai is written without spaces between words, and .NET has no cross-platform
/// dictionary word breaker (ICU's is not exposed), so lines break at spaces first and, inside a long run of Thai,
/// between grapheme clusters (System.Globalization's extended grapheme clusters: a consonant always stays with its
/// vowel and tone marks), never after a leading vowel (เ แ โ ใ ไ), never before a following vowel that is a letter of
/// its own (ะ า ำ ๅ) or ๆ, and never between Latin letters or digits.
/// </summary>
internal static class ThaiLineBreaks
{
    /// <summary>The indexes a line may start at, besides 0: after spaces, and between clusters inside Thai runs.</summary>
    /// <returns>(index, isSpace): isSpace for a break at a space (preferred).</returns>
    public static List<(int Index, bool AtSpace)> Opportunities(string text)
    {
        var result = new List<(int, bool)>();
        var starts = StringInfo.ParseCombiningCharacters(text);
        for (var k = 1; k < starts.Length; k++)
        {
            var i = starts[k];
            var before = text[i - 1];
            var after = text[i];
            if (char.IsWhiteSpace(before) && !char.IsWhiteSpace(after))
            {
                result.Add((i, true));
            }
            else if (IsThai(before) && IsThai(after) && !IsLeadingVowel(before) && !IsFollowingLetter(after))
            {
                result.Add((i, false));
            }
        }

        return result;
    }

    private static bool IsThai(char c) => c is >= '\u0E01' and <= '\u0E5B' && c is not (>= '\u0E50' and <= '\u0E59');

    private static bool IsLeadingVowel(char c) => c is >= '\u0E40' and <= '\u0E44';

    private static bool IsFollowingLetter(char c) => c is '\u0E30' or '\u0E32' or '\u0E33' or '\u0E45' or '\u0E46' || (c is >= '\u0E31' and <= '\u0E3A') || (c is >= '\u0E47' and <= '\u0E4E');
}
