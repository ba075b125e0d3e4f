using DgBot.Core.Content;
using DgBot.Core.Conversation.Prompts;
using DgBot.Core.Data;
using DgBot.Core.Privacy;

namespace DgBot.Core.Conversation.Flows;

/// <summary>Erasure of a person's data (PDPA s.33, <c>/forget</c>), after a yes/no confirmation.</summary>
public sealed class ForgetFlow(DgBotDbContext db)
{
    public static void Ask(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var seq = turn.State.PromptSeq + 1;
        turn.State = turn.State with { Mode = ConversationMode.ConfirmForget, PromptSeq = seq, PendingSelection = [] };
        turn.Replies.Add(MenuPrompts.Confirm(Messages.Get(MessageKeys.ForgetConfirm), seq));
    }

    /// <summary>
    /// The answer to the confirmation. Yes erases the person (see <see cref="PersonErasure"/>).
    /// </summary>
    public async Task ConfirmedAsync(Turn turn, bool yes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!yes)
        {
            turn.Say(Messages.Get(MessageKeys.ForgetCancelled));
            return;
        }

        await PersonErasure.RemoveAsync(db, [turn.User], turn.Now, cancellationToken).ConfigureAwait(false);
        turn.Erased = true;
        turn.Say(Messages.Get(MessageKeys.Forgotten));
    }
}
