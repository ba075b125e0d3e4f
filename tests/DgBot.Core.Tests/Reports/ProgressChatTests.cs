using DgBot.Core.Conversation;
using DgBot.Core.Tests.Conversation;
using DgBot.TestDoubles.Seeding;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Tests.Reports;

/// <summary>
/// In chat, on the seeded survey: staff see their agency's change since 2568 and its peer bands; officers see the
/// province's change and no agency's band (the access rule is unchanged).
/// </summary>
public sealed class ProgressChatTests
{
    [Fact]
    public async Task StaffSeeTheirChangeAndBandsAndOfficersTheProvincesChangeOnly()
    {
        await using var seeded = await SeededDatabase.CreateAsync();
        await using (var harness = await EngineHarness.CreateAsync(seeded.Path, catalog: SurveyCatalog.BuiltIn()))
        {
            await using var db = harness.NewDb();
            var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Code == SurveySeed.Code(0, 0));

            var staff = await harness.StaffAsync(agency, "trend-staff-1");
            var scores = (await staff.SendAsync("ดูคะแนน")).Text();
            Assert.Contains("จากรอบ 2568", scores, StringComparison.Ordinal);
            Assert.Contains("ในจังหวัด: อยู่ใน", scores, StringComparison.Ordinal);
            Assert.Contains("แบบสำรวจฉบับ 2569.1", scores, StringComparison.Ordinal);
            var improve = (await staff.SendAsync("ควรปรับปรุงอะไรก่อน")).Text();
            Assert.Contains("จากรอบ 2568", improve, StringComparison.Ordinal);

            var officer = await harness.OfficerAsync(agency, "trend-officer-1");
            var province = (await officer.SendAsync("ดูคะแนน")).Text();
            Assert.Contains("จากรอบ 2568", province, StringComparison.Ordinal);
            Assert.DoesNotContain("ในจังหวัด: อยู่ใน", province, StringComparison.Ordinal);
            Assert.DoesNotContain("25% แรกของ", province, StringComparison.Ordinal);
        }
    }
}
