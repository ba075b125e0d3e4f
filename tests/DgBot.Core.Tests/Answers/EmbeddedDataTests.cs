using DgBot.Core.Answers;

namespace DgBot.Core.Tests.Answers;

public class EmbeddedDataTests
{
    // Files named *.th.json are taken by MSBuild as "th" culture resources and moved to a satellite
    // assembly unless the EmbeddedResource item says WithCulture="false"; then loading them fails at run time.
    [Theory]
    [InlineData("DgBot.Core.Answers.answers.th.json")]
    [InlineData("DgBot.Core.Answers.polite.th.json")]
    [InlineData("DgBot.Core.Conversation.intents.th.json")]
    [InlineData("DgBot.Core.Content.messages.th.json")]
    public void ThaiDataFilesAreEmbeddedInTheMainAssembly(string logicalName)
    {
        var names = typeof(ThaiText).Assembly.GetManifestResourceNames();
        Assert.Contains(logicalName, names);
    }
}
