using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DgBot.Core.Content;
using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using DgBot.Line.Tests.Infrastructure;
using DgBot.TestDoubles.Documents;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Line.Tests;

/// <summary>
/// "ขอรายงาน" on LINE, which cannot receive files: the score card and a link to the PDF on the bot's own web server
/// (the host that serves /line/webhook), on loopback. The link serves its person's report (no-store), 404 for a
/// made-up token, 410 once expired; one person's link never gives another agency's report.
/// </summary>
[Collection(LineContractGroup.Name)]
public sealed partial class LineReportLinkTests(ContractMocks contracts) : IAsyncLifetime
{
    private LineBotHost _bot = null!;

    public async Task InitializeAsync() => _bot = await LineBotHost.StartAsync(contracts, settings: new Dictionary<string, string?>
    {
        ["Reports:PublicBaseUrl"] = "https://bot.example.go.th",
    });

    public async Task DisposeAsync()
    {
        try
        {
            Assert.Empty(_bot.Line.Violations);
        }
        finally
        {
            await _bot.DisposeAsync();
        }
    }

    /// <summary>Joins a new agency's staff member, answers one question, asks for the report; returns the token and the messages.</summary>
    private async Task<(string Token, IReadOnlyList<JsonNode> Messages)> AskAsync(string agencyName)
    {
        var user = WebhookFixtures.NewUserId();
        _bot.Line.SetProfile(user, "คุณ" + agencyName[..6]);
        var code = await _bot.InviteStaffAsync(agencyName);
        await _bot.SendAsync(user, token => WebhookFixtures.Follow(user, token));
        var joined = await _bot.TypeAsync(user, code);
        var survey = await _bot.PressAsync(user, joined.Buttons().First(b => b.Data == Payload.Menu("survey")).Data);
        await _bot.PressAsync(user, survey.Buttons().First(b => b.Data.StartsWith("q:", StringComparison.Ordinal) && b.Data.Split(':')[2] == "o").Data);

        var messages = await _bot.TypeAsync(user, "ขอรายงาน");
        var match = LinkRegex().Match(string.Join("\n", messages.Texts()));
        Assert.True(match.Success, string.Join("\n", messages.Texts()));
        return (match.Groups["token"].Value, messages);
    }

    [Fact]
    public async Task TheLinkServesItsPersonsReportAsAPdfThatIsNotCachedAndIsLogged()
    {
        var (token, messages) = await AskAsync("สำนักงานจังหวัดลำปาง");
        Assert.Contains(messages, m => (string?)m["type"] == "flex");

        using var response = await _bot.Http.GetAsync("reports/" + token);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.CacheControl?.NoStore, "Cache-Control: no-store");
        var pdf = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal("%PDF", Encoding.Latin1.GetString(pdf, 0, 4));
        Assert.Contains(PdfText.WithoutSpace("ของสำนักงานจังหวัดลำปาง"), PdfText.Compact(pdf), StringComparison.Ordinal);

        var rows = await _bot.QueryAsync(db => db.AccessLog.AsNoTracking().OrderBy(r => r.Id).ToListAsync());
        Assert.Equal(["line", "line-link"], rows.Select(r => r.Channel));
        Assert.All(rows, r => Assert.Equal((AccessRole.Staff, ResultsViewKind.AgencyReport), (r.Role, r.Kind)));
    }

    [Fact]
    public async Task AMadeUpTokenIs404AndAnExpiredOne410WithAThaiPage()
    {
        var (token, _) = await AskAsync("สำนักงานจังหวัดลำปาง");

        using var unknown = await _bot.Http.GetAsync("reports/" + new string('A', 43));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains(Messages.Get(MessageKeys.ReportLinkUnknown).Split(' ')[0], await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // The link's lifetime passes (its expiry moved into the past, as the clock moving a day on would).
        await _bot.QueryAsync(db => db.Database.ExecuteSqlRawAsync("UPDATE ReportLinks SET ExpiresUtc = '2000-01-01 00:00:00'"));
        using var expired = await _bot.Http.GetAsync("reports/" + token);
        Assert.Equal(HttpStatusCode.Gone, expired.StatusCode);
        Assert.Equal("text/html", expired.Content.Headers.ContentType?.MediaType);
        Assert.Contains("หมดอายุ", await expired.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(expired.Headers.CacheControl?.NoStore);
        Assert.Single(await _bot.QueryAsync(db => db.AccessLog.AsNoTracking().ToListAsync()));
    }

    [Fact]
    public async Task AnotherPersonsLinkGivesOnlyTheirOwnAgencysReport()
    {
        var (first, _) = await AskAsync("สำนักงานจังหวัดลำปาง");
        var (second, _) = await AskAsync("สำนักงานสถิติจังหวัดลำปาง");
        Assert.NotEqual(first, second);

        // Whatever is added to the address, a token yields the report it was made for and nothing else.
        using var response = await _bot.Http.GetAsync($"reports/{second}?agency=1&scope=province");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = PdfText.Compact(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains(PdfText.WithoutSpace("ของสำนักงานสถิติจังหวัดลำปาง"), text, StringComparison.Ordinal);
        Assert.DoesNotContain(PdfText.WithoutSpace("ของสำนักงานจังหวัดลำปาง"), text, StringComparison.Ordinal);
        using var nested = await _bot.Http.GetAsync($"reports/{second}/{first}");
        Assert.Equal(HttpStatusCode.NotFound, nested.StatusCode);
    }

    [Fact]
    public async Task AnOfficersLinkServesTheProvincesReportNotAnAgencys()
    {
        await AskAsync("สำนักงานจังหวัดลำปาง");
        var officer = WebhookFixtures.NewUserId();
        _bot.Line.SetProfile(officer, "เจ้าหน้าที่จังหวัด");
        var code = await _bot.InviteAsync("สำนักงานพาณิชย์จังหวัดลำปาง", "ลำปาง", UserRole.Officer);
        await _bot.SendAsync(officer, token => WebhookFixtures.Follow(officer, token));
        await _bot.TypeAsync(officer, code);
        var messages = await _bot.TypeAsync(officer, "/report");
        var match = LinkRegex().Match(string.Join("\n", messages.Texts()));
        Assert.True(match.Success, string.Join("\n", messages.Texts()));

        using var response = await _bot.Http.GetAsync("reports/" + match.Groups["token"].Value);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = PdfText.Compact(await response.Content.ReadAsByteArrayAsync());
        Assert.Contains("ของจังหวัดลำปาง", text, StringComparison.Ordinal);
        Assert.DoesNotContain("คำตอบของหน่วยงาน", text, StringComparison.Ordinal);
        var last = await _bot.QueryAsync(db => db.AccessLog.AsNoTracking().OrderBy(r => r.Id).LastAsync());
        Assert.Equal((AccessRole.Officer, "line-link", ResultsScope.Province, ResultsViewKind.ProvinceReport, "ลำปาง"), (last.Role, last.Channel, last.Scope, last.Kind, last.Province));
    }

    [GeneratedRegex(@"https://bot\.example\.go\.th/reports/(?<token>[A-Za-z0-9_-]{43})")]
    private static partial Regex LinkRegex();
}
