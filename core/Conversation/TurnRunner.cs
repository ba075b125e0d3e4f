using DgBot.Core.Content;
using DgBot.Core.Conversation.Flows;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Diagnostics;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Conversation;

/// <summary>
/// Runs one conversation turn: orders it after the person's earlier turns, opens the turn's transaction through the
/// <see cref="ITurnStore"/>, skips a platform event seen before (showing the current question again), loads the person,
/// hands the turn to the flow the <see cref="TurnRouter"/> picks, and returns the replies only once the store has
/// committed the answer and the new state. It knows nothing of surveys itself.
/// </summary>
/// <remarks>
/// Ordering: <see cref="UserTurnLocks"/> keeps one person's events in arrival order inside this process. Turns of one
/// agency (which share its response) are ordered by the database: the store's transaction admits one writer at a time,
/// so each turn reads everything the turns before it committed, in this process or another.
/// </remarks>
public sealed class TurnRunner(
    DgBotDbContext db,
    ITurnStore store,
    UserTurnLocks locks,
    TimeProvider time,
    EngineOptions options,
    TurnRouter router,
    SurveyFlow survey) : IConversationEngine
{
    public async Task<TurnResult> HandleAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(inbound);
        if (!inbound.IsPrivateChat)
        {
            // Groups get one polite line and nothing is stored: the survey is answered in private chats.
            return new TurnResult([new TextReply(Messages.Get(MessageKeys.GroupOnly))]);
        }

        using var person = await locks.AcquireAsync(inbound.Channel + ":" + inbound.UserId, cancellationToken).ConfigureAwait(false);
        var ran = await store.RunAsync(ct => RunAsync(inbound, ct), cancellationToken).ConfigureAwait(false);
        if (ran.AnswersStored is { } answers)
        {
            DgBotMetrics.TurnHandled(inbound.Channel.ToString().ToLowerInvariant(), answers);
        }

        return ran.Result;
    }

    /// <summary>The event key of the processed-events table: <c>channel:eventId</c>.</summary>
    public static string EventKey(ChannelKind channel, string eventId) => channel.ToString().ToLowerInvariant() + ":" + eventId;

    /// <summary>Inside the store's transaction: applies the turn to tracked entities and produces its replies.</summary>
    private async Task<TurnOutcome<Ran>> RunAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (inbound.EventId is { } eventId)
        {
            var key = EventKey(inbound.Channel, eventId);
            if (await TurnQueries.EventSeen(db, key).ConfigureAwait(false))
            {
                // Handled before: nothing is applied again. A platform re-delivers an event when the process died
                // after the commit and before the replies went out, so the person is shown where they are now.
                var replay = await survey.ReplayAsync(inbound, now, cancellationToken).ConfigureAwait(false);
                return new TurnOutcome<Ran>(new Ran(replay, AnswersStored: null), Commit: false);
            }

            db.ProcessedEvents.Add(new ProcessedEvent(key, now));
        }

        var user = await TurnQueries.User(db, inbound.Channel, inbound.UserId).ConfigureAwait(false);
        if (inbound.Kind == InboundKind.Unreachable)
        {
            user?.MarkUnreachable();
            return new TurnOutcome<Ran>(new Ran(TurnResult.Empty, AnswersStored: 0), Commit: true);
        }

        var firstContact = user is null;
        if (user is null)
        {
            user = new ChatUser(inbound.Channel, inbound.UserId, inbound.ChatId, inbound.DisplayName, now);
            db.ChatUsers.Add(user);
        }

        user.Seen(inbound.ChatId, inbound.DisplayName, now);
        var turn = new Turn(inbound, user, options.IsAdmin(inbound.Channel, inbound.UserId), now, firstContact);
        await router.RouteAsync(turn, cancellationToken).ConfigureAwait(false);
        var answers = db.ChangeTracker.Entries<Answer>().Count(e => e.State is EntityState.Added or EntityState.Modified);
        return new TurnOutcome<Ran>(new Ran(turn.Result(), answers), Commit: true);
    }

    /// <summary>A turn's result, and how many answers it stored (null when nothing was applied: a replay).</summary>
    private readonly record struct Ran(TurnResult Result, int? AnswersStored);
}
