using DgBot.Core.Answers;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Questionnaires;
using DgBot.Core.Reports;
using DgBot.Core.Rounds;
using DgBot.Core.Scoring;
using DgBot.Core.Tests.Conversation;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace DgBot.Core.Tests.Reports;

/// <summary>A round keeps the questionnaire version it was started with; the stage estimate needs a submitted, complete response.</summary>
public sealed class QuestionnaireVersionResultsTests : IAsyncLifetime
{
    private static readonly SurveyCatalog Catalog = SurveyCatalog.BuiltIn();

    private EngineHarness _harness = null!;

    public async Task InitializeAsync() => _harness = await EngineHarness.CreateAsync();

    public async Task DisposeAsync() => await _harness.DisposeAsync();

    [Fact]
    public void NewRoundsUse25692AndOlderRoundsKeepTheirVersion()
    {
        Assert.Equal("2569.2", Catalog.Current.Version);
        Assert.Equal("2569.1", Catalog.Get("2569.1").Version);
        Assert.Equal(80, Catalog.Get("2569.1").Questions.Count);
    }

    [Fact]
    public async Task ANewDefaultRoundIsCreatedWith25692()
    {
        await using var db = _harness.NewDb();
        var round = await new RoundService(db, new FakeTimeProvider(EngineHarness.DefaultStart)).CurrentAsync(Catalog.Current.Version, CancellationToken.None);
        Assert.Equal("2569.2", round.QuestionnaireVersion);
    }

    [Fact]
    public async Task AResponseOfA25691RoundIsScoredBy25691()
    {
        // DGP-1 "active" is an option of 2569.1 only (2569.2 asks DGP-1 differently): 2569.1 scores it, 2569.2 would not.
        var (agency, round) = await SeedAsync("2569.1", submitted: false, [("DGP-1", AnswerValue.Option("active"))]);
        Assert.Empty(Scorer.Score(Catalog.Framework, Catalog.Get("2569.1"), new Dictionary<string, AnswerValue> { ["DGP-1"] = AnswerValue.Option("active") }).InvalidAnswers);
        Assert.NotEmpty(Scorer.Score(Catalog.Framework, Catalog.Current, new Dictionary<string, AnswerValue> { ["DGP-1"] = AnswerValue.Option("active") }).InvalidAnswers);

        await using var db = _harness.NewDb();
        var report = (await Results(db).AgencyReportAsync(agency, round, CancellationToken.None))?.Report;

        Assert.Equal(100, report!.SubDimensions.Single(s => s.Code == "DGP").Score);
        Assert.Equal(Catalog.Get("2569.1").Questions.Count(q => q.IsScored) - 1, report.OpenQuestions); // 78 of 2569.1, not 2569.2's count
    }

    [Fact]
    public async Task TheStageIsEstimatedOnlyForASubmittedCompleteResponse()
    {
        var answers = Catalog.Current.Questions
            .Where(q => q.IsScored)
            .Select(q => (q.Id, q.IsChoice ? AnswerValue.Option(q.Options[0].Id) : AnswerValue.OfNumber(50)))
            .ToArray();
        var open = await SeedAsync("2569.2", submitted: false, answers);
        var done = await SeedAsync("2569.2", submitted: true, answers, agencyCode: "B");

        await using var db = _harness.NewDb();
        var results = Results(db);
        var notSubmitted = (await results.AgencyReportAsync(open.Agency, open.Round, CancellationToken.None))?.Report;
        var submitted = (await results.AgencyReportAsync(done.Agency, done.Round, CancellationToken.None))?.Report;

        Assert.Null(notSubmitted!.Stage);
        Assert.DoesNotContain("ประมาณการระดับ", ReportText.ScoreCard(notSubmitted), StringComparison.Ordinal);
        Assert.NotNull(submitted!.Stage);
        Assert.False(submitted.Provisional);
        Assert.Contains("ประมาณการระดับ (เกณฑ์ของ DgBot ไม่ใช่ผลประกาศ)", ReportText.ScoreCard(submitted), StringComparison.Ordinal);
        Assert.Contains("ค่าเฉลี่ยของด้านที่คิดคะแนน", ReportText.ScoreCard(submitted), StringComparison.Ordinal);
    }

    private static ResultsService Results(DgBotDbContext db) => new(db, Catalog, Options.Create(new ResultsOptions()));

    private async Task<(Agency Agency, SurveyRound Round)> SeedAsync(string version, bool submitted, (string Id, AnswerValue Value)[] answers, string agencyCode = "A")
    {
        await using var db = _harness.NewDb();
        var now = EngineHarness.DefaultStart.UtcDateTime;
        var round = db.Rounds.FirstOrDefault(r => r.QuestionnaireVersion == version);
        if (round is null)
        {
            round = new SurveyRound("r" + version, now.AddDays(30), version, now);
            db.Rounds.Add(round);
        }

        var agency = new Agency(agencyCode + version, "หน่วยงาน " + agencyCode, "ลำปาง", "จังหวัด", now);
        db.Agencies.Add(agency);
        await db.SaveChangesAsync();
        var response = new Response(agency.Id, round.Id, now);
        if (submitted)
        {
            response.Submit(null, now);
        }

        db.Responses.Add(response);
        await db.SaveChangesAsync();
        foreach (var (id, value) in answers)
        {
            db.Answers.Add(new Answer(response.Id, id, value.Serialize(), null, now));
        }

        await db.SaveChangesAsync();
        return (agency, round);
    }
}

