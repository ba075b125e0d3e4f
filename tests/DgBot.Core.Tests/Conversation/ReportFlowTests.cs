using System.Text;
using System.Text.RegularExpressions;
using DgBot.Core.Content;
using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports;
using DgBot.TestDoubles.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DgBot.Core.Tests.Conversation;

/// <summary>
/// "ขอรายงาน" / /report through the real engine: who gets which report (staff their agency's, officers their province's,
/// nobody else anything), that every delivery is in the access log, and LINE's links (token hash only, bound to the
/// person and their access, expiring).
/// </summary>
public sealed partial class ReportFlowTests
{
    private static readonly Uri PublicBaseUrl = new("https://bot.example.go.th/");

    private static Task<EngineHarness> CreateAsync(IEnumerable<string>? admins = null, bool links = false) =>
        EngineHarness.CreateAsync(admins: admins, configure: links ? s => s.Configure<ReportsOptions>(o => o.PublicBaseUrl = PublicBaseUrl) : null);

    private static async Task AnswerOneAsync(Person staff)
    {
        await staff.SendAsync("ทำแบบสำรวจ");
        await staff.PressAsync("ไม่มี");
    }

    [Fact]
    public async Task StaffGetTheirOwnAgencysReportAsAPdfAndTheDeliveryIsLogged()
    {
        await using var h = await CreateAsync();
        var own = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var other = await h.AddAgencyAsync("LPG-02", "สำนักงานสถิติจังหวัดลำปาง");
        var staff = await h.StaffAsync(own, "u1", "คุณสมศรี");
        await AnswerOneAsync(staff);
        var otherStaff = await h.StaffAsync(other, "u2");
        await AnswerOneAsync(otherStaff);

        var result = await staff.SendAsync("ขอรายงานค่ะ");

        var document = Assert.Single(result.Replies.OfType<DocumentReply>());
        Assert.Equal("report-LPG-01-" + (await RoundNameAsync(h)) + ".pdf", document.FileName);
        var pdf = document.Build();
        Assert.Equal("%PDF", Encoding.Latin1.GetString(pdf, 0, 4));
        var text = PdfText.Compact(pdf);
        Assert.Contains(PdfText.WithoutSpace("รายงานผลสำรวจความพร้อมรัฐบาลดิจิทัลของสำนักงานจังหวัดลำปาง"), text, StringComparison.Ordinal);
        Assert.Contains(PdfText.WithoutSpace("ผู้ตอบ: คุณสมศรี"), text, StringComparison.Ordinal);
        Assert.DoesNotContain("สำนักงานสถิติ", text, StringComparison.Ordinal);

        await using var db = h.NewDb();
        var row = await db.AccessLog.SingleAsync();
        Assert.Equal((AccessRole.Staff, "telegram", ResultsScope.Agency, ResultsViewKind.AgencyReport, "LPG-01"), (row.Role, row.Channel, row.Scope, row.Kind, row.AgencyCode));
    }

    [Fact]
    public async Task OfficersGetTheirProvincesReportNeverAnAgencys()
    {
        await using var h = await CreateAsync();
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        await h.AddAgencyAsync("CMI-01", "สำนักงานจังหวัดเชียงใหม่", "เชียงใหม่");
        var staff = await h.StaffAsync(agency, "u1");
        await AnswerOneAsync(staff);
        var officer = await h.OfficerAsync(agency, "o1");

        var result = await officer.SendAsync("/report");

        var document = Assert.Single(result.Replies.OfType<DocumentReply>());
        Assert.StartsWith("report-province-", document.FileName, StringComparison.Ordinal);
        var text = PdfText.Compact(document.Build());
        Assert.Contains("ของจังหวัดลำปาง", text, StringComparison.Ordinal);
        Assert.Contains(PdfText.WithoutSpace(DgBot.Core.Reports.Documents.ProvinceDocument.PendingSentence(5)), text, StringComparison.Ordinal);
        Assert.DoesNotContain("คำตอบของหน่วยงาน", text, StringComparison.Ordinal);
        Assert.DoesNotContain("เชียงใหม่", text, StringComparison.Ordinal);

        await using var db = h.NewDb();
        var row = await db.AccessLog.SingleAsync();
        Assert.Equal((AccessRole.Officer, ResultsScope.Province, ResultsViewKind.ProvinceReport, (string?)null, "ลำปาง"), (row.Role, row.Scope, row.Kind, row.AgencyCode, row.Province));
    }

    [Fact]
    public async Task SomeoneWhoHasNotJoinedGetsNoReportAndAnAdministratorWithoutAnAgencyIsPointedToTheCommandLine()
    {
        await using var h = await CreateAsync(admins: ["telegram:a1"]);
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        await AnswerOneAsync(await h.StaffAsync(agency, "u1"));

        var stranger = h.Person("x1");
        var refused = await stranger.SendAsync("ขอรายงาน");
        Assert.Empty(refused.Replies.OfType<DocumentReply>());

        var admin = h.Person("a1", "ผู้ดูแล");
        var hint = await admin.SendAsync("/report");
        Assert.Empty(hint.Replies.OfType<DocumentReply>());
        Assert.Contains(hint.Replies.OfType<TextReply>(), r => r.Text == Messages.Get(MessageKeys.ReportAdminHint));

        await using var db = h.NewDb();
        Assert.Equal(0, await db.AccessLog.CountAsync());
    }

    [Fact]
    public async Task OnLineWithoutAPublicAddressThePersonIsToldWhereToAskAndNoLinkIsMade()
    {
        await using var h = await CreateAsync();
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var staff = h.Person("U1", "คุณสมศรี", ChannelKind.Line);
        await staff.SendAsync("/start " + await h.InviteAsync(agency));
        await AnswerOneAsync(staff);

        var result = await staff.SendAsync("ขอรายงาน");

        Assert.Empty(result.Replies.OfType<DocumentReply>());
        Assert.Contains(result.Replies.OfType<TextReply>(), r => r.Text == Messages.Get(MessageKeys.ReportLineUnavailable));
        await using var db = h.NewDb();
        Assert.Equal(0, await db.ReportLinks.CountAsync());
        Assert.Equal(0, await db.AccessLog.CountAsync());
    }

    [Fact]
    public async Task OnLineTheLinkIsStoredOnlyAsItsHashWorksForItsPersonAndExpires()
    {
        await using var h = await CreateAsync(links: true);
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var staff = h.Person("U1", "คุณสมศรี", ChannelKind.Line);
        await staff.SendAsync("/start " + await h.InviteAsync(agency));
        await AnswerOneAsync(staff);

        var result = await staff.SendAsync("ขอรายงาน");

        Assert.Empty(result.Replies.OfType<DocumentReply>());
        Assert.Single(result.Replies.OfType<ScoreCardReply>());
        var token = TokenOf(result);
        await using (var db = h.NewDb())
        {
            var link = await db.ReportLinks.SingleAsync();
            Assert.Equal(ReportLinks.Hash(token), link.TokenHash);
            Assert.DoesNotContain(token, link.TokenHash, StringComparison.Ordinal);
            Assert.Equal(h.Time.GetUtcNow().UtcDateTime.AddHours(24), link.ExpiresUtc);
            Assert.Equal(ResultsViewKind.AgencyReport, (await db.AccessLog.SingleAsync()).Kind);
        }

        Assert.Equal(ReportLinkStatus.Valid, await OpenAsync(h, token));
        Assert.Equal(ReportLinkStatus.Unknown, await OpenAsync(h, token[..^2] + "AA"));
        h.Time.Advance(TimeSpan.FromHours(24));
        Assert.Equal(ReportLinkStatus.Expired, await OpenAsync(h, token));
    }

    [Fact]
    public async Task ALinkStopsWorkingForGoodWhenItsPersonMovesToAnotherAgencyOrRole()
    {
        await using var h = await CreateAsync(links: true);
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var other = await h.AddAgencyAsync("LPG-02", "สำนักงานสถิติจังหวัดลำปาง");
        var staff = h.Person("U1", "คุณสมศรี", ChannelKind.Line);
        await staff.SendAsync("/start " + await h.InviteAsync(agency));
        await AnswerOneAsync(staff);
        var token = TokenOf(await staff.SendAsync("ขอรายงาน"));
        Assert.Equal(ReportLinkStatus.Valid, await OpenAsync(h, token));

        // Joined another agency with a new code: the old link must not show the first agency's results any more.
        await staff.SendAsync("/start " + await h.InviteAsync(other));
        Assert.Equal(ReportLinkStatus.Revoked, await OpenAsync(h, token));
        await staff.SendAsync("/start " + await h.InviteAsync(agency));
        Assert.Equal(ReportLinkStatus.Revoked, await OpenAsync(h, token));
    }

    [Fact]
    public async Task ErasingThePersonDeletesTheirLinks()
    {
        await using var h = await CreateAsync(links: true);
        var (staff, token) = await LineStaffWithLinkAsync(h);

        await staff.SendAsync("/forget");
        await staff.PressAsync("ยืนยัน");

        await using (var db = h.NewDb())
        {
            Assert.Equal(0, await db.ReportLinks.CountAsync());
        }

        Assert.Equal(ReportLinkStatus.Unknown, await OpenAsync(h, token));
    }

    [Fact]
    public async Task ALinkIsDeletedAWeekAfterItExpiredAndNotBefore()
    {
        await using var h = await CreateAsync(links: true);
        var (_, token) = await LineStaffWithLinkAsync(h);

        h.Time.Advance(TimeSpan.FromHours(24) + ReportLinks.KeepEndedFor - TimeSpan.FromMinutes(1));
        Assert.Equal(0, await PruneAsync(h));
        Assert.Equal(ReportLinkStatus.Expired, await OpenAsync(h, token));

        h.Time.Advance(TimeSpan.FromMinutes(2));
        Assert.Equal(1, await PruneAsync(h));
        Assert.Equal(ReportLinkStatus.Unknown, await OpenAsync(h, token));
    }

    /// <summary>A LINE staff member of LPG-01 who has answered one question and asked for the report: the person and the link's token.</summary>
    private static async Task<(Person Staff, string Token)> LineStaffWithLinkAsync(EngineHarness h)
    {
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var staff = h.Person("U1", "คุณสมศรี", ChannelKind.Line);
        await staff.SendAsync("/start " + await h.InviteAsync(agency));
        await AnswerOneAsync(staff);
        return (staff, TokenOf(await staff.SendAsync("ขอรายงาน")));
    }

    private static async Task<int> PruneAsync(EngineHarness h)
    {
        await using var scope = h.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<ReportLinks>().PruneAsync(CancellationToken.None);
    }

    private static async Task<ReportLinkStatus> OpenAsync(EngineHarness h, string token)
    {
        await using var scope = h.Services.CreateAsyncScope();
        var links = scope.ServiceProvider.GetRequiredService<ReportLinks>();
        var opening = await links.OpenAsync(token, u => h.Options.IsAdmin(u.Channel, u.PlatformUserId), CancellationToken.None);
        await scope.ServiceProvider.GetRequiredService<DgBot.Core.Data.DgBotDbContext>().SaveChangesAsync();
        return opening.Status;
    }

    private static string TokenOf(TurnResult result)
    {
        var text = string.Join("\n", result.Replies.OfType<TextReply>().Select(r => r.Text));
        var match = LinkRegex().Match(text);
        Assert.True(match.Success, text);
        return match.Groups["token"].Value;
    }

    private static async Task<string> RoundNameAsync(EngineHarness h)
    {
        await using var db = h.NewDb();
        return (await db.Rounds.SingleAsync()).Name;
    }

    [GeneratedRegex(@"https://bot\.example\.go\.th/reports/(?<token>[A-Za-z0-9_-]{43})")]
    private static partial Regex LinkRegex();
}
