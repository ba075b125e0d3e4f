using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Privacy;

/// <summary>
/// The one erasure of people, whoever asks for it: <c>/forget</c>, the retention period, or a restore re-applying the
/// journal. A person's row (chat id, display name) and their failed join attempts go; their answers stay with the
/// agency, attributed to a deleted respondent (the foreign keys are set to null by the database). The caller saves.
/// </summary>
public static class PersonErasure
{
    /// <param name="journalAtUtc">When the erasure happened, to append it to the journal; null when re-applying the journal itself.</param>
    public static async Task RemoveAsync(DgBotDbContext db, IReadOnlyCollection<ChatUser> people, DateTime? journalAtUtc, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(people);
        foreach (var person in people)
        {
            await db.JoinFailures.Where(f => f.Channel == person.Channel && f.PlatformUserId == person.PlatformUserId)
                .ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        }

        db.ChatUsers.RemoveRange(people);
        if (journalAtUtc is { } erasedUtc)
        {
            ErasureJournal.Record(ErasureJournal.PathOf(db), people.Select(u => (u.Id, DateTime.SpecifyKind(u.CreatedUtc, DateTimeKind.Utc))), erasedUtc);
        }
    }
}
