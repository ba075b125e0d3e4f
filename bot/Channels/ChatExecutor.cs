using DgBot.Core.Data;
using DgBot.Core.Diagnostics;

namespace DgBot.Bot.Channels;

/// <summary>
/// The one ordered per-chat executor of both channels: work of one chat runs in the order it was queued, chats side by
/// side. Each chat has a chain of tasks (the tail is kept while work is pending). Work that came from the durable
/// <see cref="Inbox"/> has its row marked processed once it finished; work that failed or was cut short by shutdown
/// stays waiting there and runs again at the next start. On shutdown the executor waits for pending work (until the
/// host's shutdown timeout), then cancels it.
/// </summary>
public sealed partial class ChatExecutor(IServiceScopeFactory scopes, ILogger<ChatExecutor> logger) : IHostedService, IDisposable
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly CancellationTokenSource _stopping = new();

    /// <summary>Queues <paramref name="work"/> after the chat's earlier work; <paramref name="inboxId"/> is its inbox row, if any.</summary>
    public void Enqueue(string channel, string chatId, long? inboxId, Func<CancellationToken, Task> work)
    {
        ArgumentException.ThrowIfNullOrEmpty(channel);
        ArgumentNullException.ThrowIfNull(chatId);
        ArgumentNullException.ThrowIfNull(work);
        var key = channel + ":" + chatId;
        lock (_gate)
        {
            var previous = _tails.GetValueOrDefault(key) ?? Task.CompletedTask;
            var next = Task.Run(() => RunAfterAsync(previous, channel, inboxId, work), CancellationToken.None);
            _tails[key] = next;
            _ = next.ContinueWith(
                done =>
                {
                    lock (_gate)
                    {
                        if (_tails.TryGetValue(key, out var tail) && tail == done)
                        {
                            _tails.Remove(key);
                        }
                    }
                },
                CancellationToken.None,
                TaskContinuationOptions.ExecuteSynchronously,
                TaskScheduler.Default);
        }
    }

    /// <summary>Completes when everything queued so far has run (tests and shutdown wait on it).</summary>
    public Task IdleAsync()
    {
        lock (_gate)
        {
            return Task.WhenAll(_tails.Values);
        }
    }

    /// <summary>Whether nothing is queued or running.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_gate)
            {
                return _tails.Count == 0;
            }
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

    /// <summary>Cuts every running work short now (the channel's own shutdown grace is over).</summary>
    public Task CancelAsync() => _stopping.CancelAsync();

    public void Dispose() => _stopping.Dispose();

    private async Task RunAfterAsync(Task previous, string channel, long? inboxId, Func<CancellationToken, Task> work)
    {
        await previous.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (_stopping.IsCancellationRequested)
        {
            return;
        }

        try
        {
            await work(_stopping.Token).ConfigureAwait(false);
            if (inboxId is { } id)
            {
                var scope = scopes.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    await scope.ServiceProvider.GetRequiredService<Inbox>().MarkProcessedAsync(id, _stopping.Token).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
        {
            LogCancelled(logger, channel);
        }
        catch (Exception ex)
        {
            DgBotMetrics.Error(channel);
            LogFailed(logger, ex, channel);
        }
    }

    [LoggerMessage(EventId = 1401, Level = LogLevel.Error, Message = "Processing a {Channel} event failed; it stays in the inbox for the next start")]
    private static partial void LogFailed(ILogger logger, Exception exception, string channel);

    [LoggerMessage(EventId = 1402, Level = LogLevel.Warning, Message = "Processing a {Channel} event was cut short by shutdown; it stays in the inbox for the next start")]
    private static partial void LogCancelled(ILogger logger, string channel);
}
