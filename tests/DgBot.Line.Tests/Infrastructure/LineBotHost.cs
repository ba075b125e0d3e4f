using System.Text.Json.Nodes;
using DgBot.Bot.Hosting;
using DgBot.Bot.Line;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Invitations;
using DgBot.TestDoubles.Line;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DgBot.Line.Tests.Infrastructure;

/// <summary>
/// The real bot host (<see cref="BotHost.Build"/>: engine, SQLite file, LINE channel, /healthz) on loopback, with
/// LINE pointed at a <see cref="LineApiDouble"/> whose requests are also checked by the Prism mock.
/// </summary>
public sealed class LineBotHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ContractMocks _contracts;
    private readonly string _directory;

    private LineBotHost(WebApplication app, LineApiDouble line, ContractMocks contracts, string directory)
    {
        _app = app;
        Line = line;
        _contracts = contracts;
        _directory = directory;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First().TrimEnd('/') + "/") };
    }

    public LineApiDouble Line { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="settings">More settings over the defaults below (for example <c>Reports:PublicBaseUrl</c>).</param>
    public static async Task<LineBotHost> StartAsync(ContractMocks contracts, TimeProvider? lineClock = null, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var line = await LineApiDouble.StartAsync(new LineApiDoubleOptions
        {
            Time = lineClock ?? TimeProvider.System,
            ContractMock = contracts.MessagingApi.BaseAddress,
        });
        var directory = Directory.CreateTempSubdirectory("dgbot-line-e2e-").FullName;
        var app = BotHost.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Urls"] = "http://127.0.0.1:0",
                ["ConnectionStrings:DgBot"] = $"Data Source={Path.Combine(directory, "dgbot.db")}",
                ["Line:ChannelSecret"] = LineAdapterHost.ChannelSecret,
                ["Line:ChannelAccessToken"] = line.AccessToken,
                ["Line:ApiBaseUrl"] = line.BaseAddress.ToString(),
                ["Line:RetryBaseDelay"] = "00:00:00.010",
            });
            if (settings is not null)
            {
                builder.Configuration.AddInMemoryCollection(settings);
            }
            builder.Logging.ClearProviders();
        });
        await app.StartAsync();
        return new LineBotHost(app, line, contracts, directory);
    }

    /// <summary>Creates an agency and a staff invitation; returns the code a person types to join.</summary>
    public async Task<string> InviteStaffAsync(string nameTh = "สำนักงานจังหวัดลำปาง", string province = "ลำปาง")
    {
        return await InviteAsync(nameTh, province, UserRole.Staff);
    }

    /// <summary>Creates an agency and an invitation for <paramref name="role"/>; returns the code.</summary>
    public async Task<string> InviteAsync(string nameTh, string province, UserRole role)
    {
        using var scope = Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
        var agency = new Agency("LPG-" + Guid.NewGuid().ToString("N")[..6], nameTh, province, "provincial", new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc));
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        var created = await new InvitationService(db, TimeProvider.System).CreateAsync(agency, role, 5, TimeSpan.FromDays(30), CancellationToken.None);
        await db.SaveChangesAsync();
        return created.Code;
    }

    public async Task<T> QueryAsync<T>(Func<DgBotDbContext, Task<T>> query)
    {
        using var scope = Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<DgBotDbContext>());
    }

    public Task<HttpResponseMessage> PostWebhookAsync(string body, string? signature = null) =>
        LineAdapterHost.PostWebhookAsync(Http, _contracts, body, signature ?? LineAdapterHost.Sign(body));

    /// <summary>Sends one event and returns the messages the user received for it (after the turn is fully processed).</summary>
    public async Task<IReadOnlyList<JsonNode>> SendAsync(string userId, Func<string, JsonObject> makeEvent)
    {
        var before = Line.DeliveriesTo(userId).Count;
        using var response = await PostWebhookAsync(WebhookFixtures.Body(makeEvent(Line.IssueReplyToken(userId))));
        response.EnsureSuccessStatusCode();
        await Line.WaitUntilAsync(l => l.DeliveriesTo(userId).Count > before);
        await Services.GetRequiredService<LineEventDispatcher>().IdleAsync();
        return [.. Line.DeliveriesTo(userId).Skip(before).SelectMany(d => d.Messages).Select(m => m!)];
    }

    public Task<IReadOnlyList<JsonNode>> TypeAsync(string userId, string text) =>
        SendAsync(userId, token => WebhookFixtures.Text(userId, token, text));

    public Task<IReadOnlyList<JsonNode>> PressAsync(string userId, string data) =>
        SendAsync(userId, token => WebhookFixtures.Postback(userId, token, data));

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        await Line.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: the temp folder is removed by the OS later.
        }
    }
}

/// <summary>Reading what the bot sent: texts, and the postback data of quick replies and Flex buttons.</summary>
public static class SentMessages
{
    private static readonly string[] Blocks = ["header", "body", "footer"];

    public static IEnumerable<string> Texts(this IEnumerable<JsonNode> messages) =>
        messages.Where(m => (string?)m["type"] == "text").Select(m => (string)m["text"]!);

    /// <summary>Every button on offer, in order: (label, data) of the quick reply items and of Flex buttons.</summary>
    public static IReadOnlyList<(string Label, string Data)> Buttons(this IEnumerable<JsonNode> messages)
    {
        var buttons = new List<(string, string)>();
        foreach (var message in messages)
        {
            if (message["quickReply"]?["items"] is JsonArray items)
            {
                buttons.AddRange(items.Select(i => ((string)i!["action"]!["label"]!, (string)i["action"]!["data"]!)));
            }

            if (message["contents"] is { } contents)
            {
                Collect(contents, buttons);
            }
        }

        return buttons;
    }

    private static void Collect(JsonNode node, List<(string, string)> buttons)
    {
        if ((string?)node["type"] == "button" && node["action"] is { } action && (string?)action["type"] == "postback")
        {
            buttons.Add(((string)action["label"]!, (string)action["data"]!));
        }

        foreach (var child in Blocks.Select(k => node[k]).Where(c => c is not null))
        {
            Collect(child!, buttons);
        }

        if (node["contents"] is JsonArray array)
        {
            foreach (var child in array.Where(c => c is not null))
            {
                Collect(child!, buttons);
            }
        }
    }
}
