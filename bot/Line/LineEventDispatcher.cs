using DgBot.Core.Data;
using DgBot.Core.Diagnostics;

namespace DgBot.Bot.Line;

/// <summary>One webhook event waiting to be processed, with the time the webhook received it and its inbox row.</summary>
public sealed record LineEventWork(LineWebhookEvent Event, string ChatId, DateTimeOffset ReceivedAt, long? InboxId = null);

/// <summary>
/// Runs webhook events behind the webhook: in arrival order per chat, chats in parallel. Each chat has a chain of
/// tasks (the tail is kept while work is pending); on shutdown the queue waits for pending work, then cancels it.
/// An event's inbox row is marked processed once its turn ran and its replies were sent; at start-up (before the
/// webhook listens) the rows a previous process left waiting are queued first, in their arrival order.
/// </summary>
public sealed partial class LineEventDispatcher(
    LineEventProcessor processor,
    IServiceScopeFactory scopes,
    ILogger<LineEventDispatcher> logger) : IHostedService, IDisposable
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

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var inbox = scope.ServiceProvider.GetRequiredService<Inbox>();
            var pending = await inbox.TakePendingAsync(LineInbox.Channel, cancellationToken).ConfigureAwait(false);
            foreach (var row in pending)
            {
                if (LineInbox.ToWork(row) is { } work)
                {
                    Enqueue(work);
                }
                else
                {
                    await inbox.MarkProcessedAsync(row.Id, cancellationToken).ConfigureAwait(false);
                }
            }

            if (pending.Count > 0)
            {
                LogRecovered(logger, pending.Count);
            }
        }
    }

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
            if (work.InboxId is { } id)
            {
                await processor.ProcessAsync(work, _stopping.Token).ConfigureAwait(false);
                await WithInboxAsync(inbox => inbox.MarkProcessedAsync(id, _stopping.Token)).ConfigureAwait(false);
            }
            else
            {
                await processor.ProcessAsync(work, _stopping.Token).ConfigureAwait(false);
            }
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

    private async Task WithInboxAsync(Func<Inbox, Task> action)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            await action(scope.ServiceProvider.GetRequiredService<Inbox>()).ConfigureAwait(false);
        }
    }

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "Processing {Count} LINE events a previous run stored and did not finish")]
    private static partial void LogRecovered(ILogger logger, int count);

    [LoggerMessage(EventId = 5201, Level = LogLevel.Error, Message = "Processing a LINE {EventType} event failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, string? eventType);

    [LoggerMessage(EventId = 5202, Level = LogLevel.Warning, Message = "Processing a LINE {EventType} event was cancelled by shutdown")]
    private static partial void LogCancelled(ILogger logger, string? eventType);
}
