using DgBot.Core.Framework;
using DgBot.Core.Scoring;

namespace DgBot.Core.Reports;

/// <summary>
/// Builds the report model (score card and improvement list) from a <see cref="ScoreResult"/> or from published scores.
/// Every score in the report is rounded to one decimal, and every comparison (highest, lowest, improve first) is made on
/// those shown values, so an officer can check the report by hand.
/// </summary>
public static class ReportBuilder
{
    /// <summary>How many sub-dimensions the improvement list holds at most.</summary>
    public const int ImproveCount = 5;

    /// <summary>Builds the report for one agency's scored answers.</summary>
    /// <param name="peerSubDimensionScores">Optional peer (for example province) averages by sub-dimension code.</param>
    /// <param name="submitted">
    /// True when the response has been submitted: only then, and only when nothing is open, does the report carry
    /// DgBot's estimate of the stage.
    /// </param>
    public static ScoreReport Build(
        ReadinessFramework framework,
        ScoreResult result,
        IReadOnlyDictionary<string, double>? peerSubDimensionScores = null,
        bool submitted = false)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(result);

        var dimensions = framework.Dimensions
            .Select(d => new DimensionScore(d.Code, d.NameEn, d.NameTh, d.Scored ? result.Dimension(d.Code)?.Rounded : null)
            {
                Scored = d.Scored,
                AllNotApplicable = d.Scored && AllNotApplicable(result, d),
            })
            .ToArray();
        var subs = framework.Dimensions
            .SelectMany(d => d.SubDimensions.Select(s => new SubDimensionScore(
                s.Code, s.NameEn, s.NameTh, d.Code, d.Scored ? result.SubDimension(s.Code)?.Rounded : null)))
            .ToArray();
        var overall = MeanOfShown(dimensions);
        var stage = submitted && !result.Provisional ? Scorer.StageFor(framework, result.StageBands, overall) : null;
        return Assemble(framework, dimensions, subs, overall, stage, peerSubDimensionScores, result.OutOfScopeActions, result.Provisional, result.OpenQuestions) with
        {
            ParentAgencyQuestions = result.ParentAgencyQuestions,
            DoesNotApplyQuestions = result.DoesNotApplyQuestions,
        };
    }

    /// <summary>
    /// Builds the report from published scores (for example a province's table). Keys are codes (case-insensitive);
    /// a null value is "-" (not scored). A dimension row that is missing is computed as the plain mean of the given
    /// sub-dimension scores of that dimension. Dimensions the framework does not score stay unscored.
    /// </summary>
    public static ScoreReport FromPublished(
        ReadinessFramework framework,
        IReadOnlyDictionary<string, double?> dimensionScores,
        IReadOnlyDictionary<string, double?> subDimensionScores)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(dimensionScores);
        ArgumentNullException.ThrowIfNull(subDimensionScores);
        var dims = CaseInsensitive(dimensionScores);
        var subScores = CaseInsensitive(subDimensionScores);

        var subs = framework.Dimensions
            .SelectMany(d => d.SubDimensions.Select(s => new SubDimensionScore(
                s.Code, s.NameEn, s.NameTh, d.Code, d.Scored ? ScoreMath.Round(subScores.GetValueOrDefault(s.Code)) : null)))
            .ToArray();
        var dimensions = framework.Dimensions
            .Select(d =>
            {
                double? score = null;
                if (d.Scored)
                {
                    if (dims.TryGetValue(d.Code, out var given))
                    {
                        score = given;
                    }
                    else
                    {
                        var known = subs.Where(s => s.DimensionCode == d.Code && s.Score is not null).Select(s => s.Score!.Value).ToArray();
                        score = known.Length == 0 ? null : known.Average();
                    }
                }

                return new DimensionScore(d.Code, d.NameEn, d.NameTh, ScoreMath.Round(score)) { Scored = d.Scored };
            })
            .ToArray();
        // Published scores are not one submitted response: the source publishes no stage, so none is estimated.
        return Assemble(framework, dimensions, subs, MeanOfShown(dimensions), stage: null, null, outOfScope: null, provisional: false, openQuestions: 0);
    }

    private static ScoreReport Assemble(
        ReadinessFramework framework,
        DimensionScore[] dimensions,
        SubDimensionScore[] subs,
        double? overall,
        Stage? stage,
        IReadOnlyDictionary<string, double>? peers,
        IReadOnlyDictionary<string, IReadOnlyList<int>>? outOfScope,
        bool provisional,
        int openQuestions)
    {
        var withScore = dimensions.Where(d => d.Score is not null).ToArray();
        DimensionRef? highest = null, lowest = null;
        foreach (var d in withScore)
        {
            // Strict comparisons keep the first in framework order on ties.
            if (highest is null || d.Score!.Value > highest.Score)
            {
                highest = new DimensionRef(d.Code, d.NameEn, d.Score!.Value);
            }

            if (lowest is null || d.Score!.Value < lowest.Score)
            {
                lowest = new DimensionRef(d.Code, d.NameEn, d.Score!.Value);
            }
        }

        var peerLookup = peers is null ? null : CaseInsensitive(peers.ToDictionary(p => p.Key, p => (double?)p.Value));
        var improve = subs
            .Select((s, index) => (Sub: s, Index: index))
            .Where(x => x.Sub.Score is { } score && score < 100)
            .OrderBy(x => x.Sub.Score!.Value)
            .ThenBy(x => x.Index)
            .Take(ImproveCount)
            .Select((x, i) =>
            {
                var guidance = framework.FindSubDimension(x.Sub.Code)!.Guidance;

                // An action this agency answered as done by its parent agency, or as not applicable, is never recommended.
                var excluded = outOfScope?.GetValueOrDefault(x.Sub.Code) ?? [];
                var actions = guidance.Actions.Where((_, a) => !excluded.Contains(a + 1)).ToArray();
                return new ImproveItem(
                    i + 1,
                    x.Sub.Code,
                    x.Sub.NameEn,
                    x.Sub.NameTh,
                    x.Sub.Score!.Value,
                    ScoreMath.Round(peerLookup?.GetValueOrDefault(x.Sub.Code)),
                    new GuidanceSummary(guidance.Summary, actions));
            })
            .ToArray();

        return new ScoreReport(
            dimensions,
            subs,
            highest,
            lowest,
            overall,
            stage is null ? null : new StageRef(stage.Level, stage.NameEn, stage.NameTh),
            improve,
            provisional,
            openQuestions);
    }

    /// <summary>True when nothing of the dimension counts or is open, because every question is out of scope and at least one was answered so.</summary>
    private static bool AllNotApplicable(ScoreResult result, Dimension dimension)
    {
        var codes = dimension.SubDimensions.Select(s => s.Code).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var own = result.Questions.Where(q => q.IsScored && codes.Contains(q.SubDimensionCode)).ToArray();
        return own.Any(q => q.Status == QuestionStatus.AnsweredNotApplicable) && own.All(q => q.IsOutOfScope);
    }

    /// <summary>The overall score as an officer computes it from the report: the mean of the shown dimension scores, rounded.</summary>
    private static double? MeanOfShown(DimensionScore[] dimensions)
    {
        var scored = dimensions.Where(d => d.Scored && d.Score is not null).Select(d => d.Score!.Value).ToArray();
        return scored.Length == 0 ? null : ScoreMath.Round(scored.Average());
    }

    private static Dictionary<string, double?> CaseInsensitive(IReadOnlyDictionary<string, double?> source)
    {
        var copy = new Dictionary<string, double?>(StringComparer.OrdinalIgnoreCase);
        foreach (var (key, value) in source)
        {
            copy[key] = value;
        }

        return copy;
    }
}
