using DgBot.Bot.Telegram;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Telegram.Bot;
using Telegram.Bot.Exceptions;
using Telegram.Bot.Types;

namespace DgBot.Telegram.Tests.Adapter;

/// <summary>The sender's pacing on a fake clock: per-chat spacing of sends, the global rate, edits and callback answers, 429 holds of one chat, and 403.</summary>
public sealed class SenderTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 11, 24, 3, 0, 0, TimeSpan.Zero));

    private TelegramSender Sender(double globalRate = 1_000_000, double perChatSeconds = 1, int burst = 1)
    {
        var options = Options.Create(new TelegramOptions
        {
            Token = "123456789:TESTtoken_abcdefghijklmnopqrstuvwxyz",
            GlobalRatePerSecond = globalRate,
            GlobalBurst = burst,
            PerChatInterval = TimeSpan.FromSeconds(perChatSeconds),
        });
        var client = new TelegramBotClient(new TelegramBotClientOptions(options.Value.Token, "http://127.0.0.1:9"));
        return new TelegramSender(client, options, _time, new TelegramChannelStatus(options, _time), NullLogger<TelegramSender>.Instance);
    }

    private static Func<ITelegramBotClient, CancellationToken, Task<int>> Record(List<string> log, string name) =>
        (_, _) =>
        {
            lock (log)
            {
                log.Add(name);
            }

            return Task.FromResult(0);
        };

    private static async Task SettleAsync()
    {
        for (var i = 0; i < 5; i++)
        {
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task ASecondMessageToTheSameChatWaitsForThePerChatInterval()
    {
        var sender = Sender();
        var log = new List<string>();

        await sender.CallAsync(1, Record(log, "a1"), CancellationToken.None);
        var second = sender.CallAsync(1, Record(log, "a2"), CancellationToken.None);
        await sender.CallAsync(2, Record(log, "b1"), CancellationToken.None);
        await SettleAsync();

        Assert.Equal(["a1", "b1"], log);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        await SettleAsync();
        Assert.False(second.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(1));
        await second;
        Assert.Equal(["a1", "b1", "a2"], log);
    }

    [Fact]
    public async Task CallsOutsideAChatAreNotHeldByThePerChatInterval()
    {
        var sender = Sender();
        var log = new List<string>();

        await sender.CallAsync(1, Record(log, "message"), CancellationToken.None);
        await sender.CallAsync(null, Record(log, "answerCallbackQuery"), CancellationToken.None);

        Assert.Equal(["message", "answerCallbackQuery"], log);
    }

    [Fact]
    public async Task TheGlobalRateSpacesCallsAcrossChats()
    {
        var sender = Sender(globalRate: 2);
        var log = new List<string>();

        await sender.CallAsync(1, Record(log, "1"), CancellationToken.None);
        var second = sender.CallAsync(2, Record(log, "2"), CancellationToken.None);
        await SettleAsync();
        Assert.False(second.IsCompleted);

        _time.Advance(TimeSpan.FromMilliseconds(500));
        await second;
        Assert.Equal(["1", "2"], log);
    }

    [Fact]
    public async Task AfterAQuietMomentABurstGoesAtOnceThenTheGlobalRateSpacesCalls()
    {
        var sender = Sender(globalRate: 2, burst: 3);
        var log = new List<string>();

        var calls = Enumerable.Range(1, 5).Select(i => sender.CallAsync(i, Record(log, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None)).ToList();
        await SettleAsync();
        Assert.Equal(["1", "2", "3"], log);

        _time.Advance(TimeSpan.FromMilliseconds(499));
        await SettleAsync();
        Assert.Equal(3, log.Count);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await calls[3];
        _time.Advance(TimeSpan.FromMilliseconds(500));
        await calls[4];
        Assert.Equal(["1", "2", "3", "4", "5"], log);

        // A quiet moment as long as the burst gives the burst back.
        _time.Advance(TimeSpan.FromSeconds(2));
        var again = Enumerable.Range(6, 3).Select(i => sender.CallAsync(i, Record(log, i.ToString(System.Globalization.CultureInfo.InvariantCulture)), CancellationToken.None)).ToList();
        await Task.WhenAll(again);
        Assert.Equal(8, log.Count);
    }

    [Fact]
    public async Task A429HoldsOnlyTheChatItWasAboutForRetryAfterThenRetries()
    {
        var sender = Sender();
        var attempts = 0;
        var log = new List<string>();

        var limited = sender.CallAsync(1, (_, _) => ++attempts == 1
            ? throw new ApiRequestException("Too Many Requests: retry after 5", 429, new ResponseParameters { RetryAfter = 5 })
            : Task.FromResult(attempts), CancellationToken.None);
        await SettleAsync();

        // Another chat is not held by chat 1's 429; chat 1's edits are, as its sends.
        await sender.CallAsync(2, Record(log, "other chat"), CancellationToken.None);
        var edit = sender.CallAsync(TelegramCall.Edit, 1, Record(log, "edit in chat 1"), CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(4));
        await SettleAsync();
        Assert.Equal(1, attempts);
        Assert.Equal(["other chat"], log);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(2, await limited);
        await edit;
        Assert.Equal(["other chat", "edit in chat 1"], log);
    }

    [Fact]
    public async Task ACallbackAnswerIsNeverDelayedByPacingOrAHold()
    {
        var sender = Sender(globalRate: 1);
        var log = new List<string>();
        await sender.CallAsync(1, Record(log, "message"), CancellationToken.None);
        sender.Hold(1, TimeSpan.FromSeconds(30));
        sender.Hold(null, TimeSpan.FromSeconds(30));

        // The global slot, chat 1's interval and both holds are taken: the answer still goes at once.
        await sender.CallAsync(TelegramCall.Answer, null, Record(log, "answerCallbackQuery"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal(["message", "answerCallbackQuery"], log);
    }

    [Fact]
    public async Task AnEditDoesNotWaitForThePerChatIntervalAndLeavesItForTheNextSend()
    {
        var sender = Sender();
        var log = new List<string>();

        await sender.CallAsync(1, Record(log, "question 1"), CancellationToken.None);
        await sender.CallAsync(TelegramCall.Edit, 1, Record(log, "question 1 answered"), CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(5));
        var next = sender.CallAsync(1, Record(log, "question 2"), CancellationToken.None);
        await SettleAsync();
        Assert.False(next.IsCompleted);

        _time.Advance(TimeSpan.FromSeconds(1));
        await next;
        Assert.Equal(["question 1", "question 1 answered", "question 2"], log);
    }

    [Fact]
    public async Task A403BecomesChatUnreachable()
    {
        var sender = Sender();

        var e = await Assert.ThrowsAsync<TelegramChatUnreachableException>(() => sender.CallAsync<int>(42, (_, _) =>
            throw new ApiRequestException("Forbidden: bot was blocked by the user", 403), CancellationToken.None));

        Assert.Equal(42, e.ChatId);
    }

    [Fact]
    public async Task AfterTooMany429sTheSenderGivesUp()
    {
        var options = new TelegramOptions { Token = "123456789:TESTtoken_abcdefghijklmnopqrstuvwxyz", MaxRetries = 2, PerChatInterval = TimeSpan.Zero, GlobalRatePerSecond = 1_000_000 };
        var sender = new TelegramSender(
            new TelegramBotClient(new TelegramBotClientOptions(options.Token, "http://127.0.0.1:9")),
            Options.Create(options), _time, new TelegramChannelStatus(Options.Create(options), _time), NullLogger<TelegramSender>.Instance);

        var call = sender.CallAsync<int>(1, (_, _) => throw new ApiRequestException("Too Many Requests", 429, new ResponseParameters { RetryAfter = 1 }), CancellationToken.None);
        await SettleAsync();
        _time.Advance(TimeSpan.FromSeconds(1));

        var e = await Assert.ThrowsAsync<ApiRequestException>(() => call);
        Assert.Equal(429, e.ErrorCode);
    }
}
