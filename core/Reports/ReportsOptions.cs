using System.ComponentModel.DataAnnotations;

namespace DgBot.Core.Reports;

/// <summary>
/// The <c>Reports</c> section: where the bot's own web server is reachable from outside, for the report links of chats
/// that cannot receive files (LINE), and how long such a link works.
/// </summary>
public sealed class ReportsOptions : IValidatableObject
{
    public const string Section = "Reports";

    /// <summary>
    /// The public address of the bot's web server (<c>https://bot.example.go.th</c>): a link is this plus
    /// <c>/reports/{token}</c>. Empty: no links; LINE users are told to ask on Telegram or the administrator.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>How long a report link works after it was made (5 minutes to 7 days; default 24 hours).</summary>
    [Range(typeof(TimeSpan), "00:05:00", "7.00:00:00", ErrorMessage = "Reports:LinkLifetime must be a time span between 00:05:00 and 7.00:00:00 (for example 1.00:00:00 for a day).")]
    public TimeSpan LinkLifetime { get; set; } = TimeSpan.FromHours(24);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (PublicBaseUrl is { } url && (!url.IsAbsoluteUri || (url.Scheme != Uri.UriSchemeHttps && url.Scheme != Uri.UriSchemeHttp) || !string.IsNullOrEmpty(url.Query)))
        {
            yield return new ValidationResult(
                "Reports:PublicBaseUrl must be an absolute https:// address without a query (for example https://bot.example.go.th).",
                [nameof(PublicBaseUrl)]);
        }
    }
}
