using System.Text;
using System.Text.Json.Nodes;
using DgBot.Core.Framework;

namespace DgBot.Core.Tests.Framework;

public sealed class FrameworkLoaderTests
{
    private static JsonNode BuiltInJson()
    {
        using var stream = typeof(FrameworkLoader).Assembly.GetManifestResourceStream(FrameworkLoader.BuiltInResourceName)!;
        return JsonNode.Parse(stream)!;
    }

    private static JsonNode Sub(JsonNode root, string code) =>
        root["dimensions"]!.AsArray()
            .SelectMany(d => d!["subDimensions"]!.AsArray())
            .Single(s => (string?)s!["code"] == code)!;

    private static ReadinessFramework Load(JsonNode root) => Load(root.ToJsonString());

    private static ReadinessFramework Load(string json)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return FrameworkLoader.Load(stream);
    }

    private static void AssertRejected(JsonNode root, params string[] mustMention)
    {
        var ex = Assert.Throws<FrameworkException>(() => Load(root));
        Assert.All(mustMention, m => Assert.Contains(m, ex.Message, StringComparison.Ordinal));
    }

    [Fact]
    public void LoadsTheEmbeddedFileUnchanged()
    {
        var framework = Load(BuiltInJson());
        Assert.Equal(FrameworkLoader.BuiltIn.SubDimensions.Select(s => s.Code), framework.SubDimensions.Select(s => s.Code));
        Assert.Equal(
            FrameworkLoader.BuiltIn.FindSubDimension("LCP")!.Guidance.Actions,
            framework.FindSubDimension("LCP")!.Guidance.Actions);
    }

    [Fact]
    public void RejectsADuplicateSubDimensionCode()
    {
        var root = BuiltInJson();
        Sub(root, "IOP")["code"] = "ERP";
        AssertRejected(root, "'ERP'", "code", "duplicate");
    }

    [Fact]
    public void RejectsASubDimensionCodeThatRepeatsADimensionCodeInAnotherCase()
    {
        var root = BuiltInJson();
        Sub(root, "DGP")["code"] = "pol";
        AssertRejected(root, "'pol'", "duplicate");
    }

    [Fact]
    public void RejectsAMissingSummaryNamingTheSubDimension()
    {
        var root = BuiltInJson();
        Sub(root, "LCP")["guidance"]!.AsObject().Remove("summary");
        AssertRejected(root, "'LCP'", "guidance.summary");
    }

    [Fact]
    public void RejectsABlankSummary()
    {
        var root = BuiltInJson();
        Sub(root, "DMG")["guidance"]!["summary"] = "   ";
        AssertRejected(root, "'DMG'", "guidance.summary");
    }

    [Fact]
    public void RejectsMoreThanFiveActions()
    {
        var root = BuiltInJson();
        var actions = Sub(root, "SSP")["guidance"]!["actions"]!.AsArray();
        while (actions.Count <= 5)
        {
            actions.Add("ดำเนินการเพิ่มเติม");
        }

        AssertRejected(root, "'SSP'", "guidance.actions", "6 actions");
    }

    [Fact]
    public void RejectsNoActions()
    {
        var root = BuiltInJson();
        Sub(root, "IOP")["guidance"]!["actions"] = new JsonArray();
        AssertRejected(root, "'IOP'", "guidance.actions");
    }

    [Fact]
    public void AcceptsAnActionOfExactly300CharactersButRejects301()
    {
        var root = BuiltInJson();
        var actions = Sub(root, "EAB")["guidance"]!["actions"]!.AsArray();
        actions[1] = new string('ก', 300);
        Assert.Equal(300, Load(root).FindSubDimension("EAB")!.Guidance.Actions[1].Length);

        actions[1] = new string('ก', 301);
        AssertRejected(root, "'EAB'", "guidance.actions[1]", "301");
    }

    [Fact]
    public void RejectsAMisspelledField()
    {
        var root = BuiltInJson();
        var guidance = Sub(root, "CSP")["guidance"]!.AsObject();
        var summary = guidance["summary"]!.GetValue<string>();
        guidance.Remove("summary");
        guidance["sumary"] = summary;
        var ex = Assert.Throws<FrameworkException>(() => Load(root));
        Assert.Contains("sumary", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RejectsAMissingScoredFlag()
    {
        var root = BuiltInJson();
        root["dimensions"]![5]!.AsObject().Remove("scored");
        AssertRejected(root, "'TEC'", "scored");
    }

    [Fact]
    public void RejectsADimensionWithoutSubDimensions()
    {
        var root = BuiltInJson();
        root["dimensions"]![3]!["subDimensions"] = new JsonArray();
        AssertRejected(root, "'BOF'", "subDimensions");
    }

    [Fact]
    public void RejectsFewerThanSixDimensions()
    {
        var root = BuiltInJson();
        root["dimensions"]!.AsArray().RemoveAt(5);
        AssertRejected(root, "dimensions", "5 entries");
    }

    [Fact]
    public void RejectsStageThresholdsThatDoNotRise()
    {
        var root = BuiltInJson();
        root["stages"]![3]!["minOverall"] = 40;
        AssertRejected(root, "stage 4", "minOverall");
    }

    [Fact]
    public void RejectsStagesOutOfOrder()
    {
        var root = BuiltInJson();
        var stages = root["stages"]!.AsArray();
        var second = stages[1]!.DeepClone();
        stages[1] = stages[2]!.DeepClone();
        stages[2] = second;
        AssertRejected(root, "stage 2", "level");
    }

    [Fact]
    public void RejectsAMissingStage()
    {
        var root = BuiltInJson();
        root["stages"]!.AsArray().RemoveAt(4);
        AssertRejected(root, "stages", "4 entries");
    }

    [Fact]
    public void RejectsMalformedJson()
    {
        var ex = Assert.Throws<FrameworkException>(() => Load("{ \"dimensions\": [ "));
        Assert.IsType<System.Text.Json.JsonException>(ex.InnerException, exactMatch: false);
    }

    [Fact]
    public void TreatsABlankDetailAsNoDetailAndMissingReferencesAsNone()
    {
        var root = BuiltInJson();
        var guidance = Sub(root, "DLD")["guidance"]!.AsObject();
        guidance["detail"] = " ";
        guidance.Remove("references");
        var dld = Load(root).FindSubDimension("DLD")!;
        Assert.Null(dld.Guidance.Detail);
        Assert.Empty(dld.Guidance.References);
    }
}
