using DgBot.Bot.Line;
using DgBot.Bot.Operations;
using DgBot.Bot.Outbox;
using DgBot.Bot.Telegram;

namespace DgBot.Bot.Hosting;

/// <summary>
/// Builds the hosted bot service: configuration, the data layer and engine, the channels and the HTTP endpoints.
/// Tests build the same host with overrides through <paramref name="configure"/>.
/// </summary>
public static class BotHost
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddUserSecrets(typeof(BotHost).Assembly, optional: true);
        configure?.Invoke(builder);

        // Each area registers itself. The serve lock, then the migration run first, before any channel starts.
        builder.AddDgBotLogging();
        builder.AddOperations();
        builder.AddDgBotData();
        builder.AddDatabaseMigration();
        builder.AddConversation();
        builder.AddTelegramChannel();
        builder.AddLineChannel();
        builder.AddReminders();
        builder.AddChannelsHealth();
        builder.AddReportLinks();

        var app = builder.Build();

        // Each area maps its endpoints.
        app.MapHealth();
        app.MapOperations();
        app.MapTelegram();
        app.MapLine();
        app.MapReportLinks();

        return app;
    }

    /// <summary>True when no chat platform is configured: the bot then starts the local console chat instead.</summary>
    public static bool NoChannelConfigured(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        return string.IsNullOrWhiteSpace(configuration["Telegram:Token"]) && string.IsNullOrWhiteSpace(configuration["Line:ChannelSecret"]);
    }
}
