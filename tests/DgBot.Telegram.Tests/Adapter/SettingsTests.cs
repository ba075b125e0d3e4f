using DgBot.Bot.Hosting;
using DgBot.Bot.Telegram;
using DgBot.TestDoubles.Telegram;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace DgBot.Telegram.Tests.Adapter;

/// <summary>Start-up settings: a bad value stops start-up with a message naming its key; no token means no channel.</summary>
public sealed class SettingsTests
{
    private static Dictionary<string, string?> Valid() => new()
    {
        ["Telegram:Token"] = "123456789:TESTtoken_abcdefghijklmnopqrstuvwxyz",
        ["Telegram:ApiBaseUrl"] = "http://127.0.0.1:9",
    };

    private static async Task<string> StartFailureAsync(Dictionary<string, string?> settings)
    {
        await using var app = AdapterHost.Build(settings, new ScriptedEngine());
        // Validation failures are OptionsValidationException; a value that cannot even be bound (an unknown mode) fails binding.
        var e = await Assert.ThrowsAnyAsync<Exception>(() => app.StartAsync());
        Assert.True(e is OptionsValidationException or InvalidOperationException, e.GetType().Name);
        return e.Message;
    }

    [Theory]
    [InlineData("Telegram:Token", "not-a-token", "Telegram:Token")]
    [InlineData("Telegram:ApiBaseUrl", "ftp://example", "Telegram:ApiBaseUrl")]
    [InlineData("Telegram:ApiBaseUrl", "https://proxy.example/telegram", "Telegram:ApiBaseUrl")]
    [InlineData("Telegram:Mode", "carrier-pigeon", "Telegram:Mode")]
    [InlineData("Telegram:BotUsername", "@x", "Telegram:BotUsername")]
    [InlineData("Telegram:PollingTimeoutSeconds", "600", "Telegram:PollingTimeoutSeconds")]
    [InlineData("Telegram:GlobalRatePerSecond", "0", "Telegram:GlobalRatePerSecond")]
    public async Task ABadSettingStopsStartUpNamingItsKey(string key, string value, string named)
    {
        var settings = Valid();
        settings[key] = value;

        var message = await StartFailureAsync(settings);

        Assert.Contains(named, message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WebhookModeNeedsAnHttpsUrlAndASecret()
    {
        var settings = Valid();
        settings["Telegram:Mode"] = "webhook";
        settings["Telegram:WebhookUrl"] = "http://dgbot.example/telegram/webhook";

        var message = await StartFailureAsync(settings);

        Assert.Contains("Telegram:WebhookUrl", message, StringComparison.Ordinal);
        Assert.Contains("Telegram:WebhookSecret", message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutATokenTheChannelIsNotThere()
    {
        await using var app = AdapterHost.Build(new Dictionary<string, string?> { ["Telegram:Token"] = "" }, new ScriptedEngine());

        Assert.Empty(app.Services.GetServices<IChannelStatus>());
        Assert.Null(app.Services.GetService<TelegramSender>());
    }

    [Fact]
    public async Task HealthStatusShowsTheModeAndTheLastSuccessfulCall()
    {
        await using var api = await TelegramBotApiDouble.StartAsync();
        await using var host = await AdapterHost.StartAsync(api);
        var status = Assert.Single(host.App.Services.GetServices<IChannelStatus>());

        await api.WaitUntilAsync(() => status.LastSuccess is not null, what: "a successful call");

        Assert.Equal(("telegram", true, "polling"), (status.Channel, status.Configured, status.Mode));
    }

    [Fact]
    public void DeepLinksCarryTheJoinCode()
    {
        Assert.Equal("https://t.me/DgReadinessBot?start=AGENCY-42", TelegramLinks.Join("DgReadinessBot", "AGENCY-42").ToString());
        Assert.Throws<ArgumentException>(() => TelegramLinks.Join("DgReadinessBot", "รหัส"));
    }
}
