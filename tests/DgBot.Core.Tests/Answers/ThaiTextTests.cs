using DgBot.Core.Answers;

namespace DgBot.Core.Tests.Answers;

public class ThaiTextTests
{
    [Theory]
    [InlineData("  ใช่  ", "ใช่")]
    [InlineData("ใ\u200Bช่", "ใช่")]
    [InlineData("\uFEFFมี\u200D", "มี")]
    [InlineData("ม\u00ADี\u200C", "มี")]
    [InlineData("ไม่   ใช่", "ไม่ ใช่")]
    [InlineData("a \t\n\u00A0 b", "a b")]
    public void NormalizeTrimsStripsZeroWidthAndCollapsesWhitespace(string input, string expected) =>
        Assert.Equal(expected, ThaiText.Normalize(input));

    [Theory]
    [InlineData("เเก้ข้อ", "แก้ข้อ")]
    [InlineData("ท\u0E4D\u0E32แบบส\u0E4D\u0E32รวจ", "ทำแบบสำรวจ")]
    [InlineData("น\u0E4D\u0E49\u0E32", "น\u0E49\u0E33")]
    [InlineData("น\u0E33\u0E49", "น\u0E49\u0E33")]
    [InlineData("เ\u200Bเก้", "แก้")]
    public void NormalizeRepairsThaiTypingForms(string input, string expected) =>
        Assert.Equal(expected, ThaiText.Normalize(input));

    [Theory]
    [InlineData("๑๒๓", "123")]
    [InlineData("๐.๕", "0.5")]
    [InlineData("１２％", "12%")]
    [InlineData("ข้อ ๙", "ข้อ 9")]
    public void NormalizeMapsThaiAndFullWidthDigits(string input, string expected) =>
        Assert.Equal(expected, ThaiText.Normalize(input));

    [Theory]
    [InlineData("YES", "yes")]
    [InlineData("Top 5", "top 5")]
    [InlineData("ＹＥＳ", "yes")]
    public void NormalizeLowerCasesLatin(string input, string expected) =>
        Assert.Equal(expected, ThaiText.Normalize(input));

    [Fact]
    public void NormalizeAppliesNfc() =>
        Assert.Equal("\u00E9", ThaiText.Normalize("e\u0301"));

    [Fact]
    public void NormalizeIsIdempotent()
    {
        var once = ThaiText.Normalize(" เเก้ข้อ ๑๒ \u200B ครับ ");
        Assert.Equal(once, ThaiText.Normalize(once));
    }

    [Theory]
    [InlineData("ใช่ครับ", "ใช่")]
    [InlineData("มีค่ะ", "มี")]
    [InlineData("มี คะ", "มี")]
    [InlineData("ไม่มีนะคะ", "ไม่มี")]
    [InlineData("ไม่มีนะครับ", "ไม่มี")]
    [InlineData("ใช่ค่ะะะ", "ใช่")]
    [InlineData("มีครับบบบ", "มี")]
    [InlineData("มีแล้วครับผม", "มีแล้ว")]
    [InlineData("ไม่ใช่จ้า!!", "ไม่ใช่")]
    [InlineData("มีแล้วครับ 🙏", "มีแล้ว")]
    [InlineData("ใช่ค่า 🙏🏻", "ใช่")]
    [InlineData("ใช่ๆ", "ใช่")]
    [InlineData("ใช่ค่ะ.", "ใช่")]
    [InlineData("ไม่ทราบค่ะ?", "ไม่ทราบ")]
    [InlineData("กำลังทำจ้ะ", "กำลังทำ")]
    public void StripPoliteEndingsRemovesParticlesAndPunctuation(string input, string expected) =>
        Assert.Equal(expected, ThaiText.StripPoliteEndings(input));

    [Theory]
    [InlineData("ครับ")]
    [InlineData("ค่ะ")]
    [InlineData("ครับผม 🙏")]
    [InlineData("!!!")]
    public void StripPoliteEndingsOfOnlyAParticleIsEmpty(string input) =>
        Assert.Equal(string.Empty, ThaiText.StripPoliteEndings(input));

    [Theory]
    [InlineData("50%ค่ะ", "50%")]
    [InlineData("เจ้า", "เจ้า")]
    [InlineData("ok", "ok")]
    [InlineData("ไม่", "ไม่")]
    [InlineData("12", "12")]
    public void StripPoliteEndingsKeepsWhatIsNotAParticle(string input, string expected) =>
        Assert.Equal(expected, ThaiText.StripPoliteEndings(input));

    [Fact]
    public void StripPoliteEndingsNormalizesFirst() =>
        Assert.Equal("12", ThaiText.StripPoliteEndings(" ๑๒\u200B ครับ "));

    [Theory]
    [InlineData(12, "๑๒")]
    [InlineData(0, "๐")]
    [InlineData(2569, "๒๕๖๙")]
    [InlineData(-5, "-๕")]
    public void ToThaiDigitsFormatsWithThaiDigits(int value, string expected) =>
        Assert.Equal(expected, ThaiText.ToThaiDigits(value));

    [Fact]
    public void TidyKeepsCaseAndDigitsButRemovesZeroWidth() =>
        Assert.Equal("ระบบ ERP ๒ ชุด", ThaiText.Tidy("  ระบบ\u200B ERP ๒ ชุด \uFEFF"));
}
