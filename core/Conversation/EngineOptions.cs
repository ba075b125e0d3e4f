namespace DgBot.Core.Conversation;

/// <summary>Engine settings from configuration.</summary>
public sealed class EngineOptions
{
    /// <summary>Administrators as "channel:userId" (for example "telegram:123456", "line:U4af…", "console:local").</summary>
    public IReadOnlySet<string> Admins { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    public bool IsAdmin(ChannelKind channel, string userId) =>
        Admins.Contains(channel.ToString().ToLowerInvariant() + ":" + userId);
}
