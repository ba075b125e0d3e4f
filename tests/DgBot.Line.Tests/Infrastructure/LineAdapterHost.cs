using System.Text;
using DgBot.Bot.Hosting;
using DgBot.Bot.Line;
using DgBot.Core.Conversation;
using DgBot.TestDoubles.Line;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DgBot.Line.Tests.Infrastructure;

/// <summary>
/// The LINE adapter alone on loopback: <c>AddLineChannel</c> and <c>MapLine</c> in a small ASP.NET Core app with a
/// <see cref="ScriptedEngine"/>, talking to a <see cref="LineApiDouble"/> whose requests are also checked by Prism.
/// </summary>
public sealed class LineAdapterHost : IAsyncDisposable
{
    public const string ChannelSecret = "test-channel-secret-0123456789ab";

    private readonly WebApplication _app;
    private readonly ContractMocks _contracts;

    private readonly string _directory;

    private LineAdapterHost(WebApplication app, LineApiDouble line, ScriptedEngine engine, ContractMocks contracts, Uri address, string directory)
    {
        _app = app;
        _directory = directory;
        Line = line;
        Engine = engine;
        _contracts = contracts;
        Http = new HttpClient { BaseAddress = address };
    }

    public LineApiDouble Line { get; }

    public ScriptedEngine Engine { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<LineAdapterHost> StartAsync(
        ContractMocks contracts,
        LineApiDoubleOptions? lineOptions = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var line = await LineApiDouble.StartAsync(new LineApiDoubleOptions
        {
            AccessToken = lineOptions?.AccessToken ?? "double-channel-access-token",
            Time = lineOptions?.Time ?? TimeProvider.System,
            ReplyTokenLifetime = lineOptions?.ReplyTokenLifetime ?? TimeSpan.FromSeconds(30),
            QuotaLimit = lineOptions is null ? 1000 : lineOptions.QuotaLimit,
            ContractMock = contracts.MessagingApi.BaseAddress,
        });
        var engine = new ScriptedEngine();
        var directory = Directory.CreateTempSubdirectory("dgbot-line-adapter-").FullName;
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["ConnectionStrings:DgBot"] = $"Data Source={Path.Combine(directory, "dgbot.db")}",
            ["Line:ChannelSecret"] = ChannelSecret,
            ["Line:ChannelAccessToken"] = line.AccessToken,
            ["Line:ApiBaseUrl"] = line.BaseAddress.ToString(),
            ["Line:RetryBaseDelay"] = "00:00:00.010",
        });
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        // The inbox the webhook writes to is a real SQLite file, migrated at start as in the bot.
        builder.AddDgBotData();
        builder.AddDatabaseMigration();
        builder.AddLineChannel();
        builder.Services.AddSingleton<IConversationEngine>(engine);
        var app = builder.Build();
        app.MapLine();
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new LineAdapterHost(app, line, engine, contracts, new Uri(address), directory);
    }

    /// <summary>Signs <paramref name="body"/> with the channel secret as LINE does.</summary>
    public static string Sign(string body) => new LineSignature(ChannelSecret).Sign(Encoding.UTF8.GetBytes(body));

    /// <summary>Posts a webhook body, signed unless <paramref name="signature"/> is given, after checking it against webhook.yml.</summary>
    public Task<HttpResponseMessage> PostWebhookAsync(string body, string? signature = null, bool checkContract = true) =>
        PostWebhookAsync(Http, _contracts, body, signature ?? Sign(body), checkContract);

    public static async Task<HttpResponseMessage> PostWebhookAsync(HttpClient http, ContractMocks contracts, string body, string? signature, bool checkContract = true)
    {
        if (checkContract && await contracts.WebhookViolationsAsync(body) is { } violations)
        {
            throw new InvalidOperationException("The test's webhook body breaks webhook.yml: " + violations);
        }

        using var request = new HttpRequestMessage(HttpMethod.Post, "line/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (signature is not null)
        {
            request.Headers.TryAddWithoutValidation(LineWebhookApi.SignatureHeader, signature);
        }

        return await http.SendAsync(request);
    }

    /// <summary>Waits until every queued event has been processed.</summary>
    public Task IdleAsync() => Services.GetRequiredService<LineEventDispatcher>().IdleAsync();

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
