using DgBot.Core.Conversation;

namespace DgBot.Core.Tests.Conversation;

/// <summary>The typed payload operations: each one round-trips through a payload and means something to the router.</summary>
public sealed class PayloadOpsTests
{
    [Fact]
    public void EveryMenuCommandRoundTripsAndNamesAnIntent()
    {
        Assert.All(MenuOps.All, op =>
        {
            var parsed = Payload.Parse(Payload.Menu(op));
            Assert.Equal((PayloadKind.Menu, op), (parsed.Kind, parsed.Op));
            Assert.NotEqual(IntentKind.None, MenuOps.IntentOf(op));
        });
        Assert.Equal(MenuOps.All.Count, MenuOps.All.Select(MenuOps.IntentOf).Distinct().Count());
        Assert.Equal(IntentKind.None, MenuOps.IntentOf("web"));
    }

    [Fact]
    public void EveryQuestionActionRoundTripsWithItsPromptNumber()
    {
        Assert.All(QuestionOps.All, op =>
        {
            var parsed = Payload.Parse(Payload.Question(12, op, "yes"));
            Assert.Equal((PayloadKind.Question, op, 12, "yes"), (parsed.Kind, parsed.Op, parsed.Seq, parsed.Arg));
        });
        Assert.Equal(QuestionOps.All.Count, QuestionOps.All.Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void ConfirmationsAndResultsUseTheirOps()
    {
        Assert.Equal(ConfirmOps.Yes, Payload.Parse(Payload.Confirm(3, true)).Op);
        Assert.Equal(ConfirmOps.No, Payload.Parse(Payload.Confirm(3, false)).Op);
        Assert.True(Payload.Parse(Payload.Agency(5, ResultOps.ImproveChar)).IsImprove);
        Assert.False(Payload.Parse(Payload.Province(5, ResultOps.ScoresChar)).IsImprove);
        Assert.Equal(ResultOps.Scores, Payload.Parse(Payload.Agency(5, ResultOps.ScoresChar)).Op);
        Assert.Equal(PayloadKind.Unknown, Payload.Parse("a:5:x").Kind);
    }
}
