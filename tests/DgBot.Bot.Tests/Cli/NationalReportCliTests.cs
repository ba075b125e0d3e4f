using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports;
using DgBot.Core.Scoring;
using DgBot.TestDoubles.Seeding;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Tests.Cli;

/// <summary>
/// `dgbot report national` on the seeded survey (3 provinces × 19 agencies of 19 office types, 15 submitted per
/// province in round 2569): province figures equal ResultsService's, type and national averages equal a hand
/// computation over the submitted responses, the group-size rule, the PDF and the workbook say the same as the JSON,
/// and each run is in the access log.
/// </summary>
public sealed class NationalReportCliTests
{
    private static readonly SurveyCatalog Catalog = SurveyCatalog.BuiltIn();

    private static CliTestDatabase Cli(SeededDatabase seeded, int? minimumGroupSize = null)
    {
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:DgBot"] = seeded.ConnectionString };
        if (minimumGroupSize is { } minimum)
        {
            settings["Results:MinimumGroupSize"] = minimum.ToString(CultureInfo.InvariantCulture);
        }

        return new CliTestDatabase(settings);
    }

    private static async Task<JsonElement> JsonAsync(CliTestDatabase cli)
    {
        var run = await cli.RunAsync("report", "national", "--round", "2569", "--format", "json");
        Assert.True(run.ExitCode == 0, run.Error);
        using var document = JsonDocument.Parse(run.Output);
        return document.RootElement.Clone();
    }

    /// <summary>Each submitted agency's own report in round 2569, by agency code, with its province and type.</summary>
    private static async Task<List<(string Province, string Type, ScoreReport Report)>> SubmittedReportsAsync(SeededDatabase seeded)
    {
        await using var db = seeded.NewContext();
        var round = await db.Rounds.SingleAsync(r => r.Name == "2569");
        var responses = await db.Responses.Include(r => r.Agency).Include(r => r.Answers)
            .Where(r => r.RoundId == round.Id && r.SubmittedUtc != null).ToListAsync();
        var questionnaire = Catalog.Get(round.QuestionnaireVersion);
        return responses.Select(r => (r.Agency!.Province, r.Agency.Type, ReportBuilder.Build(Catalog.Framework, Scorer.Score(Catalog.Framework, questionnaire, ResultsService.Values(r.Answers))))).ToList();
    }

    /// <summary>By hand: the mean of the agencies' shown scores of a code, rounded to one decimal.</summary>
    private static double Mean(IEnumerable<ScoreReport> reports, Func<ScoreReport, double?> score) =>
        ScoreMath.Round(reports.Select(score).Where(s => s.HasValue).Average(s => s!.Value));

    private static double? Number(JsonElement element) => element.ValueKind == JsonValueKind.Null ? null : element.GetDouble();

    [Fact]
    public async Task ProvinceFiguresEqualResultsServiceAndTheNationalListIsTheFiveWeakestOverAllSubmitted()
    {
        await using var seeded = await SeededDatabase.CreateAsync();
        using var cli = Cli(seeded);
        var root = await JsonAsync(cli);

        var national = root.GetProperty("national");
        Assert.Equal((57, 45, 78.9), (national.GetProperty("surveyed").GetInt32(), national.GetProperty("submitted").GetInt32(), national.GetProperty("responseRate").GetDouble()));
        var provinces = root.GetProperty("provinces").EnumerateArray().ToList();
        Assert.Equal(seeded.Survey.Provinces, provinces.Select(p => p.GetProperty("name").GetString()));
        await using (var db = seeded.NewContext())
        {
            var service = new ResultsService(db, Catalog, Options.Create(new ResultsOptions()));
            foreach (var province in provinces)
            {
                var expected = await service.ProvinceReportAsync(province.GetProperty("name").GetString()!, seeded.Survey.Current, CancellationToken.None);
                Assert.Equal((expected.Surveyed, expected.Submitted), (province.GetProperty("surveyed").GetInt32(), province.GetProperty("submitted").GetInt32()));
                Assert.NotNull(expected.Report);
                foreach (var d in expected.Report.Dimensions)
                {
                    Assert.Equal(d.Score, Number(province.GetProperty("dimensions").GetProperty(d.Code)));
                }

                Assert.Equal(expected.Report.Overall, Number(province.GetProperty("overall")));
            }
        }

        // The national figures, by hand: the mean of the 45 submitted agencies' own sub-dimension scores.
        var reports = (await SubmittedReportsAsync(seeded)).Select(r => r.Report).ToList();
        Assert.Equal(45, reports.Count);
        var report = national.GetProperty("report");
        var subs = report.GetProperty("subDimensions").EnumerateArray().ToDictionary(s => s.GetProperty("code").GetString()!, s => Number(s.GetProperty("score")));
        var byHand = Catalog.Framework.Dimensions.Where(d => d.Scored).SelectMany(d => d.SubDimensions)
            .ToDictionary(s => s.Code, s => Mean(reports, r => r.SubDimensions.Single(x => x.Code == s.Code).Score));
        foreach (var (code, mean) in byHand)
        {
            Assert.Equal(mean, subs[code]);
        }

        var weakest = byHand.Where(kv => kv.Value < 100).OrderBy(kv => kv.Value).Take(5).Select(kv => kv.Key).ToList();
        var improve = report.GetProperty("improveFirst").EnumerateArray().ToList();
        Assert.Equal(weakest, improve.Select(i => i.GetProperty("code").GetString()));
        Assert.All(improve, i => Assert.False(string.IsNullOrWhiteSpace(i.GetProperty("guidance").GetProperty("summary").GetString())));

        // The text says the same: the counts in Thai digits and each improve-first item with its score.
        var text = await cli.RunAsync("report", "national", "--round", "2569");
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.StartsWith("ผลสำรวจระดับความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐ ภาพรวมทั้งประเทศ ประจำปี ๒๕๖๙", text.Output, StringComparison.Ordinal);
        Assert.Contains("สำรวจหน่วยงานภาครัฐ ๓ จังหวัด จำนวน ๕๗ หน่วยงาน มีหน่วยงานส่งคำตอบ จำนวน ๔๕ หน่วยงาน (คิดเป็นร้อยละ ๗๘.๙)", text.Output, StringComparison.Ordinal);
        foreach (var item in improve)
        {
            Assert.Contains($"{item.GetProperty("nameEn").GetString()} ({item.GetProperty("nameTh").GetString()}) ร้อยละ {Core.Reports.Documents.ThaiDigits.Convert(ReportText.Num(item.GetProperty("score").GetDouble()))}", text.Output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task TypeAveragesAreTheMeanOverTheSubmittedAgenciesOfThatType()
    {
        // Each type has one agency per province, 3 in all: the minimum is lowered so that types show averages.
        await using var seeded = await SeededDatabase.CreateAsync();
        using var cli = Cli(seeded, minimumGroupSize: 3);
        var root = await JsonAsync(cli);
        var reports = await SubmittedReportsAsync(seeded);

        var types = root.GetProperty("types").EnumerateArray().ToList();
        Assert.Equal(SurveySeed.AgencyTypes.Order(StringComparer.Ordinal), types.Select(t => t.GetProperty("name").GetString()));
        var shown = 0;
        foreach (var type in types)
        {
            var name = type.GetProperty("name").GetString()!;
            var members = reports.Where(r => r.Type == name).Select(r => r.Report).ToList();
            Assert.Equal((3, members.Count), (type.GetProperty("surveyed").GetInt32(), type.GetProperty("submitted").GetInt32()));
            if (members.Count < 3)
            {
                Assert.Equal(JsonValueKind.Null, type.GetProperty("overall").ValueKind);
                continue;
            }

            shown++;
            foreach (var d in Catalog.Framework.Dimensions.Where(d => d.Scored))
            {
                Assert.Equal(Mean(members, r => r.Dimensions.Single(x => x.Code == d.Code).Score), Number(type.GetProperty("dimensions").GetProperty(d.Code)));
            }

            // The overall is the mean of the shown dimension averages, as for a province.
            var dims = Catalog.Framework.Dimensions.Select(d => Number(type.GetProperty("dimensions").GetProperty(d.Code))).Where(v => v.HasValue).ToList();
            Assert.Equal(ScoreMath.Round(dims.Average(v => v!.Value)), Number(type.GetProperty("overall")));
        }

        // Slots 1–15 submitted in every province; 16–19 did not.
        Assert.Equal(15, shown);
    }

    [Fact]
    public async Task AGroupBelowTheMinimumShowsItsCountsButNoAverages()
    {
        // 4 submitted per province (below 5), 12 nationally (enough).
        await using var seeded = await SeededDatabase.CreateAsync(submittedPerProvince: 4, previousRound: false);
        using var cli = Cli(seeded);
        var root = await JsonAsync(cli);
        Assert.NotEqual(JsonValueKind.Null, root.GetProperty("national").GetProperty("report").ValueKind);
        foreach (var group in root.GetProperty("provinces").EnumerateArray().Concat(root.GetProperty("types").EnumerateArray()))
        {
            Assert.Equal(JsonValueKind.Null, group.GetProperty("overall").ValueKind);
            Assert.All(group.GetProperty("dimensions").EnumerateObject(), d => Assert.Equal(JsonValueKind.Null, d.Value.ValueKind));
        }

        var province = root.GetProperty("provinces")[0];
        Assert.Equal((19, 4, 21.1), (province.GetProperty("surveyed").GetInt32(), province.GetProperty("submitted").GetInt32(), province.GetProperty("responseRate").GetDouble()));
        var text = await cli.RunAsync("report", "national");
        var row = text.Output.Split('\n').Select(l => l.Trim()).Single(l => l.StartsWith(seeded.Survey.Provinces[0] + "  ", StringComparison.Ordinal));
        Assert.Equal($"{seeded.Survey.Provinces[0]}  19  4  21.1  -  -  -  -  -  -  -", row);

        // Below the minimum nationally, no figure at all: the sentence instead.
        await using var few = await SeededDatabase.CreateAsync(submittedPerProvince: 1, previousRound: false);
        using var fewCli = Cli(few);
        var pending = await fewCli.RunAsync("report", "national");
        Assert.True(pending.ExitCode == 0, pending.Error);
        Assert.Contains("จะแสดงค่าเฉลี่ยเมื่อมีหน่วยงานส่งคำตอบอย่างน้อย ๕ หน่วยงาน", pending.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ตารางคะแนน", pending.Output, StringComparison.Ordinal);
        var groupRows = pending.Output.Split('\n').Select(l => l.Trim()).Where(l => l.StartsWith("จังหวัดทดสอบ", StringComparison.Ordinal) || l.StartsWith("สำนักงาน", StringComparison.Ordinal) || l.StartsWith("องค์การ", StringComparison.Ordinal)).ToList();
        Assert.Equal(3 + 19, groupRows.Count);
        Assert.All(groupRows, l => Assert.EndsWith("  -  -  -  -  -  -  -", l, StringComparison.Ordinal));
        Assert.Equal(JsonValueKind.Null, (await JsonAsync(fewCli)).GetProperty("national").GetProperty("report").ValueKind);
    }

    [Fact]
    public async Task ThePdfAndTheWorkbookHoldTheJsonFigures()
    {
        await using var seeded = await SeededDatabase.CreateAsync();
        using var cli = Cli(seeded);
        var root = await JsonAsync(cli);

        var pdf = Path.Combine(cli.Folder, "national.pdf");
        var written = await cli.RunAsync("report", "national", "--round", "2569", "--format", "pdf", "--out", pdf);
        Assert.True(written.ExitCode == 0, written.Error);
        Assert.Contains("pages", written.Output, StringComparison.Ordinal);
        var text = PdfText(pdf);
        Assert.Contains("ภาพรวมทั้งประเทศประจำปี๒๕๖๙", text, StringComparison.Ordinal);
        foreach (var item in root.GetProperty("national").GetProperty("report").GetProperty("improveFirst").EnumerateArray())
        {
            Assert.Contains(item.GetProperty("nameEn").GetString()!.Replace(" ", string.Empty, StringComparison.Ordinal), text, StringComparison.Ordinal);
        }

        foreach (var province in root.GetProperty("provinces").EnumerateArray())
        {
            // A long name may wrap in its cell: the name, then the row's counts and rate.
            Assert.Contains(province.GetProperty("name").GetString()!.TrimEnd('1', '2', '3'), text, StringComparison.Ordinal);
            Assert.Contains("1915" + ReportText.Num(province.GetProperty("responseRate").GetDouble()), text, StringComparison.Ordinal);
            Assert.Contains(ReportText.Num(province.GetProperty("overall").GetDouble()), text, StringComparison.Ordinal);
        }

        var xlsx = Path.Combine(cli.Folder, "national.xlsx");
        var sheetRun = await cli.RunAsync("report", "national", "--round", "2569", "--format", "xlsx", "--out", xlsx);
        Assert.True(sheetRun.ExitCode == 0, sheetRun.Error);
        Assert.Contains("4 sheets", sheetRun.Output, StringComparison.Ordinal);
        using var workbook = SpreadsheetDocument.Open(xlsx, isEditable: false);
        Assert.Empty(new DocumentFormat.OpenXml.Validation.OpenXmlValidator().Validate(workbook).Select(e => e.Description));
        var sheets = workbook.WorkbookPart!.Workbook!.Descendants<Sheet>().ToDictionary(s => s.Name!.Value!, s => ((WorksheetPart)workbook.WorkbookPart.GetPartById(s.Id!.Value!)).Worksheet!);
        Assert.Equal(["national", "improve_first", "provinces", "agency_types"], sheets.Keys);
        var rows = Rows(sheets["provinces"]);
        var codes = Catalog.Framework.Dimensions.Select(d => d.Code).ToList();
        Assert.Equal(["province", "surveyed", "submitted", "response_rate", .. codes, "overall"], rows[0].Select(c => c?.ToString()));
        foreach (var (province, row) in root.GetProperty("provinces").EnumerateArray().Zip(rows.Skip(1)))
        {
            Assert.Equal(province.GetProperty("name").GetString(), row[0]);
            Assert.Equal((double)province.GetProperty("surveyed").GetInt32(), row[1]);
            Assert.Equal((double)province.GetProperty("submitted").GetInt32(), row[2]);
            Assert.Equal(province.GetProperty("responseRate").GetDouble(), row[3]);
            for (var i = 0; i < codes.Count; i++)
            {
                Assert.Equal(Number(province.GetProperty("dimensions").GetProperty(codes[i])), (double?)row[4 + i]);
            }

            Assert.Equal(Number(province.GetProperty("overall")), (double?)row[^1]);
        }

        var improveRows = Rows(sheets["improve_first"]).Skip(1).ToList();
        Assert.Equal(root.GetProperty("national").GetProperty("report").GetProperty("improveFirst").EnumerateArray().Select(i => i.GetProperty("code").GetString()), improveRows.Select(r => (string?)r[1]));
        Assert.Equal(Rows(sheets["agency_types"]).Count - 1, root.GetProperty("types").GetArrayLength());

        // Refusals: a binary format needs --out; an existing file is kept without --force.
        Assert.Equal(2, (await cli.RunAsync("report", "national", "--format", "xlsx")).ExitCode);
        Assert.Equal(1, (await cli.RunAsync("report", "national", "--format", "xlsx", "--out", xlsx)).ExitCode);
    }

    [Fact]
    public async Task EachRunIsLoggedAsAnOperatorsViewOfEveryProvince()
    {
        await using var seeded = await SeededDatabase.CreateAsync(previousRound: false);
        using var cli = Cli(seeded);
        Assert.Equal(0, (await cli.RunAsync("report", "national")).ExitCode);
        Assert.Equal(1, (await cli.RunAsync("report", "national", "--round", "2500")).ExitCode);

        await using var db = seeded.NewContext();
        var row = await db.AccessLog.SingleAsync();
        Assert.Equal((AccessRole.Operator, "cli", ResultsScope.Province, ResultsViewKind.NationalReport, (string?)null, "2569", (int?)null),
            (row.Role, row.Channel, row.Scope, row.Kind, row.Province, row.RoundName, row.AgencyId));
        Assert.False(string.IsNullOrEmpty(row.OperatorName));
        Assert.Contains("NationalReport", (await cli.RunAsync("audit", "list")).Output, StringComparison.Ordinal);
    }

    /// <summary>A sheet's cells: numbers as double, inline strings as string, empty cells as null.</summary>
    private static List<object?[]> Rows(Worksheet sheet) =>
        sheet.Descendants<Row>().Select(r => r.Elements<Cell>().Select(c => c.DataType?.Value == CellValues.Number
            ? double.Parse(c.CellValue!.Text, CultureInfo.InvariantCulture)
            : c.DataType?.Value == CellValues.InlineString ? (object?)c.InlineString!.InnerText : null).ToArray()).ToList();

    /// <summary>The PDF's text (pdftotext), white space removed, as the province report's tests read it.</summary>
    private static string PdfText(string pdf)
    {
        var start = new ProcessStartInfo("pdftotext") { RedirectStandardOutput = true, StandardOutputEncoding = Encoding.UTF8, UseShellExecute = false };
        foreach (var arg in new[] { "-enc", "UTF-8", pdf, "-" })
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var text = process.StandardOutput.ReadToEnd();
        Assert.True(process.WaitForExit(60_000));
        Assert.Equal(0, process.ExitCode);
        return string.Concat(text.Where(c => !char.IsWhiteSpace(c)));
    }
}
