using System.Text;
using System.Text.Json.Nodes;
using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;
using DgBot.Core.Scoring;

namespace DgBot.Core.Tests.Questionnaires;

/// <summary>The 2569.2 additions to the file format: not-applicable options, "checks" and stage bands, and the coverage they give.</summary>
public sealed class QuestionnaireSchema25692Tests
{
    private static readonly ReadinessFramework Framework = new(
        [
            new Dimension("CAP", "Digital Capabilities", "ศักยภาพ", true,
                [new SubDimension("LCP", "CAP", "Leadership Continuity Plan", "แผนการสานต่อภารกิจ", new Guidance("s", ["plan", "continuity"], [], null))]),
            new Dimension("TEC", "Smart Technological Practices", "เทคโนโลยี", false,
                [new SubDimension("SMT", "TEC", "Social and Mobile", "มือถือ", new Guidance("s", ["apps"], [], null))]),
        ],
        [new Stage(1, "e-Government", "รัฐบาลอิเล็กทรอนิกส์", "d", 0), new Stage(2, "Open Government", "รัฐบาลเปิด", "d", 20)]);

    private const string ValidJson = """
        {
          "version": "2569.2",
          "title": "แบบสำรวจทดสอบ",
          "stages": { "note": "DgBot's own bands", "bands": [ {"level": 1, "minOverall": 0}, {"level": 2, "minOverall": 30} ] },
          "questions": [
            { "id": "LCP-1", "subDimension": "LCP", "guidancePoint": "plan", "checks": [1], "text": "หน่วยงานของท่านมีแผนสานต่อภารกิจหรือไม่", "type": "yesno",
              "options": [ {"id": "yes", "label": "มี", "points": 2}, {"id": "no", "label": "ไม่มี", "points": 0}, {"id": "parent", "label": "ต้นสังกัดดำเนินการ", "points": 0, "notApplicable": "parent"} ] },
            { "id": "LCP-2", "subDimension": "LCP", "guidancePoint": "continuity", "checks": [2], "text": "หน่วยงานของท่านทำสิ่งใดบ้าง", "type": "multi", "maxPoints": 2,
              "options": [ {"id": "a", "label": "ก", "points": 1}, {"id": "b", "label": "ข", "points": 1}, {"id": "none", "label": "ไม่มี", "points": 0, "exclusive": true},
                           {"id": "na", "label": "ไม่เกี่ยวข้อง", "points": 0, "exclusive": true, "notApplicable": "doesNotApply"} ] },
            { "id": "SMT-1", "subDimension": "SMT", "guidancePoint": "apps", "checks": [1], "text": "หน่วยงานของท่านมีแอปหรือไม่", "type": "yesno",
              "options": [ {"id": "yes", "label": "มี", "points": 2}, {"id": "no", "label": "ไม่มี", "points": 0} ] }
          ]
        }
        """;

    private static JsonNode Valid() => JsonNode.Parse(ValidJson)!;

    private static JsonNode Question(JsonNode root, string id) => root["questions"]!.AsArray().Single(q => (string?)q!["id"] == id)!;

    private static QuestionnaireLoadResult Load(JsonNode root)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(root.ToJsonString()));
        return QuestionnaireLoader.Load(stream, Framework);
    }

    private static void AssertRejected(JsonNode root, string? questionId, string field, string mention)
    {
        var result = Load(root);
        Assert.False(result.IsValid);
        Assert.Contains(result.Errors, e => e.QuestionId == questionId && e.Field == field && e.Message.Contains(mention, StringComparison.Ordinal));
    }

    [Fact]
    public void TheNewFieldsLoad()
    {
        var result = Load(Valid());
        Assert.True(result.IsValid, string.Join("\n", result.Errors));
        var q = result.Questionnaire!;
        Assert.Equal(NotApplicableReason.ParentAgency, q.Find("LCP-1")!.FindOption("parent")!.NotApplicable);
        Assert.Equal(NotApplicableReason.DoesNotApply, q.Find("LCP-2")!.FindOption("na")!.NotApplicable);
        Assert.Equal([2], q.Find("LCP-2")!.Checks);
        Assert.Equal(2, q.Find("LCP-2")!.MaximumPoints);
        Assert.Equal([new StageBand(1, 0), new StageBand(2, 30)], q.StageBands);
    }

    [Fact]
    public void ANotApplicableOptionEarnsNothingAndStandsAloneInAMulti()
    {
        var root = Valid();
        Question(root, "LCP-1")["options"]![2]!["points"] = 1;
        AssertRejected(root, "LCP-1", "options", "its points must be 0");

        root = Valid();
        Question(root, "LCP-2")["options"]![3]!.AsObject().Remove("exclusive");
        AssertRejected(root, "LCP-2", "options", "must also be exclusive");

        root = Valid();
        Question(root, "LCP-1")["options"]![2]!["notApplicable"] = "maybe";
        AssertRejected(root, "LCP-1", "options", "is not a reason");
    }

    [Fact]
    public void ChecksNameExistingActionsOfTheSubDimensionAndEveryScoredQuestionNamesSome()
    {
        var root = Valid();
        Question(root, "LCP-1")["checks"] = new JsonArray(3);
        AssertRejected(root, "LCP-1", "checks", "action 3 does not exist");

        root = Valid();
        Question(root, "LCP-1").AsObject().Remove("checks");
        AssertRejected(root, "LCP-1", "checks", "is missing");

        root = Valid();
        Question(root, "LCP-1")["checks"] = new JsonArray();
        AssertRejected(root, "LCP-1", "checks", "is empty");
    }

    [Fact]
    public void StageBandsMustStartAtZeroRiseAndNameStagesOfTheFramework()
    {
        var root = Valid();
        root["stages"]!["bands"]![0]!["minOverall"] = 5;
        AssertRejected(root, null, "stages", "must start at 0");

        root = Valid();
        root["stages"]!["bands"]![1]!["level"] = 7;
        AssertRejected(root, null, "stages", "level 7 is not a stage");

        root = Valid();
        root["stages"]!.AsObject().Remove("note");
        AssertRejected(root, null, "stages", "note is missing");
    }

    [Fact]
    public void CoverageListsEveryActionOfScoredSubDimensionsWithItsQuestions()
    {
        var q = Load(Valid()).Questionnaire!;
        var coverage = QuestionnaireCoverage.Of(Framework, q);

        Assert.Equal(["LCP 1 LCP-1", "LCP 2 LCP-2"], coverage.Select(c => $"{c.SubDimension} {c.Action} {string.Join(",", c.QuestionIds)}"));
        Assert.All(coverage, c => Assert.True(c.Covered));

        var root = Valid();
        Question(root, "LCP-2")["checks"] = new JsonArray(1);
        var gap = QuestionnaireCoverage.Of(Framework, Load(root).Questionnaire!);
        var missing = Assert.Single(gap, c => !c.Covered);
        Assert.Equal(("LCP", 2, "continuity"), (missing.SubDimension, missing.Action, missing.Text));
    }

    [Fact]
    public void TheStageEstimateUsesTheFilesBands()
    {
        var q = Load(Valid()).Questionnaire!;
        Assert.Equal(1, Scorer.StageFor(Framework, q.StageBands, 25)!.Level); // 25 is stage 2 by the framework's 20, stage 1 by the file's 30
        Assert.Equal(2, Scorer.StageFor(Framework, 25)!.Level);
        Assert.Equal(2, Scorer.StageFor(Framework, q.StageBands, 30)!.Level);
    }
}
