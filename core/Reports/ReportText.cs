using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using DgBot.Core.Framework;

namespace DgBot.Core.Reports;

/// <summary>
/// Plain-text Thai renderings of a <see cref="ScoreReport"/>, short enough for a phone. The Thai phrases live in
/// Reports/Data/report-text.th.json; numbers are written with one decimal (InvariantCulture "0.0").
/// </summary>
public static class ReportText
{
    /// <summary>Cells in the text bar; each is 10 points.</summary>
    public const int BarCells = 10;

    private static readonly Lazy<Dictionary<string, string>> Phrases = new(LoadPhrases);

    /// <summary>The score card: each dimension with a bar, highest and lowest, the overall score and the stage.</summary>
    public static string ScoreCard(ScoreReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder();
        sb.AppendLine(P("scoreCardTitle"));
        if (r.Provisional)
        {
            sb.AppendLine(P("provisional", ("count", Count(r.OpenQuestions))));
        }

        for (var i = 0; i < r.Dimensions.Count; i++)
        {
            var d = r.Dimensions[i];
            sb.AppendLine(P("dimensionLine", ("number", Count(i + 1)), ("nameTh", d.NameTh), ("nameEn", d.NameEn)));
            if (d.Score is { } score)
            {
                sb.AppendLine(P("scoreBar", ("bar", Bar(score)), ("score", Num(score))) + ChangeSuffix(r, d.Change));
                foreach (var band in d.Peers ?? [])
                {
                    sb.AppendLine(PeerLine(band));
                }
            }
            else
            {
                sb.AppendLine(!d.Scored ? P("notScored") : d.AllNotApplicable ? P("allNotApplicable") : P("noScoreYet"));
            }
        }

        if (r.Highest is { } high)
        {
            sb.AppendLine(P("highest", ("nameTh", NameTh(r, high.Code)), ("nameEn", high.NameEn), ("score", Num(high.Score))));
        }

        if (r.Lowest is { } low && low.Code != r.Highest?.Code)
        {
            sb.AppendLine(P("lowest", ("nameTh", NameTh(r, low.Code)), ("nameEn", low.NameEn), ("score", Num(low.Score))));
        }

        if (r.Overall is { } overall)
        {
            sb.AppendLine(P("overall", ("score", Num(overall))) + ChangeSuffix(r, r.Progress?.OverallChange));
            if (r.Stage is { } stage)
            {
                sb.AppendLine(P("stage", ("level", Count(stage.Level)), ("nameTh", stage.NameTh), ("nameEn", stage.NameEn)));
            }
        }
        else
        {
            sb.AppendLine(P("noOverall"));
        }

        AppendOutOfScope(sb, r);
        AppendVersionsNote(sb, r);
        return sb.ToString().TrimEnd();
    }

    /// <summary>
    /// " (+8.2 จากรอบ 2568)" after a score that has a change since the previous round (see <see cref="ScoreReport.Progress"/>);
    /// " (-3.1 จากรอบ 2568 แย่ลง)" when it fell; empty without a change.
    /// </summary>
    public static string ChangeSuffix(ScoreReport r, double? change)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.Progress is not { } progress || change is not { } c)
        {
            return string.Empty;
        }

        return P(c < 0 ? "changeWorse" : "change", ("change", WithSign(c)), ("round", progress.PreviousRound));
    }

    /// <summary>"อยู่ใน 25% แรกของสำนักงานสถิติจังหวัด 76 แห่ง", or for the province "ในจังหวัด: อยู่ใน … ของหน่วยงานในจังหวัด 19 แห่ง".</summary>
    public static string PeerBandText(PeerBand band)
    {
        ArgumentNullException.ThrowIfNull(band);
        var group = band.Scope == PeerScope.Province ? P("peerProvinceGroup") : band.Group;
        return P("peerBand" + Count(Math.Clamp(band.Quartile, 1, 4)), ("group", group), ("size", Count(band.GroupSize)));
    }

    /// <summary>A peer band as its own line: "ทั่วประเทศ: อยู่ใน 25% แรกของ…" or "ในจังหวัด: …".</summary>
    public static string PeerLine(PeerBand band) =>
        P(band.Scope == PeerScope.Province ? "peerProvince" : "peerType", ("band", PeerBandText(band)));

    /// <summary>When the two rounds used different questionnaire versions, says so (they are compared by code).</summary>
    private static void AppendVersionsNote(StringBuilder sb, ScoreReport r)
    {
        if (r.Progress is { VersionsDiffer: true } progress)
        {
            sb.AppendLine(VersionsNote(progress));
        }
    }

    /// <summary>The note that the previous round used another questionnaire version, so scores are compared by code.</summary>
    public static string VersionsNote(ProgressRef progress)
    {
        ArgumentNullException.ThrowIfNull(progress);
        return P("progressVersions", ("round", progress.PreviousRound), ("previousVersion", progress.PreviousVersion), ("version", progress.Version));
    }

    /// <summary>A phrase of report-text.th.json with its placeholders filled (for the documents, which share the phrases).</summary>
    internal static string Phrase(string key, params (string Name, string Value)[] values) => P(key, values);

    /// <summary>
    /// The improvement list as a phone-sized card: rank, Thai name and score of each item, and the others' average and
    /// gap when known. The guidance of each item is its own message, on request (<see cref="ImproveItemDetail"/>).
    /// </summary>
    public static string ImproveCard(ScoreReport r) => Improve(r, withGuidance: false);

    /// <summary>The improvement list in full (for the command line): rank, name, score, peer average and gap (when known), summary and actions.</summary>
    public static string ImproveList(ScoreReport r) => Improve(r, withGuidance: true);

    private static string Improve(ScoreReport r, bool withGuidance)
    {
        ArgumentNullException.ThrowIfNull(r);
        if (r.ImproveFirst.Count == 0)
        {
            return P("improveNone");
        }

        var sb = new StringBuilder();
        sb.AppendLine(P("improveTitle", ("count", Count(r.ImproveFirst.Count))));
        foreach (var item in r.ImproveFirst)
        {
            if (withGuidance)
            {
                sb.AppendLine(); // each item with its guidance is a paragraph; the card is one line per item
            }

            AppendItemHead(sb, r, item);
            if (!withGuidance)
            {
                continue;
            }

            sb.AppendLine(item.Guidance.Summary);
            foreach (var action in item.Guidance.Actions)
            {
                sb.AppendLine(P("action", ("text", action)));
            }
        }

        AppendVersionsNote(sb, r);
        return sb.ToString().TrimEnd();
    }

    /// <summary>The full guidance for one item of the improvement list (1-based rank), with detail and references.</summary>
    public static string ImproveItemDetail(ScoreReport r, int rank, ReadinessFramework f)
    {
        ArgumentNullException.ThrowIfNull(r);
        ArgumentNullException.ThrowIfNull(f);
        var item = r.ImproveFirst.FirstOrDefault(i => i.Rank == rank);
        var sub = item is null ? null : f.FindSubDimension(item.Code);
        if (item is null || sub is null)
        {
            return P("detailNotFound", ("rank", Count(rank)));
        }

        var g = sub.Guidance;
        var sb = new StringBuilder();
        sb.AppendLine(P("detailTitle", ("rank", Count(rank)), ("nameEn", item.NameEn), ("nameTh", item.NameTh), ("score", Num(item.Score))) + ChangeSuffix(r, item.Change));
        if (item.PeerScore is { } peer)
        {
            sb.AppendLine(P("peer", ("peer", Num(peer)), ("gap", WithSign(item.Gap!.Value))));
        }

        sb.AppendLine();
        sb.AppendLine(g.Summary);
        if (!string.IsNullOrWhiteSpace(g.Detail))
        {
            sb.AppendLine();
            sb.AppendLine(g.Detail.Trim());
        }

        if (g.Actions.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(P("detailActions"));
            foreach (var action in g.Actions)
            {
                sb.AppendLine(P("action", ("text", action)));
            }
        }

        if (g.References.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(P("detailReferences"));
            foreach (var reference in g.References)
            {
                sb.AppendLine(P("action", ("text", reference)));
            }
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>The report in the style of the seed's letter: highest, lowest, the ranks to improve with their summaries.</summary>
    public static string Letter(ScoreReport r)
    {
        ArgumentNullException.ThrowIfNull(r);
        var sb = new StringBuilder();
        if (r.Highest is { } high)
        {
            sb.AppendLine(P("letterHighest", ("nameEn", high.NameEn), ("nameTh", NameTh(r, high.Code)), ("score", Num(high.Score))));
        }

        if (r.Lowest is { } low && low.Code != r.Highest?.Code)
        {
            sb.AppendLine(P("letterLowest", ("nameEn", low.NameEn), ("nameTh", NameTh(r, low.Code)), ("score", Num(low.Score))));
        }

        if (r.Overall is { } overall && r.Stage is { } stage)
        {
            sb.AppendLine(P("letterStage", ("score", Num(overall)), ("level", Count(stage.Level)), ("nameTh", stage.NameTh), ("nameEn", stage.NameEn)));
        }

        if (r.ImproveFirst.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine(P("letterImprove", ("count", Count(r.ImproveFirst.Count))));
            foreach (var item in r.ImproveFirst)
            {
                sb.AppendLine(P("letterItem", ("rank", Count(item.Rank)), ("nameEn", item.NameEn), ("nameTh", item.NameTh), ("score", Num(item.Score)), ("summary", item.Guidance.Summary)));
            }
        }

        if (r.ParentAgencyQuestions.Count > 0 || r.DoesNotApplyQuestions.Count > 0)
        {
            sb.AppendLine();
            AppendOutOfScope(sb, r);
        }

        if (r.Provisional)
        {
            sb.AppendLine();
            sb.AppendLine(P("letterProvisional", ("count", Count(r.OpenQuestions))));
        }

        return sb.ToString().TrimEnd();
    }

    /// <summary>A 10-cell bar, one filled cell per full 10 points: 45.8 → ▰▰▰▰▱▱▱▱▱▱.</summary>
    public static string Bar(double score)
    {
        var filled = (int)Math.Clamp(Math.Floor(score / 10), 0, BarCells);
        return new string('▰', filled) + new string('▱', BarCells - filled);
    }

    /// <summary>A score as shown: one decimal, InvariantCulture ("45.8", "16.0").</summary>
    public static string Num(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>"+8.2", "-3.1", "0.0".</summary>
    public static string WithSign(double value) => value > 0 ? "+" + Num(value) : Num(value);

    private static string Count(int value) => value.ToString(CultureInfo.InvariantCulture);

    private static string NameTh(ScoreReport r, string dimensionCode) =>
        r.Dimensions.FirstOrDefault(d => d.Code == dimensionCode)?.NameTh ?? string.Empty;

    /// <summary>The answers left out of the score as done by the parent agency or not applicable, by question id.</summary>
    private static void AppendOutOfScope(StringBuilder sb, ScoreReport r)
    {
        if (r.ParentAgencyQuestions.Count > 0)
        {
            sb.AppendLine(P("parentAgency", ("questions", string.Join(", ", r.ParentAgencyQuestions))));
        }

        if (r.DoesNotApplyQuestions.Count > 0)
        {
            sb.AppendLine(P("doesNotApply", ("questions", string.Join(", ", r.DoesNotApplyQuestions))));
        }
    }

    private static void AppendItemHead(StringBuilder sb, ScoreReport r, ImproveItem item)
    {
        sb.AppendLine(P("improveItem", ("rank", Count(item.Rank)), ("nameEn", item.NameEn), ("nameTh", item.NameTh), ("score", Num(item.Score))) + ChangeSuffix(r, item.Change));
        if (item.PeerScore is { } peer)
        {
            sb.AppendLine(P("peer", ("peer", Num(peer)), ("gap", WithSign(item.Gap!.Value))));
        }
    }

    private static string P(string key, params (string Name, string Value)[] values)
    {
        if (!Phrases.Value.TryGetValue(key, out var template))
        {
            throw new InvalidOperationException($"Missing phrase '{key}' in report-text.th.json.");
        }

        foreach (var (name, value) in values)
        {
            template = template.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return template;
    }

    private static Dictionary<string, string> LoadPhrases()
    {
        const string name = "DgBot.Core.Reports.report-text.th.json";
        using var stream = typeof(ReportText).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        return JsonSerializer.Deserialize(stream, ReportPhrasesJsonContext.Default.DictionaryStringString)
            ?? throw new InvalidOperationException($"Embedded resource {name} is empty.");
    }
}

[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class ReportPhrasesJsonContext : JsonSerializerContext;
