namespace DgBot.Core.Data.Entities;

/// <summary>
/// An inbound platform event written down before the platform was told it arrived (a LINE webhook's 200). It is
/// processed from here in arrival order per chat; <see cref="ProcessedUtc"/> is set once its turn ran and its replies
/// were sent, so a process killed in between finds it again at start-up.
/// </summary>
public sealed class InboxEvent
{
    private InboxEvent()
    {
        Channel = string.Empty;
        EventKey = string.Empty;
        ChatId = string.Empty;
        Body = string.Empty;
    }

    /// <param name="channel">"line" or "telegram".</param>
    /// <param name="eventKey">The platform's id for the event, unique per channel (a redelivery has the same key).</param>
    /// <param name="chatId">The chat it belongs to: events of one chat are processed in <see cref="Id"/> order.</param>
    /// <param name="body">The event as the platform sent it (JSON), to be processed later.</param>
    /// <param name="receivedUtc">When the webhook received it.</param>
    public InboxEvent(string channel, string eventKey, string chatId, string body, DateTime receivedUtc)
    {
        Channel = channel;
        EventKey = eventKey;
        ChatId = chatId;
        Body = body;
        ReceivedUtc = receivedUtc;
    }

    /// <summary>Arrival order.</summary>
    public long Id { get; private set; }

    public string Channel { get; private set; }

    public string EventKey { get; private set; }

    public string ChatId { get; private set; }

    public string Body { get; private set; }

    public DateTime ReceivedUtc { get; private set; }

    /// <summary>How many start-ups found it still waiting (one gives up on it after <see cref="Inbox.MaxAttempts"/>).</summary>
    public int Attempts { get; private set; }

    /// <summary>Set when the event was handled (or given up on); null while it waits.</summary>
    public DateTime? ProcessedUtc { get; private set; }
}
