namespace DgBot.Core.Conversation;

/// <summary>The chat platforms DgBot talks on. Stored as a string.</summary>
public enum ChannelKind
{
    Console,
    Telegram,
    Line,
}

/// <summary>What kind of platform event an <see cref="Inbound"/> carries.</summary>
public enum InboundKind
{
    /// <summary>A typed text message (<see cref="Inbound.Text"/>).</summary>
    Text,

    /// <summary>A button press: Telegram callback query, LINE postback (<see cref="Inbound.Payload"/>).</summary>
    Button,

    /// <summary>The person added the bot (LINE follow).</summary>
    Follow,

    /// <summary>The person can no longer be reached (LINE unfollow, Telegram 403 blocked).</summary>
    Unreachable,
}

/// <summary>
/// A channel-neutral inbound event. Adapters build it from a platform event; the engine never sees platform types.
/// </summary>
/// <param name="Channel">Which platform.</param>
/// <param name="UserId">The platform's user id (Telegram user id, LINE userId, console user name).</param>
/// <param name="ChatId">Where replies go (Telegram chat id; LINE userId; console).</param>
/// <param name="DisplayName">The person's display name, when the platform gives it.</param>
/// <param name="Kind">What happened.</param>
/// <param name="Text">The text typed, for <see cref="InboundKind.Text"/>.</param>
/// <param name="Payload">The button payload, for <see cref="InboundKind.Button"/>.</param>
/// <param name="EventId">The platform's event id (Telegram update id, LINE webhookEventId) for de-duplication; null when the platform has none.</param>
/// <param name="IsPrivateChat">False in group chats, where the bot only says it works in private chats.</param>
public sealed record Inbound(
    ChannelKind Channel,
    string UserId,
    string ChatId,
    string? DisplayName,
    InboundKind Kind,
    string? Text = null,
    string? Payload = null,
    string? EventId = null,
    bool IsPrivateChat = true);
