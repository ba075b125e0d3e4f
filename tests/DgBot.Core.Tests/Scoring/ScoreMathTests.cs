using DgBot.Core.Scoring;

namespace DgBot.Core.Tests.Scoring;

public class ScoreMathTests
{
    [Theory]
    [InlineData(22.65, 22.7)] // stored as 22.6499…, still rounds as written
    [InlineData(28.65, 28.7)]
    [InlineData(45.85, 45.9)]
    [InlineData(28.571428571428573, 28.6)]
    [InlineData(16.666666666666668, 16.7)]
    [InlineData(33.333333333333336, 33.3)]
    [InlineData(99.96, 100.0)]
    [InlineData(0, 0)]
    public void RoundsToOneDecimalWithHalvesUp(double value, double shown)
    {
        Assert.Equal(shown, ScoreMath.Round(value));
    }
}
