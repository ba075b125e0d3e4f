using DgBot.Core.Content;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Outbox;
using DgBot.Core.Reminders;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Outbox;

/// <summary>What both senders check just before sending, and how an outbox message becomes a channel-neutral reply.</summary>
internal static class OutboxRules
{
    /// <summary>"ทำต่อ" resumes the survey: the engine already handles this payload.</summary>
    public static Reply ToReply(OutboxMessage message) => message.ResumeButton
        ? new PromptReply(message.Text, [new Choice(Messages.Get("reminder_resume"), Payload.Menu("survey"))])
        : new TextReply(message.Text);

    /// <summary>
    /// Of <paramref name="messages"/> (tracked, pending), the ones to send now. The others are changed in place: outside
    /// their send window they wait for it to open; a recipient who became unreachable is skipped; a reminder whose agency
    /// submitted since it was written is skipped.
    /// </summary>
    public static async Task<List<OutboxMessage>> SendableAsync(DgBotDbContext db, IReadOnlyList<OutboxMessage> messages, DateTime utcNow, CancellationToken cancellationToken)
    {
        var userIds = messages.Select(m => m.RecipientUserId).Distinct().ToList();
        var users = await db.ChatUsers.AsNoTracking()
            .Where(u => userIds.Contains(u.Id))
            .Select(u => new { u.Id, u.Unreachable, u.AgencyId })
            .ToDictionaryAsync(u => u.Id, cancellationToken)
            .ConfigureAwait(false);
        var roundIds = messages.Where(m => m.Kind == OutboxKind.Reminder).Select(m => m.RoundId).Distinct().ToList();
        var submitted = (await db.Responses.AsNoTracking()
            .Where(r => roundIds.Contains(r.RoundId) && r.SubmittedUtc != null)
            .Select(r => new { r.RoundId, r.AgencyId })
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false)).Select(r => (r.RoundId, r.AgencyId)).ToHashSet();

        var sendable = new List<OutboxMessage>(messages.Count);
        foreach (var message in messages)
        {
            if (!users.TryGetValue(message.RecipientUserId, out var user) || user.Unreachable)
            {
                message.MarkUnreachable();
            }
            else if (message.Kind == OutboxKind.Reminder && user.AgencyId is { } agency && submitted.Contains((message.RoundId, agency)))
            {
                message.Skip("the agency submitted");
            }
            else if (SendWindow.TryParse(message.SendWindow) is { } window && !window.Contains(utcNow))
            {
                message.Defer(window.NextOpen(utcNow), "outside the send window");
            }
            else
            {
                sendable.Add(message);
            }
        }

        return sendable;
    }
}
