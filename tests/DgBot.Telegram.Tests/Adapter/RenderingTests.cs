using System.Globalization;
using DgBot.Core.Conversation;
using DgBot.Core.Reports;
using DgBot.TestDoubles.Telegram;

namespace DgBot.Telegram.Tests.Adapter;

/// <summary>The channel against the Bot API double with a scripted engine: what the person sees in Telegram.</summary>
public sealed class RenderingTests : IAsyncLifetime
{
    private const long User = 555_000_111;
    private TelegramBotApiDouble _api = null!;
    private AdapterHost _host = null!;

    private ScriptedEngine Engine => _host.Engine;

    public async Task InitializeAsync()
    {
        _api = await TelegramBotApiDouble.StartAsync();
        _host = await AdapterHost.StartAsync(_api);
    }

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _api.AssertNoViolations();
        await _api.DisposeAsync();
    }

    private static PromptReply Question(string text, params (string Label, string Payload)[] choices) =>
        new(text, [.. choices.Select(c => new Choice(c.Label, c.Payload))]);

    [Fact]
    public async Task DeepLinkStartReachesTheEngineAsTextWithTheCode()
    {
        var updateId = _api.SendText(User, "/start AGENCY42");
        await _api.WaitForAllConfirmedAsync();

        var inbound = Assert.Single(Engine.Received);
        Assert.Equal(new Inbound(ChannelKind.Telegram, "555000111", "555000111", "สมชาย ใจดี", InboundKind.Text,
            Text: "/start AGENCY42", EventId: updateId.ToString(CultureInfo.InvariantCulture), IsPrivateChat: true), inbound);
    }

    [Fact]
    public async Task CommandAddressedToTheBotByNameLosesTheName()
    {
        _api.SendText(User, "/start@" + TelegramBotApiDouble.BotUsername + " ABC");
        await _api.WaitForAllConfirmedAsync();

        Assert.Equal("/start ABC", Assert.Single(Engine.Received).Text);
    }

    [Fact]
    public async Task PublishesTheThaiCommandMenuAtStartUp()
    {
        await _api.WaitUntilAsync(() => _api.Commands is not null, what: "setMyCommands");

        var commands = _api.Commands!.Select(c => ((string)c!["command"]!, (string)c["description"]!)).ToList();
        Assert.Contains(commands, c => c.Item1 == "score");
        Assert.Contains(commands, c => c.Item1 == "top5");
        Assert.All(commands, c => Assert.Matches(@"^[a-z0-9_]{1,32}$", c.Item1));
        Assert.All(commands, c => Assert.Matches(@"[\u0E00-\u0E7F]", c.Item2));
        Assert.Single(_api.CallsOf("getMe"));
    }

    [Fact]
    public async Task PromptBecomesAnInlineKeyboardWithThePayloadsAsCallbackData()
    {
        Engine.Script = (_, _) => Task.FromResult(new TurnResult([
            Question("หน่วยงานมีแผนดิจิทัลหรือไม่", ("มี", "a:DGP-1:1"), ("ไม่มี", "a:DGP-1:0")),
        ]));
        _api.SendText(User, "เริ่ม");
        await _api.WaitForAllConfirmedAsync();

        var message = Assert.Single(_api.Messages(User));
        Assert.Equal("หน่วยงานมีแผนดิจิทัลหรือไม่", message.Text);
        Assert.Equal([("มี", "a:DGP-1:1"), ("ไม่มี", "a:DGP-1:0")], message.Buttons.SelectMany(r => r));
    }

    [Fact]
    public async Task LongLabelsGoOnePerRowAndShortOnesShareARow()
    {
        Engine.Script = (i, _) => Task.FromResult(new TurnResult([
            i.Text == "short"
                ? Question("ระดับ", ("1", "s1"), ("2", "s2"), ("3", "s3"))
                : Question("เลือก", ("มีแผนและดำเนินการครบถ้วนแล้ว", "l1"), ("ยังไม่มีแผนในขณะนี้เลย", "l2")),
        ]));
        _api.SendText(User, "short");
        _api.SendText(User, "long");
        await _api.WaitForAllConfirmedAsync();

        var messages = _api.Messages(User);
        Assert.Single(messages[0].Buttons);
        Assert.Equal(2, messages[1].Buttons.Count);
    }

    [Fact]
    public async Task AnAcceptedPressEditsThePressedQuestionIntoTheNextOneAndSendsNoNewMessage()
    {
        Engine.Script = (i, _) => Task.FromResult(i.Kind == InboundKind.Text
            ? new TurnResult([Question("ข้อ 1: มีแผนหรือไม่", ("มี", "q1:yes"), ("ไม่มี", "q1:no"))])
            : new TurnResult(
                [new TextReply("✓ บันทึกคำตอบข้อ 1 แล้ว", Receipt: true), new TextReply("ด้านที่ 2"), Question("ข้อ 2: มีงบประมาณหรือไม่", ("มี", "q2:yes"), ("ไม่มี", "q2:no"))],
                ButtonOutcome.Accepted,
                ChosenLabel: "มี"));
        _api.SendText(User, "เริ่ม");
        await _api.WaitForAllConfirmedAsync();
        var sendsBefore = _api.CallsOf("sendMessage").Count;

        var press = _api.PressLabel(User, "มี");
        await _api.WaitForAllConfirmedAsync();

        // One edit, no new message: the chat says what was saved, then what the turn says, then the next question.
        var message = Assert.Single(_api.Messages(User));
        Assert.Equal("✓ บันทึกคำตอบข้อ 1 แล้ว: มี\n\nด้านที่ 2\n\nข้อ 2: มีงบประมาณหรือไม่", message.Text);
        Assert.Equal(["q2:yes", "q2:no"], message.Buttons.SelectMany(r => r).Select(b => b.Data));
        Assert.Equal(sendsBefore, _api.CallsOf("sendMessage").Count);
        Assert.Single(_api.CallsOf("editMessageText"));
        Assert.True(_api.TryGetCallbackAnswer(press, out var notice));
        Assert.Null(notice);
        var received = Engine.Received.Last();
        Assert.Equal((InboundKind.Button, "q1:yes", press.ToString(CultureInfo.InvariantCulture)), (received.Kind, received.Payload, received.EventId));
    }

    [Fact]
    public async Task WithoutAReceiptThePressedQuestionBecomesTheNextOneHeadedByTheAnswer()
    {
        Engine.Script = (i, _) => Task.FromResult(i.Kind == InboundKind.Text
            ? new TurnResult([Question("ข้อ 1: มีแผนหรือไม่", ("มี", "q1:yes"), ("ไม่มี", "q1:no"))])
            : new TurnResult([Question("ข้อ 2: มีงบประมาณหรือไม่", ("มี", "q2:yes"), ("ไม่มี", "q2:no"))], ButtonOutcome.Accepted, ChosenLabel: "มี"));
        _api.SendText(User, "เริ่ม");
        await _api.WaitForAllConfirmedAsync();

        _api.PressLabel(User, "มี");
        await _api.WaitForAllConfirmedAsync();

        var message = Assert.Single(_api.Messages(User));
        Assert.Equal("✅ มี\n\nข้อ 2: มีงบประมาณหรือไม่", message.Text);
        Assert.NotEmpty(message.Buttons);
    }

    [Fact]
    public async Task WhenTheNextQuestionDoesNotFitThePressedOneShowsItsAnswerAndTheNextComesAsANewMessage()
    {
        var longQuestion = "ข้อ 2: " + new string('ก', 4080);
        Engine.Script = (i, _) => Task.FromResult(i.Kind == InboundKind.Text
            ? new TurnResult([Question("ข้อ 1: มีแผนหรือไม่", ("มี", "q1:yes"), ("ไม่มี", "q1:no"))])
            : new TurnResult([new TextReply("✓ บันทึกคำตอบข้อ 1 แล้ว", Receipt: true), Question(longQuestion, ("มี", "q2:yes"))], ButtonOutcome.Accepted, ChosenLabel: "มี"));
        _api.SendText(User, "เริ่ม");
        await _api.WaitForAllConfirmedAsync();

        _api.PressLabel(User, "มี");
        await _api.WaitForAllConfirmedAsync();

        // The edited question is the receipt, so the separate "saved" line is left out.
        var messages = _api.Messages(User);
        Assert.Equal(["ข้อ 1: มีแผนหรือไม่\n\n✅ มี", longQuestion], messages.Select(m => m.Text));
        Assert.Null(messages[0].ReplyMarkup);
        Assert.NotEmpty(messages[1].Buttons);
    }

    [Fact]
    public async Task ATypedAnswerGetsTheNextQuestionAsOneNewMessageHeadedByTheReceipt()
    {
        Engine.Script = (i, _) => Task.FromResult(i.Text == "เริ่ม"
            ? new TurnResult([Question("ข้อ 1: มีกี่คน", ("ข้าม", "q1:skip"))])
            : new TurnResult([new TextReply("✓ บันทึกคำตอบข้อ 1 แล้ว", Receipt: true), Question("ข้อ 2: มีงบประมาณหรือไม่", ("มี", "q2:yes"))]));
        _api.SendText(User, "เริ่ม");
        await _api.WaitForAllConfirmedAsync();

        _api.SendText(User, "12");
        await _api.WaitForAllConfirmedAsync();

        Assert.Equal(["ข้อ 1: มีกี่คน", "✓ บันทึกคำตอบข้อ 1 แล้ว\n\nข้อ 2: มีงบประมาณหรือไม่"], _api.Messages(User).Select(m => m.Text));
    }

    [Fact]
    public async Task AReceiptIsSentWhenThePressedMessageCouldNotBeMarked()
    {
        Engine.Script = (i, _) => Task.FromResult(new TurnResult(
            [new TextReply("✓ บันทึกคำตอบข้อ 1 แล้ว", Receipt: true), Question("ข้อ 2: มีงบประมาณหรือไม่", ("มี", "q2:yes"))],
            ButtonOutcome.Accepted,
            ChosenLabel: null));
        _api.SendText(User, "เริ่ม");
        await _api.WaitForAllConfirmedAsync();
        _api.PressLabel(User, "มี");
        await _api.WaitForAllConfirmedAsync();

        Assert.Contains(_api.Messages(User), m => m.Text!.StartsWith("✓ บันทึกคำตอบข้อ 1 แล้ว\n\n", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AQuestionThatCanNoLongerBeEditedDoesNotStopTheNextOne()
    {
        Engine.Script = (i, _) => Task.FromResult(i.Kind == InboundKind.Text
            ? new TurnResult([Question("ข้อ 1", ("มี", "q1:yes"))])
            : new TurnResult([Question("ข้อ 2", ("มี", "q2:yes"))], ButtonOutcome.Accepted, ChosenLabel: "มี"));
        _api.SendText(User, "เริ่ม");
        await _api.WaitForAllConfirmedAsync();
        _api.Fail("editMessageText", 400);

        _api.PressLabel(User, "มี");
        await _api.WaitForAllConfirmedAsync();

        Assert.Equal(["ข้อ 1", "ข้อ 2"], _api.Messages(User).Select(m => m.Text));
        Assert.Equal(2, Engine.Received.Count);
    }

    [Fact]
    public async Task APressFromSomeoneWhoBlockedTheBotMeanwhileMarksThemUnreachable()
    {
        Engine.Script = (i, _) => Task.FromResult(i.Kind switch
        {
            InboundKind.Text => new TurnResult([Question("ข้อ 1", ("มี", "q1:yes"))]),
            InboundKind.Button => new TurnResult([Question("ข้อ 2", ("มี", "q2:yes"))], ButtonOutcome.Accepted, ChosenLabel: "มี"),
            _ => TurnResult.Empty,
        });
        _api.SendText(User, "เริ่ม");
        await _api.WaitForAllConfirmedAsync();
        _api.Block(User);

        _api.PressLabel(User, "มี");
        await _api.WaitForAllConfirmedAsync();

        Assert.Equal([InboundKind.Text, InboundKind.Button, InboundKind.Unreachable], Engine.Received.Select(i => i.Kind));
    }

    [Fact]
    public async Task StaleButtonGetsAPoliteNoticeAndChangesNothing()
    {
        Engine.Script = (i, _) => Task.FromResult(i.Kind == InboundKind.Text
            ? new TurnResult([Question("ข้อ 1", ("มี", "q1:yes"))])
            : new TurnResult([], ButtonOutcome.Stale, Notice: "ข้อนี้ตอบไปแล้ว ขอบคุณ"));
        _api.SendText(User, "เริ่ม");
        await _api.WaitForAllConfirmedAsync();
        var before = _api.Calls.Count(c => c.Method.StartsWith("send", StringComparison.Ordinal) || c.Method.StartsWith("edit", StringComparison.Ordinal));

        var press = _api.PressLabel(User, "มี");
        await _api.WaitForAllConfirmedAsync();

        Assert.True(_api.TryGetCallbackAnswer(press, out var notice));
        Assert.Equal("ข้อนี้ตอบไปแล้ว ขอบคุณ", notice);
        var message = Assert.Single(_api.Messages(User));
        Assert.Equal(0, message.Edits);
        Assert.NotEmpty(message.Buttons);
        Assert.Equal(before, _api.Calls.Count(c => c.Method.StartsWith("send", StringComparison.Ordinal) || c.Method.StartsWith("edit", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task MultipleChoiceTogglesCheckMarksByEditingTheKeyboardThenConfirms()
    {
        var selected = new HashSet<string>();
        PromptReply Multi(bool replaces) => new(
            "เลือกได้หลายข้อ",
            [
                new Choice("เว็บไซต์", "m:web", selected.Contains("m:web")),
                new Choice("แอป", "m:app", selected.Contains("m:app")),
                new Choice("ยืนยัน", "m:ok"),
            ],
            Multi: true,
            ReplacesPrevious: replaces);
        Engine.Script = (i, _) =>
        {
            if (i.Kind == InboundKind.Text)
            {
                return Task.FromResult(new TurnResult([Multi(false)]));
            }

            if (i.Payload == "m:ok")
            {
                return Task.FromResult(new TurnResult([new TextReply("บันทึกแล้ว")], ButtonOutcome.Accepted, ChosenLabel: "เว็บไซต์, แอป"));
            }

            if (!selected.Add(i.Payload!))
            {
                selected.Remove(i.Payload!);
            }

            return Task.FromResult(new TurnResult([Multi(true)], ButtonOutcome.Toggled));
        };
        _api.SendText(User, "เริ่ม");
        await _api.WaitForAllConfirmedAsync();

        _api.PressLabel(User, "เว็บไซต์");
        await _api.WaitForAllConfirmedAsync();
        _api.PressLabel(User, "แอป");
        await _api.WaitForAllConfirmedAsync();

        var prompt = Assert.Single(_api.Messages(User));
        Assert.Equal(["✓ เว็บไซต์", "✓ แอป", "ยืนยัน"], prompt.Buttons.SelectMany(r => r).Select(b => b.Text));
        Assert.Equal(2, _api.CallsOf("editMessageReplyMarkup").Count);
        Assert.Empty(_api.CallsOf("editMessageText"));

        _api.PressLabel(User, "ยืนยัน");
        await _api.WaitForAllConfirmedAsync();

        var messages = _api.Messages(User);
        Assert.Equal("เลือกได้หลายข้อ\n\n✅ เว็บไซต์, แอป", messages[0].Text);
        Assert.Null(messages[0].ReplyMarkup);
        Assert.Equal("บันทึกแล้ว", messages[1].Text);
    }

    [Fact]
    public async Task TextOverTelegramsLimitIsSplitAtLineBreaks()
    {
        var lines = Enumerable.Range(1, 300).Select(n => $"บรรทัดที่ {n.ToString(CultureInfo.InvariantCulture)}: คำแนะนำสำหรับการปรับปรุง").ToList();
        var text = string.Join('\n', lines);
        Assert.True(text.Length > 2 * 4096);
        Engine.Script = (_, _) => Task.FromResult(new TurnResult([new TextReply(text)]));

        _api.SendText(User, "ยาว");
        await _api.WaitForAllConfirmedAsync();

        var parts = _api.Messages(User).Select(m => m.Text!).ToList();
        Assert.Equal(3, parts.Count);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, 4096));
        Assert.Equal(lines, parts.SelectMany(p => p.Split('\n')));
    }

    [Fact]
    public async Task ScoreCardGoesOutAsTextAndAPngChart()
    {
        var report = new ScoreReport(
            [new DimensionScore("POL", "Policies and Practices", "นโยบายและการปฏิบัติ", 33.2), new DimensionScore("TEC", "Smart Technological Practices", "เทคโนโลยีอัจฉริยะ", null)],
            [], null, null, 33.2, new StageRef(2, "Open Government", "รัฐบาลเปิด"), [], false, 0);
        Engine.Script = (_, _) => Task.FromResult(new TurnResult([new ScoreCardReply("คะแนนของหน่วยงาน", report, "คะแนนรวม 33.2")]));

        _api.SendText(User, "คะแนน");
        await _api.WaitForAllConfirmedAsync();

        var messages = _api.Messages(User);
        Assert.Equal(2, messages.Count);
        Assert.Equal("คะแนนรวม 33.2", messages[0].Text);
        Assert.Equal("คะแนนของหน่วยงาน", messages[1].Caption);
        Assert.Equal(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }, messages[1].Photo![..8]);
    }

    [Fact]
    public async Task GroupChatMessagesReachTheEngineMarkedNotPrivateAndItsReplyGoesToTheGroup()
    {
        Engine.Script = (i, _) => Task.FromResult(new TurnResult([new TextReply(i.IsPrivateChat ? "ส่วนตัว" : "กรุณาคุยกับบอตในแชตส่วนตัว")]));
        const long group = -100_123_456;

        _api.SendText(User, "/start", chatId: group, chatType: "supergroup");
        await _api.WaitForAllConfirmedAsync();

        var inbound = Assert.Single(Engine.Received);
        Assert.False(inbound.IsPrivateChat);
        Assert.Equal("-100123456", inbound.ChatId);
        Assert.Equal("กรุณาคุยกับบอตในแชตส่วนตัว", Assert.Single(_api.Messages(group)).Text);
    }

    [Fact]
    public async Task APersonWhoBlockedTheBotIsReportedUnreachable()
    {
        Engine.Script = (i, _) => Task.FromResult(i.Kind == InboundKind.Text ? new TurnResult([new TextReply("สวัสดี")]) : TurnResult.Empty);
        _api.Block(User);

        _api.SendText(User, "สวัสดี");
        await _api.WaitForAllConfirmedAsync();

        Assert.Equal([InboundKind.Text, InboundKind.Unreachable], Engine.Received.Select(i => i.Kind));
        Assert.Equal("555000111", Engine.Received.Last().UserId);
        Assert.Empty(_api.Messages(User));
    }
}
