namespace DgBot.Core.Scoring;

/// <summary>The one rounding rule: one decimal, halves away from zero (45.85 → 45.9).</summary>
public static class ScoreMath
{
    public static double Round(double value) => Math.Round(value, 1, MidpointRounding.AwayFromZero);

    public static double? Round(double? value) => value is { } v ? Round(v) : null;
}
