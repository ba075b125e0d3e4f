namespace DgBot.Core.Conversation;

/// <summary>Engine settings from configuration.</summary>
public sealed class EngineOptions
{
    /// <summary>Administrators as "channel:userId" (for example "telegram:123456", "line:U4af…", "console:local").</summary>
    public IReadOnlySet<string> Admins { get; init; } = new HashSet<string>(StringComparer.OrdinalIgnoreCase);

    /// <summary>What the privacy notice names (<c>Privacy:*</c> settings).</summary>
    public PrivacyOptions Privacy { get; init; } = new();

    public bool IsAdmin(ChannelKind channel, string userId) =>
        Admins.Contains(channel.ToString().ToLowerInvariant() + ":" + userId);
}

/// <summary>
/// The privacy notice's facts (PDPA section 23): who controls the data, whom to contact, and how long personal data is
/// kept after a round closes. Operators set them for their deployment (<c>Privacy:Controller</c>, <c>Privacy:Contact</c>,
/// <c>Privacy:RetentionDays</c>).
/// </summary>
public sealed class PrivacyOptions
{
    public string Controller { get; init; } = "สำนักงานพัฒนารัฐบาลดิจิทัล (องค์การมหาชน)";

    public string Contact { get; init; } = "ผู้ดูแลระบบ DgBot ของหน่วยงานผู้จัดการสำรวจ";

    /// <summary>Days after a round closes that respondents' chat ids and display names are kept; then they are erased.</summary>
    public int RetentionDays { get; init; } = 365;
}
