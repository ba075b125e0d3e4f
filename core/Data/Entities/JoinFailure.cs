using DgBot.Core.Conversation;

namespace DgBot.Core.Data.Entities;

/// <summary>A wrong invitation code sent by someone; five within fifteen minutes lock them out for a while.</summary>
public sealed class JoinFailure
{
    private JoinFailure()
    {
        PlatformUserId = string.Empty;
    }

    public JoinFailure(ChannelKind channel, string platformUserId, DateTime atUtc)
    {
        Channel = channel;
        PlatformUserId = platformUserId;
        AtUtc = atUtc;
    }

    public long Id { get; private set; }

    public ChannelKind Channel { get; private set; }

    public string PlatformUserId { get; private set; }

    public DateTime AtUtc { get; private set; }
}
