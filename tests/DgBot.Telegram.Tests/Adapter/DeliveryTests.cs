using System.Globalization;
using DgBot.Core.Conversation;
using DgBot.Telegram.Tests.EndToEnd;
using DgBot.TestDoubles.Telegram;

namespace DgBot.Telegram.Tests.Adapter;

/// <summary>Getting updates in and replies out reliably: offsets, re-delivery, 429 and retries.</summary>
public sealed class DeliveryTests : IAsyncLifetime
{
    private const long User = 555_000_222;
    private TelegramBotApiDouble _api = null!;

    public async Task InitializeAsync() => _api = await TelegramBotApiDouble.StartAsync();

    public async Task DisposeAsync()
    {
        _api.AssertNoViolations();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task AnUpdateIsConfirmedOnceStoredAndASlowChatHoldsUpNoOtherChat()
    {
        const long other = 555_000_223;
        var release = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var engine = new ScriptedEngine
        {
            Script = async (inbound, ct) =>
            {
                if (inbound.UserId == AdapterHost.Id(User))
                {
                    await release.Task.WaitAsync(ct);
                }

                return new TurnResult([new TextReply("รับทราบ")]);
            },
        };
        var database = Seed.TempDatabase();
        try
        {
            await using var host = await AdapterHost.StartAsync(_api, engine, s => s["ConnectionStrings:DgBot"] = $"Data Source={database}");

            var slow = _api.SendText(User, "สวัสดี");
            await _api.WaitUntilAsync(() => !engine.Received.IsEmpty, what: "the engine to get the update");

            // While that turn is in progress the update is confirmed (it is in the inbox, waiting) and polling goes on.
            await _api.WaitUntilAsync(() => _api.ConfirmedOffset > slow, what: "the slow chat's update to be confirmed");
            var row = await Seed.InboxRowAsync(database, slow);
            Assert.NotNull(row);
            Assert.Null(row.Value.ProcessedUtc);
            _api.SendText(other, "สวัสดี");
            await _api.WaitUntilAsync(() => _api.Messages(other).Count == 1, what: "the other chat's reply");
            Assert.Empty(_api.Messages(User));

            release.SetResult();
            await _api.WaitForAllConfirmedAsync();
            Assert.Equal("รับทราบ", Assert.Single(_api.Messages(User)).Text);
            Assert.NotNull((await Seed.InboxRowAsync(database, slow))!.Value.ProcessedUtc);
        }
        finally
        {
            Seed.DeleteDatabase(database);
        }
    }

    [Fact]
    public async Task AnUpdateLeftUnfinishedAtShutdownStaysInTheInboxAndTheNextProcessHandlesItOnce()
    {
        var first = new ScriptedEngine
        {
            // The first process never finishes this turn: it is stopped in the middle of it.
            Script = async (_, ct) =>
            {
                await Task.Delay(Timeout.Infinite, ct);
                return TurnResult.Empty;
            },
        };
        var database = Seed.TempDatabase();
        try
        {
            var update = _api.SendText(User, "ตอบข้อ 3");
            await using (var host = await AdapterHost.StartAsync(_api, first, s => s["ConnectionStrings:DgBot"] = $"Data Source={database}"))
            {
                await _api.WaitUntilAsync(() => !first.Received.IsEmpty, what: "the first process to start the turn");
                await _api.WaitUntilAsync(() => _api.ConfirmedOffset > update, what: "the update to be confirmed once stored");
            }

            Assert.Equal(0, first.Handled);
            Assert.Null((await Seed.InboxRowAsync(database, update))!.Value.ProcessedUtc);

            var second = new ScriptedEngine { Script = (_, _) => Task.FromResult(new TurnResult([new TextReply("บันทึกแล้ว")])) };
            await using (var host = await AdapterHost.StartAsync(_api, second, s => s["ConnectionStrings:DgBot"] = $"Data Source={database}"))
            {
                // Nothing is pending at Telegram: the update comes from the inbox, when the polling service starts.
                await _api.WaitUntilAsync(() => _api.Messages(User).Count == 1, what: "the stored update to be handled");
                await _api.WaitForAllConfirmedAsync();
            }

            // Telegram did not deliver it again (it was confirmed): the next process took it from the inbox.
            Assert.Equal(1, _api.Deliveries(update));
            Assert.Equal(1, second.Handled);
            Assert.Equal("บันทึกแล้ว", Assert.Single(_api.Messages(User)).Text);
            Assert.NotNull((await Seed.InboxRowAsync(database, update))!.Value.ProcessedUtc);
        }
        finally
        {
            Seed.DeleteDatabase(database);
        }
    }

    [Fact]
    public async Task AFailedTurnIsTriedAgainBeforeTheUpdateIsConfirmed()
    {
        var attempts = 0;
        var engine = new ScriptedEngine
        {
            Script = (_, _) => Interlocked.Increment(ref attempts) == 1
                ? throw new InvalidOperationException("database is locked")
                : Task.FromResult(new TurnResult([new TextReply("บันทึกแล้ว")])),
        };
        await using var host = await AdapterHost.StartAsync(_api, engine);

        _api.SendText(User, "ใช่");
        await _api.WaitForAllConfirmedAsync();

        Assert.Equal(2, attempts);
        Assert.Equal("บันทึกแล้ว", Assert.Single(_api.Messages(User)).Text);
    }

    [Fact]
    public async Task A429StormDelaysRepliesByRetryAfterWithNothingLostOrDoubled()
    {
        var engine = new ScriptedEngine
        {
            Script = (i, _) => Task.FromResult(new TurnResult([new TextReply("ตอบ: " + i.Text)])),
        };
        await using var host = await AdapterHost.StartAsync(_api, engine);
        await _api.WaitUntilAsync(() => _api.ActivePolls > 0, what: "the first long poll");
        _api.Fail("sendMessage", 429, times: 3, retryAfter: 1);

        var texts = Enumerable.Range(1, 5).Select(n => "ข้อ " + n.ToString(CultureInfo.InvariantCulture)).ToList();
        foreach (var text in texts)
        {
            _api.SendText(User, text);
        }

        await _api.WaitForAllConfirmedAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(texts.Select(t => "ตอบ: " + t), _api.Messages(User).Select(m => m.Text));
        var calls = _api.CallsOf("sendMessage");
        Assert.Equal(3, calls.Count(c => c.Status == 429));
        Assert.Equal(5, calls.Count(c => c.Status == 200));

        // After each 429 the bot waited at least retry_after (1 s) before its next call of any kind.
        foreach (var limited in calls.Where(c => c.Status == 429))
        {
            var next = _api.Calls.First(c => c.Sequence > limited.Sequence && c.Method != "getUpdates");
            Assert.True(next.At - limited.At >= TimeSpan.FromMilliseconds(950), $"call {next.Sequence} came {(next.At - limited.At).TotalMilliseconds} ms after a 429");
        }
    }

    [Fact]
    public async Task ChatsOfOneBatchAreHandledSideBySide()
    {
        const long other = 555_000_223;
        var otherStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var engine = new ScriptedEngine
        {
            Script = async (i, ct) =>
            {
                if (i.UserId == AdapterHost.Id(other))
                {
                    otherStarted.TrySetResult();
                }
                else
                {
                    // Handled one at a time, this turn would wait for the other chat's turn forever.
                    await otherStarted.Task.WaitAsync(TimeSpan.FromSeconds(10), ct);
                }

                return new TurnResult([new TextReply("รับทราบ")]);
            },
        };
        _api.SendText(User, "ก่อน");
        _api.SendText(other, "หลัง");

        await using var host = await AdapterHost.StartAsync(_api, engine);
        await _api.WaitForAllConfirmedAsync();

        Assert.Single(_api.Messages(User));
        Assert.Single(_api.Messages(other));
    }

    [Fact]
    public async Task OneChatsUpdatesAreHandledInOrder()
    {
        var order = new List<string>();
        var engine = new ScriptedEngine
        {
            Script = async (i, ct) =>
            {
                await Task.Delay(i.Text == "1" ? 200 : 10, ct);
                lock (order)
                {
                    order.Add(i.Text!);
                }

                return TurnResult.Empty;
            },
        };
        foreach (var text in new[] { "1", "2", "3", "4" })
        {
            _api.SendText(User, text);
        }

        await using var host = await AdapterHost.StartAsync(_api, engine);
        await _api.WaitForAllConfirmedAsync();

        Assert.Equal(["1", "2", "3", "4"], order);
    }

    [Fact]
    public async Task MessagesToOneChatAreKeptApartByThePerChatInterval()
    {
        var engine = new ScriptedEngine
        {
            Script = (_, _) => Task.FromResult(new TurnResult([new TextReply("หนึ่ง"), new TextReply("สอง"), new TextReply("สาม")])),
        };
        await using var host = await AdapterHost.StartAsync(_api, engine, s => s["Telegram:PerChatInterval"] = "00:00:00.500");

        _api.SendText(User, "เริ่ม");
        await _api.WaitForAllConfirmedAsync();

        var sends = _api.CallsOf("sendMessage");
        Assert.Equal(3, sends.Count);
        Assert.True(sends[1].At - sends[0].At >= TimeSpan.FromMilliseconds(400));
        Assert.True(sends[2].At - sends[1].At >= TimeSpan.FromMilliseconds(400));
    }
}
