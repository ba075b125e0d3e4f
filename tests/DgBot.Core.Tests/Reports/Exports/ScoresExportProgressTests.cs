using DgBot.Core.Conversation;
using DgBot.Core.Reports;
using DgBot.Core.Reports.Exports;
using DgBot.Core.Rounds;
using DgBot.Core.Tests.Reports;
using DgBot.TestDoubles.Seeding;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Tests.Reports.Exports;

/// <summary>The scores export's change-since-last-round columns, on the seeded survey.</summary>
public sealed class ScoresExportProgressTests
{
    [Fact]
    public async Task TheScoresExportHasEachScoresChangeSinceTheAgencysPreviousRound()
    {
        await using var seeded = await SeededDatabase.CreateAsync(provinces: 2, perProvince: 6, submittedPerProvince: 4);
        await using var db = seeded.NewContext();
        var catalog = SurveyCatalog.BuiltIn();
        var table = await new ExportService(db, catalog, new RoundStatusService(db, catalog)).ScoresAsync(seeded.Survey.Current, province: null, CancellationToken.None);

        var codes = catalog.Framework.Dimensions.SelectMany(d => new[] { d.Code }.Concat(d.SubDimensions.Select(s => s.Code))).ToList();
        Assert.Equal(["agency_code", "agency_name", "province", "submitted", .. codes, "overall", "previous_round", "previous_version", .. codes.Select(c => c + "_change"), "overall_change"], table.Headers);
        var changeAt = table.Headers.ToList().IndexOf("previous_round");

        var results = ProgressTests.Results(db);
        var compared = 0;
        foreach (var agency in await db.Agencies.AsNoTracking().ToListAsync())
        {
            var row = table.Rows.Single(r => (string?)r[0] == agency.Code);
            var report = (await results.AgencyReportAsync(agency, seeded.Survey.Current, CancellationToken.None))?.Report;
            if (report?.Progress is null)
            {
                Assert.All(row.Skip(changeAt), Assert.Null);
                continue;
            }

            compared++;
            var before = (await results.AgencyReportAsync(agency, seeded.Survey.Previous!, CancellationToken.None))!.Report;
            Assert.Equal(("2568", "2569.1"), ((string?)row[changeAt], (string?)row[changeAt + 1]));
            var now = report.Dimensions.Select(d => (d.Code, d.Score)).Concat(report.SubDimensions.Select(s => (s.Code, s.Score))).ToDictionary(x => x.Code, x => x.Score);
            var then = before.Dimensions.Select(d => (d.Code, d.Score)).Concat(before.SubDimensions.Select(s => (s.Code, s.Score))).ToDictionary(x => x.Code, x => x.Score);
            var expected = codes.Select(c => now[c] is { } a && then[c] is { } b ? Math.Round(a - b, 1) : (double?)null)
                .Append(Math.Round(report.Overall!.Value - before.Overall!.Value, 1));
            Assert.Equal(expected, row.Skip(changeAt + 2).Select(c => (double?)c));
        }

        // Slots 0–4 answered 2569 (4 submitted, 1 not) and all but slot 5 submitted 2568: 5 agencies per province compare.
        Assert.Equal(10, compared);
    }
}
