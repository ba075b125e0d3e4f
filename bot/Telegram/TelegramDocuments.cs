using DgBot.Core.Conversation;
using Telegram.Bot;
using Telegram.Bot.Types;

namespace DgBot.Bot.Telegram;

/// <summary>
/// Telegram's rendering of a <see cref="DocumentReply"/>: the file sent with <c>sendDocument</c> (a multipart upload),
/// rendered once, after the turn committed, with its caption cut to Telegram's 1024 characters.
/// </summary>
internal static class TelegramDocuments
{
    public static async Task SendAsync(TelegramSender sender, long chatId, DocumentReply document, CancellationToken cancellationToken)
    {
        var bytes = document.Build();
        var caption = TelegramText.Truncate(document.Caption, TelegramText.MaxCaptionLength);
        await sender.CallAsync(chatId, async (c, ct) =>
        {
            // A fresh stream per attempt: a retried upload must send the whole file again.
            using var stream = new MemoryStream(bytes, writable: false);
            return await c.SendDocument(chatId, InputFile.FromStream(stream, document.FileName), caption: caption, cancellationToken: ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }
}
