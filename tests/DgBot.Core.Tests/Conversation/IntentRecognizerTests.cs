using DgBot.Core.Conversation;

namespace DgBot.Core.Tests.Conversation;

public class IntentRecognizerTests
{
    [Theory]
    [InlineData("/menu", IntentKind.Menu)]
    [InlineData("/survey", IntentKind.StartSurvey)]
    [InlineData("/progress", IntentKind.Progress)]
    [InlineData("/score", IntentKind.Score)]
    [InlineData("/top5", IntentKind.ImproveFirst)]
    [InlineData("/deadline", IntentKind.Deadline)]
    [InlineData("/help", IntentKind.Help)]
    [InlineData("/back", IntentKind.Back)]
    [InlineData("/skip", IntentKind.Skip)]
    [InlineData("/pause", IntentKind.Pause)]
    [InlineData("/review", IntentKind.Review)]
    [InlineData("/submit", IntentKind.Submit)]
    [InlineData("/forget", IntentKind.Forget)]
    [InlineData("/start", IntentKind.Start)]
    [InlineData("/HELP", IntentKind.Help)]
    [InlineData("/help@DgBot_bot", IntentKind.Help)]
    [InlineData("  /score  ", IntentKind.Score)]
    [InlineData("\u200B/menu", IntentKind.Menu)]
    public void RecognisesSlashCommands(string text, IntentKind expected)
    {
        var intent = IntentRecognizer.Recognize(text);
        Assert.Equal(expected, intent.Kind);
        Assert.False(intent.ByKeyword);
    }

    [Fact]
    public void EveryCommandKindHasASlashCommand()
    {
        var names = new Dictionary<IntentKind, string>
        {
            [IntentKind.Menu] = "menu", [IntentKind.StartSurvey] = "survey", [IntentKind.Progress] = "progress",
            [IntentKind.Score] = "score", [IntentKind.ImproveFirst] = "top5", [IntentKind.Deadline] = "deadline",
            [IntentKind.Help] = "help", [IntentKind.Back] = "back", [IntentKind.Skip] = "skip", [IntentKind.Jump] = "jump 3",
            [IntentKind.Pause] = "pause", [IntentKind.Review] = "review", [IntentKind.Submit] = "submit",
            [IntentKind.Forget] = "forget", [IntentKind.Confirm] = "confirm", [IntentKind.Cancel] = "cancel",
            [IntentKind.Start] = "start", [IntentKind.Report] = "report",
        };
        foreach (var kind in Enum.GetValues<IntentKind>().Where(k => k != IntentKind.None))
        {
            Assert.True(names.ContainsKey(kind), $"no slash command listed for {kind}");
            Assert.Equal(kind, IntentRecognizer.Recognize("/" + names[kind]).Kind);
        }
    }

    [Theory]
    [InlineData("/start ABC123", "ABC123")]
    [InlineData("/start@DgBot xYz-9", "xYz-9")]
    [InlineData("/start   org_42  ", "org_42")]
    public void StartKeepsTheCodeAsTyped(string text, string code)
    {
        var intent = IntentRecognizer.Recognize(text);
        Assert.Equal(IntentKind.Start, intent.Kind);
        Assert.Equal(code, intent.Argument);
    }

    [Fact]
    public void StartWithoutCodeHasNoArgument() =>
        Assert.Null(IntentRecognizer.Recognize("/start").Argument);

    [Theory]
    [InlineData("/unknown")]
    [InlineData("/")]
    [InlineData("/ help")]
    [InlineData("/jump")]
    [InlineData("/jump abc")]
    public void UnknownOrMalformedSlashCommandsAreNone(string text) =>
        Assert.Equal(IntentKind.None, IntentRecognizer.Recognize(text).Kind);

    [Theory]
    [InlineData("ทำแบบสำรวจ", IntentKind.StartSurvey)]
    [InlineData("ทำต่อ", IntentKind.StartSurvey)]
    [InlineData("ความคืบหน้า", IntentKind.Progress)]
    [InlineData("ดูคะแนน", IntentKind.Score)]
    [InlineData("ควรปรับปรุงอะไรก่อน", IntentKind.ImproveFirst)]
    [InlineData("กำหนดส่ง", IntentKind.Deadline)]
    [InlineData("ช่วยเหลือ", IntentKind.Help)]
    [InlineData("เมนู", IntentKind.Menu)]
    [InlineData("📝 ทำแบบสำรวจ", IntentKind.StartSurvey)]
    [InlineData("📊 ดูคะแนน", IntentKind.Score)]
    [InlineData("ทำแบบ สำรวจ", IntentKind.StartSurvey)]
    [InlineData("ท\u0E4D\u0E32แบบส\u0E4D\u0E32รวจ", IntentKind.StartSurvey)]
    [InlineData("เมนูค่ะ", IntentKind.Menu)]
    [InlineData("MENU", IntentKind.Menu)]
    public void RecognisesMenuLabels(string text, IntentKind expected)
    {
        var intent = IntentRecognizer.Recognize(text);
        Assert.Equal(expected, intent.Kind);
        Assert.False(intent.ByKeyword);
    }

    [Theory]
    [InlineData("ย้อนกลับ", IntentKind.Back)]
    [InlineData("กลับ", IntentKind.Back)]
    [InlineData("ข้าม", IntentKind.Skip)]
    [InlineData("ข้ามไปก่อนค่ะ", IntentKind.Skip)]
    [InlineData("ข้ามข้อนี้", IntentKind.Skip)]
    [InlineData("หยุดพัก", IntentKind.Pause)]
    [InlineData("พักก่อนนะครับ", IntentKind.Pause)]
    [InlineData("ตรวจทาน", IntentKind.Review)]
    [InlineData("ส่งแบบสำรวจ", IntentKind.Submit)]
    [InlineData("ยืนยัน", IntentKind.Confirm)]
    [InlineData("ยืนยันค่ะ", IntentKind.Confirm)]
    [InlineData("ยกเลิก", IntentKind.Cancel)]
    [InlineData("ไม่ยืนยัน", IntentKind.Cancel)]
    [InlineData("skip", IntentKind.Skip)]
    [InlineData("Back", IntentKind.Back)]
    public void RecognisesNavigationWords(string text, IntentKind expected) =>
        Assert.Equal(expected, IntentRecognizer.Recognize(text).Kind);

    [Theory]
    [InlineData("แก้ข้อ 12", 12)]
    [InlineData("แก้ข้อ ๑๒", 12)]
    [InlineData("แก้ข้อ๑๒", 12)]
    [InlineData("ข้อ 12", 12)]
    [InlineData("ข้อที่ 3", 3)]
    [InlineData("แก้ไขข้อที่ 7 ค่ะ", 7)]
    [InlineData("ไปข้อ 5 ครับ", 5)]
    [InlineData("กลับไปข้อ 2", 2)]
    [InlineData("เเก้ข้อ 4", 4)]
    [InlineData("/jump 9", 9)]
    public void RecognisesJumpWithTheQuestionNumber(string text, int number)
    {
        var intent = IntentRecognizer.Recognize(text);
        Assert.Equal(IntentKind.Jump, intent.Kind);
        Assert.Equal(number, intent.Number);
    }

    [Fact]
    public void RecognisesJumpByQuestionId()
    {
        var intent = IntentRecognizer.Recognize("แก้ข้อ lcp-1");
        Assert.Equal(IntentKind.Jump, intent.Kind);
        Assert.Null(intent.Number);
        Assert.Equal("LCP-1", intent.Argument);
    }

    [Theory]
    [InlineData("ข้อ 0")]
    [InlineData("ข้อ")]
    [InlineData("แก้ข้อ")]
    [InlineData("ข้อ 12 และ 13")]
    [InlineData("ข้อมูล")]
    public void IncompleteJumpsAreNone(string text) =>
        Assert.Equal(IntentKind.None, IntentRecognizer.Recognize(text).Kind);

    [Theory]
    [InlineData("ลบข้อมูลของฉัน")]
    [InlineData("ลบข้อมูลของฉันค่ะ")]
    [InlineData("ลบ ข้อมูล ของฉัน")]
    public void RecognisesForget(string text) =>
        Assert.Equal(IntentKind.Forget, IntentRecognizer.Recognize(text).Kind);

    [Fact]
    public void RecognisesForgetInsideARequestAsKeyword()
    {
        var intent = IntentRecognizer.Recognize("รบกวนขอลบข้อมูลของฉันด้วยค่ะ");
        Assert.Equal(IntentKind.Forget, intent.Kind);
        Assert.True(intent.ByKeyword);
    }

    [Theory]
    [InlineData("ไม่ต้องลบข้อมูลของฉัน")]
    [InlineData("อย่าลบข้อมูลของเรา")]
    public void NegatedForgetIsNone(string text) =>
        Assert.Equal(IntentKind.None, IntentRecognizer.Recognize(text).Kind);

    [Theory]
    [InlineData("แก้อะไรก่อนดี")]
    [InlineData("ควรพัฒนาด้านไหน")]
    [InlineData("จุดอ่อนของเรา")]
    [InlineData("ควรปรับปรุงอะไร")]
    [InlineData("ต้องปรับปรุงอะไรบ้าง")]
    [InlineData("ด้านไหนอ่อน")]
    [InlineData("top 5")]
    [InlineData("TOP5")]
    [InlineData("ควรปรับปรุงอะไรก่อนคะ")]
    [InlineData("หน่วยงานเราควรพัฒนาด้านไหนก่อนครับ")]
    public void RecognisesImproveFirstVariants(string text) =>
        Assert.Equal(IntentKind.ImproveFirst, IntentRecognizer.Recognize(text).Kind);

    [Theory]
    [InlineData("คะแนนเป็นอย่างไร")]
    [InlineData("ผลคะแนน")]
    [InlineData("ได้กี่คะแนน")]
    [InlineData("ได้กี่คะแนนครับ")]
    [InlineData("ขอดูคะแนนหน่อยค่ะ")]
    [InlineData("score")]
    public void RecognisesScoreVariants(string text) =>
        Assert.Equal(IntentKind.Score, IntentRecognizer.Recognize(text).Kind);

    [Theory]
    [InlineData("ส่งเมื่อไร")]
    [InlineData("หมดเขตวันไหน")]
    [InlineData("กำหนดส่งวันไหนคะ")]
    [InlineData("ต้องส่งเมื่อไหร่ครับ")]
    public void RecognisesDeadlineVariants(string text) =>
        Assert.Equal(IntentKind.Deadline, IntentRecognizer.Recognize(text).Kind);

    [Theory]
    [InlineData("ช่วยด้วย")]
    [InlineData("ใช้งานอย่างไร")]
    [InlineData("help")]
    [InlineData("HELP")]
    [InlineData("?")]
    [InlineData("ไม่เข้าใจ ใช้งานอย่างไรคะ")]
    public void RecognisesHelpVariants(string text) =>
        Assert.Equal(IntentKind.Help, IntentRecognizer.Recognize(text).Kind);

    [Theory]
    [InlineData("ความคืบหน้า")]
    [InlineData("ทำไปกี่ข้อแล้ว")]
    [InlineData("เหลือกี่ข้อคะ")]
    public void RecognisesProgressVariants(string text) =>
        Assert.Equal(IntentKind.Progress, IntentRecognizer.Recognize(text).Kind);

    [Theory]
    [InlineData("มี")]
    [InlineData("1")]
    [InlineData("๑")]
    [InlineData("12")]
    [InlineData("ใช่")]
    [InlineData("ใช่ครับ")]
    [InlineData("ไม่")]
    [InlineData("ไม่มี")]
    [InlineData("ไม่ใช่")]
    [InlineData("ไม่ทราบ")]
    [InlineData("50%")]
    [InlineData("1, 3")]
    [InlineData("อบรมภายใน")]
    [InlineData("มีแผนแต่ยังไม่ได้ดำเนินการ")]
    [InlineData("ไม่ข้าม")]
    [InlineData("ไม่ยกเลิก")]
    [InlineData("ไม่ต้องส่ง")]
    [InlineData("กำลังทำ")]
    [InlineData("ครับ")]
    [InlineData("ค่ะ 🙏")]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\u200B")]
    public void OrdinaryAnswersAreNone(string text) =>
        Assert.Equal(IntentKind.None, IntentRecognizer.Recognize(text).Kind);

    [Fact]
    public void KeywordsInsideLongAnswersAreNone()
    {
        var longAnswer = "หน่วยงานของเรามีระบบติดตามผลคะแนนตัวชี้วัดรายไตรมาสซึ่งรายงานต่อผู้บริหารทุกเดือน";
        Assert.Equal(IntentKind.None, IntentRecognizer.Recognize(longAnswer).Kind);
    }
}
