using DgBot.Core.Content;
using DgBot.Core.Conversation.Prompts;
using DgBot.Core.Data;
using DgBot.Core.Invitations;

namespace DgBot.Core.Conversation.Flows;

/// <summary>Erasure of a person's data (PDPA s.33, <c>/forget</c>), after a yes/no confirmation.</summary>
public sealed class ForgetFlow(DgBotDbContext db, InvitationService invitations)
{
    public static void Ask(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var seq = turn.State.PromptSeq + 1;
        turn.State = turn.State with { Mode = ConversationMode.ConfirmForget, PromptSeq = seq, PendingSelection = [] };
        turn.Replies.Add(MenuPrompts.Confirm(Messages.Get(MessageKeys.ForgetConfirm), seq));
    }

    /// <summary>
    /// The answer to the confirmation. Yes erases the person's row with chat id and display name; their answers stay
    /// with the agency, attributed to a deleted respondent (the foreign keys are set to null by the database).
    /// </summary>
    public async Task ConfirmedAsync(Turn turn, bool yes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (!yes)
        {
            turn.Say(Messages.Get(MessageKeys.ForgetCancelled));
            return;
        }

        await invitations.ClearFailuresAsync(turn.User.Channel, turn.User.PlatformUserId, cancellationToken).ConfigureAwait(false);
        db.ChatUsers.Remove(turn.User);
        Privacy.ErasureJournal.Record(Privacy.ErasureJournal.PathOf(db), [(turn.User.Id, DateTime.SpecifyKind(turn.User.CreatedUtc, DateTimeKind.Utc))], turn.Now);
        turn.Erased = true;
        turn.Say(Messages.Get(MessageKeys.Forgotten));
    }
}
