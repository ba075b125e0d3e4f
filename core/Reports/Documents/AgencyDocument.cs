using System.Text.Json;
using DgBot.Core.Content;
using DgBot.Core.Framework;

namespace DgBot.Core.Reports.Documents;

/// <summary>
/// An agency's own report as a <see cref="ReportDocument"/>, rendered by the same text, PDF and Word writers as the
/// province's: heading (the agency, its province, the round); ๑. its dimension and sub-dimension scores (overall,
/// stage estimate, highest and lowest, the full table and the chart); ๒. the improve-first list with the full guidance
/// of each item (summary, detail, actions, references); ๓. the comparison with the other submitted agencies of the
/// province, only when the group-size rule allows (else the sentence why); then its answers, each with the question,
/// the answer as the bot shows it, who gave it and when (Buddhist-era date, Bangkok time).
/// The Thai text is <c>core/Reports/Data/agency-report.th.json</c>. Digits as in <see cref="ProvinceDocument"/>: Thai in
/// sentences, Arabic with one decimal in the tables and the chart.
/// </summary>
public static class AgencyDocument
{
    private static readonly Lazy<Dictionary<string, string>> Texts = new(Load);

    public static ReportDocument Build(ReadinessFramework framework, AgencyReport model)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(model);
        var title = T("title", ("agency", model.AgencyName), ("year", ThaiDigits.Of(model.BuddhistYear)));
        var blocks = new List<DocumentBlock>
        {
            new ParagraphBlock(T("subtitle", ("province", model.Province), ("round", ThaiDigits.Convert(model.RoundName)))),
        };

        if (model.Results is not { } results)
        {
            blocks.Add(new ParagraphBlock(T("noAnswers"), Bold: true));
            AddAnswers(blocks, model, section: "๒");
            return new ReportDocument(title, blocks);
        }

        var report = results.Report;
        blocks.Add(new ParagraphBlock(model.Submitted ? T("submitted") : T("provisional", ("open", ThaiDigits.Of(report.OpenQuestions)))));

        AddScores(blocks, report);
        AddImproveFirst(blocks, framework, report);
        AddComparison(blocks, results);
        AddProgress(blocks, report, model.RoundName);
        AddPeers(blocks, report);
        AddAnswers(blocks, model, section: "๖");
        return new ReportDocument(title, blocks);
    }

    private static void AddScores(List<DocumentBlock> blocks, ScoreReport report)
    {
        blocks.Add(new HeadingBlock(T("scoresHeading")));
        if (report.Overall is { } overall)
        {
            blocks.Add(new ParagraphBlock(T("overall", ("score", Thai(overall)))));
        }

        if (report.Stage is { } stage)
        {
            blocks.Add(new ParagraphBlock(T("stage", ("level", ThaiDigits.Of(stage.Level)), ("nameTh", stage.NameTh), ("nameEn", stage.NameEn))));
        }

        if (report.Highest is { } high)
        {
            blocks.Add(new ParagraphBlock(T("highest", ("nameEn", high.NameEn), ("nameTh", NameTh(report, high.Code)), ("score", Thai(high.Score))), Level: 1));
        }

        if (report.Lowest is { } low && low.Code != report.Highest?.Code)
        {
            blocks.Add(new ParagraphBlock(T("lowest", ("nameEn", low.NameEn), ("nameTh", NameTh(report, low.Code)), ("score", Thai(low.Score))), Level: 1));
        }

        blocks.Add(new HeadingBlock(T("tableHeading")));
        blocks.Add(ProvinceDocument.ScoreTable(report));
        blocks.Add(new HeadingBlock(T("chartHeading")));
        blocks.Add(new ChartBlock(T("chartCaption"), report.Dimensions.Select((d, i) => new ChartBar($"{i + 1}. {d.NameTh}", d.Score)).ToArray()));
    }

    private static void AddImproveFirst(List<DocumentBlock> blocks, ReadinessFramework framework, ScoreReport report)
    {
        blocks.Add(new HeadingBlock(T("improveHeading")));
        if (report.ImproveFirst.Count == 0)
        {
            blocks.Add(new ParagraphBlock(T("improveNone")));
            return;
        }

        foreach (var item in report.ImproveFirst)
        {
            var change = ThaiDigits.Convert(ReportText.ChangeSuffix(report, item.Change));
            blocks.Add(new ParagraphBlock(T("improveItem", ("rank", ThaiDigits.Of(item.Rank)), ("nameEn", item.NameEn), ("nameTh", item.NameTh), ("score", Thai(item.Score))) + change, Level: 1, Bold: true));
            var guidance = framework.FindSubDimension(item.Code)?.Guidance;
            blocks.Add(new ParagraphBlock(guidance?.Summary ?? item.Guidance.Summary, Level: 1));
            if (!string.IsNullOrWhiteSpace(guidance?.Detail))
            {
                // The detail is written in lines (a list of its own): one paragraph each, as every writer renders paragraphs.
                blocks.AddRange(guidance.Detail.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                    .Select(line => new ParagraphBlock(line, Level: 1)));
            }

            var actions = guidance?.Actions ?? item.Guidance.Actions;
            if (actions.Count > 0)
            {
                blocks.Add(new ParagraphBlock(T("improveActions"), Level: 1));
                blocks.AddRange(actions.Select(a => new ParagraphBlock(T("action", ("text", a)), Level: 2)));
            }

            if (guidance is { References.Count: > 0 })
            {
                blocks.Add(new ParagraphBlock(T("improveReferences"), Level: 1));
                blocks.AddRange(guidance.References.Select(r => new ParagraphBlock(T("action", ("text", r)), Level: 2)));
            }
        }
    }

    private static void AddComparison(List<DocumentBlock> blocks, AgencyResults results)
    {
        blocks.Add(new HeadingBlock(T("compareHeading")));
        var compared = results.Report.ImproveFirst.Where(i => i.PeerScore is not null).ToList();
        if (!results.Compared || compared.Count == 0)
        {
            blocks.Add(new ParagraphBlock(T("comparePending", ("minimum", ThaiDigits.Of(results.MinimumGroupSize)), ("count", ThaiDigits.Of(results.OthersSubmitted)))));
            return;
        }

        blocks.Add(new ParagraphBlock(T("compareIntro", ("count", ThaiDigits.Of(results.OthersSubmitted)))));
        var rows = compared.Select(i => new TableRow(
            [$"{i.NameTh} ({i.NameEn})", ReportText.Num(i.Score), ReportText.Num(i.PeerScore!.Value), Signed(i.Gap!.Value)],
            Emphasis: false)).ToList();
        blocks.Add(new TableBlock(T("compareHeader").Split('|'), rows, [4f, 1.1f, 1.3f, 1.1f]));
    }

    /// <summary>๔. The change since the agency's previous submitted round: the overall sentence, the versions note and this round against the last.</summary>
    private static void AddProgress(List<DocumentBlock> blocks, ScoreReport report, string roundName)
    {
        blocks.Add(new HeadingBlock(T("progressHeading")));
        if (report.Progress is not { } progress)
        {
            blocks.Add(new ParagraphBlock(T("progressNone")));
            return;
        }

        blocks.AddRange(ProvinceDocument.ProgressSentences(report));

        var worse = report.Dimensions.Where(d => d.Change < 0).Select(d => d.NameTh).ToList();
        if (worse.Count > 0)
        {
            blocks.Add(new ParagraphBlock(T("progressWorse", ("names", string.Join(", ", worse)))));
        }

        blocks.Add(ProvinceDocument.ComparisonChart(report, progress, roundName));
    }

    /// <summary>๕. Where the agency stands on each dimension among agencies of its type nationwide and of its province (quartile bands only).</summary>
    private static void AddPeers(List<DocumentBlock> blocks, ScoreReport report)
    {
        blocks.Add(new HeadingBlock(T("peersHeading")));
        var banded = report.Dimensions.Where(d => d.Peers is { Count: > 0 }).ToList();
        if (banded.Count == 0)
        {
            blocks.Add(new ParagraphBlock(T("peersNone")));
            return;
        }

        blocks.Add(new ParagraphBlock(T("peersIntro")));
        foreach (var d in banded)
        {
            blocks.Add(new ParagraphBlock(d.NameTh, Level: 1, Bold: true));
            blocks.AddRange(d.Peers!.Select(b => new ParagraphBlock(ThaiDigits.Convert(ReportText.PeerLine(b).Trim()), Level: 2)));
        }
    }

    private static void AddAnswers(List<DocumentBlock> blocks, AgencyReport model, string section)
    {
        blocks.Add(new HeadingBlock(T("answersHeading", ("section", section))));
        if (model.Answers.Count == 0)
        {
            blocks.Add(new ParagraphBlock(T("answersNone")));
            return;
        }

        foreach (var a in model.Answers)
        {
            blocks.Add(new ParagraphBlock(T("answerQuestion", ("number", ThaiDigits.Of(a.Number)), ("question", a.Question)), Bold: true));
            blocks.Add(new ParagraphBlock(T("answerLine", ("answer", a.Answer)), Level: 1));
            blocks.Add(new ParagraphBlock(T("answerBy", ("who", a.AnsweredBy), ("when", ThaiDates.DateAndTime(a.AnsweredUtc))), Level: 1));
        }
    }

    private static string Thai(double score) => ThaiDigits.Convert(ReportText.Num(score));

    private static string Signed(double value) => (value > 0 ? "+" : string.Empty) + ReportText.Num(value);

    private static string NameTh(ScoreReport r, string code) => r.Dimensions.FirstOrDefault(d => d.Code == code)?.NameTh ?? string.Empty;

    /// <summary>A text of agency-report.th.json with its <c>{name}</c> placeholders filled.</summary>
    internal static string T(string key, params (string Name, string Value)[] values)
    {
        var text = Texts.Value.TryGetValue(key, out var found) ? found : throw new KeyNotFoundException($"No text '{key}' in agency-report.th.json.");
        foreach (var (name, value) in values)
        {
            text = text.Replace("{" + name + "}", value, StringComparison.Ordinal);
        }

        return text;
    }

    private static Dictionary<string, string> Load()
    {
        using var stream = typeof(AgencyDocument).Assembly.GetManifestResourceStream("DgBot.Core.Reports.agency-report.th.json")
            ?? throw new InvalidOperationException("The embedded resource agency-report.th.json is missing.");
        return JsonSerializer.Deserialize(stream, ReportPhrasesJsonContext.Default.DictionaryStringString)
            ?? throw new InvalidOperationException("agency-report.th.json is empty.");
    }
}
