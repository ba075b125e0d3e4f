using System.Diagnostics;
using System.Globalization;
using System.Net;
using DgBot.Bot.Hosting;
using DgBot.Bot.Line;
using DgBot.Bot.Outbox;
using DgBot.Bot.Telegram;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Outbox;
using DgBot.Core.Reminders;
using DgBot.Core.Rounds;
using DgBot.TestDoubles.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace DgBot.Benchmarks;

/// <summary>
/// One reminder run to N Telegram recipients (default 10,000) through the real outbox sender and <see cref="TelegramSender"/>
/// against the Telegram double, behind a loopback gate that enforces the allowed rate (a token bucket of one second's
/// worth, refilled at --rate per second) and answers 429 with retry_after=1 beyond it. Prints the achieved rate as a
/// fraction of the allowed rate, the 429s received, and the recipients with no reminder (lost) or more than one (duplicated).
/// </summary>
internal static class ReminderBenchmark
{
    public const string Usage = "usage: dotnet run -c Release --project tests/DgBot.Benchmarks -- reminders [--recipients 10000] [--rate 300] [--runs 3] [--channel-rate 1000] [--line-requests-rate 200] [--db-dir DIR]";

    public static async Task<int> RunAsync(ReadOnlyMemory<string> args, TextWriter output)
    {
        int recipients = 10_000, runs = 3;
        double rate = 300, channelRate = 1000, lineRate = 200;
        string? dir = null;
        var a = args.Span;
        for (var i = 0; i < a.Length; i++)
        {
            var value = i + 1 < a.Length ? a[i + 1] : null;
            switch (a[i])
            {
                case "--recipients" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0: recipients = n; i++; break;
                case "--rate" when double.TryParse(value, CultureInfo.InvariantCulture, out var r) && r > 0: rate = r; i++; break;
                case "--runs" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0: runs = n; i++; break;
                case "--channel-rate" when double.TryParse(value, CultureInfo.InvariantCulture, out var r) && r is > 0 and <= 1000: channelRate = r; i++; break;
                case "--line-requests-rate" when double.TryParse(value, CultureInfo.InvariantCulture, out var r) && r > 0: lineRate = r; i++; break;
                case "--db-dir" when value is not null: dir = value; i++; break;
                default:
                    await Console.Error.WriteLineAsync($"bad argument '{a[i]}'\n{Usage}").ConfigureAwait(false);
                    return 2;
            }
        }

        var results = new List<Result>();
        for (var run = 1; run <= runs; run++)
        {
            var result = await OneRunAsync(recipients, rate, channelRate, dir ?? Path.GetTempPath()).ConfigureAwait(false);
            results.Add(result);
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"run {run}: {recipients} reminders in {result.Seconds:F2} s = {result.Rate:F1}/s of {rate}/s allowed = {result.Rate / rate:F3}; 429s {result.TooMany}; lost {result.Lost}; duplicated {result.Duplicated}; enqueue {result.EnqueueSeconds:F2} s")).ConfigureAwait(false);
        }

        var median = results.OrderBy(r => r.Rate).ElementAt(results.Count / 2);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"(Telegram:BroadcastRatePerSecond {rate}, Telegram:GlobalRatePerSecond {channelRate}, allowed by the gate {rate}/s, one-second token bucket)")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"median of {runs}: achieved {median.Rate:F1}/s = {median.Rate / rate:F3} of the allowed {rate}/s; 429s {median.TooMany}; lost {median.Lost}; duplicated {median.Duplicated}")).ConfigureAwait(false);
        var line = await OneLineRunAsync(recipients, lineRate, dir ?? Path.GetTempPath()).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"LINE: {recipients} reminders in {line.Requests} multicast requests ({line.Requests / line.Seconds:F1} requests/s of {lineRate}/s allowed = {line.Requests / line.Seconds / lineRate:F3}; {recipients / line.Seconds:F0} recipients/s) in {line.Seconds:F2} s; 429s {line.TooMany}; lost {line.Lost}; duplicated {line.Duplicated}")).ConfigureAwait(false);
        return results.All(r => r.Lost == 0 && r.Duplicated == 0) && line.Lost == 0 && line.Duplicated == 0 ? 0 : 1;
    }

    private sealed record LineResult(double Seconds, int Requests, int TooMany, int Lost, int Duplicated);

    /// <summary>The same run to LINE recipients: multicast (one agency's staff share a text), behind a gate of multicast requests per second.</summary>
    private static async Task<LineResult> OneLineRunAsync(int recipients, double requestsPerSecond, string dir)
    {
        var database = Path.Combine(dir, "dgbot-bench-line-" + Guid.NewGuid().ToString("N") + ".db");
        await using var api = await DgBot.TestDoubles.Line.LineApiDouble.StartAsync(new DgBot.TestDoubles.Line.LineApiDoubleOptions { QuotaLimit = null }).ConfigureAwait(false);
        await using var gate = await RateGate.StartLineAsync(api.BaseAddress, requestsPerSecond).ConfigureAwait(false);
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:DgBot"] = "Data Source=" + database,
                ["Line:ChannelSecret"] = "bench-secret",
                ["Line:ChannelAccessToken"] = api.AccessToken,
                ["Line:ApiBaseUrl"] = gate.BaseUrl.ToString(),
                ["Line:RetryBaseDelay"] = "00:00:00.200",
            });
            builder.Logging.ClearProviders();
            builder.AddDgBotData();
            builder.AddLineChannel();
            builder.Services.AddSingleton(_ => SurveyCatalog.BuiltIn());
            builder.Services.AddReminderServices();
            using var host = builder.Build();
            await host.Services.MigrateDgBotDatabaseAsync().ConfigureAwait(false);
            var users = await SeedAsync(host.Services, recipients, ChannelKind.Line).ConfigureAwait(false);
            using (var scope = host.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                var round = await db.Rounds.SingleAsync().ConfigureAwait(false);
                await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().EnqueueAsync(round, ReminderSchedule.Slots(round).First(s => s.Kind == SlotKind.Reminder), CancellationToken.None).ConfigureAwait(false);
            }

            var sender = new LineOutboxSender(
                host.Services.GetRequiredService<IServiceScopeFactory>(),
                host.Services.GetRequiredService<DgBot.Bot.Line.LineMessagingClient>(),
                host.Services.GetRequiredService<DgBot.Bot.Line.LineMessageRenderer>(),
                Options.Create(new ReminderOptions()),
                TimeProvider.System,
                NullLogger<LineOutboxSender>.Instance);
            var clock = Stopwatch.StartNew();
            while (await Remaining(host.Services).ConfigureAwait(false) > 0 && clock.Elapsed < TimeSpan.FromMinutes(5))
            {
                await sender.DrainOnceAsync(CancellationToken.None).ConfigureAwait(false);
            }

            clock.Stop();
            var requests = api.Calls.Count(c => c.Path == "/v2/bot/message/multicast" && c.Status == 200);
            var received = api.Deliveries.GroupBy(d => d.To).ToDictionary(g => g.Key, g => g.Count());
            var counts = users.Select(u => received.GetValueOrDefault(u)).ToList();
            return new LineResult(clock.Elapsed.TotalSeconds, requests, gate.TooMany, counts.Count(n => n == 0), counts.Count(n => n > 1));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    private sealed record Result(double Seconds, double Rate, int TooMany, int Lost, int Duplicated, double EnqueueSeconds);

    private static async Task<Result> OneRunAsync(int recipients, double rate, double channelRate, string dir)
    {
        var database = Path.Combine(dir, "dgbot-bench-reminders-" + Guid.NewGuid().ToString("N") + ".db");
        await using var api = await TelegramBotApiDouble.StartAsync().ConfigureAwait(false);
        await using var gate = await RateGate.StartAsync(api.BaseUrl, rate).ConfigureAwait(false);
        try
        {
            var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["ConnectionStrings:DgBot"] = "Data Source=" + database,
                ["Telegram:Token"] = api.Token,
                ["Telegram:ApiBaseUrl"] = gate.BaseUrl.ToString(),
                ["Telegram:GlobalRatePerSecond"] = channelRate.ToString(CultureInfo.InvariantCulture),
                ["Telegram:BroadcastRatePerSecond"] = rate.ToString(CultureInfo.InvariantCulture),
                ["Telegram:PerChatInterval"] = "00:00:01",
            });
            builder.Logging.ClearProviders();
            builder.AddDgBotData();
            builder.AddTelegramChannel();
            builder.Services.AddSingleton(_ => SurveyCatalog.BuiltIn());
            builder.Services.AddReminderServices();
            using var host = builder.Build();
            await host.Services.MigrateDgBotDatabaseAsync().ConfigureAwait(false);

            var chats = await SeedAsync(host.Services, recipients).ConfigureAwait(false);
            var enqueue = Stopwatch.StartNew();
            using (var scope = host.Services.CreateScope())
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                var round = await db.Rounds.SingleAsync().ConfigureAwait(false);
                var slot = ReminderSchedule.Slots(round).First(s => s.Kind == SlotKind.Reminder);
                var added = await scope.ServiceProvider.GetRequiredService<ReminderPlanner>().EnqueueAsync(round, slot, CancellationToken.None).ConfigureAwait(false);
                if (added != recipients)
                {
                    throw new InvalidOperationException($"enqueued {added} of {recipients}");
                }
            }

            enqueue.Stop();
            var sender = new TelegramOutboxSender(
                host.Services.GetRequiredService<IServiceScopeFactory>(),
                host.Services.GetRequiredService<TelegramSender>(),
                Options.Create(new ReminderOptions { RetryBaseDelay = TimeSpan.FromSeconds(1) }),
                TimeProvider.System,
                NullLogger<TelegramOutboxSender>.Instance);
            var clock = Stopwatch.StartNew();
            while (await Remaining(host.Services).ConfigureAwait(false) > 0)
            {
                if (await sender.DrainOnceAsync(CancellationToken.None).ConfigureAwait(false) == 0)
                {
                    await Task.Delay(50).ConfigureAwait(false);
                }

                if (clock.Elapsed > TimeSpan.FromSeconds(recipients / rate * 5 + 60))
                {
                    break;
                }
            }

            if (api.CallsOf("sendMessage").Count == 0)
            {
                using var scope = host.Services.CreateScope();
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                var sample = await db.Outbox.FirstAsync().ConfigureAwait(false);
                throw new InvalidOperationException($"nothing reached the double: {sample.Status} {sample.LastError} ({gate.TooMany} refused; {api.Calls.Count} calls)");
            }

            var accepted = api.CallsOf("sendMessage").Where(c => c.Status == 200).Select(c => c.At).Order().ToList();
            var seconds = (accepted[^1] - accepted[0]).TotalSeconds;
            var counts = chats.Select(c => api.Messages(c).Count).ToList();
            return new Result(seconds, (accepted.Count - 1) / seconds, gate.TooMany, counts.Count(n => n == 0), counts.Count(n => n > 1), enqueue.Elapsed.TotalSeconds);
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm" })
            {
                File.Delete(database + suffix);
            }
        }
    }

    private static async Task<int> Remaining(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
        return await db.Outbox.CountAsync(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Attempting).ConfigureAwait(false);
    }

    private static async Task<List<long>> SeedAsync(IServiceProvider services, int recipients) =>
        [.. (await SeedAsync(services, recipients, ChannelKind.Telegram).ConfigureAwait(false)).Select(c => long.Parse(c, CultureInfo.InvariantCulture))];

    private static async Task<List<string>> SeedAsync(IServiceProvider services, int recipients, ChannelKind channel)
    {
        using var scope = services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        var deadline = Deadlines.EndOfDayUtc(DateOnly.FromDateTime(now).AddDays(30));
        db.Rounds.Add(new SurveyRound("bench", deadline, SurveyCatalog.BuiltIn().Current.Version, now, "7", "00:00-24:00"));
        var chats = new List<string>(recipients);
        const int perAgency = 20;
        for (var a = 0; a * perAgency < recipients; a++)
        {
            var agency = new Agency("B" + a.ToString("D5", CultureInfo.InvariantCulture), "หน่วยงาน " + a.ToString(CultureInfo.InvariantCulture), "ลำปาง", "กรม", now);
            db.Agencies.Add(agency);
            await db.SaveChangesAsync().ConfigureAwait(false);
            for (var p = 0; p < perAgency && chats.Count < recipients; p++)
            {
                var id = channel == ChannelKind.Line
                    ? "U" + chats.Count.ToString("x32", CultureInfo.InvariantCulture)
                    : (10_000_000L + chats.Count).ToString(CultureInfo.InvariantCulture);
                var user = new ChatUser(channel, id, id, null, now);
                user.Join(agency.Id, UserRole.Staff, now);
                db.ChatUsers.Add(user);
                chats.Add(id);
            }
        }

        await db.SaveChangesAsync().ConfigureAwait(false);
        return chats;
    }

    /// <summary>A loopback gate in front of the Telegram double: sendMessage beyond the allowed rate answers 429 retry_after=1.</summary>
    private sealed class RateGate : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _forward;
        private readonly double _rate;
        private readonly Lock _gate = new();
        private readonly Stopwatch _clock = Stopwatch.StartNew();
        private double _tokens;
        private double _last;
        private int _tooMany;

        private string _limited = "/sendMessage";
        private string _tooManyBody = "{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after 1\",\"parameters\":{\"retry_after\":1}}";

        private RateGate(WebApplication app, Uri target, double rate)
        {
            _app = app;
            _forward = new HttpClient { BaseAddress = target };
            _rate = rate;
            _tokens = rate;
        }

        public Uri BaseUrl { get; private set; } = null!;

        public int TooMany => Volatile.Read(ref _tooMany);

        /// <summary>A gate for the LINE double: multicast requests beyond the rate answer 429.</summary>
        public static async Task<RateGate> StartLineAsync(Uri target, double requestsPerSecond)
        {
            var gate = await StartAsync(target, requestsPerSecond).ConfigureAwait(false);
            gate._limited = "/v2/bot/message/multicast";
            gate._tooManyBody = "{\"message\":\"The API rate limit has been exceeded. Try again later.\"}";
            return gate;
        }

        public static async Task<RateGate> StartAsync(Uri target, double rate)
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.Logging.ClearProviders();
            builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
            var app = builder.Build();
            var gate = new RateGate(app, target, rate);
            app.Map("/{**path}", gate.HandleAsync);
            await app.StartAsync().ConfigureAwait(false);
            gate.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
            return gate;
        }

        private bool Take()
        {
            lock (_gate)
            {
                var now = _clock.Elapsed.TotalSeconds;
                _tokens = Math.Min(_rate, _tokens + ((now - _last) * _rate));
                _last = now;
                if (_tokens < 1)
                {
                    return false;
                }

                _tokens--;
                return true;
            }
        }

        private async Task HandleAsync(HttpContext context)
        {
            var path = context.Request.Path.Value ?? "";
            if (path.EndsWith(_limited, StringComparison.OrdinalIgnoreCase) && !Take())
            {
                Interlocked.Increment(ref _tooMany);
                context.Response.StatusCode = 429;
                context.Response.ContentType = "application/json";
                await context.Response.WriteAsync(_tooManyBody).ConfigureAwait(false);
                return;
            }

            using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_forward.BaseAddress!, path + context.Request.QueryString));
            using var body = new MemoryStream();
            await context.Request.Body.CopyToAsync(body).ConfigureAwait(false);
            request.Content = new ByteArrayContent(body.ToArray());
            foreach (var header in context.Request.Headers)
            {
                if (!header.Key.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) && !string.Equals(header.Key, "Host", StringComparison.OrdinalIgnoreCase))
                {
                    request.Headers.TryAddWithoutValidation(header.Key, (IEnumerable<string>)header.Value);
                }
            }

            if (context.Request.ContentType is { } type)
            {
                request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
            }

            using var response = await _forward.SendAsync(request).ConfigureAwait(false);
            context.Response.StatusCode = (int)response.StatusCode;
            context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
            await response.Content.CopyToAsync(context.Response.Body).ConfigureAwait(false);
        }

        public async ValueTask DisposeAsync()
        {
            _forward.Dispose();
            await _app.DisposeAsync().ConfigureAwait(false);
        }
    }
}
