using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Tests.Conversation;

public sealed class SharingAndRightsTests
{
    [Fact]
    public async Task TwoStaffShareOneResponseEachWithTheirOwnPosition()
    {
        await using var h = await EngineHarness.CreateAsync();
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var somchai = await h.StaffAsync(agency, "u1", "สมชาย");
        var malee = await h.StaffAsync(agency, "u2", "มาลี");
        await somchai.SendAsync("ทำแบบสำรวจ");
        await somchai.PressAsync("ไม่มี");

        // Malee starts at the first question nobody has answered yet.
        var maleeFirst = await malee.SendAsync("ทำแบบสำรวจ");
        Assert.StartsWith("ข้อ 2/80", maleeFirst.Prompt().Text, StringComparison.Ordinal);

        // Shown an answered question, she sees the current answer and who gave it, and may change it.
        var shown = await malee.SendAsync("แก้ข้อ 1");
        Assert.Contains("คำตอบปัจจุบัน: ไม่มี", shown.Prompt().Text, StringComparison.Ordinal);
        Assert.Contains("ตอบโดย สมชาย", shown.Prompt().Text, StringComparison.Ordinal);
        await malee.PressAsync("อยู่ระหว่างจัดทำ");

        await using var db = h.NewDb();
        var answer = await db.Answers.Include(a => a.AnsweredBy).SingleAsync();
        Assert.Equal("o:drafting", answer.Value);
        Assert.Equal("มาลี", answer.AnsweredBy!.DisplayName);
        var audit = await db.AnswerAudits.OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(2, audit.Count);
        Assert.Equal((null, "o:none"), (audit[0].OldValue, audit[0].NewValue));
        Assert.Equal(("o:none", "o:drafting"), (audit[1].OldValue, audit[1].NewValue));
        Assert.Equal(1, await db.Responses.CountAsync());
    }

    [Fact]
    public async Task ResumesAtTheRightQuestionAfterARestart()
    {
        var path = Path.Combine(Path.GetTempPath(), "dgbot-restart-" + Guid.NewGuid().ToString("N") + ".db");
        try
        {
            await using (var first = await EngineHarness.CreateAsync(path))
            {
                var p = await first.StaffAsync(await first.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
                await p.SendAsync("ทำแบบสำรวจ");
                await p.PressAsync("ไม่มี");
                await p.PressAsync("บางงานบริการ");
            }

            // A new process over the same file: new engine, new locks, new contexts.
            await using var second = await EngineHarness.CreateAsync(path);
            var again = second.Person("u1");
            var resumed = await again.SendAsync("ทำต่อ");

            Assert.StartsWith("ข้อ 3/80", resumed.Prompt().Text, StringComparison.Ordinal);
            await using var db = second.NewDb();
            Assert.Equal(2, await db.Answers.CountAsync());
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { string.Empty, "-wal", "-shm" })
            {
                File.Delete(path + suffix);
            }
        }
    }

    [Fact]
    public async Task AfterTheDeadlineTheResponseIsReadOnlyButScoresRemain()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("ทำแบบสำรวจ");
        await p.PressAsync("ไม่มี");
        var nextPayload = p.LastPrompt!.Choices[0].Payload;

        h.Time.SetUtcNow(new DateTimeOffset(2026, 12, 31, 17, 0, 0, TimeSpan.Zero)); // midnight in Bangkok: the round closes

        var pressed = await p.PressPayloadAsync(nextPayload);
        Assert.Contains("ปิดรับแล้ว", pressed.Text(), StringComparison.Ordinal);
        var typed = await p.SendAsync("แก้ข้อ 1");
        Assert.Contains("ปิดรับแล้ว", typed.Text(), StringComparison.Ordinal);
        var score = await p.SendAsync("ดูคะแนน");
        Assert.Single(score.Replies.OfType<ScoreCardReply>());
        await using var db = h.NewDb();
        Assert.Equal("o:none", (await db.Answers.SingleAsync()).Value);
    }

    [Fact]
    public async Task StaffNeverSeeAnotherAgencyEvenWithAForgedButton()
    {
        await using var h = await EngineHarness.CreateAsync();
        var own = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var other = await h.AddAgencyAsync("LPG-02", "องค์การบริหารส่วนจังหวัดลำปาง");
        var rival = await h.StaffAsync(other, "u9");
        await rival.SendAsync("ทำแบบสำรวจ");
        await rival.PressAsync("ไม่มี");
        var p = await h.StaffAsync(own, "u1");

        foreach (var forged in new[] { Payload.Agency(other.Id, 's'), Payload.Agency(other.Id, 'i'), Payload.Detail(other.Id, 1), Payload.Province(other.Id, 's') })
        {
            var turn = await p.PressPayloadAsync(forged);
            Assert.Contains("ไม่มีสิทธิ์", turn.Text(), StringComparison.Ordinal);
            Assert.Empty(turn.Replies.OfType<ScoreCardReply>());
            Assert.Empty(turn.Replies.OfType<ImproveListReply>());
        }
    }

    [Fact]
    public async Task OfficersSeeOnlyTheirProvincePictureNeverOneAgencyAndCannotAnswer()
    {
        await using var h = await EngineHarness.CreateAsync(minimumGroupSize: 2);
        var lampang1 = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var lampang2 = await h.AddAgencyAsync("LPG-02", "องค์การบริหารส่วนจังหวัดลำปาง");
        var lampang3 = await h.AddAgencyAsync("LPG-03", "เทศบาลนครลำปาง");
        var nan = await h.AddAgencyAsync("NAN-01", "สำนักงานจังหวัดน่าน", "น่าน");
        foreach (var (agency, user) in new[] { (lampang1, "s1"), (lampang2, "s2"), (nan, "s3") })
        {
            var staff = await h.StaffAsync(agency, user);
            await staff.SendAsync("ทำแบบสำรวจ");
            await staff.PressAsync(user == "s2" ? "มี และประกาศใช้แล้ว" : "ไม่มี");
        }

        var officer = await h.OfficerAsync(lampang1, "o1");
        Assert.DoesNotContain("ทำแบบสำรวจ", officer.LastPrompt!.Choices.Select(c => c.Label));
        Assert.Contains("ดูผลได้อย่างเดียว", (await officer.SendAsync("ทำแบบสำรวจ")).Text(), StringComparison.Ordinal);

        // Nobody has submitted: counts and who to follow up, no figures at all.
        var early = await officer.SendAsync("ดูคะแนน");
        Assert.Empty(early.Replies.OfType<ScoreCardReply>());
        Assert.Contains("สำรวจ 3 หน่วยงาน ส่งแบบสำรวจแล้ว 0 หน่วยงาน", early.Text(), StringComparison.Ordinal);
        Assert.Contains("อย่างน้อย 2 หน่วยงาน", early.Text(), StringComparison.Ordinal);
        Assert.Contains("• เทศบาลนครลำปาง", early.Text(), StringComparison.Ordinal);

        await h.MarkSubmittedAsync(lampang1);
        await h.MarkSubmittedAsync(lampang2);
        var average = await officer.SendAsync("ดูคะแนน");
        var card = Assert.Single(average.Replies.OfType<ScoreCardReply>());
        Assert.Contains("ค่าเฉลี่ยจังหวัดลำปาง (จาก 2 หน่วยงานที่ส่งแล้ว)", card.Title, StringComparison.Ordinal);
        Assert.Equal(50, card.Report.SubDimensions.Single(s => s.Code == "DGP").Score);
        Assert.Contains("ยังไม่ส่งแบบสำรวจ 1 หน่วยงาน:\n• เทศบาลนครลำปาง", average.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain(average.Replies.OfType<PromptReply>().SelectMany(p => p.Choices), c => c.Payload.StartsWith("a:", StringComparison.Ordinal));

        // The province's improve-first list, with each item's guidance behind a button.
        var improve = await officer.SendAsync("แก้อะไรก่อนดี");
        Assert.Single(improve.Replies.OfType<ImproveListReply>());
        var detail = await officer.PressAsync("รายละเอียดข้อ 1");
        Assert.Contains("แนวทางการยกระดับ อันดับ 1", detail.Text(), StringComparison.Ordinal);

        // No button, typed or forged, gives an officer one agency's figures: not even the agency they joined through.
        foreach (var forged in new[] { Payload.Agency(lampang1.Id, 's'), Payload.Agency(lampang2.Id, 'i'), Payload.Detail(lampang2.Id, 1), Payload.Agency(nan.Id, 's'), Payload.Province(nan.Id, 's'), Payload.ProvinceDetail(nan.Id, 1) })
        {
            var turn = await officer.PressPayloadAsync(forged);
            Assert.Contains("ไม่มีสิทธิ์", turn.Text(), StringComparison.Ordinal);
            Assert.Empty(turn.Replies.OfType<ScoreCardReply>());
            Assert.Empty(turn.Replies.OfType<ImproveListReply>());
        }

        var picked = await officer.PressPayloadAsync(Payload.PickProvince(lampang2.Id));
        Assert.DoesNotContain(picked.Replies.OfType<PromptReply>().SelectMany(p => p.Choices), c => c.Payload.StartsWith("a:", StringComparison.Ordinal));
    }

    /// <summary>Two agencies of one province answer question 1: the peer "in use" (100) and submits, the own one "drafting" (50).</summary>
    private static async Task<(Person Own, Person Peer, Agency PeerAgency)> TwoAgenciesAnsweredFirstQuestionAsync(EngineHarness h)
    {
        var own = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var peer = await h.AddAgencyAsync("LPG-02", "องค์การบริหารส่วนจังหวัดลำปาง");
        var peerStaff = await h.StaffAsync(peer, "u2");
        await peerStaff.SendAsync("ทำแบบสำรวจ");
        await peerStaff.PressAsync("มี และประกาศใช้แล้ว");
        await h.MarkSubmittedAsync(peer);
        var p = await h.StaffAsync(own, "u1");
        await p.SendAsync("ทำแบบสำรวจ");
        await p.PressAsync("อยู่ระหว่างจัดทำ");
        return (p, peerStaff, peer);
    }

    [Fact]
    public async Task TheLampangReproductionAProvinceAverageOfOneOtherAgencyIsNotShown()
    {
        // Before: staff of LPG-01 saw "ค่าเฉลี่ยจังหวัด 100.0", which was LPG-02's own score on DGP.
        await using var h = await EngineHarness.CreateAsync();
        var (p, _, _) = await TwoAgenciesAnsweredFirstQuestionAsync(h);

        var improve = await p.SendAsync("แก้อะไรก่อนดี");

        var list = Assert.Single(improve.Replies.OfType<ImproveListReply>());
        var item = Assert.Single(list.Report.ImproveFirst);
        Assert.Equal(("DGP", 50.0, (double?)null), (item.Code, item.Score, item.PeerScore));
        Assert.DoesNotContain("100.0", improve.Text(), StringComparison.Ordinal);
        Assert.DoesNotMatch(@"ค่าเฉลี่ย\S*\s\d+\.\d", improve.Text()); // no average figure, only the sentence saying when it will appear
        Assert.Contains("จะแสดงเมื่อมีหน่วยงานอื่นส่งแบบสำรวจแล้วอย่างน้อย 5 หน่วยงาน (ขณะนี้ 1 หน่วยงาน)", improve.Text(), StringComparison.Ordinal);
        // Asked mid-survey, the question on screen is shown again after the list (main, 473f19a): press the list's own button.
        var button = improve.Replies.OfType<PromptReply>().SelectMany(r => r.Choices).First(c => c.Label == "รายละเอียดข้อ 1");
        var detail = await p.PressPayloadAsync(button.Payload);
        Assert.Contains("นโยบายรัฐบาลดิจิทัล", detail.Text(), StringComparison.Ordinal);
        Assert.DoesNotContain("100.0", detail.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheComparisonNeedsEnoughOthersNotEnoughInTheProvinceCountingOneself()
    {
        await using var h = await EngineHarness.CreateAsync(minimumGroupSize: 2);
        var (p, _, _) = await TwoAgenciesAnsweredFirstQuestionAsync(h);
        await h.MarkSubmittedAsync(await OwnAgencyAsync(h, "LPG-01"));

        // Two submitted in the province, but only one of them is "others": no comparison.
        var one = Assert.Single(Assert.Single((await p.SendAsync("แก้อะไรก่อนดี")).Replies.OfType<ImproveListReply>()).Report.ImproveFirst);
        Assert.Null(one.PeerScore);

        // An answer stored but not submitted is not counted either.
        var third = await h.AddAgencyAsync("LPG-03", "เทศบาลนครลำปาง");
        var thirdStaff = await h.StaffAsync(third, "u3");
        await thirdStaff.SendAsync("ทำแบบสำรวจ");
        await thirdStaff.PressAsync("ไม่มี");
        Assert.Null(Assert.Single(Assert.Single((await p.SendAsync("แก้อะไรก่อนดี")).Replies.OfType<ImproveListReply>()).Report.ImproveFirst).PeerScore);

        await h.MarkSubmittedAsync(third);
        var two = Assert.Single(Assert.Single((await p.SendAsync("แก้อะไรก่อนดี")).Replies.OfType<ImproveListReply>()).Report.ImproveFirst);
        Assert.Equal(("DGP", 50.0, 50.0), (two.Code, two.Score, two.PeerScore!.Value));
    }

    private static async Task<Agency> OwnAgencyAsync(EngineHarness h, string code)
    {
        await using var db = h.NewDb();
        return await db.Agencies.SingleAsync(a => a.Code == code);
    }

    [Fact]
    public async Task ForgetErasesPersonalDataButKeepsTheAgencyAnswers()
    {
        await using var h = await EngineHarness.CreateAsync();
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var p = await h.StaffAsync(agency, "u1", "สมชาย");
        await p.SendAsync("ทำแบบสำรวจ");
        await p.PressAsync("ไม่มี");

        var ask = await p.SendAsync("ลบข้อมูลของฉัน");
        Assert.Contains("ยืนยันการลบข้อมูลส่วนบุคคล", ask.Text(), StringComparison.Ordinal);
        var cancelled = await p.PressAsync("ยกเลิก");
        Assert.Contains("ยกเลิกการลบข้อมูล", cancelled.Text(), StringComparison.Ordinal);
        await p.SendAsync("/forget");
        var erased = await p.PressAsync("ยืนยัน");
        Assert.Contains("ลบข้อมูลส่วนบุคคลของท่านเรียบร้อย", erased.Text(), StringComparison.Ordinal);

        await using (var db = h.NewDb())
        {
            Assert.False(await db.ChatUsers.AnyAsync(u => u.PlatformUserId == "u1"));
            Assert.False(await db.ChatUsers.AnyAsync(u => u.DisplayName == "สมชาย"));
            var answer = await db.Answers.SingleAsync();
            Assert.Equal("o:none", answer.Value);
            Assert.Null(answer.AnsweredByUserId);
            Assert.All(await db.AnswerAudits.ToListAsync(), a => Assert.Null(a.ChangedByUserId));
        }

        // A colleague sees the answer attributed to a deleted respondent; the erased person must join again.
        var malee = await h.StaffAsync(agency, "u2", "มาลี");
        var shown = await malee.SendAsync("แก้ข้อ 1");
        Assert.Contains("ตอบโดย ผู้ตอบที่ลบข้อมูลแล้ว", shown.Prompt().Text, StringComparison.Ordinal);
        var back = await p.SendAsync("ดูคะแนน");
        Assert.Contains("รหัสเชิญ", back.Text(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AQuestionnaireVersionChangeIsDetectedNotCrashedOn()
    {
        await using var h = await EngineHarness.CreateAsync();
        var p = await h.StaffAsync(await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง"), "u1");
        await p.SendAsync("ทำแบบสำรวจ");
        await using (var db = h.NewDb())
        {
            var user = await db.ChatUsers.SingleAsync();
            user.SetState(user.State with { QuestionnaireVersion = "2568.1", QuestionId = "OLD-9" });
            await db.SaveChangesAsync();
        }

        var turn = await p.SendAsync("1");

        Assert.Contains("แบบสำรวจปรับเป็นฉบับ", turn.Text(), StringComparison.Ordinal);
        await using (var db = h.NewDb())
        {
            Assert.Empty(await db.Answers.ToListAsync());
        }
    }

    [Fact]
    public async Task UnreadableStoredStateStartsOver()
    {
        Assert.Equal(ConversationState.Initial, ConversationState.FromJson("{not json"));
        Assert.Equal(ConversationState.Initial, ConversationState.FromJson("{\"schema\":99,\"mode\":\"Survey\"}"));
        var state = ConversationState.Initial with { Mode = ConversationMode.Survey, QuestionId = "DGP-1", Skipped = ["DGP-2"] };
        Assert.Equal(state.ToJson(), ConversationState.FromJson(state.ToJson()).ToJson());
        await Task.CompletedTask;
    }

    [Fact]
    public async Task AnAdministratorFromConfigurationPicksAProvinceThenAnAgency()
    {
        await using var h = await EngineHarness.CreateAsync(admins: ["telegram:boss"]);
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var staff = await h.StaffAsync(agency, "u1");
        await staff.SendAsync("ทำแบบสำรวจ");
        await staff.PressAsync("ไม่มี");
        var admin = h.Person("boss");

        var provinces = await admin.SendAsync("ดูคะแนน");
        Assert.Equal(["ลำปาง"], provinces.Prompt().Choices.Select(c => c.Label));
        await admin.PressAsync("ลำปาง");
        var card = await admin.PressAsync("สำนักงานจังหวัดลำปาง");
        Assert.Single(card.Replies.OfType<ScoreCardReply>());
    }
}
