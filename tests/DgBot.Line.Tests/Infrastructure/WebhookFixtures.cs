using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace DgBot.Line.Tests.Infrastructure;

/// <summary>
/// Webhook events built from the fixtures in Fixtures/webhook (checked against webhook.yml), with the user, reply
/// token, event id and content of each test.
/// </summary>
public static class WebhookFixtures
{
    private const string Crockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    public static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "webhook", name + ".json"));

    /// <summary>A new LINE-style user id (U + 32 hex digits).</summary>
    public static string NewUserId() => "U" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>A new ULID-shaped webhook event id.</summary>
    public static string NewEventId() => string.Concat(RandomNumberGenerator.GetItems<char>(Crockford, 26));

    public static JsonObject Follow(string userId, string replyToken, string? eventId = null) =>
        Event("follow", userId, eventId, e => e["replyToken"] = replyToken);

    public static JsonObject Unfollow(string userId, string? eventId = null) => Event("unfollow", userId, eventId, _ => { });

    public static JsonObject Text(string userId, string replyToken, string text, string? eventId = null) =>
        Event("text-message", userId, eventId, e =>
        {
            e["replyToken"] = replyToken;
            e["message"]!["text"] = text;
        });

    public static JsonObject Postback(string userId, string replyToken, string data, string? eventId = null) =>
        Event("postback", userId, eventId, e =>
        {
            e["replyToken"] = replyToken;
            e["postback"]!["data"] = data;
        });

    public static JsonObject GroupText(string groupId, string userId, string replyToken, string text) =>
        Event("group-text-message", userId, null, e =>
        {
            e["source"]!["groupId"] = groupId;
            e["replyToken"] = replyToken;
            e["message"]!["text"] = text;
        });

    /// <summary>The same event, as LINE redelivers it (same webhookEventId, isRedelivery true).</summary>
    public static JsonObject Redelivery(JsonObject webhookEvent)
    {
        var copy = webhookEvent.DeepClone().AsObject();
        copy["deliveryContext"]!["isRedelivery"] = true;
        return copy;
    }

    /// <summary>A webhook request body holding <paramref name="events"/>.</summary>
    public static string Body(params JsonObject[] events)
    {
        var body = JsonNode.Parse(Read("connectivity-check"))!.AsObject();
        body["events"] = new JsonArray([.. events.Select(e => (JsonNode)e.DeepClone())]);
        return body.ToJsonString();
    }

    private static JsonObject Event(string fixture, string userId, string? eventId, Action<JsonObject> fill)
    {
        var webhookEvent = JsonNode.Parse(Read(fixture))!["events"]![0]!.DeepClone().AsObject();
        webhookEvent["source"]!["userId"] = userId;
        webhookEvent["webhookEventId"] = eventId ?? NewEventId();
        fill(webhookEvent);
        return webhookEvent;
    }
}
