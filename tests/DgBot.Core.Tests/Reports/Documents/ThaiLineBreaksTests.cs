using DgBot.Core.Reports.Documents;

namespace DgBot.Core.Tests.Reports.Documents;

/// <summary>Where Thai lines may break: never inside a cluster, syllable starts preferred, spaces first.</summary>
public sealed class ThaiLineBreaksTests
{
    private static string Marked(string text, params LineBreakKind[] kinds)
    {
        var cuts = ThaiLineBreaks.Opportunities(text).Where(b => kinds.Contains(b.Kind)).Select(b => b.Index).ToHashSet();
        return string.Concat(text.Select((c, i) => (cuts.Contains(i) ? "|" : string.Empty) + c));
    }

    [Theory]
    [InlineData("หน้าที่", "หน้า|ที่")]
    [InlineData("ของประเทศ", "ของ|ประ|เทศ")]
    [InlineData("รัฐบาลดิจิทัล", "รัฐ|บาล|ดิ|จิ|ทัล")]
    [InlineData("เหมาะสม", "เหมาะสม")]
    [InlineData("ความพร้อม", "ความ|พร้อม")]
    [InlineData("มั่นคงปลอดภัย", "มั่นคงปลอด|ภัย")]
    public void SyllableBreaksFallBetweenSyllables(string word, string expected) =>
        Assert.Equal(expected, Marked(word, LineBreakKind.Space, LineBreakKind.Syllable));

    [Fact]
    public void NoBreakIsInsideAClusterOrAfterALeadingVowelOrBeforeAFollowingVowel()
    {
        const string text = "เป็นผู้นำด้านดิจิทัล ให้ความรู้เท่าทัน Single Sign-On ๒๕๖๐";
        var all = ThaiLineBreaks.Opportunities(text);
        foreach (var (index, _) in all)
        {
            var before = text[index - 1];
            var after = text[index];
            Assert.False(after is >= '\u0E47' and <= '\u0E4E' or '\u0E31' or (>= '\u0E34' and <= '\u0E3A'), $"break before a mark at {index}");
            Assert.False(before is >= '\u0E40' and <= '\u0E44', $"break after a leading vowel at {index}");
            Assert.False(after is '\u0E30' or '\u0E32' or '\u0E33' or '\u0E46', $"break before a following vowel at {index}");
        }

        // Latin words and numbers break only at spaces.
        Assert.DoesNotContain(all, b => char.IsAsciiLetter(text[b.Index]) && char.IsAsciiLetter(text[b.Index - 1]));
        Assert.DoesNotContain(all, b => text[b.Index] is >= '๐' and <= '๙' && text[b.Index - 1] is >= '๐' and <= '๙');
        Assert.Equal(4, all.Count(b => b.Kind == LineBreakKind.Space));
        Assert.Contains(all, b => b.Kind == LineBreakKind.Cluster);
    }

    [Fact]
    public void WrappedLinesFitTheWidthAndKeepEveryCharacter()
    {
        const string text = "จัดทำแผนเตรียมความพร้อมบุคลากรเพื่อสานต่อภารกิจและอำนาจหน้าที่ของผู้บริหารเทคโนโลยีสารสนเทศระดับสูง (CIO) ที่จะหมดวาระ";
        using var writer = new PdfReportWriter();
        var lines = writer.Lines(text, 200, 15, bold: false);

        Assert.True(lines.Count >= 3, string.Join(" / ", lines));
        Assert.Equal(text.Replace(" ", string.Empty, StringComparison.Ordinal), string.Concat(lines).Replace(" ", string.Empty, StringComparison.Ordinal));
        Assert.All(lines, l => Assert.InRange(writer.Width(l, 15, bold: false), 1, 200));
        Assert.All(lines.Skip(1), l => Assert.False(l[0] is >= '\u0E30' and <= '\u0E3A' or >= '\u0E45' and <= '\u0E4E', "a line starts with a vowel or mark: " + l));
    }
}
