using System.Globalization;
using DgBot.Bot.Telegram.Charts;
using DgBot.Core.Conversation;
using Microsoft.Extensions.Logging;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;
using Telegram.Bot.Types.Enums;

namespace DgBot.Bot.Telegram;

/// <summary>
/// One Telegram update, one conversation turn: the update becomes an <see cref="Inbound"/>, the engine (from this update's
/// DI scope) commits the turn, and the replies are rendered the Telegram way: inline keyboards, the answered question
/// edited into a record of the answer, long texts split, the score card with its chart.
/// </summary>
internal sealed partial class TelegramUpdateHandler(
    IConversationEngine engine,
    TelegramSender sender,
    ScoreChart chart,
    TelegramTexts texts,
    ILogger<TelegramUpdateHandler> logger)
{
    public async Task HandleAsync(Update update, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(update);
        var eventId = update.Id.ToString(CultureInfo.InvariantCulture);
        var work = update switch
        {
            // A message or press without a chat (malformed, or not from a chat DgBot is in) is ignored, never a failure.
            { Message: { Text: { } text, From: { IsBot: false } from, Chat: not null } message } =>
                HandleTextAsync(message, from, NormaliseCommand(text), eventId, cancellationToken),
            { CallbackQuery: { From: not null } query } => HandleButtonAsync(query, eventId, cancellationToken),
            _ => Ignore(update),
        };
        await work.ConfigureAwait(false);
    }

    private Task Ignore(Update update)
    {
        Log.Ignored(logger, update.Id, update.Type);
        return Task.CompletedTask;
    }

    private async Task HandleTextAsync(Message message, User from, string text, string eventId, CancellationToken cancellationToken)
    {
        var inbound = new Inbound(
            ChannelKind.Telegram,
            from.Id.ToString(CultureInfo.InvariantCulture),
            message.Chat.Id.ToString(CultureInfo.InvariantCulture),
            DisplayName(from),
            InboundKind.Text,
            Text: text,
            EventId: eventId,
            IsPrivateChat: message.Chat.Type == ChatType.Private);
        var result = await engine.HandleAsync(inbound, cancellationToken).ConfigureAwait(false);
        await RenderAsync(message.Chat.Id, from.Id, result, pressed: null, cancellationToken).ConfigureAwait(false);
    }

    private async Task HandleButtonAsync(CallbackQuery query, string eventId, CancellationToken cancellationToken)
    {
        if (query.Data is not { } payload || query.Message is not { Chat: not null } pressed)
        {
            // A game button or an inline-mode message: nothing DgBot sent. Stop the client's spinner and move on.
            await AnswerAsync(query, null, cancellationToken).ConfigureAwait(false);
            return;
        }

        var chatId = pressed.Chat.Id;
        var inbound = new Inbound(
            ChannelKind.Telegram,
            query.From.Id.ToString(CultureInfo.InvariantCulture),
            chatId.ToString(CultureInfo.InvariantCulture),
            DisplayName(query.From),
            InboundKind.Button,
            Payload: payload,
            EventId: eventId,
            IsPrivateChat: pressed.Chat.Type == ChatType.Private);

        TurnResult result;
        try
        {
            result = await engine.HandleAsync(inbound, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            // Still stop the spinner; the update is handled again (and the engine de-duplicates it) after the failure.
            await TryAnswerAsync(query, cancellationToken).ConfigureAwait(false);
            throw;
        }

        await AnswerAsync(query, result.Button == ButtonOutcome.Stale ? result.Notice : null, cancellationToken).ConfigureAwait(false);

        // An inaccessible message (older than 48 h) has no date and no text: it cannot be edited, so replies are sent anew.
        var editable = pressed.Date != default && pressed.Text is not null ? pressed : null;
        await RenderAsync(chatId, query.From.Id, result, editable, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Marks the pressed question with the chosen answer (when accepted), then sends or edits the replies in order.</summary>
    private async Task RenderAsync(long chatId, long userId, TurnResult result, Message? pressed, CancellationToken cancellationToken)
    {
        try
        {
            // An answer turn is one call: a press edits the pressed question into the next one (headed by the answer
            // just saved), a typed answer gets the next question as one new message headed by the receipt. So an answer
            // never waits for the per-chat interval between its own messages, and a press sends no new message at all.
            var receipt = result.Replies.OfType<TextReply>().FirstOrDefault(r => r.Receipt)?.Text;
            var marked = false;
            if (result.Button == ButtonOutcome.Accepted && pressed is { Text: { } question } && result.ChosenLabel is { } chosen)
            {
                if (TelegramText.Combine(TelegramText.AnswerLine(receipt, chosen), result.Replies) is { } next)
                {
                    if (await TryEditAsync(chatId, pressed.Id, next.Text, TelegramText.Keyboard(next.Choices), cancellationToken).ConfigureAwait(false))
                    {
                        return;
                    }

                    // The question can no longer be edited (deleted, too old): the replies go out as new messages.
                }
                else
                {
                    // Not one prompt after the answer (a long text, a score card…): the question shows its answer, which
                    // is the receipt, and the replies follow.
                    marked = await TryEditAsync(chatId, pressed.Id, TelegramText.Answered(question, chosen), keyboard: null, cancellationToken).ConfigureAwait(false);
                }
            }

            if (!marked && receipt is not null && TelegramText.Combine(receipt, result.Replies) is { } combined)
            {
                await SendPromptAsync(chatId, combined, cancellationToken).ConfigureAwait(false);
                return;
            }

            foreach (var reply in result.Replies)
            {
                if (marked && reply is TextReply { Receipt: true })
                {
                    continue;
                }

                await (reply switch
                {
                    PromptReply { ReplacesPrevious: true } prompt when pressed is not null => ReplacePromptAsync(chatId, pressed, prompt, cancellationToken),
                    PromptReply prompt => SendPromptAsync(chatId, prompt, cancellationToken),
                    TextReply t => SendTextAsync(chatId, t.Text, cancellationToken),
                    ScoreCardReply card => SendScoreCardAsync(chatId, card, cancellationToken),
                    ImproveListReply list => SendTextAsync(chatId, list.PlainText, cancellationToken),
                    DocumentReply document => TelegramDocuments.SendAsync(sender, chatId, document, cancellationToken),
                    _ => throw new NotSupportedException($"No Telegram rendering for {reply.GetType().Name}."),
                }).ConfigureAwait(false);
            }
        }
        catch (TelegramChatUnreachableException e) when (e.ChatId == userId)
        {
            // The person blocked the bot: tell the engine, which marks them unreachable (no more reminders).
            var unreachable = new Inbound(
                ChannelKind.Telegram,
                userId.ToString(CultureInfo.InvariantCulture),
                chatId.ToString(CultureInfo.InvariantCulture),
                DisplayName: null,
                InboundKind.Unreachable);
            await engine.HandleAsync(unreachable, cancellationToken).ConfigureAwait(false);
        }
        catch (TelegramChatUnreachableException e)
        {
            Log.GroupUnreachable(logger, e.ChatId);
        }
    }

    private async Task SendTextAsync(long chatId, string text, CancellationToken cancellationToken)
    {
        foreach (var part in TelegramText.Split(text))
        {
            await sender.CallAsync(chatId, (c, ct) => c.SendMessage(chatId, part, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task SendPromptAsync(long chatId, PromptReply prompt, CancellationToken cancellationToken)
    {
        var keyboard = TelegramText.Keyboard(prompt.Choices);
        var parts = TelegramText.Split(prompt.Text);
        for (var i = 0; i < parts.Count; i++)
        {
            var part = parts[i];
            var markup = i == parts.Count - 1 ? keyboard : null;
            await sender.CallAsync(chatId, (c, ct) => c.SendMessage(chatId, part, replyMarkup: markup, cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ReplacePromptAsync(long chatId, Message pressed, PromptReply prompt, CancellationToken cancellationToken)
    {
        var keyboard = TelegramText.Keyboard(prompt.Choices);
        var text = TelegramText.Truncate(prompt.Text, TelegramText.MaxMessageLength);
        if (pressed.Text is { } shown && (string.Equals(text, shown, StringComparison.Ordinal) || shown.EndsWith("\n\n" + text, StringComparison.Ordinal)))
        {
            // Only the ✓ marks changed: edit the keyboard, not the message (nor the line above the question that says
            // what the previous press saved).
            await TolerateEditFailureAsync(sender.CallAsync(TelegramCall.Edit, chatId, (c, ct) => c.EditMessageReplyMarkup(chatId, pressed.Id, keyboard, cancellationToken: ct), cancellationToken)).ConfigureAwait(false);
        }
        else
        {
            await TryEditAsync(chatId, pressed.Id, text, keyboard, cancellationToken).ConfigureAwait(false);
        }
    }

    private Task<bool> TryEditAsync(long chatId, int messageId, string text, global::Telegram.Bot.Types.ReplyMarkups.InlineKeyboardMarkup? keyboard, CancellationToken cancellationToken) =>
        TolerateEditFailureAsync(sender.CallAsync(TelegramCall.Edit, chatId, (c, ct) => c.EditMessageText(chatId, messageId, text, replyMarkup: keyboard, cancellationToken: ct), cancellationToken));

    private async Task SendScoreCardAsync(long chatId, ScoreCardReply card, CancellationToken cancellationToken)
    {
        await SendTextAsync(chatId, card.PlainText, cancellationToken).ConfigureAwait(false);
        var png = chart.Render(card.Title, card.Report, texts.Chart);
        var caption = TelegramText.Truncate(card.Title, TelegramText.MaxCaptionLength);
        await sender.CallAsync(chatId, async (c, ct) =>
        {
            // A fresh stream per attempt: a retried upload must send the whole picture again.
            using var stream = new MemoryStream(png, writable: false);
            return await c.SendPhoto(chatId, InputFile.FromStream(stream, "scores.png"), caption: caption, cancellationToken: ct).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Answers the press (stops the client's spinner, shows the notice). Best effort: a query answered before (a press
    /// delivered again after a restart) or too old is refused with 400, and that must not undo the turn.
    /// </summary>
    private async Task AnswerAsync(CallbackQuery query, string? notice, CancellationToken cancellationToken)
    {
        try
        {
            await sender.CallAsync(TelegramCall.Answer, null, (c, ct) => c.AnswerCallbackQuery(query.Id, notice is null ? null : TelegramText.Truncate(notice, 200), cancellationToken: ct), cancellationToken).ConfigureAwait(false);
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400)
        {
            Log.AnswerFailed(logger, e);
        }
    }

    private async Task TryAnswerAsync(CallbackQuery query, CancellationToken cancellationToken)
    {
        try
        {
            await AnswerAsync(query, null, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ApiRequestException or RequestException or HttpRequestException)
        {
            Log.AnswerFailed(logger, e);
        }
    }

    /// <summary>
    /// Edits are best effort: "message is not modified" (it already shows this) is normal, and a message that can no
    /// longer be edited (deleted by the person, too old) must not stop the replies that follow. False when it was not edited.
    /// </summary>
    private async Task<bool> TolerateEditFailureAsync(Task edit)
    {
        try
        {
            await edit.ConfigureAwait(false);
            return true;
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400 && e.Message.Contains("message is not modified", StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }
        catch (ApiRequestException e) when (e.ErrorCode == 400)
        {
            Log.EditFailed(logger, e);
            return false;
        }
    }

    /// <summary>"/start@DgBot CODE" → "/start CODE": the engine sees commands without the bot's name.</summary>
    internal static string NormaliseCommand(string text)
    {
        if (!text.StartsWith('/'))
        {
            return text;
        }

        var end = text.IndexOfAny([' ', '\n']);
        var command = end < 0 ? text : text[..end];
        var at = command.IndexOf('@', StringComparison.Ordinal);
        return at < 0 ? text : string.Concat(command.AsSpan(0, at), end < 0 ? "" : text.AsSpan(end));
    }

    private static string? DisplayName(User user)
    {
        var name = $"{user.FirstName} {user.LastName}".Trim();
        return name.Length == 0 ? null : name;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 4111, Level = LogLevel.Debug, Message = "Telegram update {UpdateId} of type {UpdateType} is not for DgBot; ignored")]
        public static partial void Ignored(ILogger logger, int updateId, UpdateType updateType);

        [LoggerMessage(EventId = 4112, Level = LogLevel.Warning, Message = "Could not answer a callback query")]
        public static partial void AnswerFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 4114, Level = LogLevel.Warning, Message = "A message could not be edited; carrying on with the replies")]
        public static partial void EditFailed(ILogger logger, Exception exception);

        [LoggerMessage(EventId = 4113, Level = LogLevel.Debug, Message = "Telegram group {ChatId} refused the bot (403)")]
        public static partial void GroupUnreachable(ILogger logger, long chatId);
    }
}
