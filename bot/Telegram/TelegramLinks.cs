using System.Text.RegularExpressions;

namespace DgBot.Bot.Telegram;

/// <summary>Deep links that open the bot and send <c>/start CODE</c>.</summary>
public static partial class TelegramLinks
{
    /// <summary><c>https://t.me/USERNAME?start=CODE</c>. The code must be 1–64 of A–Z a–z 0–9 _ - (Telegram's rule for start parameters).</summary>
    public static Uri Join(string botUsername, string code)
    {
        ArgumentException.ThrowIfNullOrEmpty(botUsername);
        if (!StartParameter().IsMatch(code ?? ""))
        {
            throw new ArgumentException("A Telegram start parameter is 1–64 characters of A–Z, a–z, 0–9, '_' and '-'.", nameof(code));
        }

        return new Uri($"https://t.me/{botUsername.TrimStart('@')}?start={code}");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex StartParameter();
}
