using System.Globalization;
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
    private AdapterHost(WebApplication app, ScriptedEngine engine)
    {
        App = app;
        Engine = engine;
    }

    public WebApplication App { get; }

    public ScriptedEngine Engine { get; }

    public Uri Address => new(App.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static Dictionary<string, string?> Settings(TelegramBotApiDouble api) => new()
    {
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
        builder.AddTelegramChannel();
        var app = builder.Build();
        app.MapTelegram();
        return app;
    }

    public static async Task<AdapterHost> StartAsync(TelegramBotApiDouble api, ScriptedEngine? engine = null, Action<Dictionary<string, string?>>? configure = null)
    {
        var settings = Settings(api);
        configure?.Invoke(settings);
        engine ??= new ScriptedEngine();
        var app = Build(settings, engine);
        await app.StartAsync();
        return new AdapterHost(app, engine);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }

    public static string Id(long id) => id.ToString(CultureInfo.InvariantCulture);
}
