using System.Text.Json;
using System.Text.Json.Serialization;

namespace DgBot.Bot.Line;

// The LINE Messaging API wire format, shaped by ../shared/contracts/line/messaging-api.yml and webhook.yml.
// Objects are flat records with a `type` property and optional members (nulls are not written), built by the
// static factories below, so a Flex tree serialises exactly as LINE documents it without polymorphic converters.

/// <summary>A message object (text or flex) with an optional quick reply.</summary>
public sealed record LineMessage(
    string Type,
    string? Text = null,
    string? AltText = null,
    FlexContainer? Contents = null,
    LineQuickReply? QuickReply = null)
{
    public static LineMessage TextMessage(string text, LineQuickReply? quickReply = null) => new("text", Text: text, QuickReply: quickReply);

    public static LineMessage Flex(string altText, FlexContainer contents, LineQuickReply? quickReply = null) =>
        new("flex", AltText: altText, Contents: contents, QuickReply: quickReply);
}

public sealed record LineQuickReply(IReadOnlyList<LineQuickReplyItem> Items);

public sealed record LineQuickReplyItem(LineAction Action)
{
    public string Type => "action";
}

/// <summary>An action object; DgBot uses postback actions only.</summary>
public sealed record LineAction(string Type, string? Label = null, string? Data = null, string? DisplayText = null)
{
    public static LineAction Postback(string label, string data, string? displayText) => new("postback", label, data, displayText);
}

/// <summary>A Flex container: a bubble (header/body/footer boxes) or a carousel of bubbles.</summary>
public sealed record FlexContainer(
    string Type,
    string? Size = null,
    FlexComponent? Header = null,
    FlexComponent? Body = null,
    FlexComponent? Footer = null,
    IReadOnlyList<FlexContainer>? Contents = null)
{
    public static FlexContainer Bubble(FlexComponent body, FlexComponent? header = null, FlexComponent? footer = null, string? size = null) =>
        new("bubble", size, header, body, footer);

    public static FlexContainer Carousel(IReadOnlyList<FlexContainer> bubbles) => new("carousel", Contents: bubbles);
}

/// <summary>A Flex component (box, text, button, separator, filler) with the properties DgBot uses.</summary>
public sealed record FlexComponent(string Type)
{
    public string? Layout { get; init; }

    public IReadOnlyList<FlexComponent>? Contents { get; init; }

    public string? Text { get; init; }

    public int? Flex { get; init; }

    public string? Size { get; init; }

    public string? Weight { get; init; }

    public string? Color { get; init; }

    public string? Align { get; init; }

    public bool? Wrap { get; init; }

    public string? Margin { get; init; }

    public string? Spacing { get; init; }

    public string? Width { get; init; }

    public string? Height { get; init; }

    public string? BackgroundColor { get; init; }

    public string? CornerRadius { get; init; }

    public string? PaddingAll { get; init; }

    public string? Style { get; init; }

    public LineAction? Action { get; init; }

    public static FlexComponent Box(string layout, params IReadOnlyList<FlexComponent> contents) => new("box") { Layout = layout, Contents = contents };

    public static FlexComponent TextBlock(string text) => new("text") { Text = text, Wrap = true };

    public static FlexComponent Button(LineAction action) => new("button") { Action = action };

    public static FlexComponent Separator() => new("separator");

    public static FlexComponent Filler() => new("filler");
}

public sealed record LineReplyRequest(string ReplyToken, IReadOnlyList<LineMessage> Messages);

public sealed record LinePushRequest(string To, IReadOnlyList<LineMessage> Messages);

public sealed record LineMulticastRequest(IReadOnlyList<string> To, IReadOnlyList<LineMessage> Messages);

public sealed record LineLoadingRequest(string ChatId, int LoadingSeconds);

public sealed record LineQuotaResponse(string Type, long? Value);

public sealed record LineQuotaConsumptionResponse(long TotalUsage);

public sealed record LineProfileResponse(string DisplayName, string UserId);

public sealed record LineErrorResponse(string? Message);

/// <summary>The webhook request body (<c>CallbackRequest</c>).</summary>
public sealed record LineWebhookBody(string? Destination, IReadOnlyList<LineWebhookEvent>? Events);

/// <summary>One webhook event; only the members DgBot reads (others are ignored).</summary>
public sealed record LineWebhookEvent(
    string? Type,
    string? WebhookEventId,
    long Timestamp,
    string? Mode,
    LineEventSource? Source,
    string? ReplyToken,
    LineEventMessage? Message,
    LineEventPostback? Postback,
    LineDeliveryContext? DeliveryContext);

public sealed record LineEventSource(string? Type, string? UserId, string? GroupId, string? RoomId);

public sealed record LineEventMessage(string? Type, string? Id, string? Text);

public sealed record LineEventPostback(string? Data);

public sealed record LineDeliveryContext(bool IsRedelivery);

/// <summary>The channel's Thai display texts (Texts/line.th.json).</summary>
public sealed record LineTexts(
    string Overall,
    string Stage,
    string Provisional,
    string Score,
    string PeerScore,
    string Gap,
    string NoScore,
    string ChooseFromList);

[JsonSourceGenerationOptions(
    JsonSerializerDefaults.Web,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(LineMessage))]
[JsonSerializable(typeof(LineReplyRequest))]
[JsonSerializable(typeof(LinePushRequest))]
[JsonSerializable(typeof(LineMulticastRequest))]
[JsonSerializable(typeof(LineLoadingRequest))]
[JsonSerializable(typeof(LineQuotaResponse))]
[JsonSerializable(typeof(LineQuotaConsumptionResponse))]
[JsonSerializable(typeof(LineProfileResponse))]
[JsonSerializable(typeof(LineErrorResponse))]
[JsonSerializable(typeof(LineWebhookBody))]
[JsonSerializable(typeof(LineWebhookEvent))]
[JsonSerializable(typeof(LineTexts))]
public sealed partial class LineJsonContext : JsonSerializerContext;
