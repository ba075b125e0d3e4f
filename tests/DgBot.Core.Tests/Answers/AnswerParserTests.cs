using DgBot.Core.Answers;
using DgBot.Core.Questionnaires;

namespace DgBot.Core.Tests.Answers;

public class AnswerParserTests
{
    private static void AssertOptions(AnswerParse parse, params string[] expected)
    {
        Assert.True(parse.Ok, $"expected success, got {parse.ErrorKey}");
        Assert.NotNull(parse.Value);
        Assert.False(parse.Value.DontKnow);
        Assert.Equal(expected, parse.Value.OptionIds);
        Assert.Equal(expected, parse.OptionIds);
    }

    private static void AssertError(AnswerParse parse, string errorKey)
    {
        Assert.False(parse.Ok);
        Assert.Null(parse.Value);
        Assert.Equal(errorKey, parse.ErrorKey);
    }

    // ---- yes / no ----

    [Theory]
    [InlineData("ใช่")]
    [InlineData("ใช่ครับ")]
    [InlineData("ใช่ค่ะะ")]
    [InlineData("มี")]
    [InlineData("มีแล้วค่ะ")]
    [InlineData("มีแล้วครับ 🙏")]
    [InlineData("yes")]
    [InlineData("Y")]
    [InlineData("1")]
    [InlineData("๑")]
    [InlineData("ใ\u200Bช่")]
    [InlineData("ใช่ มีระบบแล้ว")]
    [InlineData("👍")]
    [InlineData("ได้")]
    [InlineData("ได้แล้วครับ")]
    public void YesNoAcceptsYes(string text) =>
        AssertOptions(AnswerParser.Parse(TestQuestions.YesNo(), text), "yes");

    [Theory]
    [InlineData("ไม่ใช่")]
    [InlineData("ไม่ใช่ค่ะ")]
    [InlineData("ไม่มี")]
    [InlineData("ไม่มีนะคะ")]
    [InlineData("ไม่")]
    [InlineData("ยังไม่มี")]
    [InlineData("ยังไม่มีครับ")]
    [InlineData("no")]
    [InlineData("N")]
    [InlineData("2")]
    [InlineData("๒")]
    [InlineData("ไม่มี ยังไม่ได้ทำ")]
    [InlineData("ไม่ได้")]
    [InlineData("ยังไม่ได้ค่ะ")]
    public void YesNoReadsNegationBeforeAffirmation(string text) =>
        AssertOptions(AnswerParser.Parse(TestQuestions.YesNo(), text), "no");

    [Theory]
    [InlineData("กำลังทำ")]
    [InlineData("อยู่ระหว่างดำเนินการ")]
    [InlineData("กำลังจัดทำค่ะ")]
    [InlineData("อยู่ระหว่างการทดสอบระบบ")]
    [InlineData("ได้บางส่วน")]
    [InlineData("บางส่วนค่ะ")]
    [InlineData("3")]
    public void YesNoAcceptsPartialWhenTheQuestionHasIt(string text) =>
        AssertOptions(AnswerParser.Parse(TestQuestions.YesNo(partial: true), text), "partial");

    [Theory]
    [InlineData("กำลังทำ")]
    [InlineData("3")]
    public void YesNoRejectsPartialWhenTheQuestionHasNone(string text) =>
        AssertError(AnswerParser.Parse(TestQuestions.YesNo(partial: false), text), AnswerErrorKeys.YesNoExpected);

    [Theory]
    [InlineData("ไม่ทราบ")]
    [InlineData("ไม่รู้ค่ะ")]
    [InlineData("ไม่แน่ใจ")]
    [InlineData("ไม่แน่ใจว่ามี")]
    public void YesNoDontKnowIsUnknownWhenAllowed(string text)
    {
        var parse = AnswerParser.Parse(TestQuestions.YesNo(allowDontKnow: true), text);
        Assert.True(parse.Ok);
        Assert.Same(AnswerValue.Unknown, parse.Value);
    }

    [Theory]
    [InlineData("ไม่ทราบ")]
    [InlineData("ไม่รู้")]
    [InlineData("ไม่แน่ใจครับ")]
    public void YesNoDontKnowIsNeverNoWhenNotAllowed(string text) =>
        AssertError(AnswerParser.Parse(TestQuestions.YesNo(allowDontKnow: false), text), AnswerErrorKeys.YesNoExpected);

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ครับ")]
    [InlineData("บางที")]
    [InlineData("ใช่ แต่ยังไม่ครบ")]
    [InlineData("4")]
    [InlineData("0")]
    public void YesNoRejectsOtherText(string text) =>
        AssertError(AnswerParser.Parse(TestQuestions.YesNo(), text), AnswerErrorKeys.YesNoExpected);

    // ---- single choice ----

    [Theory]
    [InlineData("1", "a")]
    [InlineData("2", "b")]
    [InlineData("๓", "c")]
    [InlineData("(4)", "d")]
    [InlineData("4.", "d")]
    [InlineData("２", "b")]
    [InlineData("ตัวเลือกที่ 1", "a")]
    [InlineData("2 ค่ะ", "b")]
    public void SingleAcceptsTheOptionNumber(string text, string expected) =>
        AssertOptions(AnswerParser.Parse(TestQuestions.Single(), text), expected);

    [Theory]
    [InlineData("ดำเนินการครบถ้วนแล้ว", "d")]
    [InlineData("ดำเนินการครบถ้วนแล้วค่ะ", "d")]
    [InlineData("ดำเนินการ บางส่วน", "c")]
    [InlineData("ยังไม่มีแผน", "a")]
    [InlineData("มีแผน", "b")]
    [InlineData("ดำเนินการครบ", "d")]
    [InlineData("ยังไม่", "a")]
    public void SingleAcceptsOptionTextOrAnUnambiguousPrefix(string text, string expected) =>
        AssertOptions(AnswerParser.Parse(TestQuestions.Single(), text), expected);

    [Theory]
    [InlineData("ดำเนินการ")]
    [InlineData("ยั")]
    [InlineData("5")]
    [InlineData("0")]
    [InlineData("xyz")]
    [InlineData("")]
    [InlineData("ไม่ทราบ")]
    public void SingleRejectsAmbiguousShortOrOutOfRangeInput(string text) =>
        AssertError(AnswerParser.Parse(TestQuestions.Single(), text), AnswerErrorKeys.ChoiceExpected);

    [Fact]
    public void SingleDontKnowIsUnknownWhenAllowed() =>
        Assert.Same(AnswerValue.Unknown, AnswerParser.Parse(TestQuestions.Single(allowDontKnow: true), "ไม่ทราบค่ะ").Value);

    // ---- number ----

    [Theory]
    [InlineData("12", 12)]
    [InlineData("๑๒", 12)]
    [InlineData("1,250", 1250)]
    [InlineData("1,250,000.5", 1250000.5)]
    [InlineData("12.5", 12.5)]
    [InlineData("12 ระบบ", 12)]
    [InlineData("12ระบบ", 12)]
    [InlineData("ประมาณ 12 ระบบครับ", 12)]
    [InlineData("มี 3 ระบบ", 3)]
    [InlineData("๓ คน", 3)]
    [InlineData("0", 0)]
    [InlineData("ไม่มี", 0)]
    public void NumberAcceptsDigitsSeparatorsDecimalsAndUnits(string text, double expected)
    {
        var parse = AnswerParser.Parse(TestQuestions.Number(), text);
        Assert.True(parse.Ok, parse.ErrorKey);
        Assert.Equal(expected, parse.Value!.Number);
    }

    [Theory]
    [InlineData("-3")]
    [InlineData("สิบ")]
    [InlineData("12%")]
    [InlineData("1,00")]
    [InlineData("12 ถึง 15")]
    [InlineData("12 อะไรสักอย่าง")]
    [InlineData("50 ล้านบาท")]
    [InlineData("")]
    [InlineData("ไม่ทราบ")]
    public void NumberRejectsNegativeWordsAndOtherText(string text) =>
        AssertError(AnswerParser.Parse(TestQuestions.Number(), text), AnswerErrorKeys.NumberExpected);

    [Fact]
    public void NumberDontKnowIsUnknownWhenAllowed() =>
        Assert.Same(AnswerValue.Unknown, AnswerParser.Parse(TestQuestions.Number(allowDontKnow: true), "ไม่ทราบครับ").Value);

    [Theory]
    [InlineData("ศูนย์ข้อมูล", "7 ศูนย์ข้อมูล", 7)]
    [InlineData("ล้านบาท", "7.5 ล้านบาทค่ะ", 7.5)]
    [InlineData("ล้านบาท", "๗.๕ล้านบาท", 7.5)]
    public void NumberAcceptsTheQuestionsOwnUnit(string unit, string text, double expected) =>
        Assert.Equal(expected, AnswerParser.Parse(TestQuestions.Number(unit: unit), text).Value!.Number);

    // ---- percent ----

    [Theory]
    [InlineData("50", 50)]
    [InlineData("50%", 50)]
    [InlineData("50 %", 50)]
    [InlineData("๕๐ เปอร์เซ็นต์", 50)]
    [InlineData("50เปอร์เซ็นต์ค่ะ", 50)]
    [InlineData("ร้อยละ 75", 75)]
    [InlineData("33.5%", 33.5)]
    [InlineData("５０％", 50)]
    [InlineData("100", 100)]
    [InlineData("0", 0)]
    public void PercentAcceptsNumbersWithOrWithoutPercentSign(string text, double expected)
    {
        var parse = AnswerParser.Parse(TestQuestions.Percent(), text);
        Assert.True(parse.Ok, parse.ErrorKey);
        Assert.Equal(expected, parse.Value!.Number);
    }

    [Theory]
    [InlineData("101")]
    [InlineData("150%")]
    [InlineData("100.5")]
    [InlineData("-5")]
    [InlineData("-5%")]
    public void PercentOutside0To100IsRejectedWithRangeKey(string text) =>
        AssertError(AnswerParser.Parse(TestQuestions.Percent(), text), AnswerErrorKeys.PercentRange);

    [Theory]
    [InlineData("ครึ่งหนึ่ง")]
    [InlineData("50 คะแนนเต็ม")]
    public void PercentRejectsNonNumbers(string text) =>
        AssertError(AnswerParser.Parse(TestQuestions.Percent(), text), AnswerErrorKeys.NumberExpected);

    // ---- text ----

    [Fact]
    public void TextKeepsTheAnswerAsTypedButTidied()
    {
        var parse = AnswerParser.Parse(TestQuestions.Text(), "  ใช้ระบบ\u200B ERP ของ สพร. ๒ ชุด  ");
        Assert.True(parse.Ok);
        Assert.Equal("ใช้ระบบ ERP ของ สพร. ๒ ชุด", parse.Value!.Text);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B\uFEFF")]
    public void TextRejectsEmpty(string text) =>
        AssertError(AnswerParser.Parse(TestQuestions.Text(), text), AnswerErrorKeys.TextEmpty);

    [Fact]
    public void TextAcceptsUpTo1000CharactersAndRejectsMore()
    {
        Assert.True(AnswerParser.Parse(TestQuestions.Text(), new string('ก', 1000)).Ok);
        AssertError(AnswerParser.Parse(TestQuestions.Text(), new string('ก', 1001)), AnswerErrorKeys.TextTooLong);
    }

    [Fact]
    public void TextDontKnowOnlyWhenAllowedAndWholeMessage()
    {
        Assert.Same(AnswerValue.Unknown, AnswerParser.Parse(TestQuestions.Text(allowDontKnow: true), "ไม่ทราบค่ะ").Value);
        Assert.Equal("ไม่ทราบค่ะ", AnswerParser.Parse(TestQuestions.Text(allowDontKnow: false), "ไม่ทราบค่ะ").Value!.Text);
        Assert.Equal("ไม่ทราบว่าจะเริ่มอย่างไร", AnswerParser.Parse(TestQuestions.Text(allowDontKnow: true), "ไม่ทราบว่าจะเริ่มอย่างไร").Value!.Text);
    }

    // ---- multi ----

    [Theory]
    [InlineData("1", new[] { "train" })]
    [InlineData("1,3", new[] { "train", "online" })]
    [InlineData("1, 3", new[] { "train", "online" })]
    [InlineData("๑ และ ๓", new[] { "train", "online" })]
    [InlineData("1และ3", new[] { "train", "online" })]
    [InlineData("3 1", new[] { "train", "online" })]
    [InlineData("1 2 3", new[] { "train", "external", "online" })]
    [InlineData("1-3", new[] { "train", "external", "online" })]
    [InlineData("1, 1", new[] { "train" })]
    [InlineData("อบรมภายใน, เรียนออนไลน์", new[] { "train", "online" })]
    [InlineData("อบรมภายใน และ 2", new[] { "train", "external" })]
    [InlineData("เรียนออนไลน์ค่ะ", new[] { "online" })]
    [InlineData("4", new[] { "none" })]
    [InlineData("ไม่มี", new[] { "none" })]
    [InlineData("ไม่มีการพัฒนาทักษะ", new[] { "none" })]
    public void MultiAcceptsNumbersAndLabelsAsASet(string text, string[] expected) =>
        AssertOptions(AnswerParser.Parse(TestQuestions.Multi(), text), expected);

    [Fact]
    public void MultiKeepsOptionTextsThatContainSeparators()
    {
        var question = TestQuestions.Make(
            "EAB-3",
            QuestionType.Multi,
            [new("training", "ฝึกอบรม/สัมมนา", 1), new("law", "กฎหมายและมาตรฐาน", 1), new("hw", "ฮาร์ดแวร์", 1)]);
        AssertOptions(AnswerParser.Parse(question, "ฝึกอบรม/สัมมนา"), "training");
        AssertOptions(AnswerParser.Parse(question, "ฝึกอบรม/สัมมนา, 3"), "training", "hw");
        AssertOptions(AnswerParser.Parse(question, "กฎหมายและมาตรฐาน และ ฮาร์ดแวร์"), "law", "hw");
        AssertOptions(AnswerParser.Parse(question, "1/3"), "training", "hw");
        AssertOptions(AnswerParser.Parse(question, "1+2"), "training", "law");
    }

    [Theory]
    [InlineData("1, 4")]
    [InlineData("4 และ 2")]
    [InlineData("อบรมภายใน, ไม่มีการพัฒนาทักษะ")]
    public void MultiRejectsAnExclusiveOptionCombinedWithOthers(string text)
    {
        var parse = AnswerParser.Parse(TestQuestions.Multi(), text);
        AssertError(parse, AnswerErrorKeys.MultiExclusive);
        Assert.Contains("none", parse.OptionIds);
        Assert.Equal(2, parse.OptionIds.Count);
    }

    [Theory]
    [InlineData("9")]
    [InlineData("1, xyz")]
    [InlineData("0")]
    [InlineData("3-9")]
    [InlineData("")]
    [InlineData("ไม่ทราบ")]
    public void MultiRejectsUnknownOptions(string text) =>
        AssertError(AnswerParser.Parse(TestQuestions.Multi(), text), AnswerErrorKeys.MultiExpected);

    [Fact]
    public void MultiRejectsProseQuickly()
    {
        // 21 × "อบรม และ ระบบ": many split points, the last word never an option (backtracking must stay bounded).
        var prose = string.Join(' ', Enumerable.Repeat("อบรม และ ระบบ", 21));
        Assert.True(prose.Length < 300);
        var watch = System.Diagnostics.Stopwatch.StartNew();
        AssertError(AnswerParser.Parse(TestQuestions.Multi(), prose), AnswerErrorKeys.MultiExpected);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Fact]
    public void MultiDontKnowIsUnknownWhenAllowed() =>
        Assert.Same(AnswerValue.Unknown, AnswerParser.Parse(TestQuestions.Multi(allowDontKnow: true), "ไม่แน่ใจค่ะ").Value);

    [Theory]
    [InlineData("เพิ่ม 3", new[] { "train" }, new[] { "train", "online" })]
    [InlineData("+2", new[] { "train" }, new[] { "train", "external" })]
    [InlineData("เอาออก 1", new[] { "train", "online" }, new[] { "online" })]
    [InlineData("-3", new[] { "train", "online" }, new[] { "train" })]
    [InlineData("เสร็จ", new[] { "online", "train" }, new[] { "train", "online" })]
    [InlineData("ตกลงค่ะ", new[] { "train" }, new[] { "train" })]
    [InlineData("2", new[] { "train" }, new[] { "external" })]
    public void MultiWorksWithTheCurrentSelection(string text, string[] current, string[] expected) =>
        AssertOptions(AnswerParser.Parse(TestQuestions.Multi(), text, current), expected);

    [Fact]
    public void MultiDoneWithoutASelectionIsRejected() =>
        AssertError(AnswerParser.Parse(TestQuestions.Multi(), "เสร็จ", []), AnswerErrorKeys.MultiExpected);

    [Fact]
    public void MultiAddingToAnExclusiveSelectionConflicts() =>
        AssertError(AnswerParser.Parse(TestQuestions.Multi(), "+1", ["none"]), AnswerErrorKeys.MultiExclusive);

    [Fact]
    public void MultiRemovingEverythingIsRejected() =>
        AssertError(AnswerParser.Parse(TestQuestions.Multi(), "เอาออก 1", ["train"]), AnswerErrorKeys.MultiExpected);

    [Fact]
    public void ParsedValuesRoundTripThroughStorage()
    {
        var multi = AnswerParser.Parse(TestQuestions.Multi(), "3, 1").Value!;
        Assert.Equal("o:train,online", multi.Serialize());
        var percent = AnswerParser.Parse(TestQuestions.Percent(), "๓๓.๕%").Value!;
        Assert.Equal(33.5, AnswerValue.Deserialize(percent.Serialize()).Number);
    }
}
