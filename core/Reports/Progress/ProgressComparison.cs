using DgBot.Core.Scoring;

namespace DgBot.Core.Reports.Progress;

/// <summary>
/// Puts the changes since an earlier round into a report: every dimension, sub-dimension, improve-first item and the
/// overall score gets its change (this round's shown score minus the earlier round's shown score, one decimal). The
/// rounds are matched by dimension and sub-dimension code, so rounds scored with different questionnaire versions
/// compare too; a code without a score in either round shows no change (see docs/scoring.md, "Progress since the last round").
/// </summary>
public static class ProgressComparison
{
    /// <summary>The report with its changes since <paramref name="previous"/>.</summary>
    /// <param name="previousRound">The earlier round's name, as the report says it ("จากรอบ 2568").</param>
    /// <param name="previousVersion">The questionnaire version the earlier round was scored with.</param>
    /// <param name="version">The questionnaire version this round is scored with.</param>
    public static ScoreReport Apply(ScoreReport current, ScoreReport previous, string previousRound, string previousVersion, string version)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(previous);
        var dimensions = previous.Dimensions.ToDictionary(d => d.Code, d => d.Score, StringComparer.OrdinalIgnoreCase);
        var subs = previous.SubDimensions.ToDictionary(s => s.Code, s => s.Score, StringComparer.OrdinalIgnoreCase);
        return current with
        {
            Dimensions = [.. current.Dimensions.Select(d => d with
            {
                PreviousScore = Shown(d.Score, dimensions.GetValueOrDefault(d.Code)),
                Change = Change(d.Score, dimensions.GetValueOrDefault(d.Code)),
            })],
            SubDimensions = [.. current.SubDimensions.Select(s => s with
            {
                PreviousScore = Shown(s.Score, subs.GetValueOrDefault(s.Code)),
                Change = Change(s.Score, subs.GetValueOrDefault(s.Code)),
            })],
            ImproveFirst = [.. current.ImproveFirst.Select(i => i with { Change = Change(i.Score, subs.GetValueOrDefault(i.Code)) })],
            Progress = new ProgressRef(previousRound, previousVersion, version, previous.Overall, Change(current.Overall, previous.Overall)),
        };
    }

    /// <summary>Now minus before, one decimal (halves away from zero); null when either is missing.</summary>
    public static double? Change(double? now, double? before) =>
        now is { } n && before is { } b ? ScoreMath.Round(n - b) : null;

    /// <summary>The earlier score, kept only where a change is shown (a score missing in this round compares with nothing).</summary>
    private static double? Shown(double? now, double? before) => now is null ? null : before;
}
