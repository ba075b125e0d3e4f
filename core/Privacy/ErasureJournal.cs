using System.Globalization;
using System.Text.Json;
using DgBot.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Privacy;

/// <summary>
/// The record of every erasure of a person's data (<c>/forget</c> and the automatic retention erasure), kept beside the
/// database in <c>&lt;database&gt;.erasures</c> (one JSON line per person: the row id and creation time of the erased
/// row, never a chat id or a name; readable by the owner only). It lives outside the database so that restoring an
/// older backup can apply the erasures made since (<see cref="ReapplyAsync"/>): a backup must not bring back someone
/// who asked to be forgotten.
/// </summary>
public static class ErasureJournal
{
    /// <summary>The journal's path for a database file.</summary>
    public static string PathFor(string databasePath) => databasePath + ".erasures";

    /// <summary>The journal of the database <paramref name="db"/> is connected to (null for an in-memory database).</summary>
    public static string? PathOf(DgBotDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var source = db.Database.GetDbConnection().DataSource;
        return string.IsNullOrEmpty(source) || source == ":memory:" ? null : PathFor(Path.GetFullPath(source));
    }

    /// <summary>Appends erased rows (id and creation time) to the journal.</summary>
    public static void Record(string? journalPath, IEnumerable<(int Id, DateTime CreatedUtc)> erased, DateTime erasedUtc)
    {
        ArgumentNullException.ThrowIfNull(erased);
        if (journalPath is null)
        {
            return;
        }

        var lines = erased.Select(e => JsonSerializer.Serialize(new Entry(e.Id, e.CreatedUtc.Ticks, erasedUtc.ToString("O", CultureInfo.InvariantCulture)), EntryJson.Default.Entry)).ToList();
        if (lines.Count == 0)
        {
            return;
        }

        var options = new FileStreamOptions { Mode = FileMode.Append, Access = FileAccess.Write, Share = FileShare.Read };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var stream = new FileStream(journalPath, options);
        using var writer = new StreamWriter(stream);
        foreach (var line in lines)
        {
            writer.WriteLine(line);
        }

        writer.Flush();
        stream.Flush(flushToDisk: true);
    }

    /// <summary>The erased rows the journal lists (a line that cannot be read is skipped).</summary>
    public static IReadOnlyList<(int Id, DateTime CreatedUtc)> Read(string journalPath)
    {
        if (!File.Exists(journalPath))
        {
            return [];
        }

        var result = new List<(int, DateTime)>();
        foreach (var line in File.ReadLines(journalPath))
        {
            try
            {
                if (JsonSerializer.Deserialize(line, EntryJson.Default.Entry) is { } e)
                {
                    result.Add((e.Id, new DateTime(e.CreatedTicks, DateTimeKind.Utc)));
                }
            }
            catch (JsonException)
            {
                // A torn last line (a crash while appending) is not an erasure that happened.
            }
        }

        return result;
    }

    /// <summary>
    /// Deletes from <paramref name="db"/> (a restored backup) every person the journal says was erased: matched by row
    /// id and creation time, so that a row id used again later is not touched. Returns how many rows were deleted.
    /// </summary>
    public static async Task<int> ReapplyAsync(DgBotDbContext db, string journalPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var erased = Read(journalPath);
        if (erased.Count == 0)
        {
            return 0;
        }

        var ids = erased.Select(e => e.Id).ToHashSet();
        var candidates = await db.ChatUsers.Where(u => ids.Contains(u.Id)).ToListAsync(cancellationToken).ConfigureAwait(false);
        var due = candidates.Where(u => erased.Contains((u.Id, DateTime.SpecifyKind(u.CreatedUtc, DateTimeKind.Utc)))).ToList();
        await PersonErasure.RemoveAsync(db, due, journalAtUtc: null, cancellationToken).ConfigureAwait(false);
        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        return due.Count;
    }

    internal sealed record Entry(int Id, long CreatedTicks, string ErasedUtc);
}

[System.Text.Json.Serialization.JsonSerializable(typeof(ErasureJournal.Entry))]
internal sealed partial class EntryJson : System.Text.Json.Serialization.JsonSerializerContext;
