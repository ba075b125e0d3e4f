using DgBot.Core.Conversation;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Tests.Conversation;

/// <summary>
/// Presses delivered twice (a platform re-sends an event when the process died before it was acknowledged) and presses
/// on a message that is no longer the current one: what the prompt showed is what is stored, and a press that is not
/// applied says so and shows the current question again.
/// </summary>
public sealed class PressRedeliveryTests
{
    [Fact]
    public async Task ATickDeliveredTwiceUnderTwoEventIdsStaysTicked()
    {
        // The same press seen as two events (the first committed, the platform's retry not recognised as a duplicate):
        // with a toggle the second would untick the item again.
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("แก้ข้อ 3");
        var tick = p.LastPrompt!.Choices.First(c => c.Label == "ถาม-ตอบ พร้อมตอบกลับ").Payload;

        await p.PressPayloadAsync(tick);
        var again = await p.PressPayloadAsync(tick);

        Assert.Equal(["ถาม-ตอบ พร้อมตอบกลับ"], again.Prompt().Choices.Where(c => c.Selected).Select(c => c.Label));
        await using var db = h.NewDb();
        Assert.Equal(["qa"], (await db.ChatUsers.SingleAsync()).State.PendingSelection);
    }

    [Fact]
    public async Task AConfirmStoresTheTicksOfThePressedMessageNotLaterOnes()
    {
        // Tick A, tick B (its reply lost in a crash, so the screen still shows only A), confirm on the message showing A.
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("แก้ข้อ 3");
        var afterA = await p.PressAsync("ถาม-ตอบ พร้อมตอบกลับ");
        var shownWithA = afterA.Prompt();
        await p.PressPayloadAsync(shownWithA.Choices.First(c => c.Label == "สำรวจความพึงพอใจ").Payload);

        await p.PressPayloadAsync(shownWithA.Choices.First(c => c.Label == "ยืนยันคำตอบ").Payload);

        await using var db = h.NewDb();
        Assert.Equal("o:qa", (await db.Answers.SingleAsync()).Value);
    }

    [Fact]
    public async Task AConfirmShowingTwoTicksStoresBoth()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("แก้ข้อ 3");
        await p.PressAsync("ถาม-ตอบ พร้อมตอบกลับ");
        var both = await p.PressAsync("สำรวจความพึงพอใจ");
        var confirm = both.Prompt().Choices.First(c => c.Label == "ยืนยันคำตอบ").Payload;

        var first = await p.PressPayloadAsync(confirm, eventId: "confirm-1");
        var replayed = await p.PressPayloadAsync(confirm, eventId: "confirm-1");

        Assert.Equal(ButtonOutcome.Accepted, first.Button);
        await using var db = h.NewDb();
        var stored = (await db.Answers.SingleAsync()).Value;
        Assert.Contains("qa", stored, StringComparison.Ordinal);
        Assert.Contains("satis", stored, StringComparison.Ordinal);
        Assert.Single(await db.AnswerAudits.ToListAsync());
        Assert.Equal(first.Prompt().Text, replayed.Prompt().Text);
    }

    [Fact]
    public async Task AForgedMaskIsNotAppliedAndTheQuestionIsShownAgain()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("แก้ข้อ 3");
        var seq = Payload.Parse(p.LastPrompt!.Choices[0].Payload).Seq;

        foreach (var mask in new[] { "zz", "ffffff", "-1" })
        {
            var turn = await p.PressPayloadAsync(Payload.Question(seq, QuestionOps.Confirm, mask));
            Assert.Equal(ButtonOutcome.Stale, turn.Button);
            Assert.Contains("ข้อ 3/", turn.Prompt().Text, StringComparison.Ordinal);
        }

        await using var db = h.NewDb();
        Assert.Empty(await db.Answers.ToListAsync());
    }

    [Fact]
    public async Task APressOnAQuestionAlreadyAnsweredSaysSoAndShowsTheCurrentQuestion()
    {
        // Q1 answered "ไม่มี" (committed; the reply lost in a crash), then the person presses another option on the Q1
        // message still on screen: it is not taken, and they see so, with the question the walk is at.
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("ทำแบบสำรวจ");
        var q1 = p.LastPrompt!;
        await p.PressAsync("ไม่มี");

        var other = await p.PressPayloadAsync(q1.Choices.First(c => c.Label != "ไม่มี").Payload);

        Assert.Equal(ButtonOutcome.Stale, other.Button);
        Assert.Contains("ข้อความก่อนหน้า", other.Notice, StringComparison.Ordinal);
        Assert.Contains("ข้อ 2/", other.Prompt().Text, StringComparison.Ordinal);
        Assert.False(other.Prompt().ReplacesPrevious);
        await using var db = h.NewDb();
        Assert.Equal("o:none", (await db.Answers.SingleAsync()).Value);
        Assert.Single(await db.AnswerAudits.ToListAsync());
    }

    [Fact]
    public async Task ReopeningAMultipleChoiceQuestionStartsFromItsStoredTicks()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("แก้ข้อ 3");
        await p.PressAsync("ถาม-ตอบ พร้อมตอบกลับ");
        await p.PressAsync("แสดงความคิดเห็น");
        await p.PressAsync("ยืนยันคำตอบ");

        var reopened = await p.SendAsync("แก้ข้อ 3");
        Assert.Equal(["ถาม-ตอบ พร้อมตอบกลับ", "แสดงความคิดเห็น"], reopened.Prompt().Choices.Where(c => c.Selected).Select(c => c.Label));
        var added = await p.PressAsync("สำรวจความพึงพอใจ");
        Assert.Equal(3, added.Prompt().Choices.Count(c => c.Selected));
        await p.PressAsync("ยืนยันคำตอบ");

        await using var db = h.NewDb();
        var stored = (await db.Answers.SingleAsync()).Value;
        Assert.Contains("qa", stored, StringComparison.Ordinal);
        Assert.Contains("comment", stored, StringComparison.Ordinal);
        Assert.Contains("satis", stored, StringComparison.Ordinal);
    }
}
