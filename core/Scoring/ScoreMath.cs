namespace DgBot.Core.Scoring;

/// <summary>
/// The one rounding rule: one decimal, halves away from zero, as a person rounds (22.65 → 22.7). Rounded through
/// decimal so that a double such as 22.65 (stored as 22.6499999…) rounds the way it is written.
/// </summary>
public static class ScoreMath
{
    public static double Round(double value) =>
        double.IsFinite(value) ? (double)Math.Round((decimal)value, 1, MidpointRounding.AwayFromZero) : value;

    public static double? Round(double? value) => value is { } v ? Round(v) : null;
}
