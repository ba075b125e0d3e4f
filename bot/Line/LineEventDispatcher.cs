using DgBot.Bot.Channels;
using DgBot.Core.Data;

namespace DgBot.Bot.Line;

/// <summary>One webhook event waiting to be processed, with the time the webhook received it and its inbox row.</summary>
public sealed record LineEventWork(LineWebhookEvent Event, string ChatId, DateTimeOffset ReceivedAt, long? InboxId = null);

/// <summary>
/// Hands LINE's events to the <see cref="ChatExecutor"/> (in arrival order per chat, chats in parallel; the inbox row
/// marked processed once the replies were sent). At start-up, before the webhook listens, the rows a previous process
/// left waiting are queued first, in their arrival order.
/// </summary>
public sealed partial class LineEventDispatcher(
    LineEventProcessor processor,
    ChatExecutor executor,
    IServiceScopeFactory scopes,
    ILogger<LineEventDispatcher> logger) : IHostedService
{
    public void Enqueue(LineEventWork work)
    {
        ArgumentNullException.ThrowIfNull(work);
        executor.Enqueue(LineInbox.Channel, work.ChatId, work.InboxId, ct => processor.ProcessAsync(work, ct));
    }

    /// <summary>Completes when everything queued so far has been processed (tests and shutdown wait on it).</summary>
    public Task IdleAsync() => executor.IdleAsync();

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

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 5203, Level = LogLevel.Information, Message = "Processing {Count} LINE events a previous run stored and did not finish")]
    private static partial void LogRecovered(ILogger logger, int count);
}
