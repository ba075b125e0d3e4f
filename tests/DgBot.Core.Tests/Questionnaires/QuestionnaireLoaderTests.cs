using System.Text;
using System.Text.Json.Nodes;
using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;

namespace DgBot.Core.Tests.Questionnaires;

/// <summary>
/// The validator on small files against a two-sub-dimension framework built here, so each test
/// breaks exactly one rule and can assert the error names the question and the field.
/// </summary>
public sealed class QuestionnaireLoaderTests
{
    private static readonly Guidance NoGuidance = new("summary", ["action"], [], null);

    private static readonly ReadinessFramework Framework = new(
        [
            new Dimension("CAP", "Digital Capabilities", "ศักยภาพ", true, [new SubDimension("LCP", "CAP", "Leadership Continuity Plan", "แผนการสานต่อภารกิจ", NoGuidance)]),
            new Dimension("POL", "Policies and Practices", "นโยบาย", true, [new SubDimension("CRI", "POL", "Critical Infrastructure", "โครงสร้างพื้นฐานที่สำคัญ", NoGuidance)]),
        ],
        [new Stage(1, "e-Government", "รัฐบาลอิเล็กทรอนิกส์", "d", 0)]);

    private const string ValidJson = """
        {
          "version": "2569.1",
          "title": "แบบสำรวจทดสอบ",
          "questions": [
            { "id": "LCP-1", "subDimension": "LCP", "guidancePoint": "succession plan", "text": "หน่วยงานของท่านมีแผนสานต่อภารกิจหรือไม่", "type": "yesno",
              "options": [ {"id": "yes", "label": "มี", "points": 2}, {"id": "partial", "label": "อยู่ระหว่างดำเนินการ", "points": 1}, {"id": "no", "label": "ไม่มี", "points": 0} ],
              "allowDontKnow": true },
            { "id": "LCP-2", "subDimension": "LCP", "guidancePoint": "successor", "text": "หน่วยงานของท่านเตรียมผู้สืบทอดระดับใด", "type": "single",
              "options": [ {"id": "ready", "label": "พร้อมแล้ว", "points": 3}, {"id": "some", "label": "บางส่วน", "points": 1}, {"id": "none", "label": "ยังไม่มี", "points": 0} ] },
            { "id": "LCP-3", "subDimension": "LCP", "guidancePoint": "continuity", "text": "หน่วยงานของท่านทำสิ่งใดบ้าง", "type": "multi", "maxPoints": 2,
              "options": [ {"id": "a", "label": "ก", "points": 1}, {"id": "b", "label": "ข", "points": 1}, {"id": "c", "label": "ค", "points": 1}, {"id": "none", "label": "ไม่มี", "points": 0, "exclusive": true} ] },
            { "id": "CRI-1", "subDimension": "CRI", "guidancePoint": "speed", "text": "ความเร็วอินเทอร์เน็ตของหน่วยงานของท่าน", "type": "number", "unit": "Mbps",
              "bands": [ {"min": 0, "max": 16, "points": 0}, {"min": 16, "max": 100, "points": 1}, {"min": 100, "max": null, "points": 2} ] },
            { "id": "CRI-2", "subDimension": "CRI", "guidancePoint": "coverage", "text": "ร้อยละของส่วนงานที่ครอบคลุม", "type": "percent",
              "bands": [ {"min": 0, "max": 50, "points": 0}, {"min": 50, "max": null, "points": 1} ],
              "condition": { "question": "LCP-1", "anyOf": ["yes", "partial"] } },
            { "id": "CRI-3", "subDimension": "CRI", "guidancePoint": "comment", "text": "ข้อเสนอแนะเพิ่มเติม", "type": "text" }
          ]
        }
        """;

    private static JsonNode Valid() => JsonNode.Parse(ValidJson)!;

    private static JsonNode Question(JsonNode root, string id) =>
        root["questions"]!.AsArray().Single(q => (string?)q!["id"] == id)!;

    private static QuestionnaireLoadResult Load(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return QuestionnaireLoader.Load(stream, Framework);
    }

    private static QuestionnaireLoadResult Load(JsonNode root) => Load(root.ToJsonString());

    /// <summary>Asserts the file is refused with an error on <paramref name="questionId"/>'s <paramref name="field"/> whose message mentions every fragment.</summary>
    private static QuestionnaireError AssertRejected(JsonNode root, string? questionId, string field, params string[] mentions) =>
        AssertRejected(Load(root), questionId, field, mentions);

    private static QuestionnaireError AssertRejected(QuestionnaireLoadResult result, string? questionId, string field, params string[] mentions)
    {
        Assert.Null(result.Questionnaire);
        Assert.False(result.IsValid);
        var error = Assert.Single(result.Errors, e => e.QuestionId == questionId && e.Field == field);
        Assert.All(mentions, m => Assert.Contains(m, error.Message, StringComparison.Ordinal));
        var text = error.ToString();
        Assert.Contains(field, text, StringComparison.Ordinal);
        if (questionId is not null)
        {
            Assert.StartsWith($"question {questionId}, field {field}: ", text, StringComparison.Ordinal);
        }

        return error;
    }

    [Fact]
    public void LoadsAValidFileWithEveryAnswerType()
    {
        var result = Load(ValidJson);

        Assert.Empty(result.Errors);
        var q = result.Questionnaire!;
        Assert.Equal("2569.1", q.Version);
        Assert.Equal(["LCP-1", "LCP-2", "LCP-3", "CRI-1", "CRI-2", "CRI-3"], q.Questions.Select(x => x.Id));
        Assert.Equal(
            [QuestionType.YesNo, QuestionType.Single, QuestionType.Multi, QuestionType.Number, QuestionType.Percent, QuestionType.Text],
            q.Questions.Select(x => x.Type));
        Assert.True(q.Find("LCP-1")!.AllowDontKnow);
        Assert.False(q.Find("LCP-2")!.AllowDontKnow);
        Assert.Equal(1, q.Find("LCP-1")!.FindOption("partial")!.Points);
        Assert.Equal(3, q.Find("LCP-2")!.MaximumPoints);
        Assert.Equal(2, q.Find("LCP-3")!.MaximumPoints);
        Assert.True(q.Find("LCP-3")!.FindOption("none")!.Exclusive);
        Assert.Equal("Mbps", q.Find("CRI-1")!.Unit);
        Assert.Equal(new Band(100, null, 2), q.Find("CRI-1")!.Bands[2]);
        var condition = q.Find("CRI-2")!.Condition!;
        Assert.Equal("LCP-1", condition.QuestionId);
        Assert.Equal(["yes", "partial"], condition.AnyOf);
        Assert.False(q.Find("CRI-3")!.IsScored);
    }

    [Fact]
    public void ReportsBrokenJsonWithLineAndBytePosition()
    {
        var broken = ValidJson.Replace("\"type\": \"single\",", "\"type\": \"single\"", StringComparison.Ordinal);
        var line = ValidJson[..ValidJson.IndexOf("\"type\": \"single\",", StringComparison.Ordinal)].Count(c => c == '\n') + 2;

        var error = AssertRejected(Load(broken), null, "json", "not valid JSON", $"line {line}, byte ");
        Assert.DoesNotContain("   at ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAFieldNameTheFormatDoesNotHave()
    {
        var root = Valid();
        Question(root, "LCP-2")["alowDontKnow"] = true;
        AssertRejected(root, "LCP-2", "alowDontKnow", "unknown field 'alowDontKnow'", "line 1, byte ");
    }

    [Fact]
    public void RejectsAValueOfTheWrongKindNamingTheQuestion()
    {
        var root = Valid();
        Question(root, "LCP-2")["options"]![0]!["points"] = "two";
        AssertRejected(root, "LCP-2", "options", "points must be a number", "path $.questions[1].options[0].points");
    }

    [Fact]
    public void RejectsAFileThatIsNotAQuestionnaireObject()
    {
        AssertRejected(Load("[1, 2]"), null, "json", "the file must be a questionnaire object");
        AssertRejected(Load("null"), null, "file", "null");
    }

    [Theory]
    [InlineData("")]
    [InlineData("  \n\t ")]
    [InlineData("\uFEFF")]
    public void RejectsAnEmptyFile(string content)
    {
        AssertRejected(Load(content), null, "file", "empty");
    }

    [Fact]
    public void RejectsAFileWithoutQuestions()
    {
        var root = Valid();
        root["questions"] = new JsonArray();
        AssertRejected(root, null, "questions", "no questions");
    }

    [Fact]
    public void RejectsAMissingVersion()
    {
        var root = Valid();
        root.AsObject().Remove("version");
        AssertRejected(root, null, "version", "missing");
    }

    [Fact]
    public void RejectsAnUnknownSubDimension()
    {
        var root = Valid();
        Question(root, "CRI-3")["subDimension"] = "XYZ";
        AssertRejected(root, "CRI-3", "subDimension", "'XYZ'", "not a sub-dimension");
    }

    [Fact]
    public void RejectsQuestionsOutOfFrameworkOrder()
    {
        // The test framework lists LCP before CRI; move a CRI question in front of the LCP ones.
        var root = Valid();
        var questions = root["questions"]!.AsArray();
        var cri3 = Question(root, "CRI-3");
        questions.Remove(cri3);
        questions.Insert(1, cri3);
        var result = Load(root);
        Assert.Null(result.Questionnaire);
        var errors = result.Errors.Where(e => e.Field == "subDimension").ToArray();
        Assert.Equal(["LCP-2", "LCP-3"], errors.Select(e => e.QuestionId));
        Assert.Contains("follows CRI-3", errors[0].Message, StringComparison.Ordinal);
        Assert.Contains("framework order", errors[0].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAnIdThatDoesNotStartWithItsSubDimension()
    {
        var root = Valid();
        Question(root, "CRI-3")["id"] = "LCP-9";
        AssertRejected(root, "LCP-9", "id", "CRI");
    }

    [Fact]
    public void RejectsADuplicateQuestionId()
    {
        var root = Valid();
        Question(root, "LCP-3")["id"] = "lcp-2";
        AssertRejected(root, "lcp-2", "id", "duplicate", "#3", "#2");
    }

    [Fact]
    public void NamesAQuestionWithoutIdByItsPosition()
    {
        var root = Valid();
        Question(root, "LCP-2").AsObject().Remove("id");
        AssertRejected(root, "#2", "id", "missing");
    }

    [Fact]
    public void RejectsAMissingType()
    {
        var root = Valid();
        Question(root, "LCP-2").AsObject().Remove("type");
        AssertRejected(root, "LCP-2", "type", "missing");
    }

    [Fact]
    public void RejectsAnUnknownType()
    {
        var root = Valid();
        Question(root, "LCP-2")["type"] = "rating";
        AssertRejected(root, "LCP-2", "type", "'rating'");
    }

    [Theory]
    [InlineData("LCP-1")]
    [InlineData("LCP-2")]
    [InlineData("LCP-3")]
    public void RejectsAChoiceQuestionWithoutOptions(string id)
    {
        var root = Valid();
        Question(root, id).AsObject().Remove("options");
        AssertRejected(root, id, "options", "needs options");
    }

    [Fact]
    public void RejectsADuplicateOptionId()
    {
        var root = Valid();
        Question(root, "LCP-2")["options"]![1]!["id"] = "ready";
        AssertRejected(root, "LCP-2", "options", "duplicate option id 'ready'");
    }

    [Fact]
    public void RejectsNegativePoints()
    {
        var root = Valid();
        Question(root, "LCP-2")["options"]![2]!["points"] = -1;
        AssertRejected(root, "LCP-2", "options", "'none'", "negative points");
    }

    [Fact]
    public void RejectsAnOptionLabelOverTwentyCharacters()
    {
        var root = Valid();
        Question(root, "LCP-2")["options"]![0]!["label"] = new string('ก', 21);
        AssertRejected(root, "LCP-2", "options", "'ready'", "21 characters");
    }

    [Theory]
    [InlineData("Ready")]
    [InlineData("toolongid")]
    [InlineData("a-b")]
    public void RejectsAnOptionIdThatIsNotShortLowercaseAscii(string optionId)
    {
        var root = Valid();
        Question(root, "LCP-2")["options"]![0]!["id"] = optionId;
        AssertRejected(root, "LCP-2", "options", $"'{optionId}'", "button payloads");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void RejectsAMultiQuestionWhoseMaxPointsIsNotPositive(double maxPoints)
    {
        var root = Valid();
        Question(root, "LCP-3")["maxPoints"] = maxPoints;
        AssertRejected(root, "LCP-3", "maxPoints", "above 0");
    }

    [Fact]
    public void RejectsAMultiQuestionWithOnlyExclusiveOptions()
    {
        var root = Valid();
        Question(root, "LCP-3")["options"] = JsonNode.Parse("""[ {"id": "none", "label": "ไม่มี", "points": 0, "exclusive": true} ]""");
        AssertRejected(root, "LCP-3", "options", "not exclusive");
    }

    [Fact]
    public void RejectsMaxPointsOnAQuestionThatIsNotMulti()
    {
        var root = Valid();
        Question(root, "LCP-2")["maxPoints"] = 2;
        AssertRejected(root, "LCP-2", "maxPoints", "multi");
    }

    [Theory]
    [InlineData("CRI-1")]
    [InlineData("CRI-2")]
    public void RejectsANumberOrPercentQuestionWithoutBands(string id)
    {
        var root = Valid();
        Question(root, id).AsObject().Remove("bands");
        AssertRejected(root, id, "bands", "needs bands");
    }

    [Fact]
    public void RejectsOverlappingBands()
    {
        var root = Valid();
        Question(root, "CRI-1")["bands"]![1]!["min"] = 10;
        AssertRejected(root, "CRI-1", "bands", "[0, 16)", "[10, 100)", "overlap");
    }

    [Fact]
    public void RejectsTwoOpenEndedBandsAsOverlapping()
    {
        var root = Valid();
        Question(root, "CRI-1")["bands"]![1]!["max"] = null;
        AssertRejected(root, "CRI-1", "bands", "overlap");
    }

    [Fact]
    public void AcceptsBandsThatTouchAtABoundary()
    {
        // [0,16) and [16,100): 16 belongs to the second band only; touching is not overlapping.
        var result = Load(Valid());
        Assert.True(result.IsValid);
        Assert.Equal(1, result.Questionnaire!.Find("CRI-1")!.Bands.Single(b => b.Min <= 16 && (b.Max is null || 16 < b.Max)).Points);
    }

    [Theory]
    [InlineData(-5, 50)]
    [InlineData(50, 120)]
    public void RejectsPercentBandsOutsideZeroToHundred(double min, double max)
    {
        var root = Valid();
        Question(root, "CRI-2")["bands"] = JsonNode.Parse($$"""[ {"min": {{min}}, "max": {{max}}, "points": 1} ]""");
        var result = Load(root);
        Assert.Null(result.Questionnaire);
        Assert.Contains(result.Errors, e => e.QuestionId == "CRI-2" && e.Field == "bands" && e.Message.Contains("outside 0–100", StringComparison.Ordinal));
    }

    [Fact]
    public void RejectsBandsWithAGap()
    {
        var root = Valid();
        Question(root, "CRI-1")["bands"]![1]!["min"] = 20;
        AssertRejected(root, "CRI-1", "bands", "[0, 16)", "[20, 100)", "gap");
    }

    [Fact]
    public void RejectsBandsThatDoNotStartAtZero()
    {
        var root = Valid();
        Question(root, "CRI-1")["bands"]![0]!["min"] = 1;
        AssertRejected(root, "CRI-1", "bands", "starts at 1");
    }

    [Fact]
    public void RejectsPercentBandsThatCannotScoreOneHundred()
    {
        var root = Valid();
        Question(root, "CRI-2")["bands"]![1]!["max"] = 100;
        AssertRejected(root, "CRI-2", "bands", "100%", "max null");
    }

    [Fact]
    public void RejectsAConditionOnALaterQuestion()
    {
        var root = Valid();
        Question(root, "LCP-2")["condition"] = JsonNode.Parse("""{ "question": "LCP-3", "anyOf": ["a"] }""");
        AssertRejected(root, "LCP-2", "condition", "LCP-3", "later", "earlier question");
    }

    [Fact]
    public void RejectsAConditionOnItself()
    {
        var root = Valid();
        Question(root, "LCP-2")["condition"] = JsonNode.Parse("""{ "question": "LCP-2", "anyOf": ["ready"] }""");
        AssertRejected(root, "LCP-2", "condition", "itself");
    }

    [Fact]
    public void RejectsAConditionOnAMissingQuestion()
    {
        var root = Valid();
        Question(root, "CRI-2")["condition"]!["question"] = "LCP-7";
        AssertRejected(root, "CRI-2", "condition", "LCP-7", "does not exist");
    }

    [Fact]
    public void RejectsAConditionWithAnUnknownOptionId()
    {
        var root = Valid();
        Question(root, "CRI-2")["condition"]!["anyOf"] = JsonNode.Parse("""["yes", "maybe"]""");
        AssertRejected(root, "CRI-2", "condition", "'maybe'", "LCP-1", "yes, partial, no");
    }

    [Fact]
    public void RejectsAConditionOnAQuestionWithoutOptions()
    {
        var root = Valid();
        Question(root, "CRI-2")["condition"] = JsonNode.Parse("""{ "question": "CRI-1", "anyOf": ["yes"] }""");
        AssertRejected(root, "CRI-2", "condition", "CRI-1", "not a choice question");
    }

    [Fact]
    public void RejectsAConditionWithoutOptionIds()
    {
        var root = Valid();
        Question(root, "CRI-2")["condition"]!["anyOf"] = new JsonArray();
        AssertRejected(root, "CRI-2", "condition", "anyOf");
    }

    [Fact]
    public void RejectsQuestionTextOverThreeHundredCharacters()
    {
        var root = Valid();
        Question(root, "LCP-2")["text"] = new string('ก', 301);
        AssertRejected(root, "LCP-2", "text", "301 characters", "300");
    }

    [Fact]
    public void AcceptsQuestionTextOfExactlyThreeHundredCharacters()
    {
        var root = Valid();
        Question(root, "LCP-2")["text"] = new string('ก', 300);
        Assert.True(Load(root).IsValid);
    }

    [Fact]
    public void RejectsAQuestionWithoutGuidancePoint()
    {
        var root = Valid();
        Question(root, "LCP-2")["guidancePoint"] = " ";
        AssertRejected(root, "LCP-2", "guidancePoint", "missing");
    }

    [Fact]
    public void RejectsASubDimensionOfTheFrameworkLeftWithoutQuestions()
    {
        var root = Valid();
        var questions = root["questions"]!.AsArray();
        foreach (var q in questions.Where(q => (string?)q!["subDimension"] == "CRI").ToArray())
        {
            questions.Remove(q);
        }

        AssertRejected(root, null, "subDimension", "CRI", "Critical Infrastructure", "no questions");
    }

    [Fact]
    public void RejectsAYesNoQuestionWithoutTheNoOption()
    {
        var root = Valid();
        Question(root, "LCP-1")["options"]![2]!["id"] = "nope";
        var result = Load(root);
        Assert.Contains(result.Errors, e => e.QuestionId == "LCP-1" && e.Field == "options" && e.Message.Contains("'yes' and 'no'", StringComparison.Ordinal));
        Assert.Contains(result.Errors, e => e.QuestionId == "LCP-1" && e.Field == "options" && e.Message.Contains("'nope'", StringComparison.Ordinal));
    }

    [Fact]
    public void RejectsAYesNoQuestionWithSingleChoiceOptions()
    {
        var root = Valid();
        Question(root, "LCP-2")["type"] = "yesno";
        var result = Load(root);
        Assert.Null(result.Questionnaire);
        Assert.Contains(result.Errors, e => e.QuestionId == "LCP-2" && e.Field == "options" && e.Message.Contains("'yes' and 'no'", StringComparison.Ordinal));
    }

    [Fact]
    public void CollectsEveryErrorNotOnlyTheFirst()
    {
        var root = Valid();
        Question(root, "LCP-1")["text"] = new string('ก', 400);
        Question(root, "LCP-2")["options"]![1]!["id"] = "ready";
        Question(root, "CRI-1")["bands"]![0]!["points"] = -1;
        Question(root, "CRI-3")["type"] = "essay";

        var result = Load(root);

        Assert.Null(result.Questionnaire);
        Assert.Equal(
            ["LCP-1 text", "LCP-2 options", "CRI-1 bands", "CRI-3 type"],
            result.Errors.Select(e => $"{e.QuestionId} {e.Field}"));
    }

    [Fact]
    public void ErrorTextNamesTheQuestionAndTheField()
    {
        Assert.Equal("question LCP-2, field options: duplicate option id 'a'", new QuestionnaireError("LCP-2", "options", "duplicate option id 'a'").ToString());
        Assert.Equal("field json: not valid JSON", new QuestionnaireError(null, "json", "not valid JSON").ToString());
    }
}
