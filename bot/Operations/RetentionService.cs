using DgBot.Core.Privacy;
using DgBot.Core.Reports;

namespace DgBot.Bot.Operations;

/// <summary>
/// Runs the automatic erasure of personal data (<see cref="RetentionEraser"/>, <c>Privacy:RetentionDays</c> after a
/// round closes) and the deletion of report links a week after they ended (<see cref="ReportLinks.PruneAsync"/>) shortly after start and then every six hours while <c>serve</c> runs. A failed run is logged; the next
/// one tries again. Several replicas may run it at once: each deletes what is due, and a row already deleted by
/// another is simply not found.
/// </summary>
internal sealed partial class RetentionService(IServiceScopeFactory scopes, TimeProvider time, ILogger<RetentionService> logger) : BackgroundService
{
    internal static readonly TimeSpan Every = TimeSpan.FromHours(6);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1), time, stoppingToken).ConfigureAwait(false);
            using var timer = new PeriodicTimer(Every, time);
            do
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    internal async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            var scope = scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var erased = await scope.ServiceProvider.GetRequiredService<RetentionEraser>().EraseDueAsync(cancellationToken).ConfigureAwait(false);
                if (erased > 0)
                {
                    Erased(logger, erased);
                }

                // Report links are bearer links: once they have ended (and a week more, so opening one still says so) they go.
                if (scope.ServiceProvider.GetService<ReportLinks>() is { } links
                    && await links.PruneAsync(cancellationToken).ConfigureAwait(false) is > 0 and var pruned)
                {
                    LinksPruned(logger, pruned);
                }

                return erased;
            }
        }
        catch (Exception ex) when (ex is Microsoft.EntityFrameworkCore.DbUpdateException or Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            Failed(logger, ex);
            return 0;
        }
    }

    [LoggerMessage(EventId = 7101, Level = LogLevel.Information, Message = "Retention: erased the personal data of {Count} people whose round closed more than the retention period ago")]
    private static partial void Erased(ILogger logger, int count);

    [LoggerMessage(EventId = 7103, Level = LogLevel.Information, Message = "Retention: deleted {Count} report links that ended more than a week ago")]
    private static partial void LinksPruned(ILogger logger, int count);

    [LoggerMessage(EventId = 7102, Level = LogLevel.Error, Message = "Retention erasure failed; it is tried again at the next run")]
    private static partial void Failed(ILogger logger, Exception exception);
}
