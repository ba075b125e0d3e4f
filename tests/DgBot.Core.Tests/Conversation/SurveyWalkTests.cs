using DgBot.Core.Answers;
using DgBot.Core.Conversation;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Tests.Conversation;

public sealed class SurveyWalkTests
{
    [Fact]
    public async Task FirstQuestionShowsDimensionIntroNumberProgressAndChoices()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");

        var turn = await p.PressAsync("ทำแบบสำรวจ");

        var text = turn.Text();
        Assert.Contains("📂 ด้านที่ 1: นโยบายและแนวปฏิบัติในการพัฒนารัฐบาลดิจิทัล", text, StringComparison.Ordinal);
        Assert.StartsWith("ข้อ 1/80  ▱▱▱▱▱▱▱▱▱▱ 0%", turn.Prompt().Text, StringComparison.Ordinal);
        Assert.Equal(["มี และประกาศใช้แล้ว", "อยู่ระหว่างจัดทำ", "ไม่มี", "ไม่ทราบ", "คำอธิบาย", "ย้อนกลับ", "ข้าม"], turn.Prompt().Choices.Select(c => c.Label));
        Assert.All(turn.Prompt().Choices, c => Assert.True(System.Text.Encoding.UTF8.GetByteCount(c.Payload) <= 64));
    }

    [Fact]
    public async Task CompleteSurveyByButtonsThenSubmitShowsScoresAndImproveFirst()
    {
        await using var h = await EngineHarness.CreateAsync();
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var p = await h.StaffAsync(agency, "u1");
        await p.PressAsync("ทำแบบสำรวจ");

        var answered = await SurveyWalker.AnswerAllAsync(p, h.Catalog.Current);

        Assert.Contains("ตอบครบทุกข้อแล้ว", p.Last!.Text(), StringComparison.Ordinal);

        // Complete but not submitted: the score card carries no stage estimate.
        var before = Assert.Single((await p.SendAsync("ดูคะแนน")).Replies.OfType<ScoreCardReply>());
        Assert.Null(before.Report.Stage);
        Assert.NotNull(before.Report.Overall);
        await p.SendAsync("ส่งแบบสำรวจ");
        Assert.Contains("ยืนยันการส่งแบบสำรวจของ สำนักงานจังหวัดลำปาง", p.Last!.Text(), StringComparison.Ordinal);
        var submitted = await p.PressAsync("ยืนยัน");

        Assert.Contains("ส่งแบบสำรวจเรียบร้อย", submitted.Text(), StringComparison.Ordinal);
        var card = Assert.Single(submitted.Replies.OfType<ScoreCardReply>());
        Assert.False(card.Report.Provisional);
        Assert.Equal(0, card.Report.OpenQuestions);
        Assert.NotNull(card.Report.Stage); // submitted in this very turn: DgBot's stage estimate is shown
        Assert.Single(submitted.Replies.OfType<ImproveListReply>());
        var after = Assert.Single((await p.SendAsync("ดูคะแนน")).Replies.OfType<ScoreCardReply>());
        Assert.Equal(card.Report.Stage, after.Report.Stage);
        await using var db = h.NewDb();
        var response = await db.Responses.Include(r => r.Answers).SingleAsync();
        Assert.NotNull(response.SubmittedUtc);
        Assert.Equal(answered, response.Answers.Count);
        Assert.Equal(answered, await db.AnswerAudits.CountAsync());
    }

    [Fact]
    public async Task A25692RoundIsWalkedToTheEndWithItsGateFirstAndSubmittedWithAStageEstimate()
    {
        await using var h = await EngineHarness.CreateAsync(catalog: SurveyCatalog.BuiltIn());
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var p = await h.StaffAsync(agency, "u1");
        var first = await p.PressAsync("ทำแบบสำรวจ");

        Assert.StartsWith("ข้อ 1/94", first.Prompt().Text, StringComparison.Ordinal);
        Assert.Contains(h.Catalog.Current.Find("DGP-6")!.Text, first.Prompt().Text, StringComparison.Ordinal);
        var answered = await SurveyWalker.AnswerAllAsync(p, h.Catalog.Current);
        await p.PressAsync("ส่งแบบสำรวจ");
        var submitted = await p.PressAsync("ยืนยัน");

        var card = Assert.Single(submitted.Replies.OfType<ScoreCardReply>());
        Assert.False(card.Report.Provisional);
        Assert.NotNull(card.Report.Stage);
        await using var db = h.NewDb();
        Assert.Equal("2569.2", (await db.Rounds.SingleAsync()).QuestionnaireVersion);
        Assert.Equal(answered, await db.Answers.CountAsync());
    }

    [Fact]
    public async Task CompleteSurveyByTypedAnswers()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("ทำแบบสำรวจ");

        var answered = await SurveyWalker.AnswerAllAsync(p, h.Catalog.Current, byTyping: true);

        Assert.True(answered >= 70, $"answered {answered}");
        await p.SendAsync("ส่งแบบสำรวจ");
        var done = await p.SendAsync("ยืนยัน");
        Assert.Contains("ส่งแบบสำรวจเรียบร้อย", done.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InvalidInputChangesNothingAndRepeatsTheQuestionWithWhatIsAccepted()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("ทำแบบสำรวจ");
        string stateBefore;
        await using (var db = h.NewDb())
        {
            stateBefore = (await db.ChatUsers.SingleAsync()).State.ToJson();
        }

        var turn = await p.SendAsync("บางทีนะ");

        Assert.Contains("กรุณาเลือกจากปุ่ม หรือพิมพ์หมายเลข 1–3", turn.Text(), StringComparison.Ordinal);
        Assert.StartsWith("ข้อ 1/80", turn.Prompt().Text, StringComparison.Ordinal);
        await using (var db = h.NewDb())
        {
            Assert.Equal(stateBefore, (await db.ChatUsers.SingleAsync()).State.ToJson());
            Assert.Empty(await db.Answers.ToListAsync());
        }

        // The buttons of the repeated question are the same prompt: they still work.
        var pressed = await p.PressAsync("ไม่มี");
        Assert.Equal(ButtonOutcome.Accepted, pressed.Button);
    }

    [Fact]
    public async Task EachAnswerTypeAcceptsThaiInput()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("ทำแบบสำรวจ");

        await p.SendAsync("๒");                                    // DGP-1 single by Thai digit → drafting
        await p.SendAsync("บางงานบริการค่ะ");                        // DGP-2 by option text with a polite ending
        await p.SendAsync("1,3");                                   // DGP-3 multi typed: sets the ticks…
        await p.SendAsync("ยืนยัน");                                 // …confirmed as pressed ones are
        await p.SendAsync("แก้ข้อ 5");
        await p.SendAsync("ไม่ใช่\u200B");                          // DGP-5 yes/no: negation first, zero-width ignored
        await p.SendAsync("แก้ข้อ 23");
        await p.SendAsync("๗๕ %");                                  // EAB-2 percent with Thai digits
        await p.SendAsync("แก้ข้อ 25");
        await p.SendAsync("12");                                     // PPC-1 number
        await p.SendAsync("แก้ข้อ 66");
        await p.SendAsync("ไม่ทราบ");                                // RIN-1 don't know
        await p.SendAsync("แก้ข้อ 80");
        await p.SendAsync("อยากได้คู่มือเพิ่มเติม");                  // SMT-2 free text

        await using var db = h.NewDb();
        var answers = await db.Answers.ToDictionaryAsync(a => a.QuestionId, a => AnswerValue.Deserialize(a.Value));
        Assert.Equal(["drafting"], answers["DGP-1"].OptionIds);
        Assert.Equal(["some"], answers["DGP-2"].OptionIds);
        Assert.Equal(["qa", "satis"], answers["DGP-3"].OptionIds.Order());
        Assert.Equal(["no"], answers["DGP-5"].OptionIds);
        Assert.Equal(75, answers["EAB-2"].Number);
        Assert.Equal(12, answers["PPC-1"].Number);
        Assert.True(answers["RIN-1"].DontKnow);
        Assert.Equal("อยากได้คู่มือเพิ่มเติม", answers["SMT-2"].Text);
    }

    [Fact]
    public async Task OutOfRangePercentIsRefusedWithTheRange()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("แก้ข้อ 23");

        var turn = await p.SendAsync("150%");

        Assert.Contains("ร้อยละระหว่าง 0 ถึง 100", turn.Text(), StringComparison.Ordinal);
        await using var db = h.NewDb();
        Assert.Empty(await db.Answers.ToListAsync());
    }

    [Fact]
    public async Task MultipleChoiceTicksEditThePromptAndConfirmStoresTheSet()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("แก้ข้อ 3");

        var tick1 = await p.PressAsync("ถาม-ตอบ พร้อมตอบกลับ");
        var tick2 = await p.PressAsync("สำรวจความพึงพอใจ");
        var untick = await p.PressAsync("ถาม-ตอบ พร้อมตอบกลับ");
        var none = await p.PressAsync("ยังไม่มีช่องทางใด");
        var other = await p.PressAsync("แสดงความคิดเห็น");

        Assert.Equal(ButtonOutcome.Toggled, tick1.Button);
        Assert.True(tick1.Prompt().ReplacesPrevious);
        Assert.Equal(["ถาม-ตอบ พร้อมตอบกลับ", "สำรวจความพึงพอใจ"], tick2.Prompt().Choices.Where(c => c.Selected).Select(c => c.Label));
        Assert.Equal(["สำรวจความพึงพอใจ"], untick.Prompt().Choices.Where(c => c.Selected).Select(c => c.Label));
        Assert.Equal(["ยังไม่มีช่องทางใด"], none.Prompt().Choices.Where(c => c.Selected).Select(c => c.Label));
        Assert.Equal(["แสดงความคิดเห็น"], other.Prompt().Choices.Where(c => c.Selected).Select(c => c.Label));
        await using (var db = h.NewDb())
        {
            Assert.Empty(await db.Answers.ToListAsync());
        }

        var confirmed = await p.PressAsync("ยืนยันคำตอบ");

        Assert.Equal(ButtonOutcome.Accepted, confirmed.Button);
        Assert.Equal("แสดงความคิดเห็น", confirmed.ChosenLabel);
        await using (var db = h.NewDb())
        {
            Assert.Equal("o:comment", (await db.Answers.SingleAsync()).Value);
        }
    }

    [Fact]
    public async Task BackSkipJumpAndPauseNavigate()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("ทำแบบสำรวจ");
        await p.PressAsync("ไม่มี");                                  // Q1

        var back = await p.SendAsync("ย้อนกลับ");
        Assert.StartsWith("ข้อ 1/80", back.Prompt().Text, StringComparison.Ordinal);
        Assert.Contains("คำตอบปัจจุบัน: ไม่มี", back.Prompt().Text, StringComparison.Ordinal);

        var kept = await p.PressAsync("คงคำตอบเดิม");
        Assert.StartsWith("ข้อ 2/80", kept.Prompt().Text, StringComparison.Ordinal);

        var skipped = await p.SendAsync("ข้าม");
        Assert.Contains("ข้ามข้อ 2 ไว้ก่อน", skipped.Text(), StringComparison.Ordinal);
        Assert.StartsWith("ข้อ 3/80", skipped.Prompt().Text, StringComparison.Ordinal);

        var jumped = await p.SendAsync("แก้ข้อ ๑๐");
        Assert.StartsWith("ข้อ 10/80", jumped.Prompt().Text, StringComparison.Ordinal);

        var outOfRange = await p.SendAsync("แก้ข้อ 99");
        Assert.Contains("ไม่มีข้อ 99", outOfRange.Text(), StringComparison.Ordinal);

        var paused = await p.SendAsync("หยุดพัก");
        Assert.Contains("หยุดพักแล้ว", paused.Text(), StringComparison.Ordinal);

        // Coming back resumes where the person stopped (question 10); 2 was skipped and comes back at the end, as
        // the skip promised.
        var resumed = await p.SendAsync("ทำต่อ");
        Assert.StartsWith("ข้อ 10/80", resumed.Prompt().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SkippedQuestionsComeBackBeforeSubmitting()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("ทำแบบสำรวจ");
        await p.SendAsync("ข้าม");                                   // skip Q1

        await SurveyWalker.AnswerAllAsync(p, h.Catalog.Current);

        await using var db = h.NewDb();
        Assert.Contains(await db.Answers.Select(a => a.QuestionId).ToListAsync(), id => id == "DGP-1");
        Assert.Contains("ตอบครบทุกข้อแล้ว", p.Last!.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ConditionalQuestionsAreAskedOnlyWhenTheyApply()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("แก้ข้อ 12");                               // CRI-1: on the critical infrastructure list?

        var no = await p.PressAsync("ไม่ใช่");

        Assert.StartsWith("ข้อ 15/80", no.Prompt().Text, StringComparison.Ordinal);
        var notAsked = await p.SendAsync("แก้ข้อ 13");
        Assert.Contains("ข้อ 13 ไม่ต้องตอบ เพราะคำตอบของข้อ 12", notAsked.Text(), StringComparison.Ordinal);

        await p.SendAsync("แก้ข้อ 12");
        var yes = await p.PressAsync("ใช่");
        Assert.StartsWith("ข้อ 13/80", yes.Prompt().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task StaleButtonGetsANoticeAndChangesNothing()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("ทำแบบสำรวจ");
        var oldPayload = p.LastPrompt!.Choices[0].Payload;
        await p.PressAsync("ไม่มี");

        var stale = await p.PressPayloadAsync(oldPayload);

        Assert.Equal(ButtonOutcome.Stale, stale.Button);
        Assert.Contains("ข้อความก่อนหน้า", stale.Notice, StringComparison.Ordinal);
        await using var db = h.NewDb();
        Assert.Equal("o:none", (await db.Answers.SingleAsync()).Value);
        Assert.Equal("DGP-2", (await db.ChatUsers.SingleAsync()).State.QuestionId);
    }

    [Fact]
    public async Task MalformedPayloadIsTreatedAsStale()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");

        foreach (var junk in new[] { "", "q:x:o:a", "m:explode", "a:-1:s", new string('q', 500) })
        {
            var turn = await p.PressPayloadAsync(junk);
            Assert.Equal(ButtonOutcome.Stale, turn.Button);
        }
    }

    [Fact]
    public async Task ProgressAndDeadlineAreShownInThai()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("ทำแบบสำรวจ");
        await p.PressAsync("ไม่มี");
        await p.PressAsync("บางงานบริการ");

        var progress = await p.SendAsync("ความคืบหน้า");
        var deadline = await p.SendAsync("กำหนดส่ง");

        Assert.Contains("ตอบแล้ว 2/", progress.Text(), StringComparison.Ordinal);
        Assert.Contains("สถานะ: ยังไม่ส่ง", progress.Text(), StringComparison.Ordinal);
        // The default round is due at the end of the Buddhist-era year; now is 23 Nov 2026 10:00 in Bangkok.
        Assert.Contains("กำหนดส่งแบบสำรวจรอบ 2569: วันที่ 31 ธ.ค. 2569", deadline.Text(), StringComparison.Ordinal);
        Assert.Contains("เหลือเวลาอีก 38 วัน", deadline.Text(), StringComparison.Ordinal);
    }
}

public sealed class FreeTextAndJumpByIdTests
{
    [Fact]
    public async Task AFreeTextAnswerMentioningScoresIsStoredNotTakenAsACommand()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("แก้ข้อ SMT-2");
        Assert.Equal(IntentKind.Score, IntentRecognizer.Recognize("อยากรู้ว่าได้กี่คะแนน").Kind); // the premise: elsewhere it asks for scores

        var turn = await p.SendAsync("อยากรู้ว่าได้กี่คะแนน");

        Assert.Empty(turn.Replies.OfType<ScoreCardReply>());
        await using var db = h.NewDb();
        Assert.Equal("t:อยากรู้ว่าได้กี่คะแนน", (await db.Answers.SingleAsync()).Value);
    }
}
