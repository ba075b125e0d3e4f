using System.Text.Json;
using DgBot.Core.Data.Entities;

namespace DgBot.Bot.Line;

/// <summary>LINE's rows of the durable inbox: the channel name they are stored under and how a row becomes work again.</summary>
public static class LineInbox
{
    public const string Channel = "line";

    /// <summary>The work of a stored row (the event as LINE sent it), or null when the row cannot be read.</summary>
    public static LineEventWork? ToWork(InboxEvent row)
    {
        ArgumentNullException.ThrowIfNull(row);
        LineWebhookEvent? webhookEvent;
        try
        {
            webhookEvent = JsonSerializer.Deserialize(row.Body, LineJsonContext.Default.LineWebhookEvent);
        }
        catch (JsonException)
        {
            return null;
        }

        return webhookEvent is null ? null : new LineEventWork(webhookEvent, row.ChatId, new DateTimeOffset(row.ReceivedUtc, TimeSpan.Zero), row.Id);
    }
}
