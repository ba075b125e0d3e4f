using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Telegram;

/// <summary>Checks the settings data annotations cannot express; every message names the configuration key.</summary>
internal sealed partial class TelegramOptionsValidator : IValidateOptions<TelegramOptions>
{
    public ValidateOptionsResult Validate(string? name, TelegramOptions options)
    {
        var failures = new List<string>();

        if (!TokenShape().IsMatch(options.Token))
        {
            failures.Add("Telegram:Token must look like <digits>:<secret>, as @BotFather gives it.");
        }

        if (!Uri.TryCreate(options.ApiBaseUrl, UriKind.Absolute, out var api) || (api.Scheme != Uri.UriSchemeHttps && api.Scheme != Uri.UriSchemeHttp))
        {
            failures.Add("Telegram:ApiBaseUrl must be an absolute http(s) address, for example https://api.telegram.org.");
        }
        else if (api.AbsolutePath != "/" || !string.IsNullOrEmpty(api.Query))
        {
            // Telegram.Bot sends to {scheme}://{authority}/bot{token}/{method} and drops any path: refuse one rather than ignore it.
            failures.Add("Telegram:ApiBaseUrl must be a server address without a path (scheme://host[:port]); Telegram.Bot ignores any path.");
        }

        if (!string.IsNullOrEmpty(options.BotUsername) && !UsernameShape().IsMatch(options.BotUsername))
        {
            failures.Add("Telegram:BotUsername must be the bot's username without '@' (5–32 letters, digits or '_', ending in 'bot').");
        }

        if (options.Mode == TelegramMode.Webhook)
        {
            if (!Uri.TryCreate(options.WebhookUrl, UriKind.Absolute, out var hook) || hook.Scheme != Uri.UriSchemeHttps)
            {
                failures.Add("Telegram:WebhookUrl must be the public https:// address of the bot when Telegram:Mode is webhook.");
            }
            else if (!hook.AbsolutePath.EndsWith(TelegramOptions.WebhookPath, StringComparison.Ordinal))
            {
                failures.Add($"Telegram:WebhookUrl must end with {TelegramOptions.WebhookPath}, where the bot listens.");
            }

            if (string.IsNullOrEmpty(options.WebhookSecret) || !SecretShape().IsMatch(options.WebhookSecret))
            {
                failures.Add("Telegram:WebhookSecret is required when Telegram:Mode is webhook: 1–256 characters of A–Z, a–z, 0–9, '_' and '-'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    [GeneratedRegex(@"^[0-9]{1,20}:[A-Za-z0-9_-]{20,}$")]
    private static partial Regex TokenShape();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]{3,30}[Bb][Oo][Tt]$")]
    private static partial Regex UsernameShape();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,256}$")]
    private static partial Regex SecretShape();
}
