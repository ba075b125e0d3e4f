using DgBot.Core.Content;
using DgBot.Core.Data.Entities;

namespace DgBot.Core.Conversation.Flows;

/// <summary>The greeting and the privacy notice (consent), shown once per turn at most; and what a follow event shows.</summary>
public sealed class WelcomeFlow(MenuFlow menu, EngineOptions options)
{
    /// <summary>The greeting and the privacy notice (controller, contact, how long data is kept); showing it records the consent time.</summary>
    public void Welcome(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        if (turn.WelcomeShown)
        {
            return;
        }

        turn.WelcomeShown = true;
        var privacy = options.Privacy;
        turn.Say(Messages.Get(MessageKeys.Greeting) + "\n\n" + Messages.Format(MessageKeys.Privacy, privacy.Controller, privacy.Contact, privacy.RetentionDays));
        turn.User.RecordConsent(turn.Now);
    }

    /// <summary>The person added the bot: the welcome, then the menu (joined people, administrators) or how to join.</summary>
    public async Task FollowAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        Welcome(turn);
        if (turn.User.Role != UserRole.None || turn.IsAdmin)
        {
            await menu.ShowAsync(turn, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            turn.Say(Messages.Get(MessageKeys.HowToJoin));
        }
    }
}
