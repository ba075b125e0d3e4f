using System.Net;
using System.Net.Sockets;
using System.Text;
using DgBot.Bot.Line;
using DgBot.Core.Data;
using DgBot.Line.Tests.Infrastructure;
using DgBot.TestDoubles.Line;
using DgBot.TestDoubles.Processes;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Line.Tests;

/// <summary>
/// A real <c>dgbot serve</c> on LINE killed (SIGKILL) right after it answered 200 to webhooks whose events it had not
/// yet processed, then started again on the same database: LINE never sends an event again after a 2xx, so every one
/// of them must still be handled, and handled once.
/// </summary>
public sealed class LineCrashTests : IAsyncLifetime
{
    private const int People = 10;
    private readonly string _directory = Directory.CreateTempSubdirectory("dgbot-line-crash-").FullName;
    private LineApiDouble _line = null!;

    private string Database => Path.Combine(_directory, "dgbot.db");

    public async Task InitializeAsync() => _line = await LineApiDouble.StartAsync();

    public async Task DisposeAsync()
    {
        await _line.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort.
        }
    }

    [Fact]
    public async Task EventsAcknowledgedJustBeforeAKillAreHandledOnceAfterTheRestart()
    {
        var people = Enumerable.Range(0, People).Select(_ => WebhookFixtures.NewUserId()).ToList();
        var eventIds = new List<string>();
        var port = FreePort();
        using (var first = StartBot(port))
        {
            using var http = await WaitUntilListeningAsync(first, port);

            // LINE's API now holds every request the bot makes, so no event can get as far as its replies.
            _line.Hold();
            foreach (var person in people)
            {
                var webhookEvent = WebhookFixtures.Text(person, _line.IssueReplyToken(person), "สวัสดี");
                eventIds.Add((string)webhookEvent["webhookEventId"]!);
                using var response = await PostAsync(http, WebhookFixtures.Body(webhookEvent));
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            first.Kill();
            await first.WaitForExitAsync(TimeSpan.FromSeconds(30));
        }

        // Requests of the killed process are dropped unrecorded once the double sees their connections close.
        await WaitAsync(() => _line.Held == 0, "the killed bot's held requests to be dropped");
        Assert.Empty(_line.Deliveries);
        Assert.Equal(People, await CountAsync(db => db.InboxEvents.CountAsync(e => e.ProcessedUtc == null)));
        _line.Release();

        using (var second = StartBot(port))
        {
            using var http = await WaitUntilListeningAsync(second, port);
            await WaitAsync(() => people.All(p => _line.DeliveriesTo(p).Count > 0), "every person to be answered after the restart", second);

            // One person who writes now, to the second process, is the measure of a normal answer.
            var control = WebhookFixtures.NewUserId();
            using (var response = await PostAsync(http, WebhookFixtures.Body(WebhookFixtures.Text(control, _line.IssueReplyToken(control), "สวัสดี"))))
            {
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            }

            await _line.WaitForDeliveriesAsync(control, 1);
            await WaitAsync(async () => await CountAsync(db => db.InboxEvents.CountAsync(e => e.ProcessedUtc == null)) == 0, "the inbox to be drained", second);
            var normal = _line.DeliveriesTo(control).SelectMany(d => d.Texts).ToList();
            foreach (var person in people)
            {
                Assert.Equal(normal, _line.DeliveriesTo(person).SelectMany(d => d.Texts).ToList());
            }

            // Each event was applied once: one processed key per event, one person per user.
            var keys = eventIds.Select(id => "line:" + id).ToList();
            Assert.Equal(People, await CountAsync(db => db.ProcessedEvents.CountAsync(e => keys.Contains(e.Key))));
            Assert.Equal(People + 1, await CountAsync(db => db.ChatUsers.CountAsync()));
        }
    }

    private DgBotProcess StartBot(int port) => DgBotProcess.Start(["serve"], new Dictionary<string, string?>
    {
        ["ConnectionStrings:DgBot"] = $"Data Source={Database}",
        ["Urls"] = $"http://127.0.0.1:{port}",
        ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        ["Line:ChannelSecret"] = LineAdapterHost.ChannelSecret,
        ["Line:ChannelAccessToken"] = _line.AccessToken,
        ["Line:ApiBaseUrl"] = _line.BaseAddress.ToString(),
        ["Line:RetryBaseDelay"] = "00:00:00.010",
    });

    private static async Task<HttpResponseMessage> PostAsync(HttpClient http, string body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "line/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation(LineWebhookApi.SignatureHeader, LineAdapterHost.Sign(body));
        return await http.SendAsync(request);
    }

    private static async Task<HttpClient> WaitUntilListeningAsync(DgBotProcess bot, int port)
    {
        var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}/") };
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            try
            {
                using var response = await http.GetAsync(new Uri("healthz", UriKind.Relative));
                return http;
            }
            catch (HttpRequestException) when (waited.Elapsed < TimeSpan.FromSeconds(60) && !bot.HasExited)
            {
                await Task.Delay(100);
            }
            catch (HttpRequestException e)
            {
                http.Dispose();
                throw new TimeoutException("The bot did not listen.\nBot output:\n" + bot.Output, e);
            }
        }
    }

    private static Task WaitAsync(Func<bool> condition, string what, DgBotProcess? bot = null) =>
        WaitAsync(() => Task.FromResult(condition()), what, bot);

    private static async Task WaitAsync(Func<Task<bool>> condition, string what, DgBotProcess? bot = null)
    {
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (!await condition())
        {
            if (waited.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"Waited 60 s for {what}." + (bot is null ? "" : "\nBot output:\n" + bot.Output));
            }

            await Task.Delay(50);
        }
    }

    private async Task<T> CountAsync<T>(Func<DgBotDbContext, Task<T>> query)
    {
        var options = new DbContextOptionsBuilder<DgBotDbContext>();
        options.UseDgBotSqlite($"Data Source={Database}");
        await using var db = new DgBotDbContext(options.Options);
        return await query(db);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
