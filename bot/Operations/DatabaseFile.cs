using DgBot.Core.Data;
using Microsoft.Data.Sqlite;

namespace DgBot.Bot.Operations;

/// <summary>Where the bot's SQLite database lives, read from <c>ConnectionStrings:DgBot</c> as the bot reads it.</summary>
public sealed record DatabaseFile(string ConnectionString, string Path)
{
    /// <summary>The file the <c>serve</c> host holds locked while it runs; <c>db restore</c> refuses while it is held.</summary>
    public string LockPath => Path + ".serve-lock";

    /// <summary>Null for an in-memory database (nothing to back up or lock).</summary>
    public static DatabaseFile? From(string? connectionString)
    {
        var normalized = SqliteSetup.Normalize(connectionString);
        var builder = new SqliteConnectionStringBuilder(normalized);
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return null;
        }

        return new DatabaseFile(normalized, System.IO.Path.GetFullPath(builder.DataSource));
    }

    public static DatabaseFile? From(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return From(configuration.GetConnectionString("DgBot"));
    }
}
