using System.Net;
using System.Text;
using DgBot.Core.Content;
using DgBot.TestDoubles.Telegram;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Telegram.Tests.EndToEnd;

/// <summary>The real host in webhook mode: Telegram's posts are checked for the secret before anything else.</summary>
public sealed class WebhookEndToEndTests : IAsyncLifetime, IDisposable
{
    private const long User = 811_000_200;
    private const string Secret = "e2e_Webhook-Secret-0123456789";
    private TelegramBotApiDouble _api = null!;
    private RealBot _bot = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _api = await TelegramBotApiDouble.StartAsync();
        _bot = await RealBot.StartAsync(_api, s =>
        {
            s["Telegram:Mode"] = "webhook";
            s["Telegram:WebhookUrl"] = "https://dgbot.example.go.th/telegram/webhook";
            s["Telegram:WebhookSecret"] = Secret;
        });
        _http = new HttpClient { BaseAddress = _bot.Address };
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _api.AssertNoViolations();
        await _api.DisposeAsync();
    }

    private async Task<HttpStatusCode> PostAsync(int updateId, string text, string? secret)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook")
        {
            Content = new StringContent(TelegramBotApiDouble.TextUpdate(updateId, User, text).ToJsonString(), Encoding.UTF8, "application/json"),
        };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        using var response = await _http.SendAsync(request);
        return response.StatusCode;
    }

    [Fact]
    public async Task AWrongSecretIsRefusedAndNothingIsStoredOrSent()
    {
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(1, "/start " + _bot.InvitationCode, "not-the-secret"));
        Assert.Equal(HttpStatusCode.Unauthorized, await PostAsync(2, "/start " + _bot.InvitationCode, null));

        Assert.Empty(await _bot.QueryAsync(db => db.ChatUsers.AsNoTracking().ToListAsync()));
        Assert.Empty(_api.Messages(User));
    }

    [Fact]
    public async Task TheRightSecretJoinsAndARedeliveryIsHandledOnce()
    {
        await _api.WaitUntilAsync(() => _api.WebhookSecret == Secret, what: "setWebhook with the secret");

        Assert.Equal(HttpStatusCode.OK, await PostAsync(10, "/start " + _bot.InvitationCode, Secret));
        var afterFirst = _api.Messages(User).Count;
        Assert.Equal(HttpStatusCode.OK, await PostAsync(10, "/start " + _bot.InvitationCode, Secret));

        Assert.Contains(_api.Messages(User), m => m.Text == Messages.Format("joined_staff", "เทศบาลนครลำปาง"));
        Assert.Equal(afterFirst, _api.Messages(User).Count);
        Assert.Single(await _bot.QueryAsync(db => db.ChatUsers.AsNoTracking().ToListAsync()));
        Assert.Empty(_api.CallsOf("getUpdates"));
    }
}
