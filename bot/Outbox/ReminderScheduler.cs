using DgBot.Core.Data;
using DgBot.Core.Diagnostics;
using DgBot.Core.Reminders;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Outbox;

/// <summary>
/// Checks the schedule of every open round every <see cref="ReminderOptions.ScheduleInterval"/> and writes the due
/// slots to the outbox. Writing is idempotent, so checking often (and after a restart) never doubles a reminder; a
/// person who joins while a slot is current still gets it.
/// </summary>
public sealed partial class ReminderScheduler(
    IServiceScopeFactory scopes,
    IOptions<ReminderOptions> options,
    TimeProvider time,
    ILogger<ReminderScheduler> logger,
    OutboxDepth? depth = null) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await RunOnceAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is DbUpdateException or InvalidOperationException or Microsoft.Data.Sqlite.SqliteException)
            {
                LogScheduleFailed(logger, ex);
                DgBotMetrics.Error("reminders");
            }

            try
            {
                await Task.Delay(options.Value.ScheduleInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Writes every slot due now; returns the number of new outbox messages.</summary>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
            var planner = scope.ServiceProvider.GetRequiredService<ReminderPlanner>();
            var now = time.GetUtcNow().UtcDateTime;
            var rounds = await db.Rounds.AsNoTracking().Where(r => r.ClosedUtc == null && r.DeadlineUtc > now).ToListAsync(cancellationToken).ConfigureAwait(false);
            var added = 0;
            foreach (var round in rounds)
            {
                foreach (var slot in ReminderSchedule.Due(round, now))
                {
                    var count = await planner.EnqueueAsync(round, slot, cancellationToken).ConfigureAwait(false);
                    if (count > 0)
                    {
                        LogEnqueued(logger, count, slot.Key, round.Name);
                    }

                    added += count;
                }
            }

            if (depth is not null)
            {
                await depth.RefreshAsync(db, cancellationToken).ConfigureAwait(false);
            }

            return added;
        }
    }

    [LoggerMessage(EventId = 6101, Level = LogLevel.Information, Message = "Reminder slot {Slot} of round {Round}: {Count} messages written to the outbox")]
    private static partial void LogEnqueued(ILogger logger, int count, string slot, string round);

    [LoggerMessage(EventId = 6102, Level = LogLevel.Error, Message = "The reminder schedule check failed; trying again at the next interval")]
    private static partial void LogScheduleFailed(ILogger logger, Exception exception);
}
