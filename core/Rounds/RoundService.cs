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
    public async Task<SurveyRound> CurrentAsync(string questionnaireVersion, CancellationToken cancellationToken) =>
        await FindCurrentAsync(cancellationToken).ConfigureAwait(false)
        ?? await CreateDefaultAsync(questionnaireVersion, cancellationToken).ConfigureAwait(false);

    /// <summary>The current round when one exists (the most recently created open round, else this year's closed one); null when <see cref="CurrentAsync"/> would create one.</summary>
    public async Task<SurveyRound?> FindCurrentAsync(CancellationToken cancellationToken)
    {
        var round = await OpenRound(db).ConfigureAwait(false);
        if (round is not null)
        {
            return round;
        }

        // The year's round was closed by an administrator: it stays the current (read-only) one.
        var name = ThisYearsName();
        return await db.Rounds.FirstOrDefaultAsync(r => r.Name == name, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The most recently created open round; compiled, as every survey turn asks for it.</summary>
    private static readonly Func<DgBotDbContext, Task<SurveyRound?>> OpenRound =
        EF.CompileAsyncQuery((DgBotDbContext db) =>
            db.Rounds.Where(r => r.ClosedUtc == null).OrderByDescending(r => r.CreatedUtc).ThenByDescending(r => r.Id).FirstOrDefault());

    private string ThisYearsName() => ThaiDates.ToBangkok(time.GetUtcNow().UtcDateTime).ToString("yyyy", ThaiDates.Thai);

    private async Task<SurveyRound> CreateDefaultAsync(string questionnaireVersion, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var local = ThaiDates.ToBangkok(now);
        var name = ThisYearsName();
        var round = new SurveyRound(name, Deadlines.EndOfDayUtc(new DateOnly(local.Year, 12, 31)), questionnaireVersion, now);
        db.Rounds.Add(round);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return round;
    }
}
