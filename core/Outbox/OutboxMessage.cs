using DgBot.Core.Conversation;

namespace DgBot.Core.Outbox;

/// <summary>Where an outbox message stands.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting to be sent (at or after <see cref="OutboxMessage.NextAttemptUtc"/>).</summary>
    Pending,

    /// <summary>Handed to the platform and not yet confirmed. After a crash: LINE repeats the batch with the same retry key; Telegram marks it <see cref="Uncertain"/>.</summary>
    Attempting,

    /// <summary>The platform accepted it.</summary>
    Sent,

    /// <summary>A Telegram request was in flight when the process died: it may or may not have arrived, so it is not sent again.</summary>
    Uncertain,

    /// <summary>The platform refused it, or the attempts ran out.</summary>
    Failed,

    /// <summary>The person blocked or unfollowed the bot.</summary>
    Unreachable,

    /// <summary>No longer needed when its turn came (the agency submitted in the meantime).</summary>
    Skipped,
}

/// <summary>What an outbox message is.</summary>
public enum OutboxKind
{
    Reminder,
    Digest,
    Broadcast,
}

/// <summary>
/// One message to one person, written before it is sent. (Round, slot, recipient) is unique, so enqueueing the same
/// reminder twice adds nothing. A background sender per platform drains the table.
/// </summary>
public sealed class OutboxMessage
{
    public const int MaxTextLength = 4000;

    private OutboxMessage()
    {
        Slot = ChatId = Text = string.Empty;
    }

    public OutboxMessage(int roundId, string slot, OutboxKind kind, int recipientUserId, ChannelKind channel, string chatId, string text, bool resumeButton, string? sendWindow, DateTime createdUtc)
    {
        RoundId = roundId;
        Slot = slot;
        Kind = kind;
        RecipientUserId = recipientUserId;
        Channel = channel;
        ChatId = chatId;
        Text = text;
        ResumeButton = resumeButton;
        SendWindow = sendWindow;
        CreatedUtc = createdUtc;
        NextAttemptUtc = createdUtc;
    }

    public long Id { get; private set; }

    public int RoundId { get; private set; }

    /// <summary>"d7", "d3", "d1" (days before the deadline), "d0" (the deadline's morning), "digest", or "b:…" for a broadcast.</summary>
    public string Slot { get; private set; }

    public OutboxKind Kind { get; private set; }

    public int RecipientUserId { get; private set; }

    public ChannelKind Channel { get; private set; }

    public string ChatId { get; private set; }

    public string Text { get; private set; }

    /// <summary>Show a "ทำต่อ" choice that resumes the survey.</summary>
    public bool ResumeButton { get; private set; }

    /// <summary>Local (Asia/Bangkok) hours the message may go out in ("09:00-16:00"); null: any time.</summary>
    public string? SendWindow { get; private set; }

    public OutboxStatus Status { get; private set; }

    public int Attempts { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime NextAttemptUtc { get; private set; }

    public DateTime? SentUtc { get; private set; }

    /// <summary>LINE: the multicast batch this message went in; the batch's <c>X-Line-Retry-Key</c>, kept so a retry after a crash repeats the same key.</summary>
    public Guid? BatchKey { get; private set; }

    public string? LastError { get; private set; }

    public void StartAttempt(DateTime utcNow, Guid? batchKey = null)
    {
        Status = OutboxStatus.Attempting;
        Attempts++;
        BatchKey = batchKey ?? BatchKey;
        NextAttemptUtc = utcNow;
    }

    public void MarkSent(DateTime utcNow)
    {
        Status = OutboxStatus.Sent;
        SentUtc = utcNow;
        LastError = null;
    }

    /// <summary>Back to pending, to try again at <paramref name="notBeforeUtc"/> (a LINE batch keeps its retry key).</summary>
    public void Retry(DateTime notBeforeUtc, string? error)
    {
        Status = OutboxStatus.Pending;
        NextAttemptUtc = notBeforeUtc;
        LastError = Truncate(error);
    }

    /// <summary>Not yet: outside the send window, or held back (quota).</summary>
    public void Defer(DateTime notBeforeUtc, string? reason)
    {
        NextAttemptUtc = notBeforeUtc;
        LastError = Truncate(reason);
    }

    public void Fail(string? error)
    {
        Status = OutboxStatus.Failed;
        LastError = Truncate(error);
    }

    public void MarkUnreachable()
    {
        Status = OutboxStatus.Unreachable;
        LastError = "unreachable";
    }

    public void Skip(string reason)
    {
        Status = OutboxStatus.Skipped;
        LastError = Truncate(reason);
    }

    public void MarkUncertain()
    {
        Status = OutboxStatus.Uncertain;
        LastError = "in flight when the process stopped";
    }

    private static string? Truncate(string? text) => text is { Length: > 300 } ? text[..300] : text;
}
