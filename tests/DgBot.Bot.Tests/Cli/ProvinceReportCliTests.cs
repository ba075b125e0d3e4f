using DgBot.TestDoubles.Seeding;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DgBot.Core.Answers;
using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using DgBot.Core.Questionnaires;
using DgBot.Core.Reports;
using DgBot.Core.Reports.Documents;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace DgBot.Bot.Tests.Cli;

/// <summary>
/// `dgbot report province` against a real SQLite file: the 19 Lampang agencies, a round, and submitted responses
/// answered differently by each agency; figures equal ResultsService's, the group-size rule, the access log, and
/// the refusals around --out.
/// </summary>
public sealed class ProvinceReportCliTests : IDisposable
{
    private readonly CliTestDatabase database = new();

    public void Dispose() => database.Dispose();

    /// <summary>Imports the agencies, creates round 2569, and gives <paramref name="submitted"/> agencies a submitted response (plus one answered but not submitted).</summary>
    private async Task<SurveyRound> SeedAsync(int submitted)
    {
        Assert.Equal(0, (await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath)).ExitCode);
        Assert.Equal(0, (await database.RunAsync("rounds", "create", "--name", "2569", "--deadline", "2099-12-15")).ExitCode);
        await using var db = database.NewContext();
        var round = await db.Rounds.SingleAsync();
        var questionnaire = SurveyCatalog.BuiltIn().Get(round.QuestionnaireVersion);
        var agencies = await db.Agencies.OrderBy(a => a.Code).Take(submitted + 1).ToListAsync();
        var now = new DateTime(2026, 12, 1, 3, 0, 0, DateTimeKind.Utc);
        var responses = agencies.Select(a => new Response(a.Id, round.Id, now)).ToList();
        db.Responses.AddRange(responses);
        await db.SaveChangesAsync();
        for (var i = 0; i < responses.Count; i++)
        {
            foreach (var (question, value) in SeededAnswers.For(questionnaire, seed: i))
            {
                db.Answers.Add(new Answer(responses[i].Id, question, value.Serialize(), null, now));
            }

            // The last one answered everything well but never submitted: it must not count.
            if (i < submitted)
            {
                responses[i].Submit(null, now);
            }
        }

        await db.SaveChangesAsync();
        return round;
    }


    private async Task<ScoreReport?> ServiceReportAsync(SurveyRound round)
    {
        await using var db = database.NewContext();
        var service = new ResultsService(db, SurveyCatalog.BuiltIn(), Options.Create(new ResultsOptions()));
        return (await service.ProvinceReportAsync("ลำปาง", round, CancellationToken.None)).Report;
    }

    [Fact]
    public async Task AProvinceWithAnEarlierRoundGetsTheChangeColumnTheComparisonChartAndTheChangeInJson()
    {
        // The seeded survey: one province of 19 agencies, 18 submitted in 2568 (questionnaire 2569.1), 15 in 2569.
        string province;
        await using (var db = database.NewContext())
        {
            await DgBot.Core.Data.SqliteSetup.MigrateAsync(db);
            province = (await SurveySeed.SeedAsync(db, provinces: 1)).Provinces[0];
        }

        var docx = Path.Combine(database.Folder, "trend.docx");
        var run = await database.RunAsync("report", "province", "--province", province, "--round", "2569", "--format", "docx", "--out", docx);
        Assert.True(run.ExitCode == 0, run.Error);
        using (var word = WordprocessingDocument.Open(docx, isEditable: false))
        {
            var tables = word.MainDocumentPart!.Document!.Body!.Elements<Word.Table>().ToList();
            Assert.Equal(["มิติ / มิติย่อย", "คะแนน", "+/- จากรอบ 2568"], tables[0].Elements<Word.TableRow>().First().Elements<Word.TableCell>().Select(c => c.InnerText));
            Assert.Equal(["มิติ", "รอบ 2569", "รอบ 2568", "+/- จากรอบ 2568"], tables[^1].Elements<Word.TableRow>().First().Elements<Word.TableCell>().Select(c => c.InnerText));
        }

        var json = await database.RunAsync("report", "province", "--province", province, "--round", "2569", "--format", "json");
        Assert.True(json.ExitCode == 0, json.Error);
        using var doc = JsonDocument.Parse(json.Output);
        var report = doc.RootElement.GetProperty("report");
        Assert.Equal("2568", report.GetProperty("progress").GetProperty("previousRound").GetString());
        Assert.True(report.GetProperty("progress").GetProperty("versionsDiffer").GetBoolean());
        Assert.Equal(JsonValueKind.Number, report.GetProperty("dimensions")[0].GetProperty("change").ValueKind);

        var text = await database.RunAsync("report", "province", "--province", province, "--round", "2569");
        Assert.Contains("แผนภูมิเปรียบเทียบคะแนนรายมิติกับรอบ 2568", text.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FiguresAreResultsServicesAveragesOverTheSubmittedAgencies()
    {
        var round = await SeedAsync(submitted: 6);
        var expected = await ServiceReportAsync(round);
        Assert.NotNull(expected);

        var json = await database.RunAsync("report", "province", "--province", "ลำปาง", "--format", "json");
        Assert.True(json.ExitCode == 0, json.Error);
        using var doc = JsonDocument.Parse(json.Output);
        var root = doc.RootElement;
        Assert.Equal((19, 6, 13, "2569", 2569), (root.GetProperty("surveyed").GetInt32(), root.GetProperty("submitted").GetInt32(), root.GetProperty("notSubmitted").GetArrayLength(), root.GetProperty("round").GetString(), root.GetProperty("year").GetInt32()));
        Assert.True(System.Text.Json.Nodes.JsonNode.DeepEquals(System.Text.Json.Nodes.JsonNode.Parse(ReportJson.Serialize(expected)), System.Text.Json.Nodes.JsonNode.Parse(root.GetProperty("report").GetRawText())), "the report differs from ResultsService's");

        var text = await database.RunAsync("report", "province", "--province", "ลำปาง");
        Assert.True(text.ExitCode == 0, text.Error);
        var lines = text.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal("ผลสำรวจระดับความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐของจังหวัดลำปาง ประจำปี ๒๕๖๙", lines[0]);
        Assert.Contains("จำนวน ๑๙ หน่วยงาน มีหน่วยงานส่งคำตอบ จำนวน ๖ หน่วยงาน (คิดเป็นร้อยละ ๓๒)", text.Output, StringComparison.Ordinal);
        var high = expected.Highest!;
        Assert.Contains(lines, l => l.StartsWith($"๑. จังหวัดลำปางมีคะแนนสูงสุดในเรื่อง {high.NameEn} ", StringComparison.Ordinal) && l.EndsWith($"(ร้อยละ {ThaiDigits.Convert(ReportText.Num(high.Score))})", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.StartsWith($"๒. จังหวัดลำปางมีคะแนนต่ำสุดในเรื่อง {expected.Lowest!.NameEn} ", StringComparison.Ordinal));
        foreach (var item in expected.ImproveFirst)
        {
            Assert.Contains(lines, l => l.StartsWith($"  {ThaiDigits.Of(item.Rank)}) {item.NameEn} ({item.NameTh}) ร้อยละ {ThaiDigits.Convert(ReportText.Num(item.Score))} ", StringComparison.Ordinal));
        }

        foreach (var d in expected.Dimensions)
        {
            Assert.Contains(lines, l => l.Contains($"{d.NameTh} ({d.NameEn})", StringComparison.Ordinal) && l.EndsWith("  " + ProvinceDocument.Figure(d.Score), StringComparison.Ordinal));
        }

        // The Word file has the same figures in its score table: 6 dimensions and 22 sub-dimensions.
        var docx = Path.Combine(database.Folder, "lampang.docx");
        var written = await database.RunAsync("report", "province", "--province", "ลำปาง", "--format", "docx", "--out", docx);
        Assert.True(written.ExitCode == 0, written.Error);
        using (var word = WordprocessingDocument.Open(docx, isEditable: false))
        {
            var rows = word.MainDocumentPart!.Document!.Body!.Elements<Word.Table>().First().Elements<Word.TableRow>().Skip(1)
                .Select(r => r.Elements<Word.TableCell>().Select(c => c.InnerText).ToArray()).ToList();
            Assert.Equal(28, rows.Count);
            var inOrder = expected.Dimensions.SelectMany(d => new[] { ProvinceDocument.Figure(d.Score) }.Concat(expected.SubDimensions.Where(s => s.DimensionCode == d.Code).Select(s => ProvinceDocument.Figure(s.Score))));
            Assert.Equal(inOrder, rows.Select(r => r[1]));
            Assert.Contains(rows, r => r[1] != "-" && r[1] != "0.0");
        }
    }

    [Fact]
    public async Task BelowTheMinimumGroupSizeTheReportSaysWhenFiguresWillShowAndHasNoScore()
    {
        var round = await SeedAsync(submitted: 4);
        Assert.Null(await ServiceReportAsync(round));

        var text = await database.RunAsync("report", "province", "--province", "ลำปาง", "--round", "2569");
        Assert.True(text.ExitCode == 0, text.Error);
        Assert.Contains("จะแสดงผลเมื่อมีหน่วยงานส่งคำตอบอย่างน้อย ๕ หน่วยงาน", text.Output, StringComparison.Ordinal);
        Assert.Contains("มีหน่วยงานส่งคำตอบ จำนวน ๔ หน่วยงาน", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("คะแนนสูงสุด", text.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ตารางคะแนน", text.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"[0-9๐-๙]+[.][0-9๐-๙]", text.Output);

        var json = await database.RunAsync("report", "province", "--province", "ลำปาง", "--format", "json");
        using var doc = JsonDocument.Parse(json.Output);
        Assert.Equal(JsonValueKind.Null, doc.RootElement.GetProperty("report").ValueKind);
        Assert.Contains("อย่างน้อย ๕ หน่วยงาน", doc.RootElement.GetProperty("pending").GetString(), StringComparison.Ordinal);

        // The PDF says it too, and shows no table.
        var pdf = Path.Combine(database.Folder, "pending.pdf");
        Assert.Equal(0, (await database.RunAsync("report", "province", "--province", "ลำปาง", "--format", "pdf", "--out", pdf)).ExitCode);
        var pdfText = PdfText(pdf);
        Assert.Contains("อย่างน้อย๕หน่วยงาน", pdfText, StringComparison.Ordinal);
        Assert.DoesNotContain("ตารางคะแนน", pdfText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EachRunIsLoggedAsAnOperatorsViewOfTheProvince()
    {
        await SeedAsync(submitted: 5);

        Assert.Equal(0, (await database.RunAsync("report", "province", "--province", "ลำปาง")).ExitCode);

        await using var db = database.NewContext();
        var row = await db.AccessLog.SingleAsync();
        Assert.Equal((AccessRole.Operator, "cli", ResultsScope.Province, ResultsViewKind.ProvinceReport, "ลำปาง", "2569", (int?)null),
            (row.Role, row.Channel, row.Scope, row.Kind, row.Province, row.RoundName, row.AgencyId));
        Assert.False(string.IsNullOrEmpty(row.OperatorName));
        Assert.Contains("ProvinceReport", (await database.RunAsync("audit", "list")).Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BinaryFormatsNeedOutAndDoNotReplaceAFileWithoutForce()
    {
        await SeedAsync(submitted: 5);
        var toTerminal = await database.RunAsync("report", "province", "--province", "ลำปาง", "--format", "pdf");
        Assert.Equal(2, toTerminal.ExitCode);
        Assert.Contains("--out", toTerminal.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, toTerminal.Output);

        var existing = database.WriteFile("keep.pdf", "not a report");
        var refused = await database.RunAsync("report", "province", "--province", "ลำปาง", "--format", "pdf", "--out", existing);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal("not a report", await File.ReadAllTextAsync(existing));

        var forced = await database.RunAsync("report", "province", "--province", "ลำปาง", "--format", "pdf", "--out", existing, "--force");
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.StartsWith("%PDF-", Encoding.Latin1.GetString((await File.ReadAllBytesAsync(existing))[..5]), StringComparison.Ordinal);

        var unknown = await database.RunAsync("report", "province", "--province", "ไม่มีจังหวัดนี้");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No agencies in province", unknown.Error, StringComparison.Ordinal);

        // Refused and failed runs showed nothing: only the forced one is in the log.
        await using var db = database.NewContext();
        Assert.Equal(1, await db.AccessLog.CountAsync());
    }

    [Fact]
    public async Task ThePublishedLampangTableGivesAPdfAndAWordFileOfTheSourcesFigures()
    {
        var pdf = Path.Combine(database.Folder, "lampang-2560.pdf");
        var run = await database.RunAsync("report", "--scores", ScoreCliRunner.TestData("lampang-2560.csv"), "--format", "pdf", "--province", "ลำปาง", "--year", "2560", "--out", pdf);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("pages", run.Output, StringComparison.Ordinal);
        var text = PdfText(pdf);
        Assert.Contains("ผลสำรวจระดับความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐของจังหวัดลำปางประจำปี๒๕๖๐", text, StringComparison.Ordinal);
        Assert.Contains("SmartBackOffice", text, StringComparison.Ordinal);
        foreach (var figure in new[] { "33.2", "33.7", "28.6", "45.8", "35.4", "5.9", "8.8", "11.8", "16.0", "19.6", "72.6" })
        {
            Assert.Contains(figure, text, StringComparison.Ordinal);
        }

        var docx = Path.Combine(database.Folder, "lampang-2560.docx");
        var wordRun = await database.RunAsync("report", "--scores", ScoreCliRunner.TestData("lampang-2560.csv"), "--format", "docx", "--province", "ลำปาง", "--year", "2560", "--out", docx);
        Assert.True(wordRun.ExitCode == 0, wordRun.Error);
        using var word = WordprocessingDocument.Open(docx, isEditable: false);
        Assert.Equal("ผลสำรวจระดับความพร้อมรัฐบาลดิจิทัลของหน่วยงานภาครัฐของจังหวัดลำปาง ประจำปี ๒๕๖๐", word.MainDocumentPart!.Document!.Body!.Elements<Word.Paragraph>().First().InnerText);

        var letter = await database.RunAsync("report", "--scores", ScoreCliRunner.TestData("lampang-2560.csv"), "--format", "docx");
        Assert.Equal(2, letter.ExitCode);
    }

    /// <summary>The PDF's text (pdftotext), white space removed: Thai wraps anywhere and poppler adds spaces beside some marks.</summary>
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
