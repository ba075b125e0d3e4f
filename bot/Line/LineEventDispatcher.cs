using DgBot.Core.Diagnostics;

namespace DgBot.Bot.Line;

/// <summary>One webhook event waiting to be processed, with the time the webhook received it.</summary>
public sealed record LineEventWork(LineWebhookEvent Event, string ChatId, DateTimeOffset ReceivedAt);

/// <summary>
/// Runs webhook events behind the webhook: in arrival order per chat, chats in parallel. Each chat has a chain of
/// tasks (the tail is kept while work is pending); on shutdown the queue waits for pending work, then cancels it.
/// </summary>
public sealed partial class LineEventDispatcher(LineEventProcessor processor, ILogger<LineEventDispatcher> logger) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    public void Enqueue(LineEventWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        lock (_gate)
        {
            var previous = _tails.GetValueOrDefault(work.ChatId) ?? Task.CompletedTask;
            var next = Task.Run(() => RunAfterAsync(previous, work), CancellationToken.None);
            _tails[work.ChatId] = next;
            _ = next.ContinueWith(
                done =>
                {
                    lock (_gate)
                    {
                        if (_tails.TryGetValue(work.ChatId, out var tail) && tail == done)
                        {
                            _tails.Remove(work.ChatId);
                        }
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>Completes when everything queued so far has been processed (tests and shutdown wait on it).</summary>
    public Task IdleAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_tails.Values);
        }
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await IdleAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            await _stopping.CancelAsync().ConfigureAwait(false);
        }
    }

    public void Dispose() => _stopping.Dispose();

    private async Task RunAfterAsync(Task previous, LineEventWork work)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        try
        {
            await processor.ProcessAsync(work, _stopping.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            LogCancelled(logger, work.Event.Type);
        }
        catch (Exception ex)
        {
            DgBotMetrics.Error("line");
            LogFailed(logger, ex, work.Event.Type);
        }
    }

    [LoggerMessage(EventId = 5201, Level = LogLevel.Error, Message = "Processing a LINE {EventType} event failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string? eventType);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Processing a LINE {EventType} event was cancelled by shutdown")]
    private static partial void LogCancelled(ILogger logger, string? eventType);
}
