using DgBot.Core.Scoring;

namespace DgBot.Core.Reports.National;

/// <summary>
/// One group of agencies in the national report (the whole country, a province or a type of office): how many were
/// surveyed and submitted, and the submitted ones' average once there are enough of them.
/// </summary>
/// <param name="Name">The province or agency type ("" for agencies without a type); "ทั้งประเทศ" for the nation.</param>
/// <param name="Surveyed">The group's agencies.</param>
/// <param name="Submitted">How many of them submitted in the round.</param>
/// <param name="Report">The average of the submitted agencies (as <see cref="ResultsService.AverageOf"/>); null below the minimum group size.</param>
public sealed record GroupResults(string Name, int Surveyed, int Submitted, ScoreReport? Report)
{
    /// <summary>Submitted ÷ surveyed in percent, one decimal (0 for an empty group). A count, so shown below the minimum too.</summary>
    public double ResponseRate => Surveyed == 0 ? 0 : ScoreMath.Round(100.0 * Submitted / Surveyed);
}

/// <summary>The national picture of a round: the nation, each province and each type of office.</summary>
/// <param name="RoundName">The round's name.</param>
/// <param name="BuddhistYear">The survey year, Buddhist era.</param>
/// <param name="Nation">Every agency; its report carries the national improve-first list.</param>
/// <param name="Provinces">By province name (ordinal order).</param>
/// <param name="Types">By agency type (ordinal order).</param>
/// <param name="MinimumGroupSize">Results:MinimumGroupSize: a group with fewer submitted agencies shows counts only.</param>
public sealed record NationalResults(
    string RoundName,
    int BuddhistYear,
    GroupResults Nation,
    IReadOnlyList<GroupResults> Provinces,
    IReadOnlyList<GroupResults> Types,
    int MinimumGroupSize);
