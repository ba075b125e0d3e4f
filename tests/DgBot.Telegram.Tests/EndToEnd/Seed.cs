using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Invitations;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Telegram.Tests.EndToEnd;

/// <summary>Puts an agency and a staff invitation into a DgBot database, the way an administrator would.</summary>
internal static class Seed
{
    public static async Task<string> AgencyWithInvitationAsync(DgBotDbContext db, string nameTh = "เทศบาลนครลำปาง")
    {
        var agency = new Agency("LPG-" + Guid.NewGuid().ToString("N")[..6], nameTh, "ลำปาง", "เทศบาล", TimeProvider.System.GetUtcNow().UtcDateTime);
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        var invitation = await new InvitationService(db, TimeProvider.System).CreateAsync(agency, UserRole.Staff, maxUses: 10, TimeSpan.FromDays(30), CancellationToken.None);
        await db.SaveChangesAsync();
        return invitation.Code;
    }

    public static string TempDatabase() =>
        Path.Combine(Path.GetTempPath(), "dgbot-telegram-e2e-" + Guid.NewGuid().ToString("N") + ".db");

    public static void DeleteDatabase(string path)
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var file in new[] { path, path + "-wal", path + "-shm" })
        {
            try
            {
                File.Delete(file);
            }
            catch (IOException)
            {
            }
        }
    }

    public static Task<List<Answer>> AnswersAsync(DgBotDbContext db) => db.Answers.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
}
