using System.ComponentModel.DataAnnotations;

namespace DgBot.Bot.Telegram;

/// <summary>How updates reach the bot.</summary>
public enum TelegramMode
{
    /// <summary>Long polling with getUpdates (the default; needs no public address).</summary>
    Polling,

    /// <summary>Telegram posts each update to <see cref="TelegramOptions.WebhookUrl"/> (needs public HTTPS).</summary>
    Webhook,
}

/// <summary>The <c>Telegram</c> configuration section. The channel is off when <see cref="Token"/> is empty.</summary>
public sealed class TelegramOptions
{
    public const string Section = "Telegram";

    /// <summary>The path the webhook endpoint listens on; <see cref="WebhookUrl"/> must end with it.</summary>
    public const string WebhookPath = "/telegram/webhook";

    public const string DefaultApiBaseUrl = "https://api.telegram.org";

    /// <summary>The bot token from @BotFather (<c>123456:ABC-…</c>). Never logged.</summary>
    [Required(ErrorMessage = "Telegram:Token is required (the token @BotFather gave you).")]
    public string Token { get; set; } = "";

    /// <summary>The Bot API server; tests point it at a loopback double.</summary>
    [Required(ErrorMessage = "Telegram:ApiBaseUrl is required.")]
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>The bot's @username without the @, for deep links (<c>https://t.me/USERNAME?start=CODE</c>).</summary>
    public string? BotUsername { get; set; }

    public TelegramMode Mode { get; set; } = TelegramMode.Polling;

    /// <summary>The public HTTPS address Telegram posts to, ending with <see cref="WebhookPath"/> (webhook mode only).</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The secret Telegram sends back in <c>X-Telegram-Bot-Api-Secret-Token</c> (webhook mode only; 1–256 of A–Z a–z 0–9 _ -).</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Long-poll timeout for getUpdates, in seconds.</summary>
    [Range(0, 50, ErrorMessage = "Telegram:PollingTimeoutSeconds must be between 0 and 50.")]
    public int PollingTimeoutSeconds { get; set; } = 25;

    /// <summary>Calls per second to the Bot API for the whole bot (Telegram allows about 30 messages/s in bulk).</summary>
    [Range(0.1, 1000, ErrorMessage = "Telegram:GlobalRatePerSecond must be between 0.1 and 1000.")]
    public double GlobalRatePerSecond { get; set; } = 25;

    /// <summary>
    /// How many calls may go at once, after a quiet moment, before the global rate spaces them: a few people pressing in
    /// the same instant are not queued 1/<see cref="GlobalRatePerSecond"/> apart. Any one second then holds at most
    /// rate + burst calls (28 with the defaults, under Telegram's 30).
    /// </summary>
    [Range(1, 10, ErrorMessage = "Telegram:GlobalBurst must be between 1 and 10.")]
    public int GlobalBurst { get; set; } = 3;

    /// <summary>
    /// New messages per second that answer nobody (reminders, broadcasts), within <see cref="GlobalRatePerSecond"/>:
    /// set it below the global rate to keep headroom for replies while a broadcast runs.
    /// </summary>
    [Range(0.1, 1000, ErrorMessage = "Telegram:BroadcastRatePerSecond must be between 0.1 and 1000.")]
    public double BroadcastRatePerSecond { get; set; } = 25;

    /// <summary>
    /// The least time between two new messages in one chat (Telegram asks for about one per second); edits do not wait
    /// for it. The default is 1.05 s, not 1 s: the spacing is measured when a message leaves, and its arrival can be
    /// a little earlier relative to the previous one, so with exactly 1 s a strict per-chat limit refused messages that
    /// came 921–1000 ms apart and each 429 held the chat a further second (docs/benchmarks.md, "Telegram end to end").
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ErrorMessage = "Telegram:PerChatInterval must be between 00:00:00 and 00:01:00.")]
    public TimeSpan PerChatInterval { get; set; } = TimeSpan.FromMilliseconds(1050);

    /// <summary>How often one call is tried again after 429 Too Many Requests before the sender gives up.</summary>
    [Range(1, 100, ErrorMessage = "Telegram:MaxRetries must be between 1 and 100.")]
    public int MaxRetries { get; set; } = 10;

    /// <summary>How long an update in hand may still take after shutdown was asked for; after that it stays in the inbox for the next start.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00", ErrorMessage = "Telegram:ShutdownGrace must be between 00:00:00 and 00:05:00.")]
    public TimeSpan ShutdownGrace { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The pause after a failed getUpdates or a failed update before trying again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:10:00", ErrorMessage = "Telegram:ErrorCooldown must be between 00:00:00 and 00:10:00.")]
    public TimeSpan ErrorCooldown { get; set; } = TimeSpan.FromSeconds(5);
}
