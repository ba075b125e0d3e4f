using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;
using static DgBot.Bot.Tests.Cli.ScoreCliRunner;

namespace DgBot.Bot.Tests.Cli;

/// <summary>`dgbot score --answers FILE.json` over the built-in framework and questionnaire.</summary>
public sealed class ScoreCommandTests : IDisposable
{
    private static readonly Questionnaire Survey = QuestionnaireLoader.BuiltIn();
    private readonly ScoreCliRunner _files = new();

    public void Dispose() => _files.Dispose();

    /// <summary>The best answer to every question: the top option, every non-exclusive option, a value in the top band.</summary>
    private static JsonObject BestAnswers()
    {
        var answers = new JsonObject();
        foreach (var q in Survey.Questions)
        {
            answers[q.Id] = q.Type switch
            {
                QuestionType.YesNo or QuestionType.Single => JsonValue.Create(q.Options.MaxBy(o => o.Points)!.Id),
                QuestionType.Multi => new JsonArray([.. q.Options.Where(o => !o.Exclusive).Select(o => (JsonNode)JsonValue.Create(o.Id)!)]),
                QuestionType.Number or QuestionType.Percent => JsonValue.Create(InsideBand(q.Bands.MaxBy(b => b.Points)!)),
                _ => JsonValue.Create("ข้อความ"),
            };
        }

        return answers;
    }

    private static double InsideBand(Band band) => band.Min ?? (band.Max is { } max ? max - 1 : 0);

    /// <summary>A scored question with no condition that no other question depends on.</summary>
    private static Question Standalone(QuestionType type) =>
        Survey.Questions.First(q => q.Type == type && q.Condition is null && !Survey.Questions.Any(c => c.Condition?.QuestionId == q.Id));

    private (int Exit, string Out, string Err) Score(string json, params string[] extra) =>
        Run(["score", "--answers", _files.WriteFile("answers.json", json), .. extra]);

    [Fact]
    public void BestAnswersScoreEveryScoredDimensionFull()
    {
        var (exit, output, error) = Score(BestAnswers().ToJsonString(), "--format", "json");

        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        foreach (var d in FrameworkLoader.BuiltIn.Dimensions)
        {
            var score = root.GetProperty("dimensions").EnumerateArray().Single(x => x.GetProperty("code").GetString() == d.Code).GetProperty("score");
            if (d.Scored)
            {
                Assert.Equal(100.0, score.GetDouble());
            }
            else
            {
                Assert.Equal(JsonValueKind.Null, score.ValueKind);
            }
        }

        Assert.Equal(100.0, root.GetProperty("overall").GetDouble());
        Assert.Equal(5, root.GetProperty("stage").GetProperty("level").GetInt32());
        Assert.Empty(root.GetProperty("improveFirst").EnumerateArray());
        Assert.False(root.GetProperty("provisional").GetBoolean());
    }

    [Fact]
    public void WorkedExampleOfTheDocsGivesTheHandComputedScores()
    {
        var (exit, output, error) = Run("score", "--answers", TestData("worked-example.json"), "--format", "json");

        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        var subs = root.GetProperty("subDimensions").EnumerateArray().ToDictionary(s => s.GetProperty("code").GetString()!, s => s.GetProperty("score"));
        Assert.Equal(50.0, subs["LCP"].GetDouble()); // 3 of 6, LCP-4 not asked
        Assert.Equal(30.0, subs["DLT"].GetDouble()); // 3 of 10, don't know counts its 3
        Assert.Equal(JsonValueKind.Null, subs["PPC"].ValueKind);
        var cap = root.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "CAP");
        Assert.Equal(37.5, cap.GetProperty("score").GetDouble()); // 6 of 16, not the mean 40.0
        Assert.Equal(37.5, root.GetProperty("overall").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("stage").ValueKind); // provisional: no stage estimate
        Assert.True(root.GetProperty("provisional").GetBoolean());
        Assert.Equal(["DLT", "LCP"], root.GetProperty("improveFirst").EnumerateArray().Select(i => i.GetProperty("code").GetString()));
    }

    [Fact]
    public void OneAnswerGivesAProvisionalScoreCardCountingTheOpenQuestions()
    {
        var q = Standalone(QuestionType.YesNo);
        var best = q.Options.MaxBy(o => o.Points)!;
        var open = Survey.Questions.Count(x => x.IsScored) - 1;
        var (exit, output, error) = Score($"{{\"{q.Id}\": \"{best.Id}\"}}");

        Assert.True(exit == 0, error);
        Assert.Contains($"(ผลเบื้องต้น ยังเหลือ {open.ToString(CultureInfo.InvariantCulture)} ข้อ)", output, StringComparison.Ordinal);
        var dimension = FrameworkLoader.BuiltIn.DimensionOf(FrameworkLoader.BuiltIn.FindSubDimension(q.SubDimension)!);
        Assert.Contains("สูงสุด: " + dimension.NameTh + " 100.0", output, StringComparison.Ordinal); // Thai first (issue 13)
        Assert.Contains("▰▰▰▰▰▰▰▰▰▰ 100.0", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ต่ำสุด", output, StringComparison.Ordinal); // one scored dimension: not also "lowest"
    }

    [Fact]
    public void DontKnowCountsAsZeroOutOfTheMaximum()
    {
        var q = Survey.Questions.First(x => x.AllowDontKnow && x.IsScored && x.Condition is null);
        var (exit, output, error) = Score($"{{\"{q.Id}\": \"dontknow\"}}", "--format", "json");

        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var sub = doc.RootElement.GetProperty("subDimensions").EnumerateArray().Single(s => s.GetProperty("code").GetString() == q.SubDimension);
        Assert.Equal(0.0, sub.GetProperty("score").GetDouble());
        Assert.Equal(q.SubDimension, doc.RootElement.GetProperty("improveFirst")[0].GetProperty("code").GetString());
    }

    [Fact]
    public void BrokenJsonNamesTheLine()
    {
        var (exit, output, error) = Score("{\n  \"DGP-1\": \"active\",\n  \"DGP-2\" \"all\"\n}");

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains("not valid JSON at line 3", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);

        // One line number, the 1-based one: not also the exception message's 0-based "LineNumber: 2".
        Assert.DoesNotContain("LineNumber", error, StringComparison.Ordinal);
        Assert.DoesNotContain("line 2", error, StringComparison.OrdinalIgnoreCase);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void EveryErrorOfTheAnswersFileIsReportedWithItsLine()
    {
        var yesNo = Standalone(QuestionType.YesNo);
        var best = yesNo.Options.MaxBy(o => o.Points)!;
        var (exit, output, error) = Score($$"""
            {
              "ZZZ-99": "yes",
              "{{yesNo.Id}}": 1,
              "QQQ-1": "no",
              "{{yesNo.Id}}": "{{best.Id}}"
            }
            """);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        var lines = error.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains("has 4 errors", lines[0], StringComparison.Ordinal);
        Assert.Contains("พบข้อผิดพลาด 4 รายการ", lines[0], StringComparison.Ordinal);
        Assert.Equal(5, lines.Count);
        Assert.Contains("line 2: \"ZZZ-99\": no such question", lines[1], StringComparison.Ordinal);
        Assert.Contains($"line 3: \"{yesNo.Id}\": a number does not fit a yes/no question", lines[2], StringComparison.Ordinal);
        Assert.Contains("line 4: \"QQQ-1\": no such question", lines[3], StringComparison.Ordinal);
        Assert.Contains($"line 5: \"{yesNo.Id}\": answered twice (first on line 3)", lines[4], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("[\"yes\"]", "expected a JSON object")]
    [InlineData("{}", "no answers")]
    public void UnusableFileExitsOne(string json, string message)
    {
        var (exit, _, error) = Score(json);

        Assert.Equal(1, exit);
        Assert.Contains(message, error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownQuestionIdIsNamed()
    {
        var (exit, _, error) = Score("{\"ZZZ-99\": \"yes\"}");

        Assert.Equal(1, exit);
        Assert.Contains("\"ZZZ-99\": no such question", error, StringComparison.Ordinal);
    }

    [Fact]
    public void WrongValueTypeIsNamed()
    {
        var q = Standalone(QuestionType.YesNo);
        var (exit, _, error) = Score($"{{\"{q.Id}\": 1}}");

        Assert.Equal(1, exit);
        Assert.Contains($"\"{q.Id}\": a number does not fit a yes/no question", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownOptionIsNamed()
    {
        var q = Standalone(QuestionType.Single);
        var (exit, _, error) = Score($"{{\"{q.Id}\": \"maybe\"}}");

        Assert.Equal(1, exit);
        Assert.Contains($"\"{q.Id}\": unknown option 'maybe'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void PercentAbove100IsNamed()
    {
        var q = Survey.Questions.First(x => x.Type == QuestionType.Percent);
        var (exit, _, error) = Score($"{{\"{q.Id}\": 120}}");

        Assert.Equal(1, exit);
        Assert.Contains($"\"{q.Id}\": a percentage must be between 0 and 100", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ExclusiveOptionWithOthersIsNamed()
    {
        var q = Survey.Questions.FirstOrDefault(x => x.Type == QuestionType.Multi && x.Options.Any(o => o.Exclusive));
        Assert.NotNull(q);
        var exclusive = q.Options.First(o => o.Exclusive).Id;
        var other = q.Options.First(o => !o.Exclusive).Id;
        var (exit, _, error) = Score($"{{\"{q.Id}\": [\"{other}\", \"{exclusive}\"]}}");

        Assert.Equal(1, exit);
        Assert.Contains($"\"{q.Id}\": option '{exclusive}' must be chosen alone", error, StringComparison.Ordinal);
    }

    [Fact]
    public void DontKnowWhereNotOfferedIsNamed()
    {
        var q = Survey.Questions.FirstOrDefault(x => !x.AllowDontKnow && x.IsScored);
        Assert.NotNull(q);
        var (exit, _, error) = Score($"{{\"{q.Id}\": \"dontknow\"}}");

        Assert.Equal(1, exit);
        Assert.Contains($"\"{q.Id}\"", error, StringComparison.Ordinal);
        Assert.Contains("not allowed", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingAnswersOptionIsAUsageError()
    {
        var (exit, _, error) = Run("score");

        Assert.Equal(2, exit);
        Assert.Contains("--answers", error, StringComparison.Ordinal);
    }
}
