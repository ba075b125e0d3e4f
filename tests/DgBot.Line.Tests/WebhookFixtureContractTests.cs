using DgBot.Line.Tests.Infrastructure;

namespace DgBot.Line.Tests;

/// <summary>The webhook fixtures every test builds on are valid request bodies by LINE's webhook.yml (Prism).</summary>
[Collection(LineContractGroup.Name)]
public sealed class WebhookFixtureContractTests(ContractMocks contracts)
{
    private static IEnumerable<string> Names() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "webhook"), "*.json").Select(f => Path.GetFileNameWithoutExtension(f)).Order();

    public static TheoryData<string> Fixtures() => [.. Names()];

    [Theory]
    [MemberData(nameof(Fixtures))]
    public async Task FixtureIsAValidWebhookBody(string fixture) =>
        Assert.Null(await contracts.WebhookViolationsAsync(WebhookFixtures.Read(fixture)));

    [Fact]
    public async Task WebhookMockRejectsAnEventWithoutItsRequiredFields()
    {
        var body = WebhookFixtures.Read("text-message").Replace("\"webhookEventId\"", "\"webhookEventIdentifier\"", StringComparison.Ordinal);

        var violations = await contracts.WebhookViolationsAsync(body);

        Assert.NotNull(violations);
        Assert.Contains("webhookEventId", violations, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FixturesCoverEveryEventTheChannelHandles()
    {
        var types = Names().Select(WebhookFixtures.Read).SelectMany(body => System.Text.Json.Nodes.JsonNode.Parse(body)!["events"]!.AsArray())
            .Select(e => (string?)e!["type"]).ToHashSet();

        Assert.Superset(new HashSet<string?> { "follow", "unfollow", "message", "postback" }, types);
        Assert.Null(await contracts.WebhookViolationsAsync(WebhookFixtures.Read("connectivity-check")));
    }
}
