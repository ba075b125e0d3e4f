using System.Text.Json;
using System.Text.Json.Nodes;
using DgBot.Bot.Line;
using DgBot.Core.Conversation;
using DgBot.Core.Reports;
using DgBot.Line.Tests.Infrastructure;

namespace DgBot.Line.Tests;

public sealed class LineMessageRendererTests
{
    private readonly LineMessageRenderer _renderer = new(LineMessageRenderer.LoadTexts());

    private static readonly JsonSerializerOptions Readable = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static JsonNode Json(LineMessage message) => JsonSerializer.SerializeToNode(message, LineJsonContext.Default.LineMessage)!;

    [Fact]
    public void SplitsLongTextAtLineBreaksUnderTheLimit()
    {
        var lines = Enumerable.Range(1, 400).Select(i => $"บรรทัดที่ {i}: " + new string('ก', 30)).ToList();
        var text = string.Join('\n', lines);

        var parts = LineMessageRenderer.SplitText(text);

        Assert.True(parts.Count >= 3);
        Assert.All(parts, p => Assert.InRange(p.Length, 1, LineMessageRenderer.MaxTextLength));
        Assert.Equal(lines, parts.SelectMany(p => p.Split('\n')));
    }

    [Fact]
    public void SplitsTextWithoutBreaksWithoutCuttingSurrogatePairs()
    {
        var text = "a" + string.Concat(Enumerable.Repeat("😀", 10));

        var parts = LineMessageRenderer.SplitText(text, max: 4);

        Assert.All(parts, p => Assert.InRange(p.Length, 1, 4));
        Assert.All(parts, p => Assert.False(char.IsHighSurrogate(p[^1])));
        Assert.Equal(text, string.Concat(parts));
    }

    [Fact]
    public void PromptWithFewShortChoicesBecomesQuickRepliesWithPostbacks()
    {
        var prompt = new PromptReply("หน่วยงานมีแผนดิจิทัลหรือไม่", [new("มี", "a:q1:1"), new("ไม่มี", "a:q1:0", Selected: true)]);

        var messages = _renderer.Render(prompt);

        var message = Assert.Single(messages);
        Assert.Equal(prompt.Text, message.Text);
        var items = message.QuickReply!.Items;
        Assert.Equal(["มี", "✓ ไม่มี"], items.Select(i => i.Action.Label));
        Assert.Equal(["a:q1:1", "a:q1:0"], items.Select(i => i.Action.Data));
        Assert.All(items, i => Assert.Equal("postback", i.Action.Type));
        Assert.Equal("ไม่มี", items[1].Action.DisplayText);
    }

    [Fact]
    public void PromptWithLabelsOverTwentyCharactersBecomesNumberedTextWithNumberButtons()
    {
        var choices = new List<Choice>
        {
            new("มีแผนและดำเนินการครบทุกข้อแล้ว", "a:q2:3"),
            new("มีแผนแต่ยังดำเนินการไม่ครบ", "a:q2:2"),
            new("ไม่มี", "a:q2:0"),
        };

        var message = Assert.Single(_renderer.Render(new PromptReply("สถานะของแผน", choices)));

        Assert.Contains("1. มีแผนและดำเนินการครบทุกข้อแล้ว", message.Text, StringComparison.Ordinal);
        Assert.Contains("3. ไม่มี", message.Text, StringComparison.Ordinal);
        Assert.Equal(["1", "2", "3"], message.QuickReply!.Items.Select(i => i.Action.Label));
        Assert.Equal(choices.Select(c => c.Payload), message.QuickReply.Items.Select(i => i.Action.Data));
    }

    [Fact]
    public void PromptWithMoreThanThirteenChoicesBecomesAFlexListOfEveryChoice()
    {
        var choices = Enumerable.Range(1, 30).Select(i => new Choice($"จังหวัดที่ {i}", $"p:{i}")).ToList();

        var messages = _renderer.Render(new PromptReply("กรุณาเลือกจังหวัด", choices));

        Assert.Equal(2, messages.Count);
        Assert.Equal("กรุณาเลือกจังหวัด", messages[0].Text);
        Assert.Null(messages[0].QuickReply);
        var flex = Json(messages[1]);
        Assert.Equal("flex", (string?)flex["type"]);
        Assert.Equal("กรุณาเลือกจังหวัด", (string?)flex["altText"]);
        Assert.Equal("carousel", (string?)flex["contents"]!["type"]);
        var buttons = flex["contents"]!["contents"]!.AsArray().SelectMany(b => b!["body"]!["contents"]!.AsArray()).ToList();
        Assert.Equal(choices.Select(c => c.Payload), buttons.Select(b => (string?)b!["action"]!["data"]));
        Assert.All(buttons, b => Assert.InRange(((string?)b!["action"]!["label"])!.Length, 1, LineMessageRenderer.MaxFlexButtonLabelLength));
    }

    [Fact]
    public void QuickRepliesGoOnTheLastPartOfALongPrompt()
    {
        var text = string.Join('\n', Enumerable.Range(1, 300).Select(i => new string('ข', 40)));

        var messages = _renderer.Render(new PromptReply(text, [new("ต่อไป", "next")]));

        Assert.True(messages.Count > 1);
        Assert.All(messages.SkipLast(1), m => Assert.Null(m.QuickReply));
        Assert.Equal("next", Assert.Single(messages[^1].QuickReply!.Items).Action.Data);
    }

    [Fact]
    public void ScoreCardIsAFlexBubbleWithOneBarPerDimension()
    {
        var report = Reports.Lampang(provisional: true);

        var message = Assert.Single(_renderer.Render(new ScoreCardReply("ผลคะแนนของหน่วยงาน", report, "plain")));

        var flex = Json(message);
        Assert.StartsWith("ผลคะแนนของหน่วยงาน", (string?)flex["altText"], StringComparison.Ordinal);
        Assert.Contains("46.2", (string?)flex["altText"], StringComparison.Ordinal);
        Assert.Equal("bubble", (string?)flex["contents"]!["type"]);
        var rows = flex["contents"]!["body"]!["contents"]!.AsArray();
        Assert.Equal(report.Dimensions.Count, rows.Count);
        var widths = rows.Select(r => (string?)r!["contents"]![1]!["contents"]![0]!["width"]).ToList();
        Assert.Equal(["33%", "52%", "41%", "29%", "76%", null], widths);
        Assert.Equal(report.Dimensions.Select(d => d.NameTh), rows.Select(r => (string?)r!["contents"]![0]!["contents"]![0]!["text"]));
        var footer = flex["contents"]!["footer"]!.ToJsonString(Readable);
        Assert.Contains("46.2", footer, StringComparison.Ordinal);
        Assert.Contains("รัฐบาลเปิด", footer, StringComparison.Ordinal);
        Assert.Contains("4", footer, StringComparison.Ordinal);
    }

    [Fact]
    public void ScoreCardShowsEachChangeSinceTheLastRoundAndThePeerBands()
    {
        var lampang = Reports.Lampang();
        var report = lampang with
        {
            Progress = new ProgressRef("2568", "2569.1", "2569.2", 40.0, 6.2),
            Dimensions = lampang.Dimensions.Select((d, i) => d with
            {
                Change = i == 0 ? -3.1 : 2.0,
                Peers = i == 0 ? [new PeerBand(PeerScope.Type, "สำนักงานสถิติจังหวัด", 76, 1)] : null,
            }).ToList(),
        };

        var flex = Json(Assert.Single(_renderer.Render(new ScoreCardReply("ผลคะแนนของหน่วยงาน", report, "plain"))));

        var rows = flex["contents"]!["body"]!["contents"]!.AsArray().Select(r => r!.ToJsonString(Readable)).ToList();
        Assert.Contains(ReportText.ChangeSuffix(report, -3.1).Trim(), rows[0], StringComparison.Ordinal);
        Assert.Contains("แย่ลง", rows[0], StringComparison.Ordinal);
        Assert.Contains("สำนักงานสถิติจังหวัด 76 แห่ง", rows[0], StringComparison.Ordinal);
        Assert.All(rows.Skip(1), r => Assert.Contains("+2.0 จากรอบ 2568", r, StringComparison.Ordinal));
        Assert.All(rows.Skip(1), r => Assert.DoesNotContain("แห่ง", r, StringComparison.Ordinal));
        var footer = flex["contents"]!["footer"]!.ToJsonString(Readable);
        Assert.Contains("+6.2 จากรอบ 2568", footer, StringComparison.Ordinal);
        Assert.Contains(ReportText.VersionsNote(report.Progress!), footer, StringComparison.Ordinal);
    }

    [Fact]
    public void ImproveListIsAFlexCarouselOfTheFiveItems()
    {
        var report = Reports.Lampang();

        var message = Assert.Single(_renderer.Render(new ImproveListReply("5 ด้านที่ควรพัฒนาก่อน", report, "plain")));

        var flex = Json(message);
        Assert.Equal("5 ด้านที่ควรพัฒนาก่อน", (string?)flex["altText"]);
        var bubbles = flex["contents"]!["contents"]!.AsArray();
        Assert.Equal(5, bubbles.Count);
        Assert.Equal("1. แผนความต่อเนื่องของผู้นำ", (string?)bubbles[0]!["header"]!["contents"]![0]!["text"]);
        Assert.Contains("-6.1", bubbles[0]!["body"]!.ToJsonString(Readable), StringComparison.Ordinal);
    }

    [Fact]
    public void EmptyReportsFallBackToTheirPlainText()
    {
        var empty = Reports.Lampang() with { Dimensions = [], ImproveFirst = [] };

        var messages = _renderer.Render(new TurnResult([new ScoreCardReply("t", empty, "ยังไม่มีคะแนน"), new ImproveListReply("t", empty, "ยังไม่มีรายการ")]));

        Assert.Equal(["ยังไม่มีคะแนน", "ยังไม่มีรายการ"], messages.Select(m => m.Text));
    }

    [Fact]
    public void StaleButtonSendsTheNoticeFirst()
    {
        var turn = new TurnResult([new TextReply("คำถามปัจจุบัน")], ButtonOutcome.Stale, Notice: "ปุ่มนี้เป็นของคำถามก่อนหน้า");

        Assert.Equal(["ปุ่มนี้เป็นของคำถามก่อนหน้า", "คำถามปัจจุบัน"], _renderer.Render(turn).Select(m => m.Text));
    }
}
