using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Line;

/// <summary>The <c>Line</c> configuration section. The channel is enabled only when <see cref="ChannelSecret"/> is set.</summary>
public sealed class LineOptions
{
    public const string SectionName = "Line";
    public const string DefaultApiBaseUrl = "https://api.line.me";

    /// <summary>The channel secret (LINE Developers console, Basic settings); the key for webhook signatures.</summary>
    [Required(ErrorMessage = "Line:ChannelSecret is required: the channel secret from the LINE Developers console (Basic settings).")]
    public string ChannelSecret { get; set; } = "";

    /// <summary>A long-lived channel access token (LINE Developers console, Messaging API tab).</summary>
    [Required(ErrorMessage = "Line:ChannelAccessToken is required: issue a long-lived channel access token in the LINE Developers console (Messaging API tab).")]
    public string ChannelAccessToken { get; set; } = "";

    /// <summary>The Messaging API base address; tests point it at a double.</summary>
    [Required(ErrorMessage = "Line:ApiBaseUrl must not be empty (default " + DefaultApiBaseUrl + ").")]
    public string ApiBaseUrl { get; set; } = DefaultApiBaseUrl;

    /// <summary>Webhook bodies larger than this are refused with 413 before the signature is computed.</summary>
    [Range(1024, 16 * 1024 * 1024, ErrorMessage = "Line:MaxWebhookBodyBytes must be between 1024 and 16777216.")]
    public int MaxWebhookBodyBytes { get; set; } = 1024 * 1024;

    /// <summary>A reply token older than this (since the webhook arrived) is not tried: the messages go by push.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Line:ReplyTokenLifetime must be between 00:00:00 and 00:01:00.")]
    public TimeSpan ReplyTokenLifetime { get; set; } = TimeSpan.FromSeconds(25);

    /// <summary>When an answer takes longer than this, the chat shows LINE's loading indicator.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Line:LoadingIndicatorDelay must be between 00:00:00 and 00:01:00.")]
    public TimeSpan LoadingIndicatorDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long the loading indicator shows at most (5 to 60, a multiple of 5; it disappears when a message arrives).</summary>
    public int LoadingSeconds { get; set; } = 20;

    /// <summary>Attempts for one push or multicast request (the same retry key each time) on 429, 5xx or a network error.</summary>
    [Range(1, 10, ErrorMessage = "Line:MaxSendAttempts must be between 1 and 10.")]
    public int MaxSendAttempts { get; set; } = 4;

    /// <summary>The first back-off after a 429 or 5xx when LINE sends no Retry-After; doubles on each attempt.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:01:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Line:RetryBaseDelay must be between 00:00:00 and 00:01:00.")]
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(1);
}

/// <summary>The checks data annotations cannot express; each message names its configuration key.</summary>
public sealed class LineOptionsValidator : IValidateOptions<LineOptions>
{
    public ValidateOptionsResult Validate(string? name, LineOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add($"Line:ApiBaseUrl must be an absolute http(s) address, for example {LineOptions.DefaultApiBaseUrl}.");
        }

        if (options.LoadingSeconds is < 5 or > 60 || options.LoadingSeconds % 5 != 0)
        {
            failures.Add("Line:LoadingSeconds must be a multiple of 5 between 5 and 60.");
        }

        if (options.ChannelSecret.Length > 0 && options.ChannelSecret.Trim().Length != options.ChannelSecret.Length)
        {
            failures.Add("Line:ChannelSecret has leading or trailing spaces: copy it again from the LINE Developers console.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
