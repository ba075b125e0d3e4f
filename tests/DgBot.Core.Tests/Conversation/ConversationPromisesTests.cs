using DgBot.Core.Answers;
using DgBot.Core.Conversation;
using DgBot.Core.Conversation.Prompts;
using DgBot.Core.Questionnaires;
using Humanizer;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Tests.Conversation;

/// <summary>The conversation keeps its promises: resume where the person stopped, the question on screen is the one answered next.</summary>
public sealed class ConversationPromisesTests
{
    [Fact]
    public async Task ResumeAfterAPauseGoesWhereThePersonStoppedNotToASkippedQuestion()
    {
        var path = Path.Combine(Path.GetTempPath(), "dgbot-resume-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            await using (var h = await EngineHarness.CreateAsync(path))
            {
                var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
                await p.SendAsync("ทำแบบสำรวจ");
                var skipped = await p.PressAsync("ข้าม");
                Assert.Contains("ข้ามข้อ 1", skipped.Text(), StringComparison.Ordinal);
                await p.PressAsync("ยังไม่ได้จัดทำ");
                await p.SendAsync("หยุดพัก");
            }

            // A restart (a new process on the same file), then ทำต่อ: question 3, where the person stopped.
            await using (var h = await EngineHarness.CreateAsync(path))
            {
                var resumed = await h.Person("u1").SendAsync("ทำต่อ");
                Assert.Contains("ข้อ 3/", resumed.Prompt().Text, StringComparison.Ordinal);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            File.Delete(path);
        }
    }

    [Theory]
    [InlineData("ความคืบหน้า")]
    [InlineData("แก้ข้อ 13")]
    [InlineData("แก้ข้อ 500")]
    public async Task ARepliesThatIsNotANewQuestionEndsWithTheQuestionOnScreen(string input)
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("แก้ข้อ 12");
        await p.PressAsync("ไม่ใช่");
        var current = p.LastPrompt!;

        var reply = await p.SendAsync(input);

        Assert.IsType<PromptReply>(reply.Replies[^1]);
        Assert.Equal(current.Text, reply.Prompt().Text);
        Assert.Equal(current.Choices.Select(c => c.Payload), reply.Prompt().Choices.Select(c => c.Payload));
    }

    [Fact]
    public async Task HelpPressedShowsTheHelpThenTheQuestionAgain()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("แก้ข้อ 3");
        var help = p.LastPrompt!.Choices.First(c => Payload.Parse(c.Payload).Op == QuestionOps.Help);

        var reply = await p.PressPayloadAsync(help.Payload);

        Assert.Contains("Online Poll", reply.Text(), StringComparison.Ordinal);
        Assert.Contains("ข้อ 3/", reply.Prompt().Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnAnswerToAQuestionThatNoLongerAppliesIsNotStored()
    {
        await using var h = await EngineHarness.CreateAsync();
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var a = await h.StaffAsync(agency, "a");
        var b = await h.StaffAsync(agency, "b");
        await a.SendAsync("แก้ข้อ 6");
        await a.PressAsync("มี และประกาศใช้แล้ว");
        var followUp = a.LastPrompt!;
        Assert.Contains("ข้อ 7/", followUp.Text, StringComparison.Ordinal);

        // Meanwhile a colleague answers the gate so that question 7 no longer applies.
        await b.SendAsync("แก้ข้อ 6");
        await b.PressAsync("ไม่มี");

        var reply = await a.PressPayloadAsync(followUp.Choices[0].Payload);

        Assert.Contains("ไม่ต้องตอบแล้ว", reply.Text(), StringComparison.Ordinal);
        Assert.Contains("ข้อ 8/", reply.Prompt().Text, StringComparison.Ordinal);
        await using var db = h.NewDb();
        Assert.False(await db.Answers.AnyAsync(x => x.QuestionId == "PHN-2"));
    }

    [Fact]
    public async Task ChangingAnAnswerOfASubmittedResponseSaysSo()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("ทำแบบสำรวจ");
        await p.PressAsync("ไม่มี");
        await using (var db = h.NewDb())
        {
            var response = await db.Responses.SingleAsync();
            response.Submit(null, h.Time.GetUtcNow().UtcDateTime);
            await db.SaveChangesAsync();
        }

        await p.SendAsync("แก้ข้อ 1");
        var changed = await p.PressAsync("มี และประกาศใช้แล้ว");

        Assert.Contains("คำตอบที่ส่งแล้วถูกแก้ไข", changed.Text(), StringComparison.Ordinal);
        await using var check = h.NewDb();
        Assert.Equal(2, await check.AnswerAudits.CountAsync(x => x.QuestionId == "DGP-1"));
    }

    [Theory]
    [InlineData("1 3", new[] { "qa", "satis" })]
    [InlineData("ถาม-ตอบ พร้อมตอบกลับ", new[] { "qa" })]
    [InlineData("สำรวจความเห็น", new[] { "poll" })]
    public async Task TypedItemsOnAMultipleChoiceQuestionSetTheTicksAndAreConfirmedLikePresses(string typed, string[] ticks)
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("แก้ข้อ 3");

        var shown = await p.SendAsync(typed);

        var question = h.Catalog.Current.Find("DGP-3")!;
        Assert.Equal(ticks.Select(id => question.FindOption(id)!.Label), shown.Prompt().Choices.Where(c => c.Selected).Select(c => c.Label));
        await using (var db = h.NewDb())
        {
            Assert.Empty(await db.Answers.ToListAsync());
        }

        // A following number sets the ticks again (it never toggles one off).
        var confirmed = await p.SendAsync("ยืนยัน");

        Assert.Contains("ข้อ 4/", confirmed.Prompt().Text, StringComparison.Ordinal);
        await using var check = h.NewDb();
        Assert.Equal(AnswerValue.Options(ticks).Serialize(), (await check.Answers.SingleAsync()).Value);
    }

    [Theory]
    [InlineData("80 %")]
    [InlineData("ใช่")]
    public async Task OtherInputOnAMultipleChoiceQuestionSaysWhatIsAcceptedAndShowsItAgain(string typed)
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("แก้ข้อ 3");

        var reply = await p.SendAsync(typed);

        Assert.Contains("หมายเลขหรือข้อความของตัวเลือก", reply.Text(), StringComparison.Ordinal);
        Assert.Contains("ข้อ 3/", reply.Prompt().Text, StringComparison.Ordinal);
        await using var db = h.NewDb();
        Assert.Empty(await db.Answers.ToListAsync());
    }

    [Fact]
    public async Task TheReviewSummarisesEachDimensionAndJumpsToWhatNeedsALook()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("ทำแบบสำรวจ");
        await p.PressAsync("ไม่มี");                                   // Q1 answered
        await p.PressAsync("ข้าม");                                    // Q2 skipped
        await p.SendAsync("แก้ข้อ 5");
        await p.SendAsync("ไม่ทราบ");                                  // Q5 "don't know"

        var review = await p.SendAsync("ตรวจทาน");

        var text = review.Prompt().Text;
        Assert.Contains("สรุปคำตอบรายด้าน", text, StringComparison.Ordinal);
        Assert.Contains("ด้านที่ 1 ", text, StringComparison.Ordinal);
        Assert.Contains("ตอบแล้ว 2/", text, StringComparison.Ordinal);
        Assert.Contains("ข้าม 1", text, StringComparison.Ordinal);
        Assert.Contains("ไม่ทราบ 1", text, StringComparison.Ordinal);
        var jump = review.Prompt().Choices.First(c => c.Label == "ดูด้านที่ 1");

        var jumped = await p.PressPayloadAsync(jump.Payload);

        Assert.Contains("ข้อ 2/", jumped.Prompt().Text, StringComparison.Ordinal);
    }

    [Fact]
    public void TypedOptionTextMatchesWhateverDashOrQuotesWereTyped()
    {
        var question = SurveyCatalog.BuiltIn().Current.Questions.First(q => q.Options.Any(o => o.Label.Contains('–', StringComparison.Ordinal)));
        var option = question.Options.First(o => o.Label.Contains('–', StringComparison.Ordinal));

        var typed = AnswerParser.Parse(question, option.Label.Replace('–', '-'));

        Assert.True(typed.Ok);
        Assert.Equal([option.Id], typed.Value!.OptionIds);
        Assert.Equal(ThaiText.Normalize("“ทุก 2—6 เดือน”"), ThaiText.Normalize("\"ทุก 2-6 เดือน\""));
    }

    [Fact]
    public void TimeLeftReadsThaiWithoutAComma()
    {
        Assert.Equal("28 วัน 9 ชั่วโมง", QuestionPrompts.Humanize(TimeSpan.FromDays(28) + TimeSpan.FromHours(9), TimeUnit.Minute));
    }
}
