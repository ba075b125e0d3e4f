using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DgBot.Bot.Line;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Invitations;
using DgBot.Core.Questionnaires;
using DgBot.TestDoubles.Line;
using DgBot.TestDoubles.Telegram;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Xunit.Abstractions;

namespace DgBot.Bot.Tests.Operations;

/// <summary>
/// A full survey through the real host and its channels, every log line captured at Trace level (JSON console
/// format on), and not one line may hold a configured secret, an invitation code or an answer someone typed.
/// </summary>
[Collection(SerialTests.Name)]
public sealed class LogSecretsTests(ITestOutputHelper output)
{
    private const string LineSecret = "line-secret-7f3a9c2e5b8d1f4a";

    /// <summary>Every category at Trace, whatever appsettings.json says.</summary>
    private static readonly Dictionary<string, string?> TraceEverything = new()
    {
        ["Logging:Format"] = "json",
        ["Logging:LogLevel:Default"] = "Trace",
        ["Logging:LogLevel:Microsoft"] = "Trace",
        ["Logging:LogLevel:Microsoft.AspNetCore"] = "Trace",
        ["Logging:LogLevel:Microsoft.EntityFrameworkCore"] = "Trace",
        ["Logging:LogLevel:System.Net.Http.HttpClient"] = "Trace",
        ["Logging:LogLevel:System"] = "Trace",
    };

    [Fact]
    public async Task AFullLineSurveyLogsNoSecretCodeOrAnswerText()
    {
        var secrets = new List<string> { LineSecret };
        await using var line = await LineApiDouble.StartAsync(new LineApiDoubleOptions { AccessToken = "line-access-token-Zq81xYv0Lw" });
        secrets.Add(line.AccessToken);
        var capture = new CapturingLoggerProvider();
        var console = new StringWriter();
        var previousOut = Console.Out;
        Console.SetOut(TextWriter.Synchronized(console));
        try
        {
            var settings = new Dictionary<string, string?>(TraceEverything)
            {
                ["Line:ChannelSecret"] = LineSecret,
                ["Line:ChannelAccessToken"] = line.AccessToken,
                ["Line:ApiBaseUrl"] = line.BaseAddress.ToString(),
                ["Line:RetryBaseDelay"] = "00:00:00.010",
            };
            await using (var bot = await BotUnderTest.StartAsync(settings, b => b.Logging.AddProvider(capture).SetMinimumLevel(LogLevel.Trace)))
            {
                var code = await InviteStaffAsync(bot);
                secrets.Add(code);
                var user = "U" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
                line.SetProfile(user, "คุณทดสอบ");
                var driver = new LineDriver(bot, line, user);

                await driver.SendAsync(Follow(user, line.IssueReplyToken(user)));
                var joined = await driver.TypeAsync(code);
                var step = await driver.PressAsync(ButtonData(joined, "m:survey"));
                step = await WalkAsync(driver, step, secrets);
                var confirm = await driver.PressAsync(ButtonData(step, "m:submit"));
                await driver.PressAsync(ButtonData(confirm, ":yes"));
                await driver.PressAsync("m:score");
                await driver.PressAsync("m:improve");

                // A forged request is refused and logged; the log names neither the secret nor the signature.
                var forged = Body(Text(user, line.IssueReplyToken(user), "ข้อความปลอม"));
                using var refused = await driver.PostAsync(forged, "forged-" + LineSecret);
                Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);

                var answers = await bot.App.Services.CreateScope().ServiceProvider.GetRequiredService<DgBotDbContext>().Answers.CountAsync();
                Assert.True(answers >= 60, $"only {answers} answers were stored");
            }

            await Console.Out.FlushAsync();
        }
        finally
        {
            Console.SetOut(previousOut);
        }

        AssertNoSecretIn(capture.Lines, console.ToString(), secrets);
    }

    [Fact]
    public async Task AFullTelegramSurveyLogsNoTokenCodeOrAnswerText()
    {
        var token = "987654321:" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        var secrets = new List<string> { token, token.Split(':')[1] };
        await using var api = await TelegramBotApiDouble.StartAsync(token);
        var capture = new CapturingLoggerProvider();
        var console = new StringWriter();
        var previousOut = Console.Out;
        Console.SetOut(TextWriter.Synchronized(console));
        try
        {
            var settings = new Dictionary<string, string?>(TraceEverything)
            {
                ["Telegram:Token"] = token,
                ["Telegram:ApiBaseUrl"] = api.BaseUrl.ToString(),
                ["Telegram:BotUsername"] = TelegramBotApiDouble.BotUsername,
                ["Telegram:PollingTimeoutSeconds"] = "1",
                ["Telegram:PerChatInterval"] = "00:00:00.005",
                ["Telegram:GlobalRatePerSecond"] = "1000",
                ["Telegram:ErrorCooldown"] = "00:00:00.100",
                ["Telegram:ShutdownGrace"] = "00:00:00.500",
            };
            await using (var bot = await BotUnderTest.StartAsync(settings, b => b.Logging.AddProvider(capture).SetMinimumLevel(LogLevel.Trace)))
            {
                using var attached = api.AttachBot(ct => bot.App.Services.GetRequiredService<DgBot.Bot.Channels.ChatExecutor>().IdleAsync().WaitAsync(ct));
                var code = await InviteStaffAsync(bot);
                secrets.Add(code);
                const long user = 811_000_077;
                var questionnaire = SurveyCatalog.BuiltIn().Current;

                async Task TypeAsync(string text)
                {
                    api.SendText(user, text);
                    await api.WaitForAllConfirmedAsync(TimeSpan.FromSeconds(30));
                }

                async Task PressAsync(BotMessage message, string data)
                {
                    api.Press(user, message.MessageId, data);
                    await api.WaitForAllConfirmedAsync(TimeSpan.FromSeconds(30));
                }

                BotMessage Prompt() => api.Messages(user).Last(m => m.Buttons.Count > 0);

                await TypeAsync("/start " + code);
                await PressAsync(Prompt(), Payload.Menu("survey"));
                for (var turn = 0; ; turn++)
                {
                    Assert.True(turn < 300, "the survey did not end");
                    var prompt = Prompt();
                    var data = prompt.Buttons.SelectMany(r => r).Select(b => b.Data).FirstOrDefault(d => d.StartsWith("q:", StringComparison.Ordinal));
                    if (data is null)
                    {
                        break;
                    }

                    var seq = int.Parse(data.Split(':')[1], System.Globalization.CultureInfo.InvariantCulture);
                    var question = questionnaire.Questions.Where(q => prompt.Text!.Contains(q.Text, StringComparison.Ordinal)).MaxBy(q => q.Text.Length)!;
                    switch (question.Type)
                    {
                        case QuestionType.YesNo or QuestionType.Single:
                            await PressAsync(prompt, Payload.Question(seq, "o", question.Options[turn % question.Options.Count].Id));
                            break;
                        case QuestionType.Multi:
                            await PressAsync(prompt, Payload.Question(seq, "t", question.Options[0].Id));
                            await PressAsync(Prompt(), Payload.Question(seq, "ok"));
                            break;
                        default:
                            // Typed: a unique text first (the answer of a text question; refused and asked again
                            // where a number is wanted), then a number.
                            var marker = "คำตอบส่วนตัว-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
                            secrets.Add(marker);
                            await TypeAsync(marker);
                            if (question.Type != QuestionType.Text)
                            {
                                await TypeAsync("๕๐");
                            }

                            break;
                    }
                }

                await PressAsync(Prompt(), Payload.Menu("submit"));
                await PressAsync(Prompt(), Prompt().Buttons.SelectMany(r => r).First(b => b.Data.EndsWith(":yes", StringComparison.Ordinal)).Data);
                await TypeAsync("/score");
                await TypeAsync("/top5");

                var answers = await bot.App.Services.CreateScope().ServiceProvider.GetRequiredService<DgBotDbContext>().Answers.CountAsync();
                Assert.True(answers >= 60, $"only {answers} answers were stored");
                Assert.Contains(api.Calls, c => c.Method == "sendPhoto");
            }

            await Console.Out.FlushAsync();
        }
        finally
        {
            Console.SetOut(previousOut);
        }

        AssertNoSecretIn(capture.Lines, console.ToString(), secrets);
    }

    private void AssertNoSecretIn(IReadOnlyCollection<string> captured, string consoleText, List<string> secrets)
    {
        var jsonLines = consoleText.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        output.WriteLine($"{captured.Count} captured log entries, {jsonLines.Length} JSON console lines; {secrets.Count} secrets checked");
        Assert.True(captured.Count > 200, $"only {captured.Count} log entries: Trace logging is not on");
        Assert.Contains(captured, l => l.Contains(" Microsoft.EntityFrameworkCore.", StringComparison.Ordinal));
        Assert.Contains(captured, l => l.Contains(" Microsoft.AspNetCore.", StringComparison.Ordinal));
        Assert.Contains(captured, l => l.Contains(" DgBot.", StringComparison.Ordinal));
        foreach (var line in jsonLines.Where(l => l.StartsWith('{')))
        {
            using var parsed = JsonDocument.Parse(line);
            Assert.True(parsed.RootElement.TryGetProperty("Category", out _));
        }

        foreach (var secret in secrets)
        {
            var leaks = captured.Concat(jsonLines).Where(l => l.Contains(secret, StringComparison.OrdinalIgnoreCase)).ToList();
            Assert.True(leaks.Count == 0, $"'{secret}' appears in {leaks.Count} log lines, first: {leaks.FirstOrDefault()}");
        }
    }

    /// <summary>Answers every question: buttons where offered; a typed, unique answer text wherever typing is possible.</summary>
    private static async Task<IReadOnlyList<JsonNode>> WalkAsync(LineDriver driver, IReadOnlyList<JsonNode> step, List<string> secrets)
    {
        var typedMarker = false;
        for (var turn = 0; turn < 400; turn++)
        {
            var question = Buttons(step).Where(b => b.Data.StartsWith("q:", StringComparison.Ordinal)).ToList();
            if (question.Count == 0)
            {
                return step;
            }

            var options = question.Where(b => b.Data.Split(':')[2] is "o" or "t").ToList();
            if (options.Count == 0)
            {
                // A number, percent or free-text question. Type a unique text first; where a number is wanted the
                // bot asks again (and that text must not be logged either), then a number.
                if (typedMarker)
                {
                    step = await driver.TypeAsync("50");
                    typedMarker = false;
                }
                else
                {
                    var marker = "คำตอบส่วนตัว-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
                    secrets.Add(marker);
                    step = await driver.TypeAsync(marker);
                    typedMarker = true;
                }
            }
            else if (options[0].Data.Split(':')[2] == "t")
            {
                var ticked = await driver.PressAsync(options[0].Data);
                step = await driver.PressAsync(ButtonData(ticked, ":ok"));
            }
            else
            {
                step = await driver.PressAsync(options[turn % options.Count].Data);
            }
        }

        throw new InvalidOperationException("the survey did not end in 400 turns");
    }

    private static async Task<string> InviteStaffAsync(BotUnderTest bot)
    {
        using var scope = bot.App.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
        var catalog = scope.ServiceProvider.GetRequiredService<SurveyCatalog>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        db.Rounds.Add(new SurveyRound("log-secrets", now.AddDays(30), catalog.Current.Version, now));
        var agency = new Agency("LOG-01", "สำนักงานจังหวัดทดสอบบันทึก", "ลำปาง", "จังหวัด", now);
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        var created = await new InvitationService(db, TimeProvider.System).CreateAsync(agency, UserRole.Staff, 5, TimeSpan.FromDays(30), CancellationToken.None);
        await db.SaveChangesAsync();
        return created.Code;
    }

    private static string ButtonData(IReadOnlyList<JsonNode> messages, string contains) =>
        Buttons(messages).First(b => b.Data.Contains(contains, StringComparison.Ordinal)).Data;

    /// <summary>(label, data) of every quick-reply item and Flex postback button.</summary>
    private static List<(string Label, string Data)> Buttons(IEnumerable<JsonNode> messages)
    {
        var buttons = new List<(string, string)>();
        void Collect(JsonNode? node)
        {
            switch (node)
            {
                case JsonObject o:
                    if ((string?)o["type"] == "postback" && o["data"] is { } data)
                    {
                        buttons.Add(((string?)o["label"] ?? string.Empty, (string)data!));
                    }

                    foreach (var (_, child) in o)
                    {
                        Collect(child);
                    }

                    break;
                case JsonArray a:
                    foreach (var child in a)
                    {
                        Collect(child);
                    }

                    break;
            }
        }

        foreach (var message in messages)
        {
            Collect(message);
        }

        return buttons;
    }

    private static JsonObject Event(string type, string userId, string? replyToken) => new()
    {
        ["type"] = type,
        ["mode"] = "active",
        ["timestamp"] = 1764000000000,
        ["source"] = new JsonObject { ["type"] = "user", ["userId"] = userId },
        ["webhookEventId"] = "01" + Convert.ToHexString(RandomNumberGenerator.GetBytes(12)),
        ["deliveryContext"] = new JsonObject { ["isRedelivery"] = false },
        ["replyToken"] = replyToken,
    };

    private static JsonObject Follow(string userId, string replyToken) => Event("follow", userId, replyToken);

    private static JsonObject Text(string userId, string replyToken, string text)
    {
        var e = Event("message", userId, replyToken);
        e["message"] = new JsonObject { ["type"] = "text", ["id"] = RandomNumberGenerator.GetInt32(int.MaxValue).ToString(System.Globalization.CultureInfo.InvariantCulture), ["quoteToken"] = "q", ["text"] = text };
        return e;
    }

    private static JsonObject Postback(string userId, string replyToken, string data)
    {
        var e = Event("postback", userId, replyToken);
        e["postback"] = new JsonObject { ["data"] = data };
        return e;
    }

    private static string Body(JsonObject e) =>
        new JsonObject { ["destination"] = "U0123456789abcdef0123456789abcdef", ["events"] = new JsonArray(e) }.ToJsonString();

    private sealed class LineDriver(BotUnderTest bot, LineApiDouble line, string user)
    {
        public Task<IReadOnlyList<JsonNode>> TypeAsync(string text) => SendAsync(Text(user, line.IssueReplyToken(user), text));

        public Task<IReadOnlyList<JsonNode>> PressAsync(string data) => SendAsync(Postback(user, line.IssueReplyToken(user), data));

        public async Task<IReadOnlyList<JsonNode>> SendAsync(JsonObject webhookEvent)
        {
            var before = line.DeliveriesTo(user).Count;
            var body = Body(webhookEvent);
            using var response = await PostAsync(body, new LineSignature(LineSecret).Sign(Encoding.UTF8.GetBytes(body)));
            response.EnsureSuccessStatusCode();
            await line.WaitUntilAsync(l => l.DeliveriesTo(user).Count > before);
            await bot.App.Services.GetRequiredService<LineEventDispatcher>().IdleAsync();
            return [.. line.DeliveriesTo(user).Skip(before).SelectMany(d => d.Messages).Select(m => m!)];
        }

        public async Task<HttpResponseMessage> PostAsync(string body, string signature)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/line/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
            request.Headers.TryAddWithoutValidation(LineWebhookApi.SignatureHeader, signature);
            return await bot.Http.SendAsync(request);
        }
    }
}
