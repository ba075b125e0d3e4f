using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Conversation;

/// <summary>
/// The queries every survey turn runs, compiled once: EF Core then skips translating and looking up the LINQ
/// expression on each call, which was a large part of a turn's CPU time.
/// </summary>
internal static class TurnQueries
{
    /// <summary>The person with their agency, tracked (the turn changes their state).</summary>
    public static readonly Func<DgBotDbContext, ChannelKind, string, Task<ChatUser?>> User =
        EF.CompileAsyncQuery((DgBotDbContext db, ChannelKind channel, string userId) =>
            db.ChatUsers.Include(u => u.Agency).FirstOrDefault(u => u.Channel == channel && u.PlatformUserId == userId));

    public static readonly Func<DgBotDbContext, string, Task<bool>> EventSeen =
        EF.CompileAsyncQuery((DgBotDbContext db, string key) => db.ProcessedEvents.Any(e => e.Key == key));

    public static readonly Func<DgBotDbContext, int, int, Task<Response?>> Response =
        EF.CompileAsyncQuery((DgBotDbContext db, int agencyId, int roundId) =>
            db.Responses.FirstOrDefault(r => r.AgencyId == agencyId && r.RoundId == roundId));

    /// <summary>A response's answers, untracked, each with its author's display name (null once they erased their data).</summary>
    public static readonly Func<DgBotDbContext, int, IAsyncEnumerable<AuthoredAnswer>> Answers =
        EF.CompileAsyncQuery((DgBotDbContext db, int responseId) =>
            db.Answers.AsNoTracking()
                .Where(a => a.ResponseId == responseId)
                .Select(a => new AuthoredAnswer(a, a.AnsweredBy == null ? null : a.AnsweredBy.DisplayName)));

    public static readonly Func<DgBotDbContext, int, int, Task<bool>> Started =
        EF.CompileAsyncQuery((DgBotDbContext db, int agencyId, int roundId) =>
            db.Responses.Any(r => r.AgencyId == agencyId && r.RoundId == roundId && r.Answers.Any()));
}

/// <summary>An answer and the display name of whoever gave it.</summary>
internal sealed record AuthoredAnswer(Answer Answer, string? Author);
