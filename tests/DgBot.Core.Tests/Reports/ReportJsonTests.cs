using System.Text.Json;
using DgBot.Core.Reports;

namespace DgBot.Core.Tests.Reports;

public class ReportJsonTests
{
    private static JsonElement Lampang(Dictionary<string, double>? peers = null)
    {
        var report = ReportBuilder.FromPublished(LampangFramework.Build(), LampangFramework.Dimensions(), LampangFramework.SubDimensions());
        if (peers is not null)
        {
            report = report with { ImproveFirst = [.. report.ImproveFirst.Select(i => i with { PeerScore = peers.TryGetValue(i.Code, out var p) ? p : null })] };
        }

        return JsonDocument.Parse(ReportJson.Serialize(report)).RootElement.Clone();
    }

    private static string[] Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();

    [Fact]
    public void WritesExactlyTheContractFields()
    {
        var root = Lampang();

        Assert.Equal(["dimensions", "subDimensions", "highest", "lowest", "overall", "stage", "improveFirst", "provisional", "openQuestions", "parentAgencyQuestions", "doesNotApplyQuestions"], Names(root));
        Assert.Equal(["code", "nameEn", "nameTh", "score"], Names(root.GetProperty("dimensions")[0]));
        Assert.Equal(["code", "nameEn", "nameTh", "dimensionCode", "score"], Names(root.GetProperty("subDimensions")[0]));
        Assert.Equal(["code", "nameEn", "score"], Names(root.GetProperty("highest")));
        Assert.Equal(["code", "nameEn", "score"], Names(root.GetProperty("lowest")));
        Assert.Equal(JsonValueKind.Null, root.GetProperty("stage").ValueKind); // published scores carry no stage estimate
        var withStage = ReportBuilder.FromPublished(LampangFramework.Build(), LampangFramework.Dimensions(), LampangFramework.SubDimensions()) with
        {
            Stage = new StageRef(2, "Open Government", "รัฐบาลเปิด"),
        };
        Assert.Equal(["level", "nameEn", "nameTh"], Names(JsonDocument.Parse(ReportJson.Serialize(withStage)).RootElement.GetProperty("stage")));
        var item = root.GetProperty("improveFirst")[0];
        Assert.Equal(["rank", "code", "nameEn", "nameTh", "score", "peerScore", "guidance"], Names(item));
        Assert.Equal(["summary", "actions"], Names(item.GetProperty("guidance")));
    }

    [Fact]
    public void WritesNotScoredAsNullAndValuesAsNumbers()
    {
        var root = Lampang(new Dictionary<string, double> { ["LCP"] = 20.5 });

        var tec = root.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "TEC");
        Assert.Equal(JsonValueKind.Null, tec.GetProperty("score").ValueKind);
        Assert.Equal(45.8, root.GetProperty("highest").GetProperty("score").GetDouble());
        Assert.Equal("Public Services", root.GetProperty("lowest").GetProperty("nameEn").GetString());
        Assert.Equal(20.5, root.GetProperty("improveFirst")[0].GetProperty("peerScore").GetDouble());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("improveFirst")[1].GetProperty("peerScore").ValueKind);
        Assert.False(root.GetProperty("provisional").GetBoolean());
        Assert.Equal(0, root.GetProperty("openQuestions").GetInt32());
    }

    [Fact]
    public void WritesThaiAsReadableText()
    {
        var report = ReportBuilder.FromPublished(LampangFramework.Build(), LampangFramework.Dimensions(), LampangFramework.SubDimensions());
        var json = ReportJson.Serialize(report);

        Assert.Contains("แผนการสานต่อภารกิจ", json, StringComparison.Ordinal);
        Assert.DoesNotContain("\\u0E", json, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void RoundTripsThroughDeserialize()
    {
        var report = ReportBuilder.FromPublished(LampangFramework.Build(), LampangFramework.Dimensions(), LampangFramework.SubDimensions());
        var back = ReportJson.Deserialize(ReportJson.Serialize(report, indented: false))!;

        Assert.Equal(report.Highest, back.Highest);
        Assert.Equal(report.Dimensions.Select(d => d.Score), back.Dimensions.Select(d => d.Score));
        Assert.Equal(report.ImproveFirst.Select(i => i.Code), back.ImproveFirst.Select(i => i.Code));
    }
}
