namespace DgBot.Core.Reports.Peers;

/// <summary>The agencies a peer band is computed among, other than the agency itself, with their reports of the round.</summary>
/// <param name="Scope">Same type nationwide, or the same province.</param>
/// <param name="Name">The group's name as shown: the agency type, or the province.</param>
/// <param name="Others">The other agencies' reports (submitted responses only).</param>
public sealed record PeerGroup(PeerScope Scope, string Name, IReadOnlyList<ScoreReport> Others);

/// <summary>
/// Where an agency stands among its peers on each dimension, as a quartile band and nothing more (no rank, no other
/// agency's score). A band is given only when at least the minimum group size of <em>other</em> agencies have a score
/// on that dimension, as for the comparison with the province's others (docs/scoring.md, "Peer standing").
/// </summary>
public static class PeerBands
{
    /// <summary>
    /// The quartile (1 = top 25%, 4 = bottom 25%) of <paramref name="own"/> among itself and <paramref name="others"/>:
    /// its position is 1 + the number of others with a higher score (ties count in its favour), and the quartile is
    /// ⌈4 × position ÷ group size⌉.
    /// </summary>
    public static int Quartile(double own, IReadOnlyCollection<double> others)
    {
        ArgumentNullException.ThrowIfNull(others);
        var position = 1 + others.Count(o => o > own);
        var size = others.Count + 1;
        return Math.Clamp((int)Math.Ceiling(4.0 * position / size), 1, 4);
    }

    /// <summary>The report with each scored dimension's bands among <paramref name="groups"/>, where a group is large enough.</summary>
    public static ScoreReport Apply(ScoreReport report, IEnumerable<PeerGroup> groups, int minimumGroupSize)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(groups);
        var list = groups.ToList();
        return report with
        {
            Dimensions = [.. report.Dimensions.Select(d =>
            {
                if (d.Score is not { } own)
                {
                    return d;
                }

                var bands = new List<PeerBand>();
                foreach (var group in list)
                {
                    // The others' shown scores on the same dimension: only agencies with a score there count towards the size.
                    var others = group.Others
                        .Select(r => r.Dimensions.FirstOrDefault(o => string.Equals(o.Code, d.Code, StringComparison.OrdinalIgnoreCase))?.Score)
                        .OfType<double>()
                        .ToList();
                    if (others.Count >= minimumGroupSize)
                    {
                        bands.Add(new PeerBand(group.Scope, group.Name, others.Count + 1, Quartile(own, others)));
                    }
                }

                return bands.Count == 0 ? d : d with { Peers = bands };
            })],
        };
    }
}
