using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using DgBot.Core.Framework;
using DgBot.Core.Reports.Documents;

namespace DgBot.Core.Reports.National;

/// <summary>
/// The national report as a <see cref="ReportDocument"/> (text, PDF): the counts; ๑. the five weakest sub-dimensions
/// over every submitted response, each with its guidance and actions; ๒. the national score table; ๓. response rate
/// and averages by province; ๔. the same by type of office; the dimension chart. A group below the minimum group size
/// shows its counts and "-" for every average. Thai digits in sentences, Arabic in tables, as the province report.
/// The Thai phrases live in Reports/Data/national-report.th.json.
/// </summary>
public static class NationalDocument
{
    private static readonly Lazy<Dictionary<string, string>> Phrases = new(Load);

    public static ReportDocument Build(ReadinessFramework framework, NationalResults results)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(results);
        var nation = results.Nation;
        var blocks = new List<DocumentBlock>
        {
            new ParagraphBlock(P("round", ("round", ThaiDigits.Convert(results.RoundName)))),
            new ParagraphBlock(P(
                "surveyed",
                ("provinces", ThaiDigits.Of(results.Provinces.Count)),
                ("surveyed", ThaiDigits.Of(nation.Surveyed)),
                ("submitted", ThaiDigits.Of(nation.Submitted)),
                ("rate", ThaiDigits.Convert(ReportText.Num(nation.ResponseRate))))),
        };

        // Sections are numbered as the province report's are: ๑., ๒., … in the order they appear.
        var section = 0;
        HeadingBlock Section(string key) => new($"{ThaiDigits.Of(++section)}. {P(key)}");

        if (nation.Report is not { } report)
        {
            blocks.Add(new ParagraphBlock(Pending(results.MinimumGroupSize), Bold: true));
        }
        else
        {
            blocks.Add(Section("improveHeading"));
            if (report.ImproveFirst.Count == 0)
            {
                blocks.Add(new ParagraphBlock(P("improveNone"), Level: 1));
            }

            foreach (var item in report.ImproveFirst)
            {
                blocks.Add(new ParagraphBlock(
                    P("improveItem", ("rank", ThaiDigits.Of(item.Rank)), ("nameEn", item.NameEn), ("nameTh", item.NameTh), ("score", ThaiDigits.Convert(ReportText.Num(item.Score))), ("summary", item.Guidance.Summary)),
                    Level: 1));
                foreach (var action in item.Guidance.Actions)
                {
                    blocks.Add(new ParagraphBlock("- " + action, Level: 2));
                }
            }

            blocks.Add(Section("tableHeading"));
            blocks.Add(ProvinceDocument.ScoreTable(report));
        }

        blocks.Add(Section("provincesHeading"));
        blocks.Add(new ParagraphBlock(P("columns", ("group", P("province")))));
        blocks.Add(GroupTable(framework, P("province"), results.Provinces));
        blocks.Add(Section("typesHeading"));
        blocks.Add(new ParagraphBlock(P("columns", ("group", P("type")))));
        blocks.Add(GroupTable(framework, P("typeColumn"), results.Types));
        blocks.Add(new ParagraphBlock(P("groupRule", ("minimum", ThaiDigits.Of(results.MinimumGroupSize)))));

        if (nation.Report is { } shown)
        {
            blocks.Add(new HeadingBlock(P("chartHeading")));
            blocks.Add(new ChartBlock(P("chartCaption"), shown.Dimensions.Select((d, i) => new ChartBar($"{i + 1}. {d.NameTh}", d.Score)).ToArray()));
        }

        return new ReportDocument(P("title", ("year", ThaiDigits.Of(results.BuddhistYear))), blocks);
    }

    /// <summary>The sentence shown instead of the national averages below the minimum group size.</summary>
    public static string Pending(int minimumGroupSize) => P("pending", ("minimum", ThaiDigits.Of(minimumGroupSize)));

    /// <summary>The display name of a group: an empty agency type is "(ไม่ระบุประเภท)".</summary>
    public static string GroupName(GroupResults group)
    {
        ArgumentNullException.ThrowIfNull(group);
        return group.Name.Length == 0 ? P("noType") : group.Name;
    }

    /// <summary>
    /// One row per group: name, surveyed, submitted, response rate, the six dimension averages and the overall, "-"
    /// where the group is below the minimum or the dimension is not scored.
    /// </summary>
    public static TableBlock GroupTable(ReadinessFramework framework, string groupHeader, IReadOnlyList<GroupResults> groups)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(groups);
        var dimensions = framework.Dimensions.Select(d => d.Code).ToList();
        var header = new List<string> { groupHeader, P("agencies"), P("submitted"), P("rate") };
        header.AddRange(dimensions.Select((_, i) => (i + 1).ToString(CultureInfo.InvariantCulture)));
        header.Add(P("overall"));
        var rows = groups.Select(g =>
        {
            var cells = new List<string>
            {
                GroupName(g),
                g.Surveyed.ToString(CultureInfo.InvariantCulture),
                g.Submitted.ToString(CultureInfo.InvariantCulture),
                ReportText.Num(g.ResponseRate),
            };
            cells.AddRange(dimensions.Select(code => ProvinceDocument.Figure(g.Report?.Dimensions.FirstOrDefault(d => d.Code == code)?.Score)));
            cells.Add(ProvinceDocument.Figure(g.Report?.Overall));
            return new TableRow(cells, Emphasis: false);
        }).ToList();
        var widths = new List<float> { 2.9f, 1.6f, 1.1f, 1.3f };
        widths.AddRange(dimensions.Select(_ => 0.95f));
        widths.Add(1.25f);
        return new TableBlock(header, rows, widths);
    }

    private static string P(string key, params (string Name, string Value)[] values)
    {
        if (!Phrases.Value.TryGetValue(key, out var template))
        {
            throw new InvalidOperationException($"Missing phrase '{key}' in national-report.th.json.");
        }

        foreach (var (name, value) in values)
        {
            template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return template;
    }

    private static Dictionary<string, string> Load()
    {
        const string name = "DgBot.Core.Reports.national-report.th.json";
        using var stream = typeof(NationalDocument).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        return JsonSerializer.Deserialize(stream, NationalPhrasesJsonContext.Default.DictionaryStringString)
            ?? throw new InvalidOperationException($"Embedded resource {name} is empty.");
    }
}

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class NationalPhrasesJsonContext : JsonSerializerContext;
