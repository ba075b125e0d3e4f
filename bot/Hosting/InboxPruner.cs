using DgBot.Core.Data;

namespace DgBot.Bot.Hosting;

/// <summary>
/// Keeps the inbox and the processed-event keys bounded: once an hour, rows processed more than
/// <see cref="Inbox.KeepProcessedFor"/> ago are deleted (waiting events never are).
/// </summary>
internal sealed partial class InboxPruner(IServiceScopeFactory scopes, TimeProvider time, ILogger<InboxPruner> logger) : BackgroundService
{
    private static readonly TimeSpan Every = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            try
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var removed = await scope.ServiceProvider.GetRequiredService<Inbox>().PruneAsync(stoppingToken).ConfigureAwait(false);
                    if (removed > 0)
                    {
                        LogPruned(logger, removed);
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogFailed(logger, ex);
            }
        }
        while (await WaitAsync(timer, stoppingToken).ConfigureAwait(false));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken stoppingToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    [LoggerMessage(EventId = 1301, Level = LogLevel.Information, Message = "Pruned {Rows} processed inbox events and event keys")]
    private static partial void LogPruned(ILogger logger, int rows);

    [LoggerMessage(EventId = 1302, Level = LogLevel.Warning, Message = "Pruning the inbox failed; trying again in an hour")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
