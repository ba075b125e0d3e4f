using DgBot.Core.Data;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Hosting;

public sealed record ChannelHealth(string Channel, bool Configured, string Mode, DateTimeOffset? LastSuccess);

public sealed record HealthReport(string Status, bool Database, IReadOnlyList<ChannelHealth> Channels);

/// <summary><c>GET /healthz</c>: 200 when the database answers, 503 otherwise; lists the configured channels.</summary>
public static class HealthEndpoints
{
    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/healthz", GetHealthAsync);
        return app;
    }

    internal static async Task<Results<Ok<HealthReport>, JsonHttpResult<HealthReport>>> GetHealthAsync(
        DgBotDbContext db,
        IEnumerable<IChannelStatus> channels,
        CancellationToken cancellationToken)
    {
        bool database;
        try
        {
            database = await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false);
            if (database)
            {
                // Reading a table proves the schema is there, not only the file.
                await db.ProcessedEvents.AnyAsync(cancellationToken).ConfigureAwait(false);
            }
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            database = false;
        }

        var report = new HealthReport(
            database ? "ok" : "unhealthy",
            database,
            channels.Select(c => new ChannelHealth(c.Channel, c.Configured, c.Mode, c.LastSuccess)).ToArray());
        return database
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
