using DgBot.Bot.Hosting;
using DgBot.Core.Data;
using DgBot.TestDoubles.Telegram;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DgBot.Telegram.Tests.EndToEnd;

/// <summary>The real DgBot host (engine, SQLite file, Telegram channel) talking to the Bot API double.</summary>
public sealed class RealBot : IAsyncDisposable
{
    private readonly IDisposable? _attached;

    private RealBot(WebApplication app, TelegramBotApiDouble api, string database, string code)
    {
        App = app;
        // Polled updates are confirmed once stored: the double's "all confirmed" also waits for them to be handled.
        _attached = app.Services.GetService<DgBot.Bot.Channels.ChatExecutor>() is { } executor ? api.AttachBot(ct => executor.IdleAsync().WaitAsync(ct)) : null;
        Api = api;
        Database = database;
        InvitationCode = code;
    }

    public WebApplication App { get; }

    public TelegramBotApiDouble Api { get; }

    public string Database { get; }

    public string InvitationCode { get; }

    public Uri Address => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static Dictionary<string, string?> Settings(TelegramBotApiDouble api, string database) => new()
    {
        ["ConnectionStrings:DgBot"] = $"Data Source={database}",
        ["Telegram:Token"] = api.Token,
        ["Telegram:ApiBaseUrl"] = api.BaseUrl.ToString(),
        ["Telegram:BotUsername"] = TelegramBotApiDouble.BotUsername,
        ["Telegram:PollingTimeoutSeconds"] = "2",
        ["Telegram:PerChatInterval"] = "00:00:00.005",
        ["Telegram:GlobalRatePerSecond"] = "1000",
        ["Telegram:ErrorCooldown"] = "00:00:00.100",
        ["Telegram:ShutdownGrace"] = "00:00:00.500",
    };

    public static async Task<RealBot> StartAsync(TelegramBotApiDouble api, Action<Dictionary<string, string?>>? configure = null)
    {
        var database = Seed.TempDatabase();
        var settings = Settings(api, database);
        configure?.Invoke(settings);
        var app = BotHost.Build([], b =>
        {
            b.WebHost.UseUrls("http://127.0.0.1:0");
            b.Logging.ClearProviders();
            b.Configuration.AddInMemoryCollection(settings);
        });
        await app.Services.MigrateDgBotDatabaseAsync();
        string code;
        using (var scope = app.Services.CreateScope())
        {
            code = await Seed.AgencyWithInvitationAsync(scope.ServiceProvider.GetRequiredService<DgBotDbContext>());
        }

        await app.StartAsync();
        return new RealBot(app, api, database, code);
    }

    /// <summary>Runs <paramref name="query"/> against the bot's database in a fresh scope.</summary>
    public async Task<T> QueryAsync<T>(Func<DgBotDbContext, Task<T>> query)
    {
        using var scope = App.Services.CreateScope();
        return await query(scope.ServiceProvider.GetRequiredService<DgBotDbContext>());
    }

    public async ValueTask DisposeAsync()
    {
        _attached?.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        Seed.DeleteDatabase(Database);
    }
}
