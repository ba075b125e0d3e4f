using DgBot.TestDoubles.Seeding;
using System.Globalization;
using System.Text;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using DgBot.Core.Answers;
using DgBot.Core.Content;
using DgBot.Core.Conversation;
using DgBot.Core.Conversation.Prompts;
using DgBot.Core.Data.Entities;
using DgBot.Core.Questionnaires;
using DgBot.Core.Reports;
using DgBot.Core.Rounds;
using DgBot.Core.Scoring;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Tests.Cli;

/// <summary>
/// `dgbot export` against a real SQLite file: the 19 Lampang agencies and 3 of Chiang Mai, some answered (by a named
/// person or by one since erased), some submitted. The CSV holds what the bot shows and scores as ResultsService does;
/// the XLSX holds the same cells (numbers as numeric cells); --out and --force; one access-log row per export.
/// </summary>
public sealed class ExportCliTests : IDisposable
{
    private const string ChiangMai = "เชียงใหม่";
    private const string Person = "สมหญิง รักดี";
    private static readonly DateTime Now = new(2026, 12, 1, 3, 0, 0, DateTimeKind.Utc);
    private readonly CliTestDatabase database = new();

    public void Dispose() => database.Dispose();

    /// <summary>
    /// Lampang's first 4 agencies and Chiang Mai's first 2 answer every question; Lampang's first 2 and Chiang Mai's
    /// first submit. Even responses are answered by <see cref="Person"/>, odd ones by a person since erased.
    /// </summary>
    private async Task<SurveyRound> SeedAsync()
    {
        Assert.Equal(0, (await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath)).ExitCode);
        Assert.Equal(0, (await database.RunAsync("rounds", "create", "--name", "2569", "--deadline", "2099-12-15")).ExitCode);
        await using var db = database.NewContext();
        db.Agencies.AddRange(
            new Agency("CM01", "สำนักงานจังหวัดเชียงใหม่", ChiangMai, "provincial", Now),
            new Agency("CM02", "สำนักงานสาธารณสุขจังหวัดเชียงใหม่", ChiangMai, "provincial", Now),
            new Agency("CM03", "สำนักงานพาณิชย์จังหวัดเชียงใหม่", ChiangMai, "provincial", Now));
        var person = new ChatUser(ChannelKind.Telegram, "tg-export-1", "tg-export-1", Person, Now);
        db.ChatUsers.Add(person);
        await db.SaveChangesAsync();

        var round = await db.Rounds.SingleAsync();
        var questionnaire = SurveyCatalog.BuiltIn().Get(round.QuestionnaireVersion);
        var lampang = await db.Agencies.Where(a => a.Province == "ลำปาง").OrderBy(a => a.Code).Take(4).ToListAsync();
        var chiangMai = await db.Agencies.Where(a => a.Province == ChiangMai).OrderBy(a => a.Code).Take(2).ToListAsync();
        var answering = lampang.Concat(chiangMai).ToList();
        var responses = answering.Select(a => new Response(a.Id, round.Id, Now)).ToList();
        db.Responses.AddRange(responses);
        await db.SaveChangesAsync();
        for (var i = 0; i < responses.Count; i++)
        {
            foreach (var (question, value) in SeededAnswers.For(questionnaire, seed: i, mixed: true))
            {
                db.Answers.Add(new Answer(responses[i].Id, question, value.Serialize(), i % 2 == 0 ? person.Id : null, Now.AddMinutes(i)));
            }

            if (i is 0 or 1 or 4)
            {
                responses[i].Submit(null, Now.AddHours(1));
            }
        }

        await db.SaveChangesAsync();
        return round;
    }


    private async Task<(byte[] Bytes, List<string[]> Rows)> ExportCsvAsync(string what, params string[] extra)
    {
        var file = Path.Combine(database.Folder, $"{what}-{Guid.NewGuid():N}.csv");
        var run = await database.RunAsync(["export", "--what", what, "--format", "csv", "--out", file, .. extra]);
        Assert.True(run.ExitCode == 0, run.Error);
        var bytes = await File.ReadAllBytesAsync(file);
        return (bytes, ParseCsv(Encoding.UTF8.GetString(bytes.AsSpan(3))));
    }

    [Fact]
    public async Task AnswersCsvHasTheBomThaiTextPointsAndWhoAnswered()
    {
        var round = await SeedAsync();
        var (bytes, rows) = await ExportCsvAsync("answers");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, bytes[..3]);
        Assert.Equal(["agency_code", "agency_name", "province", "question_id", "sub_dimension", "answer", "points", "answered_by", "answered_at"], rows[0]);

        var catalog = SurveyCatalog.BuiltIn();
        var questionnaire = catalog.Get(round.QuestionnaireVersion);
        await using var db = database.NewContext();
        var responses = await db.Responses.Include(r => r.Agency).Include(r => r.Answers).ToListAsync();
        Assert.Equal(responses.Sum(r => r.Answers.Count), rows.Count - 1);
        Assert.Equal(2, rows.Skip(1).Select(r => r[2]).Distinct().Count());

        foreach (var response in responses)
        {
            var values = ResultsService.Values(response.Answers);
            var result = Scorer.Score(catalog.Framework, questionnaire, values);
            var own = rows.Skip(1).Where(r => r[0] == response.Agency!.Code).ToList();
            Assert.Equal(questionnaire.Questions.Select(q => q.Id), own.Select(r => r[3]));
            foreach (var row in own)
            {
                var question = questionnaire.Find(row[3])!;
                Assert.Equal((response.Agency!.NameTh, response.Agency.Province, question.SubDimension), (row[1], row[2], row[4]));
                Assert.Equal(QuestionPrompts.Describe(question, values[question.Id]), row[5]);
                var outcome = result.Question(question.Id)!;
                Assert.Equal(outcome.Counts ? ScoreMath.Round(outcome.Earned).ToString("R", CultureInfo.InvariantCulture) : string.Empty, row[6]);
                var answer = response.Answers.Single(a => a.QuestionId == question.Id);
                Assert.Equal(answer.AnsweredByUserId is null ? "ผู้ตอบที่ลบข้อมูลแล้ว" : Person, row[7]);
                Assert.Equal(ThaiDates.DateAndTime(answer.AnsweredUtc), row[8]);
            }
        }

        // Thai as Thai: a Buddhist-era date in Bangkok time, option labels, "don't know", and text with a comma and quotes.
        Assert.Contains(rows, r => r[8] == "1 ธ.ค. 2569 10:00 น.");
        Assert.Contains(rows, r => r[5] == "ไม่ทราบ");
        Assert.Contains(rows, r => r[5] == "ใช้ระบบสารบรรณอิเล็กทรอนิกส์, \"e-Saraban\"");
        Assert.Contains(rows, r => r[5].Contains(", ", StringComparison.Ordinal) && questionnaire.Find(r[3])!.Type == QuestionType.Multi);
        Assert.Contains(rows, r => r[7] == Person);
        Assert.Contains(rows, r => r[7] == "ผู้ตอบที่ลบข้อมูลแล้ว");
    }

    [Fact]
    public async Task ScoresCsvEqualsResultsServicesReportForEveryAgency()
    {
        var round = await SeedAsync();
        var (_, rows) = await ExportCsvAsync("scores", "--round", "2569");
        var catalog = SurveyCatalog.BuiltIn();
        var codes = catalog.Framework.Dimensions.SelectMany(d => new[] { d.Code }.Concat(d.SubDimensions.Select(s => s.Code))).ToList();
        Assert.Equal(["agency_code", "agency_name", "province", "submitted", .. codes, "overall", "previous_round", "previous_version", .. codes.Select(c => c + "_change"), "overall_change"], rows[0]);
        Assert.Equal(22, rows.Count - 1);

        await using var db = database.NewContext();
        var service = new ResultsService(db, catalog, Options.Create(new ResultsOptions()));
        var submitted = await db.Responses.Where(r => r.SubmittedUtc != null).Select(r => r.AgencyId).ToListAsync();
        var scored = 0;
        foreach (var agency in await db.Agencies.ToListAsync())
        {
            var row = rows.Single(r => r[0] == agency.Code);
            Assert.Equal((agency.NameTh, agency.Province, submitted.Contains(agency.Id) ? "yes" : "no"), (row[1], row[2], row[3]));
            var report = (await service.AgencyReportAsync(agency, round, CancellationToken.None))?.Report;
            if (report is null)
            {
                Assert.All(row.Skip(4), cell => Assert.Equal(string.Empty, cell));
                continue;
            }

            scored++;
            var byCode = report.Dimensions.Select(d => (d.Code, d.Score)).Concat(report.SubDimensions.Select(s => (s.Code, s.Score))).ToDictionary(x => x.Code, x => x.Score);
            var expected = codes.Select(c => byCode[c]).Append(report.Overall);
            Assert.Equal(expected, row.Skip(4).Take(codes.Count + 1).Select(Number));
            Assert.Contains(row.Skip(4), cell => cell.Length > 0);
            Assert.All(row.Skip(4 + codes.Count + 1), cell => Assert.Equal(string.Empty, cell)); // one round only: no change
        }

        Assert.Equal(6, scored);

        var (_, lampang) = await ExportCsvAsync("scores", "--province", "ลำปาง");
        Assert.Equal(19, lampang.Count - 1);
        Assert.All(lampang.Skip(1), r => Assert.Equal("ลำปาง", r[2]));
    }

    [Fact]
    public async Task ScoresCsvAndXlsxHaveEachScoresChangeSinceThePreviousRound()
    {
        // The seeded survey: round 2568 (questionnaire 2569.1, closed) and 2569 (2569.2), one province of 6 agencies.
        SurveyRound current;
        await using (var db = database.NewContext())
        {
            await DgBot.Core.Data.SqliteSetup.MigrateAsync(db);
            current = (await SurveySeed.SeedAsync(db, provinces: 1, perProvince: 6, submittedPerProvince: 4)).Current;
        }

        var (_, rows) = await ExportCsvAsync("scores", "--round", "2569");
        var header = rows[0].ToList();
        var catalog = SurveyCatalog.BuiltIn();
        var codes = catalog.Framework.Dimensions.SelectMany(d => new[] { d.Code }.Concat(d.SubDimensions.Select(s => s.Code))).ToList();
        var at = header.IndexOf("previous_round");
        Assert.Equal(4 + codes.Count + 1, at);
        Assert.Equal([.. codes.Select(c => c + "_change"), "overall_change"], header.Skip(at + 2));

        await using var check = database.NewContext();
        var service = new ResultsService(check, catalog, Options.Create(new ResultsOptions()));
        var previous = await check.Rounds.SingleAsync(r => r.Name == "2568");
        var compared = 0;
        foreach (var agency in await check.Agencies.ToListAsync())
        {
            var row = rows.Single(r => r[0] == agency.Code);
            var now = (await service.AgencyReportAsync(agency, current, CancellationToken.None))?.Report;
            var before = (await service.AgencyReportAsync(agency, previous, CancellationToken.None))?.Report;
            if (now is null || before is null || !SurveySeedSubmittedBefore(agency.Code))
            {
                Assert.All(row.Skip(at), cell => Assert.Equal(string.Empty, cell));
                continue;
            }

            compared++;
            Assert.Equal(("2568", "2569.1"), (row[at], row[at + 1]));
            var byCode = now.Dimensions.Select(d => (d.Code, d.Score)).Concat(now.SubDimensions.Select(s => (s.Code, s.Score))).ToDictionary(x => x.Code, x => x.Score);
            var then = before.Dimensions.Select(d => (d.Code, d.Score)).Concat(before.SubDimensions.Select(s => (s.Code, s.Score))).ToDictionary(x => x.Code, x => x.Score);
            var expected = codes.Select(c => byCode[c] is { } a && then[c] is { } b ? Math.Round(a - b, 1) : (double?)null).Append(Math.Round(now.Overall!.Value - before.Overall!.Value, 1));
            Assert.Equal(expected, row.Skip(at + 2).Select(Number));
        }

        Assert.Equal(5, compared); // slots 0-4 answered 2569; slot 5 submitted nothing in 2568 and nothing in 2569

        // The workbook has the same change cells, as numbers.
        var file = Path.Combine(database.Folder, "scores-change.xlsx");
        Assert.Equal(0, (await database.RunAsync("export", "--what", "scores", "--round", "2569", "--format", "xlsx", "--out", file)).ExitCode);
        using var workbook = SpreadsheetDocument.Open(file, isEditable: false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet!;
        var first = sheet.Descendants<Row>().Skip(1).First().Elements<Cell>().ToList();
        Assert.Equal(rows[0].Length, sheet.Descendants<Row>().First().Elements<Cell>().Count());
        Assert.Equal("2568", first[at].InlineString!.InnerText);
        Assert.Equal(CellValues.Number, first[at + 2].DataType!.Value);
        Assert.Equal(rows[1][at + 2], first[at + 2].CellValue!.Text);

        static bool SurveySeedSubmittedBefore(string code) => !code.EndsWith("-06", StringComparison.Ordinal);
    }

    [Fact]
    public async Task StatusCsvCountsAsRoundStatusServiceDoes()
    {
        var round = await SeedAsync();
        var (_, rows) = await ExportCsvAsync("status", "--province", ChiangMai);
        Assert.Equal(["agency_code", "agency_name", "province", "submitted", "submitted_at", "answered", "applicable", "last_activity", "staff_joined"], rows[0]);
        await using var db = database.NewContext();
        var expected = await new RoundStatusService(db, SurveyCatalog.BuiltIn()).AgenciesAsync(round, ChiangMai, CancellationToken.None);
        Assert.Equal(expected.Select(a => a.Code), rows.Skip(1).Select(r => r[0]));
        foreach (var (a, row) in expected.Zip(rows.Skip(1)))
        {
            Assert.Equal(
                (a.Name, a.Submitted ? "yes" : "no", a.Answered.ToString(CultureInfo.InvariantCulture), a.Total.ToString(CultureInfo.InvariantCulture), a.StaffJoined.ToString(CultureInfo.InvariantCulture)),
                (row[1], row[3], row[5], row[6], row[8]));
            Assert.Equal(a.LastActivityUtc is { } last ? ThaiDates.DateAndTime(last) : string.Empty, row[7]);
        }

        Assert.Equal(["yes", "no", "no"], rows.Skip(1).Select(r => r[3]));
        Assert.True(expected[0].Answered > 0 && expected[0].Total > 0);
    }

    [Theory]
    [InlineData("answers")]
    [InlineData("scores")]
    [InlineData("status")]
    public async Task XlsxHasTheCsvsCellsWithNumbersAsNumbersAndAFrozenHeader(string what)
    {
        await SeedAsync();
        var (_, csv) = await ExportCsvAsync(what);
        var file = Path.Combine(database.Folder, what + ".xlsx");
        var run = await database.RunAsync("export", "--what", what, "--format", "xlsx", "--out", file);
        Assert.True(run.ExitCode == 0, run.Error);

        using var workbook = SpreadsheetDocument.Open(file, isEditable: false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet!;
        var pane = sheet.Descendants<Pane>().Single();
        Assert.Equal((PaneStateValues.Frozen, 1.0, "A2"), (pane.State!.Value, pane.VerticalSplit!.Value, pane.TopLeftCell!.Value));
        Assert.Equal(csv[0].Length, sheet.Descendants<Column>().Count());
        Assert.All(sheet.Descendants<Column>(), c => Assert.True(c.Width!.Value >= 8));

        var rows = sheet.Descendants<Row>().ToList();
        Assert.Equal(csv.Count, rows.Count);
        var numbers = 0;
        for (var r = 0; r < rows.Count; r++)
        {
            var cells = rows[r].Elements<Cell>().ToList();
            Assert.Equal(csv[r].Length, cells.Count);
            for (var c = 0; c < cells.Count; c++)
            {
                var cell = cells[c];
                if (cell.DataType?.Value == CellValues.Number)
                {
                    numbers++;
                    Assert.Equal(double.Parse(csv[r][c], CultureInfo.InvariantCulture), double.Parse(cell.CellValue!.Text, CultureInfo.InvariantCulture));
                }
                else if (cell.DataType?.Value == CellValues.InlineString)
                {
                    Assert.Equal(csv[r][c], cell.InlineString!.InnerText);
                    Assert.False(r > 0 && IsNumericColumn(what, csv[0][c]), $"{csv[0][c]} of row {r} is text");
                }
                else
                {
                    Assert.Null(cell.CellValue);
                    Assert.Equal(string.Empty, csv[r][c]);
                }
            }
        }

        Assert.True(numbers > 0);
    }

    [Fact]
    public async Task OutIsRequiredAndAFileIsReplacedOnlyWithForce()
    {
        await SeedAsync();
        var missing = await database.RunAsync("export", "--what", "status", "--format", "csv");
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--out", missing.Error, StringComparison.Ordinal);

        var existing = database.WriteFile("keep.csv", "not an export");
        var refused = await database.RunAsync("export", "--what", "status", "--out", existing);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Equal("not an export", await File.ReadAllTextAsync(existing));

        var forced = await database.RunAsync("export", "--what", "status", "--out", existing, "--force");
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.StartsWith("agency_code,", await File.ReadAllTextAsync(existing), StringComparison.Ordinal);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(existing));
        }

        await using var db = database.NewContext();
        Assert.Equal(1, await db.AccessLog.CountAsync());
    }

    [Fact]
    public async Task EachExportIsLoggedAsAnOperatorsView()
    {
        await SeedAsync();
        await ExportCsvAsync("answers");
        await ExportCsvAsync("scores", "--province", ChiangMai);
        var xlsx = Path.Combine(database.Folder, "status.xlsx");
        Assert.Equal(0, (await database.RunAsync("export", "--what", "status", "--out", xlsx)).ExitCode);
        Assert.Equal(1, (await database.RunAsync("export", "--what", "status", "--round", "ไม่มีรอบนี้", "--out", Path.Combine(database.Folder, "none.csv"))).ExitCode);

        await using var db = database.NewContext();
        var rows = await db.AccessLog.OrderBy(r => r.Id).ToListAsync();
        Assert.Equal(3, rows.Count);
        Assert.All(rows, r => Assert.Equal((AccessRole.Operator, "cli", ResultsScope.Province, ResultsViewKind.Export, "2569", (int?)null), (r.Role, r.Channel, r.Scope, r.Kind, r.RoundName, r.AgencyId)));
        Assert.Equal([null, ChiangMai, null], rows.Select(r => r.Province));
        Assert.Contains("Export", (await database.RunAsync("audit", "list")).Output, StringComparison.Ordinal);
    }

    private static bool IsNumericColumn(string what, string header) =>
        what switch
        {
            "status" => header is "answered" or "applicable" or "staff_joined",
            "scores" => header is not ("agency_code" or "agency_name" or "province" or "submitted" or "previous_round" or "previous_version"),
            _ => header == "points",
        };

    private static double? Number(string cell) => cell.Length == 0 ? null : double.Parse(cell, CultureInfo.InvariantCulture);

    /// <summary>RFC 4180: quoted fields may hold commas, quotes (doubled) and line breaks; records end with CRLF.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        var rows = new List<string[]>();
        var fields = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var ch = text[i];
            if (quoted)
            {
                if (ch == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (ch == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(ch);
                }
            }
            else if (ch == '"')
            {
                quoted = true;
            }
            else if (ch == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
            }
            else if (ch == '\n')
            {
                fields.Add(field.ToString().TrimEnd('\r'));
                field.Clear();
                rows.Add([.. fields]);
                fields.Clear();
            }
            else
            {
                field.Append(ch);
            }
        }

        if (field.Length > 0 || fields.Count > 0)
        {
            fields.Add(field.ToString());
            rows.Add([.. fields]);
        }

        return rows;
    }
}
