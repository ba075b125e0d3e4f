using DgBot.Core.Content;
using DgBot.Core.Conversation.Prompts;
using DgBot.Core.Data.Entities;
using DgBot.Core.Invitations;
using Humanizer;

namespace DgBot.Core.Conversation.Flows;

/// <summary>Joining with an invitation code (deep link or typed), and what someone who has not joined is told.</summary>
public sealed class JoinFlow(InvitationService invitations, MenuFlow menu, WelcomeFlow welcome)
{
    /// <summary>Someone who has not joined: a typed code is tried; otherwise how to join (after the welcome on first contact).</summary>
    public async Task NotJoinedAsync(Turn turn, Intent intent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        ArgumentNullException.ThrowIfNull(intent);
        var text = turn.Inbound.Text ?? string.Empty;
        if (turn.Inbound.Kind == InboundKind.Text && InvitationCodes.LooksLikeCode(text))
        {
            await JoinAsync(turn, text, cancellationToken).ConfigureAwait(false);
            return;
        }

        if (turn.FirstContact || intent.Kind is IntentKind.Start or IntentKind.Help)
        {
            welcome.Welcome(turn);
        }

        turn.Say(Messages.Get(MessageKeys.HowToJoin));
    }

    /// <summary>Redeems a code (also to move to another agency). An invitation's use count is shared by everyone holding the code.</summary>
    public async Task JoinAsync(Turn turn, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var result = await invitations.RedeemAsync(turn.User, code, cancellationToken).ConfigureAwait(false);
        switch (result.Outcome)
        {
            case JoinOutcome.LockedOut:
                turn.Say(Messages.Format(MessageKeys.JoinLocked, QuestionPrompts.Humanize(result.RetryAfter, TimeUnit.Minute)));
                return;
            case JoinOutcome.Rejected:
                turn.Say(Messages.Get(MessageKeys.JoinRejected));
                return;
        }

        await invitations.ClearFailuresAsync(turn.User.Channel, turn.User.PlatformUserId, cancellationToken).ConfigureAwait(false);
        turn.State = ConversationState.Initial;
        welcome.Welcome(turn);
        turn.Say(result.Role == UserRole.Officer
            ? Messages.Format(MessageKeys.JoinedOfficer, result.Agency!.Province)
            : Messages.Format(MessageKeys.JoinedStaff, result.Agency!.NameTh));
        await menu.ShowAsync(turn, cancellationToken).ConfigureAwait(false);
    }
}
