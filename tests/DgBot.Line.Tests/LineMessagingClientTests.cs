using System.Net;
using System.Text;
using DgBot.Bot.Line;
using DgBot.Line.Tests.Infrastructure;
using DgBot.TestDoubles.Line;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DgBot.Line.Tests;

/// <summary>The typed Messaging API client against the LINE double (whose requests Prism also checks).</summary>
[Collection(LineContractGroup.Name)]
public sealed class LineMessagingClientTests(ContractMocks contracts) : IAsyncLifetime
{
    private LineApiDouble _line = null!;
    private ServiceProvider _services = null!;

    private LineMessagingClient Client => _services.GetRequiredService<LineMessagingClient>();

    public Task InitializeAsync() => StartAsync(quotaLimit: 1000);

    public async Task DisposeAsync()
    {
        await _services.DisposeAsync();
        await _line.DisposeAsync();
    }

    private static IReadOnlyList<LineMessage> Hello => [LineMessage.TextMessage("สวัสดี")];

    [Fact]
    public async Task PushCarriesARetryKeyAndCountsOneMessagePerRecipient()
    {
        var key = Guid.NewGuid();

        var result = await Client.PushAsync("U1", [LineMessage.TextMessage("ก"), LineMessage.TextMessage("ข")], key, CancellationToken.None);

        Assert.Equal(LineSendStatus.Delivered, result.Status);
        Assert.Equal(key.ToString(), Assert.Single(_line.Calls).RetryKey);
        Assert.Equal(1, _line.Consumption);
        Assert.Empty(_line.Violations);
    }

    [Fact]
    public async Task MulticastCountsQuotaPerRecipient()
    {
        string[] users = ["U1", "U2", "U3"];

        var result = await Client.MulticastAsync(users, Hello, Guid.NewGuid(), CancellationToken.None);

        Assert.True(result.Delivered);
        Assert.Equal(3, _line.Consumption);
        Assert.Equal(users, _line.Deliveries.Select(d => d.To));
        Assert.All(_line.Deliveries, d => Assert.Equal("multicast", d.Via));
    }

    [Fact]
    public async Task MulticastRefusesMoreThanFiveHundredRecipients()
    {
        var users = Enumerable.Range(0, 501).Select(i => $"U{i}").ToList();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Client.MulticastAsync(users, Hello, Guid.NewGuid(), CancellationToken.None));
        Assert.Empty(_line.Calls);
    }

    [Fact]
    public async Task BacksOffOn429AndRetriesWithTheSameRetryKey()
    {
        _line.InjectFailures("/v2/bot/message/push", 429, count: 2);

        var result = await Client.PushAsync("U1", Hello, Guid.NewGuid(), CancellationToken.None);

        Assert.True(result.Delivered);
        var calls = _line.Calls;
        Assert.Equal([429, 429, 200], calls.Select(c => c.Status));
        Assert.Single(calls.Select(c => c.RetryKey).Distinct());
        Assert.Single(_line.Deliveries);
        Assert.Equal(1, _line.Consumption);
    }

    [Fact]
    public async Task ConflictOnARetryCountsAsDelivered()
    {
        // LINE accepted the first request but the answer was lost (500): the retry with the same key answers 409.
        _line.InjectFailures("/v2/bot/message/push", 500, afterAccepting: true);

        var result = await Client.PushAsync("U1", Hello, Guid.NewGuid(), CancellationToken.None);

        Assert.Equal(LineSendStatus.Delivered, result.Status);
        Assert.Equal([500, 409], _line.Calls.Select(c => c.Status));
        Assert.Single(_line.Deliveries);
        Assert.Equal(1, _line.Consumption);
    }

    [Fact]
    public async Task GivesUpAfterTheConfiguredAttempts()
    {
        _line.InjectFailures("/v2/bot/message/push", 429, count: 10);

        var result = await Client.PushAsync("U1", Hello, Guid.NewGuid(), CancellationToken.None);

        Assert.Equal((LineSendStatus.Failed, 429), (result.Status, result.StatusCode));
        Assert.Equal(3, _line.Calls.Count);
        Assert.Empty(_line.Deliveries);
    }

    [Fact]
    public async Task MonthlyLimitReachedIsNotDelivered()
    {
        await DisposeAsync();
        await StartAsync(quotaLimit: 1);

        var first = await Client.PushAsync("U1", Hello, Guid.NewGuid(), CancellationToken.None);
        var second = await Client.PushAsync("U2", Hello, Guid.NewGuid(), CancellationToken.None);

        Assert.True(first.Delivered);
        Assert.False(second.Delivered);
        Assert.Equal(1, _line.Consumption);
    }

    [Fact]
    public async Task RefusedRequestIsNotRetried()
    {
        var result = await Client.PushAsync("U1", [LineMessage.TextMessage(new string('ก', 5001))], Guid.NewGuid(), CancellationToken.None);

        Assert.Equal((LineSendStatus.Rejected, 400), (result.Status, result.StatusCode));
        Assert.Single(_line.Calls);
        Assert.Contains(_line.Violations, v => v.Contains("text must be 1 to 5000", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ReplyTokenIsSingleUse()
    {
        var token = _line.IssueReplyToken("U1");

        var first = await Client.ReplyAsync(token, Hello, CancellationToken.None);
        var second = await Client.ReplyAsync(token, Hello, CancellationToken.None);

        Assert.True(first.Delivered);
        Assert.Equal((LineSendStatus.Rejected, 400), (second.Status, second.StatusCode));
        Assert.Equal(0, _line.Consumption);
    }

    [Fact]
    public async Task ReadsQuotaAndConsumption()
    {
        await Client.MulticastAsync(["U1", "U2"], Hello, Guid.NewGuid(), CancellationToken.None);

        var quota = await Client.GetQuotaAsync(CancellationToken.None);

        Assert.Equal(new LineQuota(1000, 2), quota);
        Assert.Equal(998, quota.Remaining);
    }

    [Fact]
    public async Task QuotaWithoutATargetLimitHasNoLimit()
    {
        await DisposeAsync();
        await StartAsync(quotaLimit: null);

        var quota = await Client.GetQuotaAsync(CancellationToken.None);

        Assert.Null(quota.Limit);
        Assert.Null(quota.Remaining);
    }

    [Fact]
    public async Task ProfileGivesTheDisplayNameOrNull()
    {
        _line.SetProfile("U1", "สมใจ");

        Assert.Equal(new LineProfile("U1", "สมใจ"), await Client.GetProfileAsync("U1", CancellationToken.None));
        Assert.Null(await Client.GetProfileAsync("U2", CancellationToken.None));
    }

    [Fact]
    public async Task LoadingIndicatorIsShownInTheChat()
    {
        Assert.True(await Client.StartLoadingAsync("U1", 20, CancellationToken.None));
        Assert.Equal(["U1"], _line.LoadingShownTo);
    }

    [Fact]
    public async Task DoubleRejectsQuickRepliesOverLinesLimits()
    {
        var items = Enumerable.Range(1, 14).Select(i => new LineQuickReplyItem(LineAction.Postback($"ตัวเลือก {i}", $"x:{i}", null))).ToList();
        var longLabel = new LineQuickReplyItem(LineAction.Postback(new string('ก', 21), "x", null));

        var tooMany = await Client.PushAsync("U1", [LineMessage.TextMessage("ก", new LineQuickReply(items))], Guid.NewGuid(), CancellationToken.None);
        var tooLong = await Client.PushAsync("U1", [LineMessage.TextMessage("ก", new LineQuickReply([longLabel]))], Guid.NewGuid(), CancellationToken.None);
        var noAltText = await Client.PushAsync("U1", [LineMessage.Flex("", FlexContainer.Bubble(FlexComponent.Box("vertical", FlexComponent.TextBlock("ก"))))], Guid.NewGuid(), CancellationToken.None);

        Assert.All([tooMany, tooLong, noAltText], r => Assert.Equal(LineSendStatus.Rejected, r.Status));
        Assert.Equal(3, _line.Violations.Count);
        Assert.Empty(_line.Deliveries);
    }

    [Fact]
    public async Task PrismRejectsRequestsThatBreakMessagingApiYaml()
    {
        // notificationDisabled must be a boolean: only the schema check (Prism) knows that.
        using var http = new HttpClient { BaseAddress = _line.BaseAddress };
        using var request = new HttpRequestMessage(HttpMethod.Post, "v2/bot/message/push")
        {
            Content = new StringContent("""{"to":"U1","messages":[{"type":"text","text":"ก"}],"notificationDisabled":"yes"}""", Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", _line.AccessToken);

        using var response = await http.SendAsync(request);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(_line.Violations, v => v.StartsWith("contract:", StringComparison.Ordinal) && v.Contains("notificationDisabled", StringComparison.Ordinal));
        Assert.Empty(_line.Deliveries);
    }

    private async Task StartAsync(long? quotaLimit)
    {
        _line = await LineApiDouble.StartAsync(new LineApiDoubleOptions { QuotaLimit = quotaLimit, ContractMock = contracts.MessagingApi.BaseAddress });
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Line:ChannelSecret"] = "secret",
            ["Line:ChannelAccessToken"] = _line.AccessToken,
            ["Line:ApiBaseUrl"] = _line.BaseAddress.ToString(),
            ["Line:MaxSendAttempts"] = "3",
            ["Line:RetryBaseDelay"] = "00:00:00.001",
        }).Build();
        var services = new ServiceCollection().AddSingleton<IConfiguration>(configuration).AddLogging();
        services.AddLineClient();
        _services = services.BuildServiceProvider();
    }
}
