using DgBot.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DgBot.TestDoubles.Seeding;

/// <summary>A migrated SQLite file in its own temporary folder, seeded with <see cref="SurveySeed"/>; deleted on dispose.</summary>
public sealed class SeededDatabase : IAsyncDisposable
{
    private SeededDatabase(string folder, SeededSurvey survey)
    {
        Folder = folder;
        Survey = survey;
    }

    public string Folder { get; }

    public string Path => System.IO.Path.Combine(Folder, "dgbot.db");

    public string ConnectionString => $"Data Source={Path}";

    public SeededSurvey Survey { get; }

    /// <summary>Creates the file and seeds it (the parameters are <see cref="SurveySeed.SeedAsync"/>'s).</summary>
    public static async Task<SeededDatabase> CreateAsync(int provinces = 3, int perProvince = 19, int submittedPerProvince = 15, bool previousRound = true)
    {
        var folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dgbot-seeded-{Guid.NewGuid():N}");
        Directory.CreateDirectory(folder);
        await using var db = Open($"Data Source={System.IO.Path.Combine(folder, "dgbot.db")}");
        await SqliteSetup.MigrateAsync(db);
        var survey = await SurveySeed.SeedAsync(db, provinces, perProvince, submittedPerProvince, previousRound);
        return new SeededDatabase(folder, survey);
    }

    /// <summary>A new context on the file (the caller disposes it).</summary>
    public DgBotDbContext NewContext() => Open(ConnectionString);

    private static DgBotDbContext Open(string connectionString)
    {
        var options = new DbContextOptionsBuilder<DgBotDbContext>();
        options.UseDgBotSqlite(connectionString);
        return new DgBotDbContext(options.Options);
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(Folder, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temporary folder left behind does no harm.
        }

        return ValueTask.CompletedTask;
    }
}
