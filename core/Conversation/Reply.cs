using DgBot.Core.Reports;

namespace DgBot.Core.Conversation;

/// <summary>A channel-neutral reply. Each adapter renders it in its platform's idiom and enforces the platform's limits.</summary>
public abstract record Reply;

/// <summary>
/// Plain text (may be long: adapters split it at line breaks under their platform's limit). A <see cref="Receipt"/> only
/// confirms the answer a button press just stored ("✓ บันทึกคำตอบข้อ 12 แล้ว"): a channel that marks the pressed
/// message with that answer (Telegram edits it) already says so and leaves the receipt out.
/// </summary>
public sealed record TextReply(string Text, bool Receipt = false) : Reply;

/// <summary>A button: <see cref="Label"/> is shown, <see cref="Payload"/> (ASCII, at most 64 bytes) comes back as <see cref="InboundKind.Button"/>.</summary>
public sealed record Choice(string Label, string Payload, bool Selected = false);

/// <summary>
/// Text with choices: a question, the menu, a confirmation. <see cref="Multi"/> means the choices toggle and a
/// confirm choice ends the selection. When <see cref="ReplacesPrevious"/> is true the prompt is an update of the
/// prompt whose button was just pressed (Telegram edits that message's keyboard instead of sending a new one).
/// <see cref="FreeText"/> is true when the prompt expects a typed answer (a number, a percentage, text) besides its
/// buttons, so a channel that maps typed numbers to buttons (the console) must not do so.
/// </summary>
public sealed record PromptReply(string Text, IReadOnlyList<Choice> Choices, bool Multi = false, bool ReplacesPrevious = false, bool FreeText = false) : Reply;

/// <summary>The dimension scores of one agency (or a province average), with a plain-text rendering.</summary>
public sealed record ScoreCardReply(string Title, ScoreReport Report, string PlainText) : Reply;

/// <summary>The improve-first list (the five weakest sub-dimensions with guidance), with a plain-text rendering.</summary>
public sealed record ImproveListReply(string Title, ScoreReport Report, string PlainText) : Reply;

/// <summary>
/// A report file to hand over (Telegram sends it as a document, the console writes it to the data folder).
/// <see cref="Build"/> renders it when the channel sends it, after the turn committed, so a turn's transaction is never
/// held while a PDF is drawn. Channels that cannot receive files (LINE) never get one: they get a link instead.
/// </summary>
/// <param name="FileName">ASCII, ending in <c>.pdf</c>.</param>
/// <param name="Caption">A short Thai line (at most 1024 characters, Telegram's caption limit).</param>
/// <param name="Build">Renders the file's bytes.</param>
/// <param name="Subject">Whose report it is ("ของหน่วยงาน…"), for a channel's own text.</param>
public sealed record DocumentReply(string FileName, string Caption, Func<byte[]> Build, string Subject) : Reply;

/// <summary>What became of a button press, so an adapter can mark the pressed message.</summary>
public enum ButtonOutcome
{
    /// <summary>Not a button press, or nothing to mark.</summary>
    None,

    /// <summary>The press answered the prompt: mark the message with <see cref="TurnResult.ChosenLabel"/> and drop its buttons.</summary>
    Accepted,

    /// <summary>A multiple-choice item was toggled: the first reply is a <see cref="PromptReply"/> that replaces the pressed one.</summary>
    Toggled,

    /// <summary>The button belongs to an old prompt: nothing changed; <see cref="TurnResult.Notice"/> says so.</summary>
    Stale,
}

/// <summary>The outcome of one turn: replies in order, and what became of a pressed button.</summary>
public sealed record TurnResult(
    IReadOnlyList<Reply> Replies,
    ButtonOutcome Button = ButtonOutcome.None,
    string? ChosenLabel = null,
    string? Notice = null)
{
    public static TurnResult Empty { get; } = new([]);
}

/// <summary>The channel-neutral conversation engine. One call is one turn; the answer and the new state are committed before it returns.</summary>
public interface IConversationEngine
{
    Task<TurnResult> HandleAsync(Inbound inbound, CancellationToken cancellationToken);
}
