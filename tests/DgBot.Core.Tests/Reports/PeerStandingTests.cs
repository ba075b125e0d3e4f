using System.Text.Json;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports;
using DgBot.Core.Reports.Peers;
using DgBot.TestDoubles.Seeding;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Tests.Reports;

/// <summary>
/// Peer standing: an agency's quartile band on each dimension among the submitted agencies of its type nationwide and
/// of its province, only with enough others, and never another agency's score or rank.
/// </summary>
public sealed class PeerStandingTests
{
    /// <summary>The quartile as a person works it out: position = 1 + how many are higher; the first quarter of positions is band 1, and so on.</summary>
    private static int ByHand(double own, IReadOnlyList<double> others)
    {
        var position = 1 + others.Count(o => o > own);
        var size = others.Count + 1;
        return position * 4 <= size ? 1 : position * 2 <= size ? 2 : position * 4 <= size * 3 ? 3 : 4;
    }

    [Theory]
    [InlineData(90, new double[] { 10, 20, 30, 40, 50, 60, 70 }, 1)] // position 1 of 8
    [InlineData(55, new double[] { 10, 20, 30, 40, 50, 60, 70 }, 2)] // position 3 of 8
    [InlineData(35, new double[] { 10, 20, 30, 40, 50, 60, 70 }, 3)] // position 5 of 8
    [InlineData(5, new double[] { 10, 20, 30, 40, 50, 60, 70 }, 4)]  // position 8 of 8
    [InlineData(50, new double[] { 50, 50, 50, 50, 50 }, 1)]        // ties count in the agency's favour
    [InlineData(40, new double[] { 10, 20, 30, 50, 60 }, 2)]        // position 3 of 6: ⌈2.0⌉
    public void TheQuartileIsTheCeilingOfFourTimesThePositionOverTheGroupSize(double own, double[] others, int quartile)
    {
        Assert.Equal(quartile, PeerBands.Quartile(own, others));
        Assert.Equal(quartile, ByHand(own, others));
    }

    [Fact]
    public async Task BandsAmongTheSameTypeNationwideAndTheProvinceMatchAHandComputation()
    {
        await using var seeded = await SeededDatabase.CreateAsync();
        await using var db = seeded.NewContext();
        var results = ProgressTests.Results(db, minimumGroupSize: 2);
        var agencies = await db.Agencies.AsNoTracking().ToListAsync();
        var agency = agencies.Single(a => a.Code == SurveySeed.Code(0, 2)); // the statistics office of the first province
        Assert.Equal(SurveySeed.AgencyTypes[2], agency.Type);

        var report = (await results.AgencyReportAsync(agency, seeded.Survey.Current, CancellationToken.None))!.Report;

        // The others' own reports, scored as ResultsService scores them: only submitted agencies count.
        async Task<List<ScoreReport>> OthersAsync(Func<Agency, bool> which)
        {
            var list = new List<ScoreReport>();
            foreach (var other in agencies.Where(a => a.Id != agency.Id && which(a) && seeded.Survey.SubmittedNow.Contains(a.Code)))
            {
                list.Add((await results.AgencyReportAsync(other, seeded.Survey.Current, CancellationToken.None))!.Report);
            }

            return list;
        }

        var sameType = await OthersAsync(a => a.Type == agency.Type);
        var province = await OthersAsync(a => a.Province == agency.Province);
        Assert.Equal((2, 14), (sameType.Count, province.Count));
        foreach (var d in report.Dimensions.Where(d => d.Score is not null))
        {
            List<double> Scores(List<ScoreReport> group) => [.. group.Select(r => r.Dimensions.Single(o => o.Code == d.Code).Score).OfType<double>()];
            var type = Scores(sameType);
            var inProvince = Scores(province);
            Assert.Equal(
                [new PeerBand(PeerScope.Type, agency.Type, type.Count + 1, ByHand(d.Score!.Value, type)), new PeerBand(PeerScope.Province, agency.Province, inProvince.Count + 1, ByHand(d.Score!.Value, inProvince))],
                d.Peers!);
        }

        // The card says the band and the group's size, nothing about any other agency.
        var card = ReportText.ScoreCard(report);
        Assert.Contains($"ของ{SurveySeed.AgencyTypes[2]} 3 แห่ง", card, StringComparison.Ordinal);
        Assert.Contains("ในจังหวัด: อยู่ใน", card, StringComparison.Ordinal);
        Assert.Contains("ของหน่วยงานในจังหวัด 15 แห่ง", card, StringComparison.Ordinal);
        Assert.All(agencies.Where(a => a.Id != agency.Id), a => Assert.DoesNotContain(a.NameTh, card, StringComparison.Ordinal));
        var json = JsonDocument.Parse(ReportJson.Serialize(report)).RootElement;
        var peers = json.GetProperty("dimensions")[0].GetProperty("peers");
        Assert.Equal(["scope", "group", "groupSize", "quartile"], peers[0].EnumerateObject().Select(p => p.Name));
        Assert.Equal("Type", peers[0].GetProperty("scope").GetString());
    }

    [Fact]
    public async Task ABandNeedsTheMinimumOfOtherSubmittedAgencies()
    {
        // Default minimum 5: the type group nationwide is 2 others (3 provinces), the province 14 others.
        await using var seeded = await SeededDatabase.CreateAsync();
        await using var db = seeded.NewContext();
        var agency = await db.Agencies.AsNoTracking().SingleAsync(a => a.Code == SurveySeed.Code(0, 2));
        var report = (await ProgressTests.Results(db).AgencyReportAsync(agency, seeded.Survey.Current, CancellationToken.None))!.Report;
        Assert.All(report.Dimensions.Where(d => d.Score is not null), d => Assert.Equal([PeerScope.Province], d.Peers!.Select(p => p.Scope)));
        Assert.DoesNotContain(SurveySeed.AgencyTypes[2] + " 3 แห่ง", ReportText.ScoreCard(report), StringComparison.Ordinal);

        // 5 submitted in the province: an agency that submitted has 4 others, below 5, so no band at all.
        await using var few = await SeededDatabase.CreateAsync(submittedPerProvince: 5);
        await using var db2 = few.NewContext();
        var one = await db2.Agencies.AsNoTracking().SingleAsync(a => a.Code == SurveySeed.Code(0, 0));
        var alone = (await ProgressTests.Results(db2).AgencyReportAsync(one, few.Survey.Current, CancellationToken.None))!.Report;
        Assert.All(alone.Dimensions, d => Assert.Null(d.Peers));
        Assert.DoesNotContain("\"peers\"", ReportJson.Serialize(alone), StringComparison.Ordinal);
        Assert.DoesNotContain("ในจังหวัด:", ReportText.ScoreCard(alone), StringComparison.Ordinal);

        // The agency that answered without submitting does not count itself, so it sees the 5 submitted: a band.
        var pending = await db2.Agencies.AsNoTracking().SingleAsync(a => a.Code == SurveySeed.Code(0, 5));
        Assert.Contains(pending.Code, few.Survey.AnsweredNotSubmitted);
        var report5 = (await ProgressTests.Results(db2).AgencyReportAsync(pending, few.Survey.Current, CancellationToken.None))!.Report;
        Assert.Contains(report5.Dimensions, d => d.Peers is [{ Scope: PeerScope.Province, GroupSize: 6 }]);
    }
}
