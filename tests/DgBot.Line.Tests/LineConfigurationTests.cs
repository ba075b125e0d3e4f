using System.Net;
using DgBot.Bot.Hosting;
using DgBot.Bot.Line;
using DgBot.Core.Conversation;
using DgBot.Line.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace DgBot.Line.Tests;

public sealed class LineConfigurationTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Urls"] = "http://127.0.0.1:0",
        ["Line:ChannelSecret"] = "secret",
        ["Line:ChannelAccessToken"] = "token",
    };

    private static WebApplication Build(Dictionary<string, string?> settings)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Configuration["ConnectionStrings:DgBot"] = $"Data Source={Path.Combine(Path.GetTempPath(), "dgbot-line-config-" + Guid.NewGuid().ToString("N") + ".db")}";
        builder.AddDgBotData();
        builder.AddDatabaseMigration();
        builder.AddLineChannel();
        builder.Services.AddSingleton<IConversationEngine>(new ScriptedEngine());
        var app = builder.Build();
        app.MapLine();
        return app;
    }

    [Theory]
    [InlineData("Line:ChannelAccessToken", "", "Line:ChannelAccessToken")]
    [InlineData("Line:ApiBaseUrl", "api.line.me", "Line:ApiBaseUrl")]
    [InlineData("Line:ApiBaseUrl", "ftp://api.line.me", "Line:ApiBaseUrl")]
    [InlineData("Line:LoadingSeconds", "7", "Line:LoadingSeconds")]
    [InlineData("Line:MaxSendAttempts", "0", "Line:MaxSendAttempts")]
    [InlineData("Line:ReplyTokenLifetime", "00:05:00", "Line:ReplyTokenLifetime")]
    [InlineData("Line:ChannelSecret", " secret ", "Line:ChannelSecret")]
    public async Task BadSettingStopsStartUpNamingItsKey(string key, string value, string named)
    {
        await using var app = Build(new(Valid) { [key] = value });

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => app.StartAsync());

        Assert.Contains(error.Failures, f => f.Contains(named, StringComparison.Ordinal));
    }

    [Fact]
    public async Task DefaultsToLinesApiAddress()
    {
        await using var app = Build(Valid);
        await app.StartAsync();

        Assert.Equal(LineOptions.DefaultApiBaseUrl, app.Services.GetRequiredService<IOptions<LineOptions>>().Value.ApiBaseUrl);
        await app.StopAsync();
    }

    [Fact]
    public async Task WithoutAChannelSecretNothingIsRegisteredOrMapped()
    {
        await using var app = Build(new() { ["Urls"] = "http://127.0.0.1:0", ["Line:ChannelAccessToken"] = "token" });
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        using var response = await http.PostAsync(new Uri("/line/webhook", UriKind.Relative), new StringContent("{}"));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Empty(app.Services.GetServices<IChannelStatus>());
        Assert.Null(app.Services.GetService<LineMessagingClient>());
        await app.StopAsync();
    }
}
