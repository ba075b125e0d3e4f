namespace DgBot.Bot.Hosting;

/// <summary>
/// What a channel tells /healthz: whether it is configured, how it runs, and when its last call to the
/// platform succeeded. Each channel registers one implementation as a singleton.
/// </summary>
public interface IChannelStatus
{
    /// <summary>"telegram", "line" or "console".</summary>
    string Channel { get; }

    bool Configured { get; }

    /// <summary>For example "polling" or "webhook".</summary>
    string Mode { get; }

    /// <summary>UTC time of the last successful call to the platform, if any.</summary>
    DateTimeOffset? LastSuccess { get; }
}
