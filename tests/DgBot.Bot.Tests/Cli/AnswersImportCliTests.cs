using DgBot.Core.Access;
using System.Text.Json;
using System.Text.Json.Nodes;
using DgBot.Bot.Cli;
using DgBot.Core.Answers;
using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using DgBot.Core.Questionnaires;
using DgBot.Core.Reports;
using DgBot.Core.Scoring;
using DgBot.TestDoubles.Seeding;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Tests.Cli;

/// <summary>
/// `dgbot answers import|export` on the seeded survey (3 provinces × 19 agencies; round 2568 closed, 2569 open; the
/// last three agencies of each province have no response in 2569): stored answers score as `dgbot score --answers`
/// scores the file; every error of a bad file is named and nothing is written; the deadline; the round trip.
/// </summary>
public sealed class AnswersImportCliTests
{
    /// <summary>An agency with no response in the open round (slot 17 of province 1).</summary>
    private static readonly string Fresh = SurveySeed.Code(0, 16);

    private static readonly SurveyCatalog Catalog = SurveyCatalog.BuiltIn();

    private static async Task<(SeededDatabase Seeded, CliTestDatabase Cli)> OpenAsync()
    {
        var seeded = await SeededDatabase.CreateAsync();
        return (seeded, new CliTestDatabase(new Dictionary<string, string?> { ["ConnectionStrings:DgBot"] = seeded.ConnectionString }));
    }

    private static string AnswersJson(Questionnaire questionnaire, int seed) =>
        AnswersFile.Write(SeededAnswers.For(questionnaire, seed).ToDictionary(a => a.Question, a => a.Value, StringComparer.OrdinalIgnoreCase), questionnaire);

    /// <summary>The stored answers of an agency in a round, scored as everywhere (null without a response).</summary>
    private static async Task<(ScoreReport Report, Response Response, List<Answer> Answers)?> StoredAsync(SeededDatabase seeded, string code, string round)
    {
        await using var db = seeded.NewContext();
        var response = await db.Responses.Include(r => r.Round).SingleOrDefaultAsync(r => r.Agency!.Code == code && r.Round!.Name == round);
        if (response is null)
        {
            return null;
        }

        var answers = await db.Answers.Where(a => a.ResponseId == response.Id).ToListAsync();
        var result = Scorer.Score(Catalog.Framework, Catalog.Get(response.Round!.QuestionnaireVersion), ResultsService.Values(answers));
        return (ReportBuilder.Build(Catalog.Framework, result, submitted: true), response, answers);
    }

    [Fact]
    public async Task ImportedAnswersAreStoredAuditedAndScoreAsScoreAnswersScoresTheFile()
    {
        var (seeded, cli) = await OpenAsync();
        await using var _ = seeded;
        using var __ = cli;
        var file = cli.WriteFile("paper.json", AnswersJson(Catalog.Current, seed: 3));

        var run = await cli.RunAsync("answers", "import", "--agency", Fresh.ToLowerInvariant(), file);
        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains($"answers of {Fresh}", run.Output, StringComparison.Ordinal);
        Assert.Contains("นำเข้าคำตอบของ", run.Output, StringComparison.Ordinal);
        Assert.Contains("0 changed", run.Output, StringComparison.Ordinal);

        var score = await cli.RunAsync("score", "--answers", file, "--format", "json");
        Assert.True(score.ExitCode == 0, score.Error);
        var stored = await StoredAsync(seeded, Fresh, "2569");
        Assert.NotNull(stored);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(score.Output), JsonNode.Parse(ReportJson.Serialize(stored.Value.Report))), "the stored answers score differently from the file");
        Assert.Contains($"Overall score {ReportText.Num(stored.Value.Report.Overall!.Value)}", run.Output, StringComparison.Ordinal);

        // A complete paper response counts as submitted; every answer has its audit row, entered by nobody in chat.
        var (_, response, answers) = stored.Value;
        Assert.NotNull(response.SubmittedUtc);
        Assert.Contains("now submitted", run.Output, StringComparison.Ordinal);
        Assert.All(answers, a => Assert.Null(a.AnsweredByUserId));
        Assert.All(answers, a => Assert.Equal(AccessLog.OperatorName(), a.EnteredBy));
        await using var db = seeded.NewContext();
        var audits = await db.AnswerAudits.Where(a => a.ResponseId == response.Id).ToListAsync();
        Assert.Equal(answers.Count, audits.Count);
        Assert.All(audits, a => Assert.True(a.OldValue is null && a.ChangedByUserId is null));
        var log = await db.AccessLog.SingleAsync();
        Assert.Equal((AccessRole.Operator, "cli", ResultsScope.Agency, ResultsViewKind.AnswersImport, Fresh, "2569"), (log.Role, log.Channel, log.Scope, log.Kind, log.AgencyCode, log.RoundName));
        Assert.False(string.IsNullOrEmpty(log.OperatorName));

        // Importing a changed file again changes only what differs, and audits the old value.
        var changed = cli.WriteFile("paper2.json", AnswersJson(Catalog.Current, seed: 4));
        var again = await cli.RunAsync("answers", "import", "--agency", Fresh, changed);
        Assert.True(again.ExitCode == 0, again.Error);
        Assert.Contains("already submitted", again.Output, StringComparison.Ordinal);
        Assert.True(await db.AnswerAudits.CountAsync(a => a.ResponseId == response.Id && a.OldValue != null) > 0);

        // The agency's report says who entered them, not that their respondent was erased.
        var report = await cli.RunAsync("report", "agency", "--agency", Fresh);
        Assert.True(report.ExitCode == 0, report.Error);
        Assert.Contains($"ผู้ตอบ: บันทึกจากแบบฟอร์มโดย {AccessLog.OperatorName()} เมื่อ", report.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("ผู้ตอบที่ลบข้อมูลแล้ว", report.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryErrorOfTheFileIsNamedWithWhatIsAcceptedAndNothingIsWritten()
    {
        var (seeded, cli) = await OpenAsync();
        await using var _ = seeded;
        using var __ = cli;
        var q = Catalog.Current.Questions;
        var single = q.First(x => x.Type == QuestionType.Single);
        var percent = q.First(x => x.Type == QuestionType.Percent);
        var multi = q.First(x => x.Type == QuestionType.Multi);
        var noDontKnow = q.First(x => x.Type == QuestionType.YesNo && !x.AllowDontKnow);
        var valid = q.First(x => x.Type == QuestionType.YesNo && x.Id != noDontKnow.Id);
        var file = cli.WriteFile("bad.json", string.Join('\n',
            "{",
            $"  \"{valid.Id}\": \"{valid.Options[0].Id}\",",
            $"  \"{single.Id}\": 3,",
            $"  \"{percent.Id}\": 150,",
            $"  \"{multi.Id}\": [\"no-such-option\"],",
            $"  \"{noDontKnow.Id}\": \"dontknow\",",
            "  \"Q-NOPE\": \"yes\"",
            "}"));

        var run = await cli.RunAsync("answers", "import", "--agency", Fresh, file);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("5 errors", run.Error, StringComparison.Ordinal);
        Assert.Contains($"line 3: \"{single.Id}\": a number does not fit a single-choice question; expected one option id", run.Error, StringComparison.Ordinal);
        Assert.Contains($"line 4: \"{percent.Id}\": a percentage must be between 0 and 100, got 150; expected a number from 0 to 100", run.Error, StringComparison.Ordinal);
        Assert.Contains($"line 5: \"{multi.Id}\": unknown option 'no-such-option' (expected any of", run.Error, StringComparison.Ordinal);
        Assert.Contains($"line 6: \"{noDontKnow.Id}\": \"don't know\" is not allowed for this question; expected one option id as a string ({string.Join(", ", noDontKnow.Options.Select(o => o.Id))})", run.Error, StringComparison.Ordinal);
        Assert.Contains("line 7: \"Q-NOPE\": no such question", run.Error, StringComparison.Ordinal);
        Assert.Contains("Nothing was imported", run.Error, StringComparison.Ordinal);

        Assert.Null(await StoredAsync(seeded, Fresh, "2569"));
        await using var db = seeded.NewContext();
        Assert.Equal(0, await db.AnswerAudits.CountAsync());
        Assert.Equal(0, await db.AccessLog.CountAsync());
    }

    [Fact]
    public async Task AClosedOrPastDeadlineRoundIsRefusedUnlessForced()
    {
        var (seeded, cli) = await OpenAsync();
        await using var _ = seeded;
        using var __ = cli;
        var previous = Catalog.Get(SurveySeed.PreviousVersion);
        var file = cli.WriteFile("late.json", AnswersJson(previous, seed: 5));

        // The last agency of each province did not answer in the closed round 2568.
        var late = SurveySeed.Code(0, 18);
        var refused = await cli.RunAsync("answers", "import", "--agency", late, "--round", "2568", file);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("Round 2568 is closed", refused.Error, StringComparison.Ordinal);
        Assert.Contains("--force", refused.Error, StringComparison.Ordinal);
        Assert.Null(await StoredAsync(seeded, late, "2568"));

        var forced = await cli.RunAsync("answers", "import", "--agency", late, "--round", "2568", "--force", file);
        Assert.True(forced.ExitCode == 0, forced.Error);
        Assert.Equal(SeededAnswers.For(previous, 5).Count(), (await StoredAsync(seeded, late, "2568"))!.Value.Answers.Count);

        // A round past its deadline but never closed is refused the same way, with the deadline in Thai.
        await using (var db = seeded.NewContext())
        {
            db.Rounds.Add(new SurveyRound("2567", new DateTime(2024, 12, 15, 16, 59, 59, DateTimeKind.Utc), Catalog.Current.Version, new DateTime(2024, 10, 1, 0, 0, 0, DateTimeKind.Utc)));
            await db.SaveChangesAsync();
        }

        var pastDeadline = await cli.RunAsync("answers", "import", "--agency", late, "--round", "2567", cli.WriteFile("now.json", AnswersJson(Catalog.Current, 6)));
        Assert.Equal(1, pastDeadline.ExitCode);
        Assert.Contains("Round 2567 ended on 15 ธ.ค. 2567", pastDeadline.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportThenImportIntoAnotherAgencyGivesTheSameScores()
    {
        var (seeded, cli) = await OpenAsync();
        await using var _ = seeded;
        using var __ = cli;
        var source = SurveySeed.Code(1, 0);
        var file = Path.Combine(cli.Folder, "exported.json");

        var export = await cli.RunAsync("answers", "export", "--agency", source, "--out", file);
        Assert.True(export.ExitCode == 0, export.Error);
        Assert.Contains($"of {source}, round 2569", export.Output, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync(file)))
        {
            Assert.Equal((await StoredAsync(seeded, source, "2569"))!.Value.Answers.Count, json.RootElement.EnumerateObject().Count());
        }

        var import = await cli.RunAsync("answers", "import", "--agency", Fresh, file);
        Assert.True(import.ExitCode == 0, import.Error);
        var original = (await StoredAsync(seeded, source, "2569"))!.Value;
        var copy = (await StoredAsync(seeded, Fresh, "2569"))!.Value;
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(ReportJson.Serialize(original.Report)), JsonNode.Parse(ReportJson.Serialize(copy.Report))), "the copy scores differently");
        Assert.Equal(original.Answers.OrderBy(a => a.QuestionId).Select(a => (a.QuestionId, a.Value)), copy.Answers.OrderBy(a => a.QuestionId).Select(a => (a.QuestionId, a.Value)));

        // The export to the terminal is the same text, and each export is an operator's view of that agency.
        var toTerminal = await cli.RunAsync("answers", "export", "--agency", source);
        Assert.Equal((await File.ReadAllTextAsync(file)).TrimEnd(), toTerminal.Output.TrimEnd());
        await using var db = seeded.NewContext();
        Assert.Equal(2, await db.AccessLog.CountAsync(l => l.Kind == ResultsViewKind.Export && l.AgencyCode == source));
    }

    [Fact]
    public async Task AnUnknownAgencyIsRefusedAndNothingIsLogged()
    {
        var (seeded, cli) = await OpenAsync();
        await using var _ = seeded;
        using var __ = cli;
        var file = cli.WriteFile("paper.json", AnswersJson(Catalog.Current, seed: 3));

        var import = await cli.RunAsync("answers", "import", "--agency", "NO-SUCH", file);
        Assert.Equal(1, import.ExitCode);
        Assert.Contains("No agency NO-SUCH", import.Error, StringComparison.Ordinal);
        var export = await cli.RunAsync("answers", "export", "--agency", "NO-SUCH");
        Assert.Equal(1, export.ExitCode);
        var noAnswers = await cli.RunAsync("answers", "export", "--agency", Fresh);
        Assert.Equal(1, noAnswers.ExitCode);
        Assert.Contains("has no answers", noAnswers.Error, StringComparison.Ordinal);
        Assert.Equal(2, (await cli.RunAsync("answers", "import", file)).ExitCode);

        await using var db = seeded.NewContext();
        Assert.Equal(0, await db.AccessLog.CountAsync());
    }
}
