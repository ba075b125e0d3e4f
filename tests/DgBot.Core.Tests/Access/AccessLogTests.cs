using DgBot.Core.Data.Entities;
using DgBot.Core.Tests.Conversation;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Tests.Access;

/// <summary>Every view of results is a row of the append-only access log, in a real SQLite file.</summary>
public sealed class AccessLogTests
{
    [Fact]
    public async Task StaffAndOfficerViewsAreLoggedWithWhoRoleWhatChannelAndWhen()
    {
        await using var h = await EngineHarness.CreateAsync();
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var staff = await h.StaffAsync(agency, "u1");
        await staff.SendAsync("ทำแบบสำรวจ");
        await staff.PressAsync("ไม่มี");
        await staff.SendAsync("ดูคะแนน");
        var officer = await h.OfficerAsync(agency, "o1");
        await officer.SendAsync("แก้อะไรก่อนดี");

        await using var db = h.NewDb();
        var rows = await db.AccessLog.OrderBy(e => e.Id).ToListAsync();
        var users = await db.ChatUsers.ToDictionaryAsync(u => u.PlatformUserId, u => u.Id);
        Assert.Equal(2, rows.Count);
        Assert.Equal(
            (users["u1"], AccessRole.Staff, "telegram", ResultsScope.Agency, ResultsViewKind.Scores, "LPG-01", "ลำปาง", h.Time.GetUtcNow().UtcDateTime),
            (rows[0].ViewerUserId!.Value, rows[0].Role, rows[0].Channel, rows[0].Scope, rows[0].Kind, rows[0].AgencyCode, rows[0].Province, rows[0].ViewedUtc));
        Assert.Equal(
            (users["o1"], AccessRole.Officer, ResultsScope.Province, ResultsViewKind.ImproveFirst, (string?)null, "ลำปาง"),
            (rows[1].ViewerUserId!.Value, rows[1].Role, rows[1].Scope, rows[1].Kind, rows[1].AgencyCode, rows[1].Province));
    }

    [Fact]
    public async Task TheDatabaseRefusesToChangeOrRemoveARowAndErasingThePersonLeavesIt()
    {
        await using var h = await EngineHarness.CreateAsync();
        var agency = await h.AddAgencyAsync("LPG-01", "สำนักงานจังหวัดลำปาง");
        var staff = await h.StaffAsync(agency, "u1");
        await staff.SendAsync("ทำแบบสำรวจ");
        await staff.PressAsync("ไม่มี");
        await staff.SendAsync("ดูคะแนน");

        await using (var db = h.NewDb())
        {
            var update = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("UPDATE AccessLog SET Province = 'x'"));
            Assert.Contains("append-only", update.Message, StringComparison.Ordinal);
            var delete = await Assert.ThrowsAsync<SqliteException>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM AccessLog"));
            Assert.Contains("append-only", delete.Message, StringComparison.Ordinal);
        }

        await staff.SendAsync("/forget");
        await staff.PressAsync("ยืนยัน");
        await using var check = h.NewDb();
        Assert.Empty(await check.ChatUsers.ToListAsync());
        var row = await check.AccessLog.SingleAsync();
        Assert.NotNull(row.ViewerUserId);
        Assert.False(await check.ChatUsers.AnyAsync(u => u.Id == row.ViewerUserId));
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(DgBot.Core.Privacy.ErasureJournal.PathFor(h.DatabasePath));
    }
}
