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

    /// <summary>
    /// For a bot in another process: completes once its inbox has nothing waiting (read through a connection of its
    /// own), so the double's "all confirmed" means handled as well as stored.
    /// </summary>
    public static Func<CancellationToken, Task> InboxDrained(string database) => async cancellationToken =>
    {
        while (true)
        {
            try
            {
                await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
                await connection.OpenAsync(cancellationToken);
                await using var command = connection.CreateCommand();
                command.CommandText = "SELECT COUNT(*) FROM InboxEvents WHERE ProcessedUtc IS NULL";
                if (Convert.ToInt64(await command.ExecuteScalarAsync(cancellationToken), System.Globalization.CultureInfo.InvariantCulture) == 0)
                {
                    return;
                }
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                // Not created or migrated yet, or busy: look again.
            }

            await Task.Delay(25, cancellationToken);
        }
    };

    /// <summary>The inbox row of a Telegram update (read through a connection of its own), or null when there is none.</summary>
    public static async Task<(long Id, DateTime? ProcessedUtc)?> InboxRowAsync(string database, int updateId)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT Id, ProcessedUtc FROM InboxEvents WHERE Channel = 'telegram' AND EventKey = $key";
        command.Parameters.AddWithValue("$key", updateId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
        {
            return null;
        }

        return (reader.GetInt64(0), reader.IsDBNull(1) ? null : DateTime.SpecifyKind(reader.GetDateTime(1), DateTimeKind.Utc));
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
