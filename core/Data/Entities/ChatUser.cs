using DgBot.Core.Conversation;

namespace DgBot.Core.Data.Entities;

/// <summary>What a person may do. Admins are named in configuration, not stored.</summary>
public enum UserRole
{
    /// <summary>Has not joined: sees only how to join.</summary>
    None,

    /// <summary>Answers for, and sees the results of, their own agency.</summary>
    Staff,

    /// <summary>Reads the results of every agency of their province.</summary>
    Officer,
}

/// <summary>A person on one chat platform. Personal data (ids, display name) is erased on request by deleting the row.</summary>
public sealed class ChatUser
{
    private ChatUser()
    {
        PlatformUserId = ChatId = string.Empty;
        State = ConversationState.Initial;
    }

    public ChatUser(ChannelKind channel, string platformUserId, string chatId, string? displayName, DateTime createdUtc)
    {
        Channel = channel;
        PlatformUserId = platformUserId;
        ChatId = chatId;
        DisplayName = displayName;
        CreatedUtc = createdUtc;
        LastSeenUtc = createdUtc;
        State = ConversationState.Initial;
    }

    public int Id { get; private set; }

    public ChannelKind Channel { get; private set; }

    public string PlatformUserId { get; private set; }

    public string ChatId { get; private set; }

    public string? DisplayName { get; private set; }

    public int? AgencyId { get; private set; }

    public Agency? Agency { get; private set; }

    public UserRole Role { get; private set; }

    /// <summary>When the privacy notice was shown and the person went on to use the bot.</summary>
    public DateTime? ConsentUtc { get; private set; }

    public DateTime? JoinedUtc { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime LastSeenUtc { get; private set; }

    /// <summary>The person blocked or unfollowed the bot: reminders skip them until they write again.</summary>
    public bool Unreachable { get; private set; }

    public ConversationState State { get; private set; }

    public void Seen(string chatId, string? displayName, DateTime utcNow)
    {
        ChatId = chatId;
        if (!string.IsNullOrWhiteSpace(displayName))
        {
            DisplayName = displayName;
        }

        LastSeenUtc = utcNow;
        Unreachable = false;
    }

    public void Join(int agencyId, UserRole role, DateTime utcNow)
    {
        AgencyId = agencyId;
        Role = role;
        JoinedUtc = utcNow;
    }

    public void RecordConsent(DateTime utcNow) => ConsentUtc ??= utcNow;

    public void MarkUnreachable() => Unreachable = true;

    public void SetState(ConversationState state) => State = state;
}
