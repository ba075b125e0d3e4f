using System.Text.Json;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports;
using DgBot.Core.Reports.Progress;
using DgBot.Core.Scoring;
using DgBot.TestDoubles.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DgBot.Core.Tests.Reports;

/// <summary>
/// Progress since the last round, on the seeded survey (a closed round "2568" on questionnaire 2569.1, the open round
/// "2569" on 2569.2): every change is this round's shown score minus the previous round's, as ResultsService scores each.
/// </summary>
public sealed class ProgressTests
{
    private static readonly SurveyCatalog Catalog = SurveyCatalog.BuiltIn();

    internal static ResultsService Results(DgBotDbContext db, int minimumGroupSize = 5) =>
        new(db, Catalog, Options.Create(new ResultsOptions { MinimumGroupSize = minimumGroupSize }));

    private static Task<Agency> AgencyAsync(DgBotDbContext db, string code) => db.Agencies.AsNoTracking().SingleAsync(a => a.Code == code);

    [Fact]
    public async Task AnAgencysChangesAreTheDifferencesOfItsScoresInTheTwoRounds()
    {
        await using var seeded = await SeededDatabase.CreateAsync();
        await using var db = seeded.NewContext();
        var agency = await AgencyAsync(db, SurveySeed.Code(0, 0));

        var now = (await Results(db).AgencyReportAsync(agency, seeded.Survey.Current, CancellationToken.None))!.Report;
        var before = (await Results(db).AgencyReportAsync(agency, seeded.Survey.Previous!, CancellationToken.None))!.Report;

        Assert.Null(before.Progress); // nothing before 2568
        var progress = Assert.IsType<ProgressRef>(now.Progress);
        Assert.Equal(("2568", "2569.1", "2569.2", true), (progress.PreviousRound, progress.PreviousVersion, progress.Version, progress.VersionsDiffer));
        foreach (var d in now.Dimensions)
        {
            var then = before.Dimensions.Single(b => b.Code == d.Code).Score;
            Assert.Equal(d.Score is { } a && then is { } b ? Math.Round(a - b, 1) : null, d.Change);
            Assert.Equal(d.Score is null ? null : then, d.PreviousScore);
        }

        foreach (var s in now.SubDimensions)
        {
            var then = before.SubDimensions.Single(b => b.Code == s.Code).Score;
            Assert.Equal(s.Score is { } a && then is { } b ? Math.Round(a - b, 1) : null, s.Change);
        }

        Assert.All(now.ImproveFirst, i => Assert.Equal(now.SubDimensions.Single(s => s.Code == i.Code).Change, i.Change));
        Assert.Equal(Math.Round(now.Overall!.Value - before.Overall!.Value, 1), progress.OverallChange);
        Assert.Contains(now.Dimensions, d => d.Change is not null && d.Change != 0);

        // The chat card shows each change after its score, and says the questionnaire versions differ.
        var card = ReportText.ScoreCard(now);
        var first = now.Dimensions.First(d => d.Change is not null);
        Assert.Contains($"{ReportText.Num(first.Score!.Value)} ({ReportText.WithSign(first.Change!.Value)} จากรอบ 2568{(first.Change < 0 ? " แย่ลง" : string.Empty)})", card, StringComparison.Ordinal);
        Assert.Contains("รอบ 2568 ใช้แบบสำรวจฉบับ 2569.1 รอบนี้ใช้ฉบับ 2569.2 จึงเทียบตามรหัสด้านและด้านย่อย", card, StringComparison.Ordinal);
        Assert.Contains("จากรอบ 2568", ReportText.ImproveCard(now), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheChangeJsonOnlyAddsFieldsAndIsAbsentWithoutAnEarlierRound()
    {
        await using var seeded = await SeededDatabase.CreateAsync(provinces: 1, perProvince: 6, submittedPerProvince: 5);
        await using var db = seeded.NewContext();
        var agency = await AgencyAsync(db, SurveySeed.Code(0, 1));
        var now = (await Results(db).AgencyReportAsync(agency, seeded.Survey.Current, CancellationToken.None))!.Report;

        var root = JsonDocument.Parse(ReportJson.Serialize(now)).RootElement;
        var names = root.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["dimensions", "subDimensions", "highest", "lowest", "overall", "stage", "improveFirst", "provisional", "openQuestions", "parentAgencyQuestions", "doesNotApplyQuestions", "progress"], names);
        Assert.Equal(["previousRound", "previousVersion", "version", "previousOverall", "overallChange", "versionsDiffer"], root.GetProperty("progress").EnumerateObject().Select(p => p.Name));
        var dimension = root.GetProperty("dimensions")[0];
        Assert.Equal(["code", "nameEn", "nameTh", "score", "previousScore", "change"], dimension.EnumerateObject().Select(p => p.Name).Take(6));
        Assert.Equal(now.Dimensions[0].Change, dimension.GetProperty("change").GetDouble());
        var back = ReportJson.Deserialize(ReportJson.Serialize(now))!;
        Assert.Equal(now.Progress, back.Progress);
        Assert.Equal(now.Dimensions.Select(d => d.Change), back.Dimensions.Select(d => d.Change));

        // The agency with no submitted response in 2568 (the seed's last slot submitted nothing then) has no change at all.
        await using var noEarlier = await SeededDatabase.CreateAsync(provinces: 1, perProvince: 6, submittedPerProvince: 5, previousRound: false);
        await using var db2 = noEarlier.NewContext();
        var alone = (await Results(db2).AgencyReportAsync(await AgencyAsync(db2, SurveySeed.Code(0, 1)), noEarlier.Survey.Current, CancellationToken.None))!.Report;
        Assert.Null(alone.Progress);
        Assert.All(alone.Dimensions, d => Assert.Null(d.Change));
        var json = ReportJson.Serialize(alone);
        Assert.DoesNotContain("\"progress\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\"change\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("จากรอบ", ReportText.ScoreCard(alone), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheLastSlotWithoutASubmittedEarlierResponseComparesWithNothing()
    {
        // The seed's last agency of each province did not submit in 2568; here it answers 2569 too (submittedPerProvince = perProvince).
        await using var seeded = await SeededDatabase.CreateAsync(provinces: 1, perProvince: 6, submittedPerProvince: 6);
        await using var db = seeded.NewContext();
        var last = await AgencyAsync(db, SurveySeed.Code(0, 5));
        Assert.DoesNotContain(last.Code, seeded.Survey.SubmittedBefore);
        var report = (await Results(db).AgencyReportAsync(last, seeded.Survey.Current, CancellationToken.None))!.Report;
        Assert.Null(report.Progress);
    }

    [Fact]
    public void ASubDimensionNotScoredInOneRoundShowsNoChange()
    {
        var framework = Catalog.Framework;
        var now = ReportBuilder.FromPublished(framework, new Dictionary<string, double?>(), new Dictionary<string, double?> { ["LCP"] = 40, ["DLT"] = 30, ["EAB"] = 50 });
        var before = ReportBuilder.FromPublished(framework, new Dictionary<string, double?>(), new Dictionary<string, double?> { ["LCP"] = 35.5, ["DLT"] = null, ["PHN"] = 20 });

        var changed = ProgressComparison.Apply(now, before, "2568", "2569.1", "2569.2");

        double? Change(string code) => changed.SubDimensions.Single(s => s.Code == code).Change;
        Assert.Equal(4.5, Change("LCP"));
        Assert.Null(Change("DLT")); // not scored in 2568
        Assert.Null(Change("PHN")); // not scored in 2569
        Assert.Null(changed.SubDimensions.Single(s => s.Code == "PHN").PreviousScore);
        Assert.True(changed.Progress!.VersionsDiffer);
        Assert.False(ProgressComparison.Apply(now, before, "2568", "2569.2", "2569.2").Progress!.VersionsDiffer);
    }

    [Fact]
    public void AnImproveItemThatGotWorseIsFlagged()
    {
        var framework = Catalog.Framework;
        var now = ReportBuilder.FromPublished(framework, new Dictionary<string, double?>(), new Dictionary<string, double?> { ["LCP"] = 20, ["DLT"] = 30 });
        var before = ReportBuilder.FromPublished(framework, new Dictionary<string, double?>(), new Dictionary<string, double?> { ["LCP"] = 30, ["DLT"] = 25.5 });

        var changed = ProgressComparison.Apply(now, before, "2568", "2569.2", "2569.2");

        var lcp = changed.ImproveFirst.Single(i => i.Code == "LCP");
        var dlt = changed.ImproveFirst.Single(i => i.Code == "DLT");
        Assert.Equal((-10.0, true), (lcp.Change!.Value, lcp.Worse));
        Assert.Equal((4.5, false), (dlt.Change!.Value, dlt.Worse));
        var card = ReportText.ImproveCard(changed);
        Assert.Contains($"{lcp.NameTh} 20.0 (-10.0 จากรอบ 2568 แย่ลง)", card, StringComparison.Ordinal);
        Assert.Contains($"{dlt.NameTh} 30.0 (+4.5 จากรอบ 2568)", card, StringComparison.Ordinal);
        Assert.DoesNotContain("แบบสำรวจฉบับ", card, StringComparison.Ordinal); // the same version: no note
    }

    [Fact]
    public async Task AProvincesChangeComparesTheTwoProvinceAverages()
    {
        await using var seeded = await SeededDatabase.CreateAsync();
        await using var db = seeded.NewContext();
        var province = seeded.Survey.Provinces[1];

        var now = (await Results(db).ProvinceReportAsync(province, seeded.Survey.Current, CancellationToken.None)).Report!;
        var before = (await Results(db).ProvinceReportAsync(province, seeded.Survey.Previous!, CancellationToken.None)).Report!;

        Assert.Equal("2568", now.Progress!.PreviousRound);
        Assert.All(now.Dimensions, d => Assert.Equal(
            d.Score is { } a && before.Dimensions.Single(b => b.Code == d.Code).Score is { } b ? ScoreMath.Round(a - b) : null, d.Change));
        Assert.All(now.SubDimensions, s => Assert.Equal(
            s.Score is { } a && before.SubDimensions.Single(b => b.Code == s.Code).Score is { } b ? ScoreMath.Round(a - b) : null, s.Change));
        Assert.Contains("จากรอบ 2568", ReportText.ScoreCard(now), StringComparison.Ordinal);
        Assert.All(now.Dimensions, d => Assert.Null(d.Peers)); // an average has no peer bands
    }

    [Fact]
    public async Task AProvinceShowsNoChangeWhenTheEarlierRoundIsBelowTheGroupSize()
    {
        // 6 agencies: all 6 submitted in 2569, 5 in 2568. With a minimum of 6 only 2569 has an average.
        await using var seeded = await SeededDatabase.CreateAsync(provinces: 1, perProvince: 6, submittedPerProvince: 6);
        await using var db = seeded.NewContext();
        var province = seeded.Survey.Provinces[0];

        var strict = (await Results(db, minimumGroupSize: 6).ProvinceReportAsync(province, seeded.Survey.Current, CancellationToken.None)).Report!;
        Assert.Null(strict.Progress);
        Assert.All(strict.Dimensions, d => Assert.Null(d.Change));
        Assert.Null((await Results(db, minimumGroupSize: 6).ProvinceReportAsync(province, seeded.Survey.Previous!, CancellationToken.None)).Report);

        // With a minimum of 5 both rounds have an average, so the change is shown.
        Assert.NotNull((await Results(db, minimumGroupSize: 5).ProvinceReportAsync(province, seeded.Survey.Current, CancellationToken.None)).Report!.Progress);

        // Below the minimum in this round there is no report at all, so no change either.
        Assert.Null((await Results(db, minimumGroupSize: 7).ProvinceReportAsync(province, seeded.Survey.Current, CancellationToken.None)).Report);
    }
}
