using DgBot.Bot.Telegram;
using DgBot.Core.Conversation;

namespace DgBot.Telegram.Tests.Adapter;

public sealed class TelegramTextTests
{
    [Fact]
    public void ShortTextIsOneMessage() => Assert.Equal(["สวัสดี"], TelegramText.Split("สวัสดี"));

    [Fact]
    public void SplitsAtTheLastLineBreakThatFits()
    {
        var parts = TelegramText.Split("aaaa\nbbbb\ncccc", limit: 10);

        Assert.Equal(["aaaa\nbbbb", "cccc"], parts);
    }

    [Fact]
    public void ALineLongerThanTheLimitIsCutAtASpaceOrElseHard()
    {
        Assert.Equal(["aaa bbb", "ccc"], TelegramText.Split("aaa bbb ccc", limit: 8));
        Assert.Equal(["aaaaa", "aaaaa", "a"], TelegramText.Split("aaaaaaaaaaa", limit: 5));
    }

    [Fact]
    public void NeverCutsASurrogatePair()
    {
        var parts = TelegramText.Split("aaaa😀bb", limit: 5);

        Assert.Equal(["aaaa", "😀bb"], parts);
    }

    [Fact]
    public void ACallbackPayloadOver64BytesIsRefused()
    {
        // 22 Thai characters are 66 bytes of UTF-8.
        var thai = new string('ก', 22);

        Assert.Throws<ArgumentException>(() => TelegramText.Keyboard([new Choice("x", thai)]));
        Assert.NotNull(TelegramText.Keyboard([new Choice("x", new string('a', 64))]));
    }

    [Fact]
    public void TheAnsweredQuestionStaysWithinTheLimit()
    {
        var text = TelegramText.Answered(new string('ก', 5000), "มี");

        Assert.True(text.Length <= 4096);
        Assert.EndsWith("\n\n✅ มี", text, StringComparison.Ordinal);
    }
}
