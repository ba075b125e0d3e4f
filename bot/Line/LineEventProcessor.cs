using System.Collections.Concurrent;
using DgBot.Core.Conversation;
using DgBot.Core.Diagnostics;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Line;

/// <summary>
/// Processes one webhook event: turns it into an <see cref="Inbound"/>, runs the engine in a DI scope of its own,
/// renders the replies and sends them: by reply token first (free), by push when the token is too old or refused,
/// and by push for every further batch of five messages.
/// </summary>
public sealed partial class LineEventProcessor(
    IServiceScopeFactory scopes,
    LineMessageRenderer renderer,
    IOptions<LineOptions> options,
    TimeProvider time,
    ILogger<LineEventProcessor> logger)
{
    private readonly ConcurrentDictionary<string, bool> _profileFetched = new(StringComparer.Ordinal);

    /// <summary>The channel-neutral event for a LINE webhook event, or null for events DgBot does not handle.</summary>
    public static Inbound? ToInbound(LineWebhookEvent webhookEvent, string chatId)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        var userId = webhookEvent.Source?.UserId ?? chatId;
        var isPrivate = string.Equals(webhookEvent.Source?.Type, "user", StringComparison.Ordinal);
        Inbound Make(InboundKind kind, string? text = null, string? payload = null) =>
            new(ChannelKind.Line, userId, chatId, null, kind, text, payload, webhookEvent.WebhookEventId, isPrivate);

        return webhookEvent switch
        {
            { Type: "message", Message: { Type: "text", Text: { } text } } => Make(InboundKind.Text, text: text),
            { Type: "postback", Postback: { Data: { } data } } => Make(InboundKind.Button, payload: data),
            { Type: "follow" } => Make(InboundKind.Follow),
            { Type: "unfollow" } => Make(InboundKind.Unreachable),
            _ => null,
        };
    }

    public async Task ProcessAsync(LineEventWork work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var client = scope.ServiceProvider.GetRequiredService<LineMessagingClient>();
            if (ToInbound(work.Event, work.ChatId) is not { } inbound)
            {
                return;
            }

            // The display name: on follow, and once per person per process for friends who added the bot before it ran.
            if (inbound is { IsPrivateChat: true, Kind: not InboundKind.Unreachable }
                && (inbound.Kind == InboundKind.Follow || _profileFetched.TryAdd(inbound.UserId, true)))
            {
                inbound = inbound with { DisplayName = (await client.GetProfileAsync(inbound.UserId, cancellationToken).ConfigureAwait(false))?.DisplayName };
            }

            var engine = scope.ServiceProvider.GetRequiredService<IConversationEngine>();
            var turn = engine.HandleAsync(inbound, cancellationToken);
            if (inbound is { Kind: InboundKind.Text or InboundKind.Button, IsPrivateChat: true })
            {
                await ShowLoadingIfSlowAsync(turn, client, inbound.ChatId, cancellationToken).ConfigureAwait(false);
            }

            var result = await turn.ConfigureAwait(false);
            if (inbound.Kind == InboundKind.Unreachable)
            {
                return;
            }

            var messages = renderer.Render(result);
            if (messages.Count > 0)
            {
                await SendAsync(client, work, messages, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task ShowLoadingIfSlowAsync(Task turn, LineMessagingClient client, string chatId, CancellationToken cancellationToken)
    {
        if (turn.IsCompleted)
        {
            return;
        }

        using var waiting = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var delay = Task.Delay(options.Value.LoadingIndicatorDelay, time, waiting.Token);
        if (await Task.WhenAny(turn, delay).ConfigureAwait(false) == delay && delay.IsCompletedSuccessfully)
        {
            await client.StartLoadingAsync(chatId, options.Value.LoadingSeconds, cancellationToken).ConfigureAwait(false);
        }

        await waiting.CancelAsync().ConfigureAwait(false);
    }

    private async Task SendAsync(LineMessagingClient client, LineEventWork work, IReadOnlyList<LineMessage> messages, CancellationToken cancellationToken)
    {
        var batches = messages.Chunk(LineMessagingClient.MaxMessagesPerRequest).ToList();
        var first = 0;
        if (work.Event.ReplyToken is { Length: > 0 } replyToken)
        {
            var age = time.GetUtcNow() - work.ReceivedAt;
            if (age < options.Value.ReplyTokenLifetime)
            {
                var reply = await client.ReplyAsync(replyToken, batches[0], cancellationToken).ConfigureAwait(false);
                if (reply.Delivered)
                {
                    first = 1;
                }
                else
                {
                    LogReplyFellBackToPush(logger, reply.StatusCode, batches[0].Length);
                }
            }
            else
            {
                LogReplyTokenTooOld(logger, age.TotalSeconds);
            }
        }

        for (var i = first; i < batches.Count; i++)
        {
            var push = await client.PushAsync(work.ChatId, batches[i], Guid.NewGuid(), cancellationToken).ConfigureAwait(false);
            if (!push.Delivered)
            {
                DgBotMetrics.Error("line");
                LogPushFailed(logger, push.Status, push.StatusCode, batches.Count - i);
                return;
            }
        }
    }

    [LoggerMessage(EventId = 5301, Level = LogLevel.Information, Message = "LINE reply failed ({StatusCode}); sending the {Count} messages by push")]
    private static partial void LogReplyFellBackToPush(ILogger logger, int? statusCode, int count);

    [LoggerMessage(EventId = 5302, Level = LogLevel.Information, Message = "LINE reply token is {AgeSeconds:0.0} s old; sending by push")]
    private static partial void LogReplyTokenTooOld(ILogger logger, double ageSeconds);

    [LoggerMessage(EventId = 5303, Level = LogLevel.Error, Message = "LINE push {Status} ({StatusCode}); {Batches} batches of replies were not sent")]
    private static partial void LogPushFailed(ILogger logger, LineSendStatus status, int? statusCode, int batches);
}
