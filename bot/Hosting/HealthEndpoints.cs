using DgBot.Bot.Operations;
using DgBot.Core.Data;
using DgBot.Core.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Hosting;

public sealed record ChannelHealth(string Channel, bool Configured, string Mode, DateTimeOffset? LastSuccess);

/// <summary>Scheduled backups: the folder (null when they are off) and when the last one succeeded.</summary>
public sealed record BackupHealth(string? Directory, DateTimeOffset? LastSuccess);

/// <summary>One named health check (Microsoft.Extensions.Diagnostics.HealthChecks): Healthy, Degraded or Unhealthy, and why.</summary>
public sealed record CheckHealth(string Status, string? Description);

/// <summary>
/// What /healthz answers. <see cref="Status"/> is "ok", "degraded" (the database answers but a check, such as
/// "channels" with no channel configured, is Degraded; still 200) or "unhealthy" (503).
/// </summary>
public sealed record HealthReport(string Status, bool Database, IReadOnlyList<ChannelHealth> Channels, BackupHealth? Backup = null, IReadOnlyDictionary<string, CheckHealth>? Checks = null);

/// <summary>
/// <c>GET /healthz</c>: 200 when the database answers, 503 otherwise; lists the configured channels with the time of
/// each one's last successful call to its platform, and the last scheduled backup.
/// </summary>
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
        IServiceProvider services,
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

        var checks = await ChecksAsync(services, cancellationToken).ConfigureAwait(false);
        var degraded = checks?.Values.Any(c => c.Status != nameof(HealthStatus.Healthy)) == true;
        var report = new HealthReport(
            !database ? "unhealthy" : degraded ? "degraded" : "ok",
            database,
            channels.Select(c => new ChannelHealth(c.Channel, c.Configured, c.Mode, c.LastSuccess)).ToArray(),
            Backup(services),
            checks);
        if (!database)
        {
            DgBotMetrics.Error("health");
        }

        return database
            ? TypedResults.Ok(report)
            : TypedResults.Json(report, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    /// <summary>The registered health checks (the "channels" one), by name; null when none is registered.</summary>
    private static async Task<IReadOnlyDictionary<string, CheckHealth>?> ChecksAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        if (services.GetService<HealthCheckService>() is not { } service)
        {
            return null;
        }

        var result = await service.CheckHealthAsync(cancellationToken).ConfigureAwait(false);
        return result.Entries.ToDictionary(e => e.Key, e => new CheckHealth(e.Value.Status.ToString(), e.Value.Description), StringComparer.Ordinal);
    }

    private static BackupHealth? Backup(IServiceProvider services)
    {
        var options = services.GetService<IOptions<BackupOptions>>()?.Value;
        var status = services.GetService<BackupStatus>();
        if (options is null || status is null)
        {
            return null;
        }

        return new BackupHealth(string.IsNullOrWhiteSpace(options.Directory) ? null : Path.GetFullPath(options.Directory), status.LastSuccess);
    }
}
