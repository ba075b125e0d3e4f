using DgBot.Core.Diagnostics;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Telegram.Bot;
using Telegram.Bot.Exceptions;

namespace DgBot.Bot.Telegram;

/// <summary>The chat refused the bot (HTTP 403: the person blocked it, or the bot was removed from the group).</summary>
public sealed class TelegramChatUnreachableException(long chatId, Exception inner)
    : Exception($"Telegram chat {chatId.ToString(System.Globalization.CultureInfo.InvariantCulture)} refused the bot (403).", inner)
{
    public long ChatId { get; } = chatId;
}

/// <summary>What a Bot API call does, which decides the limits it waits for.</summary>
public enum TelegramCall
{
    /// <summary>A new message in a chat: the global rate and the per-chat interval, and a 429 hold on that chat.</summary>
    Send,

    /// <summary>
    /// A new message that answers nobody (a reminder, a broadcast): as <see cref="Send"/>, and also at most
    /// <see cref="TelegramOptions.BroadcastRatePerSecond"/>, so a broadcast never takes every slot of the global rate.
    /// </summary>
    Broadcast,

    /// <summary>An edit of a message already in a chat: the global rate and a 429 hold on that chat, not the per-chat interval.</summary>
    Edit,

    /// <summary>An answer to a callback query: never delayed (the person is watching a spinner).</summary>
    Answer,

    /// <summary>Anything else (getUpdates, getMe, setWebhook): only a 429 hold of such calls.</summary>
    Other,
}

/// <summary>
/// The one way out to the Bot API, and the one place its limits are kept. New messages (<see cref="TelegramCall.Send"/>)
/// keep under a global rate (<see cref="TelegramOptions.GlobalRatePerSecond"/>) and at least
/// <see cref="TelegramOptions.PerChatInterval"/> apart in one chat; edits keep the global rate only; callback answers
/// go at once; broadcasts (<see cref="TelegramCall.Broadcast"/>) also keep their own share
/// (<see cref="TelegramOptions.BroadcastRatePerSecond"/>). The outbox asks <see cref="SendableAt"/> instead of pacing
/// on its own. A 429 holds only what it was about: its <c>retry_after</c> delays that chat's sends and edits (or, for a
/// call outside a chat, such calls), not every other chat (Telegram.Bot's own retry is off: RetryThreshold = 0).
/// A 403 becomes <see cref="TelegramChatUnreachableException"/>. Reusable by anything that sends (replies, reminders, broadcasts).
/// </summary>
public sealed partial class TelegramSender
{
    private readonly ITelegramBotClient _client;
    private readonly TimeProvider _time;
    private readonly TelegramChannelStatus _status;
    private readonly ILogger<TelegramSender> _logger;
    private readonly TimeSpan _globalInterval;
    private readonly TimeSpan _globalBurstTolerance;
    private readonly TimeSpan _perChatInterval;
    private readonly TimeSpan _broadcastInterval;
    private readonly int _maxRetries;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, DateTimeOffset> _nextPerChat = [];
    private readonly Dictionary<long, DateTimeOffset> _heldChats = [];
    private DateTimeOffset _nextGlobal;
    private DateTimeOffset _nextBroadcast;
    private DateTimeOffset _holdOther;

    internal TelegramSender(ITelegramBotClient client, IOptions<TelegramOptions> options, TimeProvider time, TelegramChannelStatus status, ILogger<TelegramSender> logger)
    {
        _client = client;
        _time = time;
        _status = status;
        _logger = logger;
        _globalInterval = TimeSpan.FromSeconds(1 / options.Value.GlobalRatePerSecond);
        _globalBurstTolerance = _globalInterval * (Math.Max(1, options.Value.GlobalBurst) - 1);
        _nextGlobal = time.GetUtcNow();
        _perChatInterval = options.Value.PerChatInterval;
        _broadcastInterval = TimeSpan.FromSeconds(1 / options.Value.BroadcastRatePerSecond);
        _maxRetries = options.Value.MaxRetries;
    }

    /// <summary>
    /// Calls the Bot API: a <see cref="TelegramCall.Send"/> to <paramref name="chatId"/>, or, without a chat, an
    /// <see cref="TelegramCall.Other"/> call.
    /// </summary>
    public Task<T> CallAsync<T>(long? chatId, Func<ITelegramBotClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken) =>
        CallAsync(chatId is null ? TelegramCall.Other : TelegramCall.Send, chatId, call, cancellationToken);

    /// <summary>Calls the Bot API for a call of <paramref name="kind"/> in <paramref name="chatId"/> (null for calls that post nothing in a chat).</summary>
    public async Task<T> CallAsync<T>(TelegramCall kind, long? chatId, Func<ITelegramBotClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (kind is TelegramCall.Send or TelegramCall.Broadcast or TelegramCall.Edit && chatId is null)
        {
            throw new ArgumentException($"A {kind} call needs its chat.", nameof(chatId));
        }

        for (var attempt = 1; ; attempt++)
        {
            await WaitForTurnAsync(kind, chatId, cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await call(_client, cancellationToken).ConfigureAwait(false);
                _status.MarkSuccess();
                if (kind is TelegramCall.Send or TelegramCall.Broadcast or TelegramCall.Edit)
                {
                    DgBotMetrics.ReplySent("telegram");
                }

                return result;
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429 && attempt < _maxRetries)
            {
                var retryAfter = TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1));
                if (kind == TelegramCall.Answer)
                {
                    // Only this answer waits (and tries once more); nothing else is held for it.
                    await Task.Delay(retryAfter, _time, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    Hold(chatId, retryAfter);
                }

                DgBotMetrics.RateLimited("telegram");
                Log.RateLimited(_logger, (int)retryAfter.TotalSeconds, attempt);
            }
            catch (ApiRequestException e) when (e.ErrorCode == 403 && chatId is { } chat)
            {
                Log.ChatUnreachable(_logger, chat);
                throw new TelegramChatUnreachableException(chat, e);
            }
        }
    }

    /// <summary>Calls the Bot API for something that returns nothing useful.</summary>
    public Task CallAsync(long? chatId, Func<ITelegramBotClient, CancellationToken, Task> call, CancellationToken cancellationToken) =>
        CallAsync(chatId is null ? TelegramCall.Other : TelegramCall.Send, chatId, call, cancellationToken);

    /// <inheritdoc cref="CallAsync{T}(TelegramCall, long?, Func{ITelegramBotClient, CancellationToken, Task{T}}, CancellationToken)"/>
    public Task CallAsync(TelegramCall kind, long? chatId, Func<ITelegramBotClient, CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CallAsync<bool>(kind, chatId, async (c, ct) =>
        {
            await call(c, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>
    /// Holds back the sends and edits of <paramref name="chatId"/> (or, when null, the calls outside a chat) for
    /// <paramref name="delay"/>: what a 429 with <c>retry_after</c> asked for.
    /// </summary>
    public void Hold(long? chatId, TimeSpan delay)
    {
        lock (_gate)
        {
            var until = _time.GetUtcNow() + delay;
            if (chatId is { } chat)
            {
                if (!_heldChats.TryGetValue(chat, out var held) || until > held)
                {
                    _heldChats[chat] = until;
                }
            }
            else if (until > _holdOther)
            {
                _holdOther = until;
            }
        }
    }

    /// <summary>
    /// When a new message to <paramref name="chatId"/> could go as far as that chat is concerned (its interval since
    /// the last message and any 429 hold; the global rate aside), without taking the slot. The outbox defers a message
    /// to a busy chat to this time and sends another chat's message meanwhile.
    /// </summary>
    public DateTimeOffset SendableAt(long chatId)
    {
        lock (_gate)
        {
            var start = _time.GetUtcNow();
            if (_heldChats.TryGetValue(chatId, out var held))
            {
                start = Max(start, held);
            }

            if (_nextPerChat.TryGetValue(chatId, out var chatNext))
            {
                start = Max(start, chatNext);
            }

            return start;
        }
    }

    private async Task WaitForTurnAsync(TelegramCall kind, long? chatId, CancellationToken cancellationToken)
    {
        if (kind == TelegramCall.Answer)
        {
            return;
        }

        while (true)
        {
            TimeSpan wait;
            var reserved = false;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                if (kind == TelegramCall.Other)
                {
                    var other = Max(now, _holdOther);
                    if (other - now < TimeSpan.FromMilliseconds(1))
                    {
                        return;
                    }

                    wait = other - now;
                }
                else
                {
                    // First what holds this chat back (its spacing, a 429, the broadcast share): waiting for those takes
                    // no slot of the global rate from anyone.
                    var chat = chatId!.Value;
                    var ready = now;
                    if (_heldChats.TryGetValue(chat, out var held))
                    {
                        ready = Max(ready, held);
                    }

                    if (kind is TelegramCall.Send or TelegramCall.Broadcast && _nextPerChat.TryGetValue(chat, out var chatNext))
                    {
                        ready = Max(ready, chatNext);
                    }

                    if (kind == TelegramCall.Broadcast)
                    {
                        ready = Max(ready, _nextBroadcast);
                    }

                    if (ready - now >= TimeSpan.FromMilliseconds(1))
                    {
                        wait = ready - now;
                    }
                    else
                    {
                        // Then a slot of the global rate, reserved now, in the order calls become ready: a call never
                        // loses its turn to one that came later, so under a full rate nobody waits for several turns'
                        // worth while others go (a woken-up race for the next slot did that: p99 of about 8 s for 20
                        // people pressing at once, docs/benchmarks.md). Slots follow each other, so timer overshoot does
                        // not lose rate. After a quiet moment up to GlobalBurst calls go at once (a generic cell rate:
                        // _nextGlobal is the theoretical time of the next call, and a call may be that many intervals
                        // early), so a few people pressing in the same instant are not queued 40 ms apart.
                        var slot = Max(now, _nextGlobal - _globalBurstTolerance);
                        _nextGlobal = Max(_nextGlobal, slot) + _globalInterval;
                        if (_nextPerChat.Count > 10_000 || _heldChats.Count > 10_000)
                        {
                            Prune(now);
                        }

                        if (kind is TelegramCall.Send or TelegramCall.Broadcast)
                        {
                            _nextPerChat[chat] = slot + _perChatInterval;
                        }

                        if (kind == TelegramCall.Broadcast)
                        {
                            _nextBroadcast = slot + _broadcastInterval;
                        }

                        wait = slot - now;
                        if (wait < TimeSpan.FromMilliseconds(1))
                        {
                            return;
                        }

                        reserved = true;
                    }
                }
            }

            // A reserved slot is this call's: it goes when the slot comes. Otherwise wait, then look again (a 429 may
            // have held the chat back meanwhile).
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
            if (reserved)
            {
                return;
            }
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in _nextPerChat.Where(kv => kv.Value <= now).Select(kv => kv.Key).ToList())
        {
            _nextPerChat.Remove(key);
        }

        foreach (var key in _heldChats.Where(kv => kv.Value <= now).Select(kv => kv.Key).ToList())
        {
            _heldChats.Remove(key);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Telegram said 429 Too Many Requests: holding that chat's calls back for {RetryAfterSeconds} s (attempt {Attempt})")]
        public static partial void RateLimited(ILogger logger, int retryAfterSeconds, int attempt);

        [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Telegram chat {ChatId} refused the bot (403); marking it unreachable")]
        public static partial void ChatUnreachable(ILogger logger, long chatId);
    }
}
