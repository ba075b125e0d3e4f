using System.Text;
using DgBot.Core.Conversation;
using Telegram.Bot.Types.ReplyMarkups;

namespace DgBot.Bot.Telegram;

/// <summary>Telegram's limits on what the bot sends, enforced here once.</summary>
public static class TelegramText
{
    /// <summary>Text of one message: 1–4096 characters (UTF-16 code units, as Telegram counts them).</summary>
    public const int MaxMessageLength = 4096;

    /// <summary>A photo's caption: at most 1024 characters.</summary>
    public const int MaxCaptionLength = 1024;

    /// <summary><c>callback_data</c>: 1–64 bytes of UTF-8.</summary>
    public const int MaxCallbackDataBytes = 64;

    /// <summary>The mark put before a selected item of a multiple choice.</summary>
    public const string SelectedMark = "✓ ";

    /// <summary>The mark before the chosen answer added to an answered question.</summary>
    public const string ChosenMark = "✅ ";

    /// <summary>
    /// Splits <paramref name="text"/> into messages of at most <paramref name="limit"/> characters, at line breaks where it can
    /// (at a space when a single line is too long, and mid-line only when there is neither). Never returns an empty part.
    /// </summary>
    public static IReadOnlyList<string> Split(string text, int limit = MaxMessageLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(limit, 2);
        var parts = new List<string>();
        var rest = text.AsSpan().TrimEnd();
        while (rest.Length > limit)
        {
            var window = rest[..(limit + 1)];
            var cut = window.LastIndexOf('\n');
            if (cut <= 0)
            {
                cut = window.LastIndexOf(' ');
            }

            if (cut <= 0)
            {
                cut = limit;
                if (char.IsHighSurrogate(rest[cut - 1]))
                {
                    cut--;
                }
            }

            var part = rest[..cut].TrimEnd();
            if (part.Length > 0)
            {
                parts.Add(part.ToString());
            }

            rest = rest[cut..].TrimStart();
        }

        if (rest.Length > 0)
        {
            parts.Add(rest.ToString());
        }

        return parts;
    }

    /// <summary>Shortens <paramref name="text"/> to at most <paramref name="limit"/> characters, ending with an ellipsis when cut.</summary>
    public static string Truncate(string text, int limit)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length <= limit)
        {
            return text;
        }

        var cut = limit - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }

    /// <summary>
    /// The inline keyboard for a prompt: short labels (a scale, yes/no) side by side, up to five in a row; longer labels one per row.
    /// A selected choice of a multiple choice is marked with ✓. The payload goes into <c>callback_data</c> and must fit in 64 bytes.
    /// </summary>
    public static InlineKeyboardMarkup Keyboard(IReadOnlyList<Choice> choices)
    {
        ArgumentNullException.ThrowIfNull(choices);
        var buttons = choices.Select(c =>
        {
            var bytes = Encoding.UTF8.GetByteCount(c.Payload);
            if (bytes is 0 or > MaxCallbackDataBytes)
            {
                throw new ArgumentException($"A button payload must be 1–64 bytes for Telegram's callback_data; '{c.Payload}' is {bytes}.", nameof(choices));
            }

            return InlineKeyboardButton.WithCallbackData((c.Selected ? SelectedMark : "") + c.Label, c.Payload);
        }).ToList();

        var perRow = choices.All(c => c.Label.Length <= 8) ? 5 : 1;
        return new InlineKeyboardMarkup(buttons.Chunk(perRow).Select(row => (IEnumerable<InlineKeyboardButton>)row));
    }

    /// <summary>The longest chosen label shown in the line that heads a question edited into the next one.</summary>
    public const int MaxAnswerLineLabel = 200;

    /// <summary>
    /// The line that heads a pressed question edited into the next one, so the chat still says what was saved: the
    /// engine's receipt ("✓ บันทึกคำตอบข้อ 12 แล้ว") and the chosen answer, or the answer alone when there is no receipt.
    /// </summary>
    public static string AnswerLine(string? receipt, string chosenLabel)
    {
        ArgumentNullException.ThrowIfNull(chosenLabel);
        var chosen = Truncate(chosenLabel.ReplaceLineEndings(" "), MaxAnswerLineLabel);
        return receipt is null ? ChosenMark + chosen : receipt + ": " + chosen;
    }

    /// <summary>
    /// The replies of an answer turn as one message: <paramref name="head"/>, the turn's notes and the next prompt, each
    /// a paragraph, with the prompt's choices; null unless the replies (receipts aside) are plain texts followed by one
    /// new prompt that all fit in one message. Telegram shows an answer turn this way (one edit or one new message), so
    /// a press or a typed answer never waits for the per-chat interval between its own messages.
    /// </summary>
    public static PromptReply? Combine(string head, IReadOnlyList<Reply> replies)
    {
        ArgumentNullException.ThrowIfNull(head);
        ArgumentNullException.ThrowIfNull(replies);
        var text = new StringBuilder(head);
        PromptReply? prompt = null;
        foreach (var reply in replies)
        {
            switch (reply)
            {
                case TextReply { Receipt: true }:
                    continue;
                case TextReply note when prompt is null:
                    text.Append("\n\n").Append(note.Text.TrimEnd());
                    break;
                case PromptReply { ReplacesPrevious: false } next when prompt is null:
                    prompt = next;
                    text.Append("\n\n").Append(next.Text.TrimEnd());
                    break;
                default:
                    return null;
            }
        }

        return prompt is null || text.Length > MaxMessageLength ? null : prompt with { Text = text.ToString() };
    }

    /// <summary>The answered question: its text, a blank line and the chosen answer, within Telegram's limit.</summary>
    public static string Answered(string questionText, string chosenLabel)
    {
        ArgumentNullException.ThrowIfNull(questionText);
        var tail = "\n\n" + ChosenMark + chosenLabel;
        return Truncate(questionText, MaxMessageLength - tail.Length) + tail;
    }
}
