using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Content;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Rounds;

/// <summary>Finds the current survey round, creating a default one when none exists so the bot works out of the box.</summary>
public sealed class RoundService(DgBotDbContext db, TimeProvider time)
{
    /// <summary>
    /// The current round: the most recently created round that is not closed. When there is none, a default round is
    /// created, named after the Buddhist-era year, due at the end of that year (Bangkok), on <paramref name="questionnaireVersion"/>.
    /// </summary>
    public async Task<SurveyRound> CurrentAsync(string questionnaireVersion, CancellationToken cancellationToken)
    {
        var round = await db.Rounds
            .Where(r => r.ClosedUtc == null)
            .OrderByDescending(r => r.CreatedUtc)
            .ThenByDescending(r => r.Id)
            .FirstOrDefaultAsync(cancellationToken)
            .ConfigureAwait(false);
        if (round is not null)
        {
            return round;
        }

        var now = time.GetUtcNow().UtcDateTime;
        var local = ThaiDates.ToBangkok(now);
        var name = local.ToString("yyyy", ThaiDates.Thai);
        var existing = await db.Rounds.FirstOrDefaultAsync(r => r.Name == name, cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            // The year's round was closed by an administrator: it stays the current (read-only) one.
            return existing;
        }

        round = new SurveyRound(name, Deadlines.EndOfDayUtc(new DateOnly(local.Year, 12, 31)), questionnaireVersion, now);
        db.Rounds.Add(round);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return round;
    }
}
