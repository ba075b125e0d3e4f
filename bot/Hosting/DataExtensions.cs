using DgBot.Core.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DgBot.Bot.Hosting;

/// <summary>Registers the SQLite database (connection string <c>ConnectionStrings:DgBot</c>, default <c>data/dgbot.db</c>).</summary>
public static class DataExtensions
{
    public static IHostApplicationBuilder AddDgBotData(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var connectionString = builder.Configuration.GetConnectionString("DgBot");
        // Pooled: a scope (one per turn) rents a context that is already set up instead of building a new one, whose
        // services and options lookups were a measurable part of a turn. A returned context is reset by EF Core.
        builder.Services.AddDbContextPool<DgBotDbContext>(options => options.UseDgBotSqlite(connectionString));
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<Core.Conversation.UserTurnLocks>();
        builder.Services.TryAddScoped<Inbox>();
        return builder;
    }

    /// <summary>Migrates the database when the host starts, before any channel runs.</summary>
    public static IHostApplicationBuilder AddDatabaseMigration(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddHostedService<DatabaseMigrator>();
        builder.Services.AddHostedService<InboxPruner>();
        return builder;
    }

    /// <summary>Applies committed migrations (and WAL) once, before anything else touches the database.</summary>
    public static async Task MigrateDgBotDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
            await SqliteSetup.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
        }
    }
}
