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
        configure?.Invoke(builder);

        // Each area registers itself (conversation engine and data, channels, background services).

        var app = builder.Build();

        // Each area maps its endpoints.

        return app;
    }
}
