using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using DgBot.Bot.Cli;
using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;

namespace DgBot.Bot.Tests.Cli;

/// <summary>`dgbot questionnaire check|show`, run in-process through the real command registration.</summary>
public sealed class QuestionnaireCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("dgbot-questionnaire-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private static (int Exit, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exit = DgBotCli.Build().Parse(args).Invoke(new InvocationConfiguration { Output = output, Error = error });
        return (exit, output.ToString(), error.ToString());
    }

    private static JsonNode BuiltInJson(string file = "questionnaire-2569.2.json")
    {
        using var stream = typeof(QuestionnaireLoader).Assembly.GetManifestResourceStream("DgBot.Core.Questionnaires." + file)!;
        return JsonNode.Parse(stream)!;
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    [Fact]
    public void CheckOnTheBuiltInQuestionnaireSucceedsWithASummaryTable()
    {
        var (exit, output, error) = Run("questionnaire", "check");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var questionnaire = QuestionnaireLoader.BuiltIn();
        Assert.Contains("valid", output, StringComparison.Ordinal);
        Assert.Contains("version " + questionnaire.Version, output, StringComparison.Ordinal);

        // One row per dimension and sub-dimension with its question count and maximum points, counts right-aligned in one column.
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        var header = Assert.Single(lines, l => l.StartsWith("Code", StringComparison.Ordinal));
        var countEnd = header.IndexOf("Questions", StringComparison.Ordinal) + "Questions".Length;
        foreach (var sub in FrameworkLoader.BuiltIn.SubDimensions)
        {
            var row = Assert.Single(lines, l => l.TrimStart().StartsWith(sub.Code + " ", StringComparison.Ordinal) && l.Contains(sub.NameEn, StringComparison.Ordinal));
            var inSub = questionnaire.Questions.Where(q => q.SubDimension == sub.Code).ToArray();
            var cells = row[..countEnd].TrimEnd().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.Equal(inSub.Length.ToString(System.Globalization.CultureInfo.InvariantCulture), cells[^1]);
            Assert.EndsWith(" " + inSub.Sum(q => q.MaximumPoints).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), row, StringComparison.Ordinal);
        }

        var total = Assert.Single(lines, l => l.TrimStart().StartsWith("Total", StringComparison.Ordinal));
        Assert.Contains(" " + questionnaire.Questions.Count + " ", total, StringComparison.Ordinal);
        Assert.Contains("Policies and Practices", output, StringComparison.Ordinal);
        Assert.Contains("(not scored)", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckOnAValidFileSucceeds()
    {
        var path = Write("valid.json", BuiltInJson().ToJsonString());

        var (exit, output, _) = Run("questionnaire", "check", path);

        Assert.Equal(0, exit);
        Assert.Contains(path + ": valid", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckPrintsTheGuidanceCoverageOfThe25692File()
    {
        var (exit, output, error) = Run("questionnaire", "check", Write("current.json", BuiltInJson().ToJsonString()));

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var coverage = QuestionnaireCoverage.Of(FrameworkLoader.BuiltIn, QuestionnaireLoader.BuiltIn("2569.2"));
        Assert.Contains($"Guidance coverage: {coverage.Count} of {coverage.Count} actions", output, StringComparison.Ordinal);
        Assert.Contains("DGP  1: DGP-1 | 2: DGP-2 | 3: DGP-3 | 4: DGP-4 DGP-7 DGP-8 | 5: DGP-6 DGP-5", output, StringComparison.Ordinal);
        Assert.DoesNotContain("NONE", output, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFailsWhenAGuidanceActionOfAScoredSubDimensionIsCheckedByNoQuestion()
    {
        // DGP-3 is the only question that checks DGP action 3 (participation channels on the website): point it elsewhere.
        var root = BuiltInJson();
        var dgp3 = root["questions"]!.AsArray().Single(q => q!["id"]!.GetValue<string>() == "DGP-3")!;
        dgp3["checks"] = new JsonArray(1);
        var path = Write("gap.json", root.ToJsonString());

        var (exit, output, error) = Run("questionnaire", "check", path);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("leaves 1 guidance action of scored sub-dimensions checked by no question", error, StringComparison.Ordinal);
        Assert.Contains("  DGP action 3: เปิดช่องทางบนเว็บไซต์", error, StringComparison.Ordinal);
        Assert.Contains("3: NONE", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckFailsOnThe25691FileWhichNamesNoGuidanceActions()
    {
        var (exit, _, error) = Run("questionnaire", "check", Write("old.json", BuiltInJson("questionnaire-2569.json").ToJsonString()));

        Assert.Equal(1, exit);
        var actions = QuestionnaireCoverage.Of(FrameworkLoader.BuiltIn, QuestionnaireLoader.BuiltIn("2569.1")).Count;
        Assert.Contains($"leaves {actions} guidance actions", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckOnABrokenFileListsEveryErrorAndExitsOne()
    {
        var root = BuiltInJson();
        var questions = root["questions"]!.AsArray();
        questions[1]!["options"]![1]!["id"] = questions[1]!["options"]![0]!["id"]!.GetValue<string>();
        questions[3]!["type"] = "rating";
        questions[10]!["text"] = new string('ก', 320);
        var path = Write("broken.json", root.ToJsonString());

        var (exit, output, error) = Run("questionnaire", "check", path);

        Assert.Equal(1, exit);
        Assert.Equal("", output);
        Assert.Contains("3 errors", error, StringComparison.Ordinal);
        Assert.Contains($"question {questions[1]!["id"]}, field options: duplicate option id", error, StringComparison.Ordinal);
        Assert.Contains($"question {questions[3]!["id"]}, field type: 'rating'", error, StringComparison.Ordinal);
        Assert.Contains($"question {questions[10]!["id"]}, field text: is 320 characters", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckOnAFileThatIsNotJsonNamesTheLineAndExitsOne()
    {
        var path = Write("syntax.json", "{\n  \"version\": \"2569.1\",\n  \"title\": \"x\"\n  \"questions\": []\n}\n");

        var (exit, _, error) = Run("questionnaire", "check", path);

        Assert.Equal(1, exit);
        Assert.Contains("field json: not valid JSON at line 4", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void CheckOnAMissingFileExitsOneWithoutAStackTrace()
    {
        var (exit, _, error) = Run("questionnaire", "check", Path.Combine(_dir, "nope.json"));

        Assert.Equal(1, exit);
        Assert.Contains("cannot read", error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowAsJsonCarriesEveryQuestionWithItsScoringData()
    {
        var (exit, output, error) = Run("questionnaire", "show", "--format", "json");

        Assert.Equal(0, exit);
        Assert.Equal("", error);
        var questionnaire = QuestionnaireLoader.BuiltIn();
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal(questionnaire.Version, root.GetProperty("version").GetString());
        var shown = root.GetProperty("questions").EnumerateArray().ToArray();
        Assert.Equal(questionnaire.Questions.Select(q => q.Id), shown.Select(q => q.GetProperty("id").GetString()));

        var lcp1 = shown.Single(q => q.GetProperty("id").GetString() == "LCP-1");
        Assert.Equal("LCP", lcp1.GetProperty("subDimension").GetProperty("code").GetString());
        Assert.Equal("Leadership Continuity Plan", lcp1.GetProperty("subDimension").GetProperty("nameEn").GetString());
        Assert.Equal("single", lcp1.GetProperty("type").GetString());
        Assert.True(lcp1.GetProperty("allowDontKnow").GetBoolean());
        Assert.Equal(questionnaire.Find("LCP-1")!.MaximumPoints, lcp1.GetProperty("maxPoints").GetDouble());
        Assert.Equal(
            questionnaire.Find("LCP-1")!.Options.Select(o => (o.Id, o.Points)),
            lcp1.GetProperty("options").EnumerateArray().Select(o => (o.GetProperty("id").GetString()!, o.GetProperty("points").GetDouble())));

        var speed = shown.Single(q => q.GetProperty("id").GetString() == "RIN-1");
        var bands = speed.GetProperty("bands").EnumerateArray().ToArray();
        Assert.Equal(questionnaire.Find("RIN-1")!.Bands.Count, bands.Length);
        Assert.Equal(JsonValueKind.Null, bands[^1].GetProperty("max").ValueKind);

        var followUp = shown.Single(q => q.GetProperty("id").GetString() == "CRI-2");
        Assert.Equal("CRI-1", followUp.GetProperty("condition").GetProperty("question").GetString());
        Assert.Equal(["yes"], followUp.GetProperty("condition").GetProperty("anyOf").EnumerateArray().Select(x => x.GetString()));
        Assert.Equal(JsonValueKind.Null, lcp1.GetProperty("condition").ValueKind);
        Assert.Contains(shown, q => q.GetProperty("options").EnumerateArray().Any(o => o.GetProperty("exclusive").GetBoolean()));
    }

    [Fact]
    public void ShowAsTextListsEachQuestionWithItsOptions()
    {
        var (exit, output, _) = Run("questionnaire", "show", "--format", "text");

        Assert.Equal(0, exit);
        Assert.Contains("CRI-2  multi", output, StringComparison.Ordinal);
        Assert.Contains("if CRI-1 in [yes]", output, StringComparison.Ordinal);
        Assert.Contains("none=", output, StringComparison.Ordinal);
    }

    [Fact]
    public void ShowRejectsAnUnknownFormat()
    {
        var (exit, _, error) = Run("questionnaire", "show", "--format", "xml");

        Assert.NotEqual(0, exit);
        Assert.Contains("xml", error, StringComparison.Ordinal);
    }
}
