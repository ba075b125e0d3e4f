using System.Net;
using System.Net.Http.Headers;
using System.Text;
using DgBot.Bot.Hosting;
using DgBot.Bot.Line;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using DgBot.Line.Tests.Infrastructure;
using DgBot.TestDoubles.Line;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DgBot.Line.Tests;

/// <summary>The webhook and the adapter behind it, with a scripted engine, against the LINE double and Prism.</summary>
[Collection(LineContractGroup.Name)]
public sealed class LineWebhookTests(ContractMocks contracts) : IAsyncLifetime
{
    private LineAdapterHost _host = null!;

    public async Task InitializeAsync() => _host = await LineAdapterHost.StartAsync(contracts);

    public async Task DisposeAsync()
    {
        Assert.Empty(_host.Line.Violations);
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task AnswersLinesConnectivityCheckWithOk()
    {
        using var response = await _host.PostWebhookAsync(WebhookFixtures.Read("connectivity-check"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _host.IdleAsync();
        Assert.Empty(_host.Engine.Received);
    }

    [Fact]
    public async Task RejectsForgedSignature()
    {
        var user = WebhookFixtures.NewUserId();
        var body = WebhookFixtures.Body(WebhookFixtures.Text(user, _host.Line.IssueReplyToken(user), "สวัสดี"));
        var forged = new LineSignature("not-the-channel-secret").Sign(Encoding.UTF8.GetBytes(body));

        using var response = await _host.PostWebhookAsync(body, forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await _host.IdleAsync();
        Assert.Empty(_host.Engine.Received);
        Assert.Empty(_host.Line.Calls);
    }

    [Fact]
    public async Task RejectsMissingSignature()
    {
        var user = WebhookFixtures.NewUserId();
        var body = WebhookFixtures.Body(WebhookFixtures.Text(user, "token", "สวัสดี"));

        using var response = await LineAdapterHost.PostWebhookAsync(_host.Http, contracts, body, signature: null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await _host.IdleAsync();
        Assert.Empty(_host.Engine.Received);
    }

    [Fact]
    public async Task RejectsBodyChangedAfterSigning()
    {
        var user = WebhookFixtures.NewUserId();
        var body = WebhookFixtures.Body(WebhookFixtures.Text(user, "token", "hello"));
        var signature = LineAdapterHost.Sign(body);

        using var response = await _host.PostWebhookAsync(body.Replace("hello", "hellx", StringComparison.Ordinal), signature);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task RefusesOversizedBodiesWith413WithOrWithoutContentLength()
    {
        await using var host = await LineAdapterHost.StartAsync(contracts, settings: new Dictionary<string, string?> { ["Line:MaxWebhookBodyBytes"] = "2048" });
        var user = WebhookFixtures.NewUserId();
        var body = WebhookFixtures.Body(WebhookFixtures.Text(user, "token", new string('ก', 3000)));

        using var sized = await host.PostWebhookAsync(body);
        using var chunked = new HttpRequestMessage(HttpMethod.Post, "line/webhook") { Content = new ChunkedContent(Encoding.UTF8.GetBytes(body)) };
        chunked.Headers.TryAddWithoutValidation(LineWebhookApi.SignatureHeader, LineAdapterHost.Sign(body));
        using var streamed = await host.Http.SendAsync(chunked);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, sized.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, streamed.StatusCode);
        await host.IdleAsync();
        Assert.Empty(host.Engine.Received);
    }

    [Theory]
    [InlineData("{\"destination\":\"U0123456789abcdef0123456789abcdef\",\"events\":[")]
    [InlineData("not json")]
    [InlineData("{\"destination\":\"U0123456789abcdef0123456789abcdef\"}")]
    [InlineData("{\"destination\":\"U0123456789abcdef0123456789abcdef\",\"events\":{}}")]
    public async Task AnswersMalformedSignedBodiesWith400(string body)
    {
        using var response = await _host.PostWebhookAsync(body, checkContract: false);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var after = await _host.PostWebhookAsync(WebhookFixtures.Read("connectivity-check"));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
    }

    [Fact]
    public async Task TextMessageBecomesATextInboundAndIsAnsweredByReplyToken()
    {
        var user = WebhookFixtures.NewUserId();
        var textEvent = WebhookFixtures.Text(user, _host.Line.IssueReplyToken(user), "สวัสดี");

        using var response = await _host.PostWebhookAsync(WebhookFixtures.Body(textEvent));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var delivery = Assert.Single(await _host.Line.WaitForDeliveriesAsync(user, 1));
        Assert.Equal("reply", delivery.Via);
        Assert.Equal(["echo: สวัสดี"], delivery.Texts);
        var inbound = Assert.Single(_host.Engine.Received);
        Assert.Equal(new Inbound(ChannelKind.Line, user, user, null, InboundKind.Text, "สวัสดี", null, (string?)textEvent["webhookEventId"], true), inbound);
        Assert.Equal(0, _host.Line.Consumption);
    }

    [Fact]
    public async Task PostbackBecomesAButtonInboundWithItsData()
    {
        var user = WebhookFixtures.NewUserId();

        using var response = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Postback(user, _host.Line.IssueReplyToken(user), "a:q7:2")));

        await _host.Line.WaitForDeliveriesAsync(user, 1);
        var inbound = Assert.Single(_host.Engine.Received);
        Assert.Equal(InboundKind.Button, inbound.Kind);
        Assert.Equal("a:q7:2", inbound.Payload);
    }

    [Fact]
    public async Task FollowCarriesTheProfileDisplayNameAndIsGreetedByReply()
    {
        var user = WebhookFixtures.NewUserId();
        _host.Line.SetProfile(user, "สมใจ ใจดี");
        _host.Engine.Answer = _ => new TurnResult([new TextReply("ยินดีต้อนรับ"), new TextReply("ประกาศความเป็นส่วนตัว")]);

        using var response = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Follow(user, _host.Line.IssueReplyToken(user))));

        var delivery = Assert.Single(await _host.Line.WaitForDeliveriesAsync(user, 1));
        Assert.Equal("reply", delivery.Via);
        Assert.Equal(["ยินดีต้อนรับ", "ประกาศความเป็นส่วนตัว"], delivery.Texts);
        var inbound = Assert.Single(_host.Engine.Received);
        Assert.Equal(InboundKind.Follow, inbound.Kind);
        Assert.Equal("สมใจ ใจดี", inbound.DisplayName);
    }

    [Fact]
    public async Task FriendWhoAddedTheBotEarlierGetsTheDisplayNameFetchedOnce()
    {
        var user = WebhookFixtures.NewUserId();
        _host.Line.SetProfile(user, "สมใจ ใจดี");

        foreach (var text in new[] { "หนึ่ง", "สอง" })
        {
            using var response = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Text(user, _host.Line.IssueReplyToken(user), text)));
        }

        await _host.Line.WaitForDeliveriesAsync(user, 2);
        Assert.Equal(["สมใจ ใจดี", null], _host.Engine.Received.Select(i => i.DisplayName));
        Assert.Single(_host.Line.Calls, c => c.Path.StartsWith("/v2/bot/profile/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task UnfollowIsReportedAsUnreachableAndNothingIsSent()
    {
        var user = WebhookFixtures.NewUserId();

        using var response = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Unfollow(user)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        await _host.IdleAsync();
        Assert.Equal(InboundKind.Unreachable, Assert.Single(_host.Engine.Received).Kind);
        Assert.Empty(_host.Line.Calls);
    }

    [Fact]
    public async Task RedeliveredEventIsProcessedOnce()
    {
        var user = WebhookFixtures.NewUserId();
        var original = WebhookFixtures.Text(user, _host.Line.IssueReplyToken(user), "ข้อ 1");

        using var first = await _host.PostWebhookAsync(WebhookFixtures.Body(original));
        using var again = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Redelivery(original)));

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        await _host.Line.WaitForDeliveriesAsync(user, 1);
        await _host.IdleAsync();
        Assert.Single(_host.Engine.Received);
        Assert.Single(_host.Line.DeliveriesTo(user));
    }

    [Fact]
    public async Task AnswersBeforeTheTurnIsProcessed()
    {
        var user = WebhookFixtures.NewUserId();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Engine.Hold = _ => release.Task;

        using var response = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Text(user, _host.Line.IssueReplyToken(user), "ช้า")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(_host.Line.DeliveriesTo(user));
        release.SetResult();
        Assert.Single(await _host.Line.WaitForDeliveriesAsync(user, 1));
    }

    [Fact]
    public async Task AnEventIsInTheInboxBeforeThe200AndMarkedProcessedOnlyAfterItsReplies()
    {
        var user = WebhookFixtures.NewUserId();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Engine.Hold = _ => release.Task;
        var webhookEvent = WebhookFixtures.Text(user, _host.Line.IssueReplyToken(user), "เก็บไว้ก่อน");

        using var response = await _host.PostWebhookAsync(WebhookFixtures.Body(webhookEvent));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var eventId = (string)webhookEvent["webhookEventId"]!;
        var stored = await InboxRowAsync(eventId);
        Assert.NotNull(stored);
        Assert.Equal(user, stored.ChatId);
        Assert.Null(stored.ProcessedUtc);

        release.SetResult();
        await _host.Line.WaitForDeliveriesAsync(user, 1);
        await _host.IdleAsync();
        Assert.NotNull((await InboxRowAsync(eventId))!.ProcessedUtc);
    }

    [Fact]
    public async Task WhenTheInboxCannotBeWrittenTheWebhookAnswers500AndNothingIsProcessed()
    {
        using (var scope = _host.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
            await db.Database.ExecuteSqlRawAsync("DROP TABLE InboxEvents;");
        }

        var user = WebhookFixtures.NewUserId();
        using var response = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Text(user, _host.Line.IssueReplyToken(user), "หาย")));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        await _host.IdleAsync();
        Assert.Empty(_host.Engine.Received);
        Assert.Empty(_host.Line.DeliveriesTo(user));
    }

    private async Task<InboxEvent?> InboxRowAsync(string eventId)
    {
        using var scope = _host.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
        return await db.InboxEvents.AsNoTracking().SingleOrDefaultAsync(e => e.Channel == LineInbox.Channel && e.EventKey == eventId);
    }

    [Fact]
    public async Task ProcessesEachUsersEventsInOrderAndOtherUsersMeanwhile()
    {
        var slowUser = WebhookFixtures.NewUserId();
        var otherUser = WebhookFixtures.NewUserId();
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        _host.Engine.Hold = inbound => inbound.Text == "หนึ่ง" ? release.Task : Task.CompletedTask;

        foreach (var text in new[] { "หนึ่ง", "สอง", "สาม" })
        {
            using var posted = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Text(slowUser, _host.Line.IssueReplyToken(slowUser), text)));
        }

        using var other = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Text(otherUser, _host.Line.IssueReplyToken(otherUser), "อื่น")));
        await _host.Line.WaitForDeliveriesAsync(otherUser, 1);
        Assert.DoesNotContain(_host.Engine.Received, i => i.Text is "สอง" or "สาม");

        release.SetResult();
        var deliveries = await _host.Line.WaitForDeliveriesAsync(slowUser, 3);
        Assert.Equal(["echo: หนึ่ง", "echo: สอง", "echo: สาม"], deliveries.SelectMany(d => d.Texts));
    }

    [Fact]
    public async Task RefusedReplyTokenSendsTheSameMessagesByPush()
    {
        var user = WebhookFixtures.NewUserId();
        _host.Engine.Answer = _ => new TurnResult([new TextReply("ก"), new PromptReply("ข", [new("ใช่", "yes"), new("ไม่ใช่", "no")])]);

        using var response = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Text(user, "a-token-line-never-issued", "สวัสดี")));

        var delivery = Assert.Single(await _host.Line.WaitForDeliveriesAsync(user, 1));
        Assert.Equal("push", delivery.Via);
        Assert.Equal(["ก", "ข"], delivery.Texts);
        Assert.Equal(["yes", "no"], delivery.Messages[1]!["quickReply"]!["items"]!.AsArray().Select(i => (string?)i!["action"]!["data"]));
        var calls = _host.Line.Calls.Where(c => c.Path.StartsWith("/v2/bot/message/", StringComparison.Ordinal)).ToList();
        Assert.Equal([("/v2/bot/message/reply", 400), ("/v2/bot/message/push", 200)], calls.Select(c => (c.Path, c.Status)));
        Assert.True(Guid.TryParse(calls[1].RetryKey, out _));
        Assert.Equal(1, _host.Line.Consumption);
    }

    [Fact]
    public async Task MoreThanFiveMessagesGoFiveByReplyAndTheRestByPush()
    {
        var user = WebhookFixtures.NewUserId();
        _host.Engine.Answer = _ => new TurnResult([.. Enumerable.Range(1, 7).Select(i => new TextReply($"ข้อความ {i}"))]);

        using var response = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Text(user, _host.Line.IssueReplyToken(user), "เริ่ม")));

        var deliveries = await _host.Line.WaitForDeliveriesAsync(user, 2);
        Assert.Equal(["reply", "push"], deliveries.Select(d => d.Via));
        Assert.Equal([5, 2], deliveries.Select(d => d.Messages.Count));
        Assert.Equal(Enumerable.Range(1, 7).Select(i => $"ข้อความ {i}"), deliveries.SelectMany(d => d.Texts));
    }

    [Fact]
    public async Task StaleButtonGetsTheNotice()
    {
        var user = WebhookFixtures.NewUserId();
        _host.Engine.Answer = _ => new TurnResult([], ButtonOutcome.Stale, Notice: "ปุ่มนี้ใช้ไม่ได้แล้ว กรุณาตอบคำถามล่าสุด");

        using var response = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Postback(user, _host.Line.IssueReplyToken(user), "a:old:1")));

        Assert.Equal(["ปุ่มนี้ใช้ไม่ได้แล้ว กรุณาตอบคำถามล่าสุด"], Assert.Single(await _host.Line.WaitForDeliveriesAsync(user, 1)).Texts);
    }

    [Fact]
    public async Task GroupMessageIsNotPrivateAndIsAnsweredInTheGroup()
    {
        var user = WebhookFixtures.NewUserId();
        const string group = "Ca56f94637cc4347f90a25382909b24b9";

        using var response = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.GroupText(group, user, _host.Line.IssueReplyToken(group), "สวัสดี")));

        await _host.Line.WaitForDeliveriesAsync(group, 1);
        var inbound = Assert.Single(_host.Engine.Received);
        Assert.False(inbound.IsPrivateChat);
        Assert.Equal((user, group), (inbound.UserId, inbound.ChatId));
    }

    [Fact]
    public async Task ScoreCardImproveListAndLongChoiceListsPassLinesLimits()
    {
        var user = WebhookFixtures.NewUserId();
        var report = Reports.Lampang(provisional: true);
        _host.Engine.Answer = _ => new TurnResult(
        [
            new ScoreCardReply("ผลคะแนนของหน่วยงาน", report, "plain"),
            new ImproveListReply("5 ด้านที่ควรพัฒนาก่อน", report, "plain"),
            new PromptReply("กรุณาเลือกจังหวัด", [.. Enumerable.Range(1, 77).Select(i => new Choice($"จังหวัดลำดับที่ {i} ของประเทศไทย", $"p:{i}"))]),
            new PromptReply("สถานะ", [new("มีแผนและดำเนินการครบทุกข้อแล้ว", "s:3"), new("ไม่มี", "s:0")]),
            new TextReply(string.Join('\n', Enumerable.Range(1, 500).Select(i => $"บรรทัด {i} " + new string('ค', 20)))),
        ]);

        using var response = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Text(user, _host.Line.IssueReplyToken(user), "ดูคะแนน")));

        var deliveries = await _host.Line.WaitForDeliveriesAsync(user, 2);
        await _host.IdleAsync();
        Assert.Empty(_host.Line.Violations);
        var messages = _host.Line.DeliveriesTo(user).SelectMany(d => d.Messages).ToList();
        Assert.Equal(["flex", "flex", "text", "flex", "text"], messages.Take(5).Select(m => (string?)m!["type"]));
        var longText = messages.Skip(5).ToList();
        Assert.True(longText.Count >= 3);
        Assert.All(longText, m => Assert.Equal("text", (string?)m!["type"]));
        Assert.Equal(500, longText.Sum(m => ((string?)m!["text"])!.Split('\n').Length));
    }

    [Fact]
    public async Task ExpiredReplyTokenFallsBackToPush()
    {
        var clock = new FakeTimeProvider();
        await using var host = await LineAdapterHost.StartAsync(contracts, new LineApiDoubleOptions { Time = clock, ReplyTokenLifetime = TimeSpan.FromSeconds(30) });
        var user = WebhookFixtures.NewUserId();
        var token = host.Line.IssueReplyToken(user);
        clock.Advance(TimeSpan.FromSeconds(31));

        using var response = await host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Text(user, token, "สวัสดี")));

        var delivery = Assert.Single(await host.Line.WaitForDeliveriesAsync(user, 1));
        Assert.Equal("push", delivery.Via);
        Assert.Equal(["echo: สวัสดี"], delivery.Texts);
        Assert.Equal(1, host.Line.Consumption);
        Assert.Empty(host.Line.Violations);
    }

    [Fact]
    public async Task ReplyTokenOlderThanItsLifetimeIsNotTried()
    {
        await using var host = await LineAdapterHost.StartAsync(contracts, settings: new Dictionary<string, string?> { ["Line:ReplyTokenLifetime"] = "00:00:00" });
        var user = WebhookFixtures.NewUserId();

        using var response = await host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Text(user, host.Line.IssueReplyToken(user), "สวัสดี")));

        Assert.Equal("push", Assert.Single(await host.Line.WaitForDeliveriesAsync(user, 1)).Via);
        Assert.DoesNotContain(host.Line.Calls, c => c.Path == "/v2/bot/message/reply");
    }

    [Fact]
    public async Task ShowsTheLoadingIndicatorWhileASlowAnswerIsPrepared()
    {
        await using var host = await LineAdapterHost.StartAsync(contracts, settings: new Dictionary<string, string?> { ["Line:LoadingIndicatorDelay"] = "00:00:00.050" });
        var user = WebhookFixtures.NewUserId();
        host.Engine.Hold = _ => host.Line.WaitUntilAsync(line => line.LoadingShownTo.Contains(user));

        using var response = await host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Text(user, host.Line.IssueReplyToken(user), "คำนวณคะแนน")));

        Assert.Equal("reply", Assert.Single(await host.Line.WaitForDeliveriesAsync(user, 1)).Via);
        Assert.Equal([user], host.Line.LoadingShownTo);
        Assert.Empty(host.Line.Violations);
    }

    [Fact]
    public async Task QuickAnswerShowsNoLoadingIndicator()
    {
        var user = WebhookFixtures.NewUserId();

        using var response = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Text(user, _host.Line.IssueReplyToken(user), "สวัสดี")));

        await _host.Line.WaitForDeliveriesAsync(user, 1);
        Assert.Empty(_host.Line.LoadingShownTo);
    }

    [Fact]
    public async Task ChannelStatusReportsWebhookModeAndTheLastSuccessfulCall()
    {
        var status = Assert.Single(_host.Services.GetServices<IChannelStatus>());
        Assert.Equal(("line", true, "webhook", (DateTimeOffset?)null), (status.Channel, status.Configured, status.Mode, status.LastSuccess));
        var user = WebhookFixtures.NewUserId();

        using var response = await _host.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Text(user, _host.Line.IssueReplyToken(user), "สวัสดี")));

        await _host.Line.WaitForDeliveriesAsync(user, 1);
        await _host.IdleAsync();
        Assert.NotNull(status.LastSuccess);
    }

    /// <summary>A body sent without Content-Length (chunked).</summary>
    private sealed class ChunkedContent(byte[] body) : HttpContent
    {
        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) => stream.WriteAsync(body).AsTask();

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
