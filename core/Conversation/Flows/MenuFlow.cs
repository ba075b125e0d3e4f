using DgBot.Core.Content;
using DgBot.Core.Conversation.Prompts;
using DgBot.Core.Data.Entities;
using DgBot.Core.Rounds;
using Humanizer;

namespace DgBot.Core.Conversation.Flows;

/// <summary>The menu, help and the deadline: what anyone who joined can ask at any time.</summary>
public sealed class MenuFlow(SurveyLoader loader)
{
    /// <summary>Shows the menu ("continue" instead of "start" once the agency's response has answers).</summary>
    public async Task ShowAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var started = false;
        if (turn.User.Role == UserRole.Staff && turn.User.AgencyId is { } agencyId)
        {
            started = await loader.StartedAsync(turn, agencyId, cancellationToken).ConfigureAwait(false);
        }

        turn.Replies.Add(MenuPrompts.Menu(turn.User.Role, started));
    }

    /// <summary>Leaves whatever the person was doing (a question, a confirmation) and shows the menu.</summary>
    public Task BackToMenuAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        turn.State = turn.State with { Mode = ConversationMode.Menu, PendingSelection = [] };
        return ShowAsync(turn, cancellationToken);
    }

    /// <summary>Input that means nothing here: says so and shows the menu.</summary>
    public Task UnknownAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        turn.Say(Messages.Get(MessageKeys.UnknownInput));
        return ShowAsync(turn, cancellationToken);
    }

    public static void Help(Turn turn)
    {
        ArgumentNullException.ThrowIfNull(turn);
        turn.Say(Messages.Get(MessageKeys.Help));
    }

    /// <summary>The round's name, its deadline as a Buddhist-era date and the time left.</summary>
    public async Task DeadlineAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var round = await loader.RoundAsync(turn, cancellationToken).ConfigureAwait(false);
        var left = round.DeadlineUtc - turn.Now;
        var status = round.IsOpenAt(turn.Now)
            ? Messages.Format(MessageKeys.TimeLeft, QuestionPrompts.Humanize(left, TimeUnit.Minute))
            : Messages.Get(MessageKeys.DeadlinePassed);
        turn.Say(Messages.Format(MessageKeys.Deadline, round.Name, Deadlines.Display(round.DeadlineUtc), status));
    }
}
