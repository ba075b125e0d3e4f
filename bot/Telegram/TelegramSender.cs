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

/// <summary>
/// The one way out to the Bot API. Keeps every call under a global rate (<see cref="TelegramOptions.GlobalRatePerSecond"/>),
/// keeps messages to one chat at least <see cref="TelegramOptions.PerChatInterval"/> apart, and honours a 429's
/// <c>retry_after</c> for every call of the bot (Telegram.Bot's own retry is off: RetryThreshold = 0).
/// A 403 becomes <see cref="TelegramChatUnreachableException"/>. Reusable by anything that sends (replies, reminders, broadcasts).
/// </summary>
public sealed partial class TelegramSender
{
    private readonly ITelegramBotClient _client;
    private readonly TimeProvider _time;
    private readonly TelegramChannelStatus _status;
    private readonly ILogger<TelegramSender> _logger;
    private readonly TimeSpan _globalInterval;
    private readonly TimeSpan _perChatInterval;
    private readonly int _maxRetries;
    private readonly Lock _gate = new();
    private readonly Dictionary<long, DateTimeOffset> _nextPerChat = [];
    private DateTimeOffset _nextGlobal;
    private DateTimeOffset _holdUntil;

    internal TelegramSender(ITelegramBotClient client, IOptions<TelegramOptions> options, TimeProvider time, TelegramChannelStatus status, ILogger<TelegramSender> logger)
    {
        _client = client;
        _time = time;
        _status = status;
        _logger = logger;
        _globalInterval = TimeSpan.FromSeconds(1 / options.Value.GlobalRatePerSecond);
        _perChatInterval = options.Value.PerChatInterval;
        _maxRetries = options.Value.MaxRetries;
    }

    /// <summary>Calls the Bot API. <paramref name="chatId"/> is the chat a message or edit goes to (null for calls that post nothing in a chat).</summary>
    public async Task<T> CallAsync<T>(long? chatId, Func<ITelegramBotClient, CancellationToken, Task<T>> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        for (var attempt = 1; ; attempt++)
        {
            await WaitForTurnAsync(chatId, cancellationToken).ConfigureAwait(false);
            try
            {
                var result = await call(_client, cancellationToken).ConfigureAwait(false);
                _status.MarkSuccess();
                if (chatId is not null)
                {
                    DgBotMetrics.ReplySent("telegram");
                }

                return result;
            }
            catch (ApiRequestException e) when (e.ErrorCode == 429 && attempt < _maxRetries)
            {
                var retryAfter = TimeSpan.FromSeconds(Math.Max(1, e.Parameters?.RetryAfter ?? 1));
                HoldAll(retryAfter);
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
    public Task CallAsync(long? chatId, Func<ITelegramBotClient, CancellationToken, Task> call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return CallAsync<bool>(chatId, async (c, ct) =>
        {
            await call(c, ct).ConfigureAwait(false);
            return true;
        }, cancellationToken);
    }

    /// <summary>Holds back every call of the bot for <paramref name="delay"/> (a 429 seen anywhere, including getUpdates).</summary>
    public void HoldAll(TimeSpan delay)
    {
        lock (_gate)
        {
            var until = _time.GetUtcNow() + delay;
            if (until > _holdUntil)
            {
                _holdUntil = until;
            }
        }
    }

    private async Task WaitForTurnAsync(long? chatId, CancellationToken cancellationToken)
    {
        while (true)
        {
            TimeSpan wait;
            lock (_gate)
            {
                var now = _time.GetUtcNow();
                var start = Max(now, Max(_holdUntil, _nextGlobal));
                if (chatId is { } chat && _nextPerChat.TryGetValue(chat, out var chatNext))
                {
                    start = Max(start, chatNext);
                }

                if (start <= now || start - now < TimeSpan.FromMilliseconds(1))
                {
                    // When this call waited for its slot, the next slot follows that slot, not the moment the timer
                    // woke up: timer overshoot would otherwise be lost on every call (at 300/s, a fifth of the rate).
                    // A sender that was idle starts from now, so it never bursts.
                    var planned = Max(_nextGlobal, _holdUntil);
                    _nextGlobal = (now - planned < _globalInterval ? planned : now) + _globalInterval;
                    if (chatId is { } c)
                    {
                        if (_nextPerChat.Count > 10_000)
                        {
                            Prune(now);
                        }

                        _nextPerChat[c] = now + _perChatInterval;
                    }

                    return;
                }

                wait = start - now;
            }

            // Wait, then look again: another call may have taken the slot or a 429 may have held everything back.
            await Task.Delay(wait, _time, cancellationToken).ConfigureAwait(false);
        }
    }

    private void Prune(DateTimeOffset now)
    {
        foreach (var key in _nextPerChat.Where(kv => kv.Value <= now).Select(kv => kv.Key).ToList())
        {
            _nextPerChat.Remove(key);
        }
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private static partial class Log
    {
        [LoggerMessage(EventId = 4101, Level = LogLevel.Warning, Message = "Telegram said 429 Too Many Requests: holding every call back for {RetryAfterSeconds} s (attempt {Attempt})")]
        public static partial void RateLimited(ILogger logger, int retryAfterSeconds, int attempt);

        [LoggerMessage(EventId = 4102, Level = LogLevel.Debug, Message = "Telegram chat {ChatId} refused the bot (403); marking it unreachable")]
        public static partial void ChatUnreachable(ILogger logger, long chatId);
    }
}
