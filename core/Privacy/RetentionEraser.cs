using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Privacy;

/// <summary>
/// The automatic erasure the privacy notice promises: a respondent's personal data (their row: chat id, display name)
/// is erased <see cref="PrivacyOptions.RetentionDays"/> after the last round they answered in closed (closed by an
/// administrator, or past its deadline); someone who never answered, that many days after they were last seen. Nobody
/// is erased while a round they answered in is open. Their answers stay with the agency, as with <c>/forget</c>, and
/// every erasure goes to the <see cref="ErasureJournal"/> so that a restored backup gets it again.
/// </summary>
public sealed class RetentionEraser(DgBotDbContext db, TimeProvider time, EngineOptions options)
{
    /// <summary>Erases everyone due now; returns how many people were erased.</summary>
    public async Task<int> EraseDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var cutoff = now.AddDays(-options.Privacy.RetentionDays);
        var rounds = await db.Rounds.AsNoTracking().ToListAsync(cancellationToken).ConfigureAwait(false);
        var closedAt = rounds.ToDictionary(r => r.Id, r => r.ClosedUtc ?? (r.DeadlineUtc <= now ? r.DeadlineUtc : (DateTime?)null));

        // Who answered (or changed an answer) in which round: one query.
        var answered =
            from a in db.Answers
            join r in db.Responses on a.ResponseId equals r.Id
            where a.AnsweredByUserId != null
            select new { UserId = a.AnsweredByUserId!.Value, r.RoundId };
        var changed =
            from c in db.AnswerAudits
            join r in db.Responses on c.ResponseId equals r.Id
            where c.ChangedByUserId != null
            select new { UserId = c.ChangedByUserId!.Value, r.RoundId };
        var pairs = await answered.Union(changed).ToListAsync(cancellationToken).ConfigureAwait(false);
        var roundsOf = pairs
            .GroupBy(x => x.UserId)
            .ToDictionary(g => g.Key, g => g.Select(x => x.RoundId).Distinct().ToList());

        var users = await db.ChatUsers.ToListAsync(cancellationToken).ConfigureAwait(false);
        var due = users.Where(u => IsDue(u, roundsOf.GetValueOrDefault(u.Id), closedAt, cutoff)).ToList();
        if (due.Count == 0)
        {
            return 0;
        }

        await PersonErasure.RemoveAsync(db, due, now, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return due.Count;
    }

    private static bool IsDue(ChatUser user, List<int>? rounds, Dictionary<int, DateTime?> closedAt, DateTime cutoff)
    {
        if (rounds is null || rounds.Count == 0)
        {
            return user.LastSeenUtc <= cutoff;
        }

        var closes = rounds.Select(id => closedAt.GetValueOrDefault(id)).ToList();
        return closes.All(c => c is not null) && closes.Max() <= cutoff;
    }
}
