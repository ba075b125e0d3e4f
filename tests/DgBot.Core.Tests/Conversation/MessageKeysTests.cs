using System.Reflection;
using System.Text.Json;
using DgBot.Core.Content;
using DgBot.Core.Conversation;

namespace DgBot.Core.Tests.Conversation;

/// <summary>The message keys in code and in <c>messages.th.json</c> are the same set: no constant without a text, no text without a constant.</summary>
public sealed class MessageKeysTests
{
    private static List<string> Constants() =>
        typeof(MessageKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral && f.FieldType == typeof(string))
            .Select(f => (string)f.GetRawConstantValue()!)
            .ToList();

    private static List<string> FileKeys()
    {
        using var stream = typeof(Messages).Assembly.GetManifestResourceStream("DgBot.Core.Content.messages.th.json")!;
        using var json = JsonDocument.Parse(stream);
        return json.RootElement.EnumerateObject().Select(p => p.Name).ToList();
    }

    [Fact]
    public void EveryKeyConstantHasAThaiText()
    {
        var missing = Constants().Where(k => !Messages.Has(k)).ToList();
        Assert.True(missing.Count == 0, "no text in messages.th.json for: " + string.Join(", ", missing));
    }

    [Fact]
    public void EveryThaiTextHasAKeyConstant()
    {
        var constants = Constants().ToHashSet(StringComparer.Ordinal);
        var unused = FileKeys().Where(k => !constants.Contains(k)).ToList();
        Assert.True(unused.Count == 0, "messages.th.json keys without a MessageKeys constant: " + string.Join(", ", unused));
    }

    [Fact]
    public void NoKeyIsListedTwice()
    {
        Assert.Equal(Constants().Count, Constants().Distinct(StringComparer.Ordinal).Count());
        Assert.Equal(FileKeys().Count, FileKeys().Distinct(StringComparer.Ordinal).Count());
    }

    [Fact]
    public void EveryAnswerErrorKeyHasAnErrorMessage()
    {
        var errorKeys = typeof(DgBot.Core.Answers.AnswerErrorKeys).GetFields(BindingFlags.Public | BindingFlags.Static)
            .Where(f => f.IsLiteral)
            .Select(f => "error_" + (string)f.GetRawConstantValue()!);
        Assert.All(errorKeys, k => Assert.Contains(k, Constants()));
    }
}
