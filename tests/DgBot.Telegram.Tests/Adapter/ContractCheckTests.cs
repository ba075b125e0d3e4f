using System.Net;
using System.Text;
using DgBot.TestDoubles.Telegram;

namespace DgBot.Telegram.Tests.Adapter;

/// <summary>The double itself: it must catch requests that break the Bot API, or the other tests prove nothing.</summary>
public sealed class ContractCheckTests : IAsyncLifetime, IDisposable
{
    private TelegramBotApiDouble _api = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _api = await TelegramBotApiDouble.StartAsync();
        _http = new HttpClient { BaseAddress = _api.BaseUrl };
    }

    public void Dispose() => _http?.Dispose();

    public async Task DisposeAsync()
    {
        await _api.DisposeAsync();
    }

    private async Task<HttpStatusCode> CallAsync(string method, string json)
    {
        using var response = await _http.PostAsync($"/bot{_api.Token}/{method}", new StringContent(json, Encoding.UTF8, "application/json"));
        return response.StatusCode;
    }

    [Theory]
    [InlineData("sendMessage", """{"chat_id":1,"txt":"hi"}""", "unknown field 'txt'")]
    [InlineData("sendMessage", """{"chat_id":1}""", "required field 'text' is missing")]
    [InlineData("sendMesage", """{"chat_id":1,"text":"hi"}""", "no such method")]
    [InlineData("sendMessage", """{"chat_id":1,"text":"hi","reply_markup":{"inline_keyboard":[[{"text":"a","callback":"x"}]]}}""", "unknown field 'callback'")]
    [InlineData("setMyCommands", """{"commands":[{"command":"start"}]}""", "required field 'description' is missing")]
    [InlineData("sendMessage", """{"chat_id":"1","text":true}""", "expected String")]
    public async Task ARequestThatBreaksTheContractIsRefusedAndRecorded(string method, string json, string problem)
    {
        var status = await CallAsync(method, json);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(_api.Violations, v => v.Contains(problem, StringComparison.Ordinal));
        Assert.Throws<InvalidOperationException>(_api.AssertNoViolations);
    }

    [Fact]
    public async Task TelegramsLimitsAreEnforced()
    {
        Assert.Equal(HttpStatusCode.BadRequest, await CallAsync("sendMessage", $$"""{"chat_id":1,"text":"{{new string('a', 4097)}}"}"""));
        Assert.Equal(HttpStatusCode.BadRequest, await CallAsync("sendMessage", $$$"""{"chat_id":1,"text":"q","reply_markup":{"inline_keyboard":[[{"text":"a","callback_data":"{{{new string('ก', 22)}}}"}]]}}"""));
        Assert.Equal(2, _api.Violations.Count);
    }

    [Fact]
    public async Task AWellFormedRequestPasses()
    {
        Assert.Equal(HttpStatusCode.OK, await CallAsync("sendMessage", """{"chat_id":1,"text":"สวัสดี","reply_markup":{"inline_keyboard":[[{"text":"มี","callback_data":"a:1"}]]}}"""));
        _api.AssertNoViolations();
    }

    [Fact]
    public async Task MultipartUploadsFromTelegramBotAreUnderstoodAndChecked()
    {
        var client = new global::Telegram.Bot.TelegramBotClient(new global::Telegram.Bot.TelegramBotClientOptions(_api.Token, _api.BaseUrl.ToString()) { RetryThreshold = 0 });
        var keyboard = new global::Telegram.Bot.Types.ReplyMarkups.InlineKeyboardMarkup(
            global::Telegram.Bot.Types.ReplyMarkups.InlineKeyboardButton.WithCallbackData("เมนู", "m:menu"));
        byte[] csv = [.. Encoding.UTF8.GetBytes("agency,score\nลำปาง,57.0\n")];
        byte[] png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 1, 2, 3];

        using (var stream = new MemoryStream(csv))
        {
            await global::Telegram.Bot.TelegramBotClientExtensions.SendDocument(client, 77, global::Telegram.Bot.Types.InputFile.FromStream(stream, "scores.csv"), caption: "คะแนน", replyMarkup: keyboard);
        }

        using (var stream = new MemoryStream(png))
        {
            await global::Telegram.Bot.TelegramBotClientExtensions.SendPhoto(client, 77, global::Telegram.Bot.Types.InputFile.FromStream(stream, "chart.png"), caption: "แผนภูมิ");
        }

        _api.AssertNoViolations();
        var messages = _api.Messages(77);
        Assert.Equal(csv, messages[0].Document);
        Assert.Equal(("คะแนน", "m:menu"), (messages[0].Caption, messages[0].Buttons[0][0].Data));
        Assert.Equal(png, messages[1].Photo);
    }

    [Fact]
    public async Task UnconfirmedUpdatesComeAgainAndConfirmedOnesDoNot()
    {
        var first = _api.SendText(1, "a");
        var second = _api.SendText(1, "b");

        Assert.Equal(HttpStatusCode.OK, await CallAsync("getUpdates", "{}"));
        Assert.Equal(HttpStatusCode.OK, await CallAsync("getUpdates", $$"""{"offset":{{first + 1}}}"""));

        Assert.Equal(1, _api.Deliveries(first));
        Assert.Equal(2, _api.Deliveries(second));
        Assert.Equal(first + 1, _api.ConfirmedOffset);
    }
}
