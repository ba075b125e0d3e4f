using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using DgBot.Bot.Cli;
using DgBot.Core.Content;
using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports;
using DgBot.Core.Reports.Documents;
using DgBot.TestDoubles.Documents;
using DgBot.TestDoubles.Seeding;
using DocumentFormat.OpenXml.Packaging;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Word = DocumentFormat.OpenXml.Wordprocessing;

namespace DgBot.Bot.Tests.Cli;

/// <summary>
/// `dgbot report agency` on the seeded survey (3 provinces × 19 agencies, a closed and an open round): the agency's
/// figures equal ResultsService's, the comparison only where the group-size rule allows, its answers with who gave
/// them (an erased person as the deleted respondent) and when, every format, refusals and the access log.
/// </summary>
public sealed class AgencyReportCliTests : IAsyncLifetime
{
    private const string Agency = "P01-01";
    private SeededDatabase seeded = null!;

    public async Task InitializeAsync() => seeded = await SeededDatabase.CreateAsync();

    public async Task DisposeAsync() => await seeded.DisposeAsync();

    private async Task<CliRun> RunAsync(params string[] args)
    {
        CliHost.Overrides = new Dictionary<string, string?> { ["ConnectionStrings:DgBot"] = seeded.ConnectionString };
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await DgBotCli.Build().Parse(args).InvokeAsync(new System.CommandLine.InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    private async Task<(AgencyReport Model, Agency Agency)> ExpectedAsync(string code)
    {
        await using var db = seeded.NewContext();
        var agency = await db.Agencies.SingleAsync(a => a.Code == code);
        var round = await db.Rounds.SingleAsync(r => r.Id == seeded.Survey.Current.Id);
        var catalog = SurveyCatalog.BuiltIn();
        var results = new ResultsService(db, catalog, Options.Create(new ResultsOptions()));
        return (await new AgencyReportService(db, catalog, results).BuildAsync(agency, round, CancellationToken.None), agency);
    }

    /// <summary>The first answer of the agency is now by nobody, as after its author's erasure.</summary>
    private async Task<string> EraseFirstRespondentAsync(string code)
    {
        await using var db = seeded.NewContext();
        var answer = await db.Answers.Where(a => db.Responses.Any(r => r.Id == a.ResponseId && r.RoundId == seeded.Survey.Current.Id && r.Agency!.Code == code))
            .OrderBy(a => a.Id).FirstAsync();
        answer.Change(answer.Value, null, answer.AnsweredUtc);
        await db.SaveChangesAsync();
        return answer.QuestionId;
    }

    [Fact]
    public async Task TextShowsTheAgencysScoresImproveFirstWithGuidanceComparisonAndAnswers()
    {
        var erased = await EraseFirstRespondentAsync(Agency);
        var (expected, agency) = await ExpectedAsync(Agency);
        var report = expected.Results!.Report;
        Assert.True(expected.Results.Compared);

        var run = await RunAsync("report", "agency", "--agency", Agency);
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Equal($"รายงานผลสำรวจความพร้อมรัฐบาลดิจิทัลของ{agency.NameTh} ประจำปี ๒๕๖๙", lines[0]);
        Assert.Contains($"จังหวัด{agency.Province} รอบการสำรวจ ๒๕๖๙", run.Output, StringComparison.Ordinal);
        foreach (var d in report.Dimensions)
        {
            Assert.Contains(lines, l => l.Contains($"{d.NameTh} ({d.NameEn})", StringComparison.Ordinal) && l.EndsWith("  " + ProvinceDocument.Figure(d.Score) + "  " + ProvinceDocument.Change(d.Change), StringComparison.Ordinal));
        }

        var framework = SurveyCatalog.BuiltIn().Framework;
        foreach (var item in report.ImproveFirst)
        {
            Assert.Contains(lines, l => l.Trim() == $"{ThaiDigits.Of(item.Rank)}) {item.NameEn} ({item.NameTh}) ร้อยละ {ThaiDigits.Convert(ReportText.Num(item.Score))}{ThaiDigits.Convert(ReportText.ChangeSuffix(report, item.Change))}");
            var guidance = framework.FindSubDimension(item.Code)!.Guidance;
            Assert.Contains(guidance.Summary, run.Output, StringComparison.Ordinal);
            Assert.All(guidance.Actions, a => Assert.Contains("- " + a, run.Output, StringComparison.Ordinal));
            // The comparison row: the agency, the others' average, the gap.
            Assert.Contains(lines, l => l.StartsWith($"    {item.NameTh} ({item.NameEn})  {ReportText.Num(item.Score)}  {ReportText.Num(item.PeerScore!.Value)}", StringComparison.Ordinal));
        }

        Assert.Contains("ค่าเฉลี่ยของหน่วยงานอื่นในจังหวัดที่ส่งคำตอบแล้ว ๑๔ หน่วยงาน", run.Output, StringComparison.Ordinal);
        Assert.Equal(expected.Answers.Count, lines.Count(l => l.StartsWith("ข้อ ", StringComparison.Ordinal)));
        var first = expected.Answers[0];
        Assert.Contains($"ข้อ {ThaiDigits.Of(first.Number)} {first.Question}", lines);
        Assert.Contains($"  คำตอบ: {first.Answer}", lines);
        var byErased = expected.Answers.Single(a => a.QuestionId == erased);
        Assert.Equal("ผู้ตอบที่ลบข้อมูลแล้ว", byErased.AnsweredBy);
        Assert.Contains($"  ผู้ตอบ: ผู้ตอบที่ลบข้อมูลแล้ว เมื่อ {ThaiDates.DateAndTime(byErased.AnsweredUtc)}", lines);
        Assert.Contains($"  ผู้ตอบ: เจ้าหน้าที่ {Agency} เมื่อ 20 พ.ย. 2569 10:00 น.", lines);
    }

    [Fact]
    public async Task TheReportShowsProgressSinceThePreviousRoundAndThePeerBands()
    {
        var (expected, agency) = await ExpectedAsync(Agency);
        var report = expected.Results!.Report;
        var progress = Assert.IsType<ProgressRef>(report.Progress);
        Assert.Equal("2568", progress.PreviousRound);
        Assert.Contains(report.Dimensions, d => d.Peers is { Count: > 0 });

        var run = await RunAsync("report", "agency", "--agency", Agency);
        Assert.True(run.ExitCode == 0, run.Error);
        var lines = run.Output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Contains("๔. ความก้าวหน้าจากรอบก่อน", lines);
        Assert.Contains(lines, l => l.Contains($"เทียบกับรอบ ๒๕๖๘ ซึ่งได้ร้อยละ {ThaiDigits.Convert(ReportText.Num(progress.PreviousOverall!.Value))} เปลี่ยนแปลง {ThaiDigits.Convert(ReportText.WithSign(progress.OverallChange!.Value))}", StringComparison.Ordinal));
        Assert.Contains(ThaiDigits.Convert(ReportText.VersionsNote(progress)), run.Output, StringComparison.Ordinal);
        Assert.Contains("๕. ตำแหน่งเมื่อเทียบกับหน่วยงานประเภทเดียวกัน", lines);
        foreach (var band in report.Dimensions.SelectMany(d => d.Peers ?? []))
        {
            Assert.Contains(ThaiDigits.Convert(ReportText.PeerLine(band).Trim()), run.Output, StringComparison.Ordinal);
        }

        Assert.Contains("๖. คำตอบของหน่วยงาน", lines);

        // The PDF has the same sections and the chart of this round against the last.
        var pdf = Path.Combine(seeded.Folder, "agency.pdf");
        Assert.Equal(0, (await RunAsync("report", "agency", "--agency", Agency, "--format", "pdf", "--out", pdf)).ExitCode);
        var text = PdfText.Compact(pdf);
        Assert.Contains(PdfText.WithoutSpace("ความก้าวหน้าจากรอบก่อน"), text, StringComparison.Ordinal);
        Assert.Contains(PdfText.WithoutSpace("คะแนนรายมิติ รอบ 2569 เทียบกับรอบ 2568"), text, StringComparison.Ordinal);
        Assert.Contains(PdfText.WithoutSpace(ThaiDigits.Convert(ReportText.PeerLine(report.Dimensions.First(d => d.Peers is { Count: > 0 }).Peers![0]).Trim())), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithoutAnEarlierRoundTheReportSaysThereIsNothingToCompareYet()
    {
        await seeded.DisposeAsync();
        seeded = await SeededDatabase.CreateAsync(previousRound: false);

        var run = await RunAsync("report", "agency", "--agency", Agency);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("๔. ความก้าวหน้าจากรอบก่อน", run.Output, StringComparison.Ordinal);
        Assert.Contains("ยังไม่มีรอบก่อนหน้าที่หน่วยงานส่งคำตอบไว้", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("จากรอบ ๒๕", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("จากรอบ 25", run.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task JsonIsTheReportModelWithResultsServicesFigures()
    {
        var (expected, _) = await ExpectedAsync(Agency);
        var run = await RunAsync("report", "agency", "--agency", Agency, "--format", "json", "--round", "2569");
        Assert.True(run.ExitCode == 0, run.Error);
        using var doc = JsonDocument.Parse(run.Output);
        var root = doc.RootElement;
        Assert.Equal((Agency, "2569", 2569, true, 14, true), (root.GetProperty("agency").GetProperty("code").GetString(), root.GetProperty("round").GetString(), root.GetProperty("year").GetInt32(), root.GetProperty("submitted").GetBoolean(), root.GetProperty("othersSubmitted").GetInt32(), root.GetProperty("compared").GetBoolean()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ReportJson.Serialize(expected.Results!.Report)), JsonNode.Parse(root.GetProperty("report").GetRawText())), "the report differs from ResultsService's");
        var answers = root.GetProperty("answers");
        Assert.Equal(expected.Answers.Count, answers.GetArrayLength());
        Assert.Equal(expected.Answers[0].Question, answers[0].GetProperty("question").GetString());
        Assert.Equal($"เจ้าหน้าที่ {Agency}", answers[0].GetProperty("answeredBy").GetString());
        Assert.EndsWith("2569 10:00 น.", answers[0].GetProperty("answeredAt").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PdfCarriesTheThaiHeadingTheAgencyItsFiguresAndAnAnswerWithItsRespondent()
    {
        var (expected, agency) = await ExpectedAsync(Agency);
        var pdf = Path.Combine(seeded.Folder, "agency.pdf");
        var run = await RunAsync("report", "agency", "--agency", Agency, "--format", "pdf", "--out", pdf);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("pages", run.Output, StringComparison.Ordinal);
        Assert.StartsWith("%PDF-", Encoding.Latin1.GetString((await File.ReadAllBytesAsync(pdf))[..5]), StringComparison.Ordinal);
        var text = PdfText.Compact(pdf);
        Assert.Contains(PdfText.WithoutSpace("รายงานผลสำรวจความพร้อมรัฐบาลดิจิทัลของ" + agency.NameTh), text, StringComparison.Ordinal);
        foreach (var d in expected.Results!.Report.Dimensions.Where(d => d.Score is not null))
        {
            Assert.Contains(ReportText.Num(d.Score!.Value), text, StringComparison.Ordinal);
        }

        var answer = expected.Answers[0];
        Assert.Contains(PdfText.WithoutSpace("คำตอบ: " + answer.Answer), text, StringComparison.Ordinal);
        Assert.Contains(PdfText.WithoutSpace($"ผู้ตอบ: เจ้าหน้าที่ {Agency}"), text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WordFileSaysWhatTheTextSays()
    {
        var text = await RunAsync("report", "agency", "--agency", Agency);
        var docx = Path.Combine(seeded.Folder, "agency.docx");
        var run = await RunAsync("report", "agency", "--agency", Agency, "--format", "docx", "--out", docx);
        Assert.True(run.ExitCode == 0, run.Error);
        using var word = WordprocessingDocument.Open(docx, isEditable: false);
        var paragraphs = word.MainDocumentPart!.Document!.Body!.Elements<Word.Paragraph>().Select(p => p.InnerText).Where(t => t.Length > 0).ToList();
        var textLines = text.Output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToHashSet(StringComparer.Ordinal);
        Assert.Equal(textLines.First(), paragraphs[0]);
        // Every paragraph of the Word file (headings, items, answers) is a line of the text report.
        Assert.All(paragraphs, p => Assert.Contains(p.Trim(), textLines));
        Assert.Contains(paragraphs, p => p.StartsWith("ผู้ตอบ: ", StringComparison.Ordinal));
        var tables = word.MainDocumentPart.Document.Body.Elements<Word.Table>().ToList();
        Assert.Equal(28, tables[0].Elements<Word.TableRow>().Count() - 1);
    }

    [Fact]
    public async Task BelowTheGroupSizeThereIsNoComparisonAndWithoutAnswersNoScore()
    {
        // Only the first two agencies of each province submitted: the others' average would be over one agency.
        await using (var db = seeded.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("UPDATE Responses SET SubmittedUtc = NULL WHERE RoundId = {0} AND AgencyId NOT IN (SELECT Id FROM Agencies WHERE Code IN ('P01-01', 'P01-02'))", seeded.Survey.Current.Id);
        }

        var run = await RunAsync("report", "agency", "--agency", Agency);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("จะเปรียบเทียบกับหน่วยงานอื่นได้เมื่อมีหน่วยงานอื่นในจังหวัดส่งคำตอบอย่างน้อย ๕ หน่วยงาน (ขณะนี้ ๑ หน่วยงาน)", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ต่างกัน", run.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ค่าเฉลี่ยของหน่วยงานอื่น", run.Output, StringComparison.Ordinal);

        var empty = await RunAsync("report", "agency", "--agency", "P01-19");
        Assert.True(empty.ExitCode == 0, empty.Error);
        Assert.Contains("หน่วยงานยังไม่มีคำตอบในรอบนี้", empty.Output, StringComparison.Ordinal);
        Assert.DoesNotMatch(@"[0-9]+[.][0-9]", empty.Output);
    }

    [Fact]
    public async Task AnUnknownAgencyOrRoundIsRefusedAndNotLogged()
    {
        var unknown = await RunAsync("report", "agency", "--agency", "XX-99");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("No agency with code XX-99", unknown.Error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, unknown.Output);

        var noRound = await RunAsync("report", "agency", "--agency", Agency, "--round", "2400");
        Assert.Equal(1, noRound.ExitCode);
        Assert.Equal(2, (await RunAsync("report", "agency")).ExitCode);
        Assert.Equal(2, (await RunAsync("report", "agency", "--agency", Agency, "--format", "pdf")).ExitCode);

        await using var db = seeded.NewContext();
        Assert.Equal(0, await db.AccessLog.CountAsync());
    }

    [Fact]
    public async Task EachRunIsLoggedAsAnOperatorsViewOfTheAgency()
    {
        Assert.Equal(0, (await RunAsync("report", "agency", "--agency", Agency.ToLowerInvariant(), "--round", "2568")).ExitCode);

        await using var db = seeded.NewContext();
        var row = await db.AccessLog.SingleAsync();
        var agency = await db.Agencies.SingleAsync(a => a.Code == Agency);
        Assert.Equal((AccessRole.Operator, "cli", ResultsScope.Agency, ResultsViewKind.AgencyReport, Agency, agency.Province, "2568"),
            (row.Role, row.Channel, row.Scope, row.Kind, row.AgencyCode, row.Province, row.RoundName));
        Assert.False(string.IsNullOrEmpty(row.OperatorName));
    }
}
