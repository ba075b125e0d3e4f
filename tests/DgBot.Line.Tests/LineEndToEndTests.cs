using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using DgBot.Bot.Line;
using DgBot.Core.Data.Entities;
using DgBot.Line.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Xunit.Abstractions;

namespace DgBot.Line.Tests;

/// <summary>
/// The whole bot (engine, SQLite file, LINE channel) through its LINE webhook, against the LINE double; every request
/// the bot sends is also checked by the Prism mock of messaging-api.yml, and every webhook body against webhook.yml.
/// </summary>
[Collection(LineContractGroup.Name)]
public sealed class LineEndToEndTests(ContractMocks contracts, ITestOutputHelper output) : IAsyncLifetime
{
    private LineBotHost _bot = null!;

    public async Task InitializeAsync() => _bot = await LineBotHost.StartAsync(contracts);

    public async Task DisposeAsync()
    {
        try
        {
            Assert.Empty(_bot.Line.Violations);
        }
        finally
        {
            await _bot.DisposeAsync();
        }
    }

    [Fact]
    public async Task FullSurveyByPostbacksAndTypedTextEndsWithScoreCardAndTopFive()
    {
        var user = WebhookFixtures.NewUserId();
        _bot.Line.SetProfile(user, "คุณทดสอบ");
        var code = await _bot.InviteStaffAsync();

        var greeting = await _bot.SendAsync(user, token => WebhookFixtures.Follow(user, token));
        Log("follow", greeting);
        var joined = await _bot.TypeAsync(user, code);
        Log("code", joined);
        var step = await _bot.PressAsync(user, Data(joined, "m:survey"));
        Log("m:survey", step);

        var typed = 0;
        var pressed = 0;
        for (var turn = 0; turn < 400; turn++)
        {
            var buttons = step.Buttons();
            var question = buttons.Where(b => b.Data.StartsWith("q:", StringComparison.Ordinal)).ToList();
            if (question.Count == 0)
            {
                break;
            }

            var options = question.Where(b => b.Data.Split(':')[2] is "o" or "t").ToList();
            if (options.Count == 0)
            {
                // A number, percent or free-text question: typed.
                step = await _bot.TypeAsync(user, turn % 2 == 0 ? "50" : "๓๐");
                typed++;
            }
            else if (options.Any(o => o.Data.EndsWith(":o:yes", StringComparison.Ordinal)) && turn % 3 == 0)
            {
                step = await _bot.TypeAsync(user, "ใช่");
                typed++;
            }
            else if (options[0].Data.Split(':')[2] == "t")
            {
                var ticked = await _bot.PressAsync(user, options[0].Data);
                step = await _bot.PressAsync(user, ConfirmData(ticked));
                pressed += 2;
            }
            else
            {
                step = await _bot.PressAsync(user, options[^1].Data);
                pressed++;
            }

            Log($"turn {turn}", step);
        }

        Assert.True(typed > 5 && pressed > 20, $"typed {typed}, pressed {pressed}");
        var confirm = await _bot.PressAsync(user, Data(step, "m:submit"));
        Log("submit", confirm);
        var submitted = await _bot.PressAsync(user, Data(confirm, ":yes"));
        Log("confirmed", submitted);

        var scores = await _bot.PressAsync(user, "m:score");
        Log("score", scores);
        var card = Assert.Single(scores, m => (string?)m["type"] == "flex" && (string?)m["contents"]!["type"] == "bubble");
        Assert.Equal(6, card["contents"]!["body"]!["contents"]!.AsArray().Count);
        var improve = await _bot.PressAsync(user, "m:improve");
        Log("improve", improve);
        var carousel = Assert.Single(improve, m => (string?)m["type"] == "flex" && (string?)m["contents"]!["type"] == "carousel");
        Assert.Equal(5, carousel["contents"]!["contents"]!.AsArray().Count);

        var stored = await _bot.QueryAsync(db => db.Responses.Include(r => r.Answers).SingleAsync());
        Assert.NotNull(stored.SubmittedUtc);
        Assert.True(stored.Answers.Count >= 60);
        Assert.Equal(0, _bot.Line.Consumption);
    }

    [Fact]
    public async Task ForgedSignatureIsRefusedAndNothingIsStored()
    {
        var user = WebhookFixtures.NewUserId();
        var body = WebhookFixtures.Body(WebhookFixtures.Text(user, _bot.Line.IssueReplyToken(user), "สวัสดี"));

        using var response = await _bot.PostWebhookAsync(body, new LineSignature("forged-secret").Sign(Encoding.UTF8.GetBytes(body)));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        await _bot.Services.GetRequiredService<LineEventDispatcher>().IdleAsync();
        Assert.Equal(0, await _bot.QueryAsync(db => db.ChatUsers.CountAsync()));
        Assert.Empty(_bot.Line.Calls);
    }

    [Fact]
    public async Task RedeliveredEventIsAnsweredOnceAndStoredOnce()
    {
        var user = WebhookFixtures.NewUserId();
        var original = WebhookFixtures.Text(user, _bot.Line.IssueReplyToken(user), "สวัสดี");

        using var first = await _bot.PostWebhookAsync(WebhookFixtures.Body(original));
        await _bot.Line.WaitForDeliveriesAsync(user, 1);
        using var again = await _bot.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Redelivery(original)));
        await _bot.Services.GetRequiredService<LineEventDispatcher>().IdleAsync();

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Single(_bot.Line.DeliveriesTo(user));
        var key = "line:" + (string)original["webhookEventId"]!;
        Assert.Equal(1, await _bot.QueryAsync(db => db.ProcessedEvents.CountAsync(e => e.Key == key)));
    }

    [Fact]
    public async Task ExpiredReplyTokenSendsTheTurnByPush()
    {
        var clock = new FakeTimeProvider();
        await using var bot = await LineBotHost.StartAsync(contracts, lineClock: clock);
        var user = WebhookFixtures.NewUserId();
        var token = bot.Line.IssueReplyToken(user);
        clock.Advance(TimeSpan.FromMinutes(1));

        using var response = await bot.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Follow(user, token)));

        var delivery = Assert.Single(await bot.Line.WaitForDeliveriesAsync(user, 1));
        Assert.Equal("push", delivery.Via);
        Assert.NotEmpty(delivery.Texts);
        Assert.Equal([("/v2/bot/message/reply", 400), ("/v2/bot/message/push", 200)],
            bot.Line.Calls.Where(c => c.Path.StartsWith("/v2/bot/message/", StringComparison.Ordinal)).Select(c => (c.Path, c.Status)));
        Assert.Equal(1, bot.Line.Consumption);
        Assert.Empty(bot.Line.Violations);
    }

    [Fact]
    public async Task UnfollowMarksThePersonUnreachableWithoutSendingAnything()
    {
        var user = WebhookFixtures.NewUserId();
        await _bot.SendAsync(user, token => WebhookFixtures.Follow(user, token));
        var callsBefore = _bot.Line.Calls.Count;

        using var response = await _bot.PostWebhookAsync(WebhookFixtures.Body(WebhookFixtures.Unfollow(user)));
        await _bot.Services.GetRequiredService<LineEventDispatcher>().IdleAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(await _bot.QueryAsync(db => db.ChatUsers.Where(u => u.PlatformUserId == user).Select(u => u.Unreachable).SingleAsync()));
        Assert.Equal(callsBefore, _bot.Line.Calls.Count);
    }

    [Fact]
    public async Task HealthzListsTheLineChannel()
    {
        var user = WebhookFixtures.NewUserId();
        await _bot.SendAsync(user, token => WebhookFixtures.Follow(user, token));

        var health = JsonNode.Parse(await _bot.Http.GetStringAsync(new Uri("healthz", UriKind.Relative)))!;

        var line = Assert.Single(health["channels"]!.AsArray(), c => (string?)c!["channel"] == "line")!;
        Assert.True((bool)line["configured"]!);
        Assert.Equal("webhook", (string?)line["mode"]);
        Assert.NotNull((string?)line["lastSuccess"]);
    }

    /// <summary>The confirm button of a multiple-choice prompt (<c>q:{seq}:ok:{mask}</c>: it carries the ticks it was shown with).</summary>
    private static string ConfirmData(IEnumerable<JsonNode> messages) =>
        messages.Buttons().First(b => b.Data.Contains(":ok:", StringComparison.Ordinal)).Data;

    private static string Data(IEnumerable<JsonNode> messages, string match) =>
        messages.Buttons().First(b => b.Data.StartsWith(match, StringComparison.Ordinal) || b.Data.EndsWith(match, StringComparison.Ordinal)).Data;

    private void Log(string step, IReadOnlyList<JsonNode> messages)
    {
        var text = new StringBuilder().Append("== ").Append(step).Append('\n');
        foreach (var message in messages)
        {
            text.Append((string?)message["type"]).Append(": ").Append((string?)message["text"] ?? (string?)message["altText"]).Append('\n');
        }

        text.Append("buttons: ").Append(string.Join(" | ", messages.Buttons().Select(b => $"{b.Label}={b.Data}")));
        output.WriteLine(text.ToString());
    }
}
