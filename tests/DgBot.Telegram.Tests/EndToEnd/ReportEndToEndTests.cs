using System.Text;
using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using DgBot.TestDoubles.Documents;
using DgBot.TestDoubles.Telegram;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Telegram.Tests.EndToEnd;

/// <summary>"/report" through the real host and the Bot API double: the agency's report arrives as a PDF document.</summary>
public sealed class ReportEndToEndTests : IAsyncLifetime
{
    private const long User = 811_000_051;
    private TelegramBotApiDouble _api = null!;
    private RealBot _bot = null!;
    private SurveyDriver _person = null!;

    public async Task InitializeAsync()
    {
        _api = await TelegramBotApiDouble.StartAsync();
        _bot = await RealBot.StartAsync(_api);
        _person = new SurveyDriver(_api, User);
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        _api.AssertNoViolations();
        await _api.DisposeAsync();
    }

    [Fact]
    public async Task SlashReportDeliversTheAgencysReportAsAPdfDocument()
    {
        await _person.TypeAsync("/start " + _bot.InvitationCode);
        await _person.PressAsync(_person.Prompt(), Payload.Menu("survey"));
        await _person.AnswerAsync(byButtons: true);
        await _person.AnswerAsync(byButtons: true);
        var before = _api.Messages(User).Count;

        await _person.TypeAsync("/report");

        var message = await WaitForDocumentAsync(before);
        var pdf = message.Document!;
        Assert.Equal("%PDF", Encoding.Latin1.GetString(pdf, 0, 4));
        var text = PdfText.Compact(pdf);
        Assert.Contains(PdfText.WithoutSpace("รายงานผลสำรวจความพร้อมรัฐบาลดิจิทัลของเทศบาลนครลำปาง"), text, StringComparison.Ordinal);
        // Who answered, and when: a Buddhist-era date in Bangkok time.
        Assert.Matches("ผู้ตอบ:สมชายเมื่อ[0-9]{1,2}[ก-๙.]+25[0-9]{2}[0-9]{2}:[0-9]{2}น.", text);
        Assert.StartsWith("📄 รายงานผลสำรวจ", message.Caption, StringComparison.Ordinal);

        var call = Assert.Single(_api.CallsOf("sendDocument"));
        Assert.Equal(200, call.Status);
        Assert.True(call.Files.ContainsKey("document"));

        var row = await _bot.QueryAsync(db => db.AccessLog.AsNoTracking().SingleAsync());
        Assert.Equal((AccessRole.Staff, "telegram", ResultsScope.Agency, ResultsViewKind.AgencyReport), (row.Role, row.Channel, row.Scope, row.Kind));
    }

    private async Task<BotMessage> WaitForDocumentAsync(int before)
    {
        for (var i = 0; i < 300; i++)
        {
            if (_api.Messages(User).Skip(before).FirstOrDefault(m => m.Document is not null) is { } found)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new Xunit.Sdk.XunitException("No document was sent: " + string.Join(" | ", _api.Messages(User).Skip(before).Select(m => m.Text)));
    }
}
