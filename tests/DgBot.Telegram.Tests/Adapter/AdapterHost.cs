using System.Globalization;
using DgBot.Bot.Channels;
using DgBot.Bot.Hosting;
using DgBot.Bot.Telegram;
using DgBot.Core.Conversation;
using DgBot.TestDoubles.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DgBot.Telegram.Tests.Adapter;

/// <summary>The Telegram channel alone in a web host, with a <see cref="ScriptedEngine"/>, talking to the Bot API double over loopback HTTP.</summary>
public sealed class AdapterHost : IAsyncDisposable
{
    private readonly IDisposable? _attached;
    private readonly string? _database;

    private AdapterHost(WebApplication app, ScriptedEngine engine, IDisposable? attached, string? database)
    {
        App = app;
        Engine = engine;
        _attached = attached;
        _database = database;
    }

    public WebApplication App { get; }

    public ScriptedEngine Engine { get; }

    public Uri Address => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static Dictionary<string, string?> Settings(TelegramBotApiDouble api) => new()
    {
        // The durable inbox polled updates are stored in: a real SQLite file, migrated at start as in the bot.
        ["ConnectionStrings:DgBot"] = "Data Source=" + Path.Combine(Path.GetTempPath(), "dgbot-telegram-adapter-" + Guid.NewGuid().ToString("N") + ".db"),
        ["Telegram:Token"] = api.Token,
        ["Telegram:ApiBaseUrl"] = api.BaseUrl.ToString(),
        ["Telegram:BotUsername"] = TelegramBotApiDouble.BotUsername,
        ["Telegram:PollingTimeoutSeconds"] = "2",
        ["Telegram:PerChatInterval"] = "00:00:00.010",
        ["Telegram:ErrorCooldown"] = "00:00:00.100",
        ["Telegram:ShutdownGrace"] = "00:00:00.200",
    };

    public static WebApplication Build(IDictionary<string, string?> settings, ScriptedEngine engine)
    {
        var builder = WebApplication.CreateBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddSingleton(engine);
        builder.Services.AddScoped<IConversationEngine>(sp => sp.GetRequiredService<ScriptedEngine>());
        builder.AddDgBotData();
        builder.AddDatabaseMigration();
        builder.AddTelegramChannel();
        var app = builder.Build();
        app.MapTelegram();
        return app;
    }

    public static async Task<AdapterHost> StartAsync(TelegramBotApiDouble api, ScriptedEngine? engine = null, Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = Settings(api);
        var own = settings["ConnectionStrings:DgBot"];
        configure?.Invoke(settings);
        engine ??= new ScriptedEngine();
        var app = Build(settings, engine);
        await app.StartAsync();

        // Polled updates are confirmed once stored: the double's "all confirmed" also waits for them to be handled.
        var attached = app.Services.GetService<ChatExecutor>() is { } executor ? api.AttachBot(ct => executor.IdleAsync().WaitAsync(ct)) : null;
        // The database the host made for itself is deleted with it; one a test passed in is the test's to keep.
        var database = settings.TryGetValue("ConnectionStrings:DgBot", out var connection) && connection is not null && connection == own
            ? new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connection).DataSource
            : null;
        return new AdapterHost(app, engine, attached, database);
    }

    public async ValueTask DisposeAsync()
    {
        _attached?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        if (_database is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var file in new[] { _database, _database + "-wal", _database + "-shm" })
            {
                File.Delete(file);
            }
        }
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
