using System.Net;
using System.Net.Http.Json;
using System.Text;
using DgBot.Core.Conversation;
using DgBot.TestDoubles.Telegram;

namespace DgBot.Telegram.Tests.Adapter;

/// <summary>Webhook mode: registration with the secret, the secret checked before the body, updates handled before 200.</summary>
public sealed class WebhookTests : IAsyncLifetime, IDisposable
{
    private const long User = 555_000_333;
    private const string Secret = "s3cret_Webhook-token";
    private TelegramBotApiDouble _api = null!;
    private AdapterHost _host = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _api = await TelegramBotApiDouble.StartAsync();
        var engine = new ScriptedEngine { Script = (i, _) => Task.FromResult(new TurnResult([new TextReply("ได้รับแล้ว: " + i.Text)])) };
        _host = await AdapterHost.StartAsync(_api, engine, s =>
        {
            s["Telegram:Mode"] = "webhook";
            s["Telegram:WebhookUrl"] = "https://dgbot.example.go.th/telegram/webhook";
            s["Telegram:WebhookSecret"] = Secret;
        });
        _http = new HttpClient { BaseAddress = _host.Address };
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        await _host.DisposeAsync();
        _api.AssertNoViolations();
        await _api.DisposeAsync();
    }

    private Task<HttpResponseMessage> PostAsync(string body, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/telegram/webhook") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        return _http.SendAsync(request);
    }

    [Fact]
    public async Task RegistersTheWebhookWithItsSecretAtStartAndRemovesItAtStop()
    {
        await _api.WaitUntilAsync(() => _api.WebhookUrl is not null, what: "setWebhook");
        Assert.Equal("https://dgbot.example.go.th/telegram/webhook", _api.WebhookUrl);
        Assert.Equal(Secret, _api.WebhookSecret);
        Assert.Empty(_api.CallsOf("getUpdates"));

        await _host.App.StopAsync();

        Assert.Null(_api.WebhookUrl);
        Assert.Single(_api.CallsOf("deleteWebhook"));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("wrong-secret")]
    [InlineData("s3cret_Webhook-toke")]
    public async Task RefusesAMissingOrWrongSecretWith401WithoutTouchingTheEngine(string? secret)
    {
        var update = TelegramBotApiDouble.TextUpdate(42, User, "สวัสดี").ToJsonString();

        using var response = await PostAsync(update, secret);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Empty(_host.Engine.Received);
        Assert.Empty(_api.CallsOf("sendMessage"));
    }

    [Fact]
    public async Task WrongSecretIsRefusedBeforeTheBodyIsRead()
    {
        // Not even JSON: with the wrong secret the answer is still 401, not 400.
        using var response = await PostAsync("this is not an update", "wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task AnUpdateWithTheRightSecretIsHandledBeforeTheAnswer()
    {
        var update = TelegramBotApiDouble.TextUpdate(43, User, "/start AGENCY42").ToJsonString();

        using var response = await PostAsync(update, Secret);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var inbound = Assert.Single(_host.Engine.Received);
        Assert.Equal(("/start AGENCY42", "43"), (inbound.Text, inbound.EventId));
        Assert.Equal("ได้รับแล้ว: /start AGENCY42", Assert.Single(_api.Messages(User)).Text);
    }

    [Fact]
    public async Task AFailedTurnAnswers500SoTelegramDeliversItAgain()
    {
        _host.Engine.Script = (_, _) => throw new InvalidOperationException("database is locked");
        var update = TelegramBotApiDouble.TextUpdate(44, User, "ใช่").ToJsonString();

        using var response = await PostAsync(update, Secret);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
    }

    [Theory]
    [InlineData("""{"update_id":45,"callback_query":{"id":"cb45","from":{"id":555000333,"is_bot":false,"first_name":"a"},"chat_instance":"ci","data":"m:survey","message":{"message_id":3,"date":1764806400}}}""")]
    [InlineData("""{"update_id":46,"callback_query":{"id":"cb46","chat_instance":"ci","data":"m:survey"}}""")]
    [InlineData("""{"update_id":47,"message":{"message_id":4,"date":1764806400,"text":"สวัสดี","from":{"id":555000333,"is_bot":false,"first_name":"a"}}}""")]
    [InlineData("""{"update_id":48,"message":{"message_id":5,"date":1764806400,"chat":{"id":555000333,"type":"private"}}}""")]
    public async Task AMalformedButAuthenticatedUpdateIsIgnoredNeverA500(string update)
    {
        using var response = await PostAsync(update, Secret);

        Assert.True(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.BadRequest, $"answered {(int)response.StatusCode}");
        Assert.Empty(_host.Engine.Received);
    }

    [Fact]
    public async Task ABodyThatIsNotAnUpdateIsABadRequest()
    {
        using var response = await PostAsync("{not json", Secret);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
