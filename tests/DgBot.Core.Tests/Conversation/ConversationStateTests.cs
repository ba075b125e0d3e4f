using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Tests.Conversation;

public sealed class ConversationStateTests
{
    private static readonly ConversationState Walking = ConversationState.Initial with
    {
        Mode = ConversationMode.Survey,
        QuestionnaireVersion = "2569.1",
        QuestionId = "q-07",
        PromptSeq = 12,
        Skipped = ["q-02", "q-05"],
        PendingSelection = ["a"],
    };

    [Fact]
    public void StatesWithTheSameContentAreEqualWhateverListsHoldIt()
    {
        var copy = Walking with { Skipped = new List<string> { "q-02", "q-05" }, PendingSelection = new[] { "a" } };
        Assert.Equal(Walking, copy);
        Assert.Equal(Walking.GetHashCode(), copy.GetHashCode());
        Assert.Equal(Walking, ConversationState.FromJson(Walking.ToJson()));

        Assert.NotEqual(Walking, Walking with { Skipped = ["q-02"] });
        Assert.NotEqual(Walking, Walking with { Skipped = ["q-05", "q-02"] });
        Assert.NotEqual(Walking, Walking with { PendingSelection = [] });
        Assert.NotEqual(Walking, Walking with { PromptSeq = 13 });
        Assert.NotEqual(Walking, Walking with { IntroducedDimension = "D1" });
        Assert.False(Walking.Equals(null));
    }

    [Fact]
    public async Task AStateIsStoredWhenItsContentChangesAndOnlyThen()
    {
        await using var h = await EngineHarness.CreateAsync();
        var now = h.Time.GetUtcNow().UtcDateTime;
        await using (var db = h.NewDb())
        {
            var user = new ChatUser(ChannelKind.Telegram, "601", "601", "คุณทดสอบ", now);
            user.SetState(Walking);
            db.ChatUsers.Add(user);
            await db.SaveChangesAsync();
        }

        await using (var db = h.NewDb())
        {
            var user = await db.ChatUsers.SingleAsync();
            user.SetState(Walking with { Skipped = new List<string>(Walking.Skipped) });
            Assert.False(db.ChangeTracker.HasChanges());

            user.SetState(user.State with { Skipped = [.. user.State.Skipped, "q-09"] });
            Assert.True(db.ChangeTracker.HasChanges());
            await db.SaveChangesAsync();
        }

        await using (var db = h.NewDb())
        {
            Assert.Equal(["q-02", "q-05", "q-09"], (await db.ChatUsers.SingleAsync()).State.Skipped);
        }
    }
}
