using System.Globalization;
using System.Text.Json;

namespace DgBot.Core.Content;

/// <summary>The bot's Thai messages, from <c>Text/Data/messages.th.json</c> (embedded). Placeholders are <c>{0}</c>, <c>{1}</c>….</summary>
public static class Messages
{
    private static readonly Lazy<IReadOnlyDictionary<string, string>> All = new(Load);

    public static string Get(string key) =>
        All.Value.TryGetValue(key, out var text) ? text : throw new KeyNotFoundException($"No message '{key}' in messages.th.json.");

    public static string Format(string key, params object?[] args) =>
        string.Format(CultureInfo.InvariantCulture, Get(key), args);

    public static bool Has(string key) => All.Value.ContainsKey(key);

    private static Dictionary<string, string> Load()
    {
        using var stream = typeof(Messages).Assembly.GetManifestResourceStream("DgBot.Core.Content.messages.th.json")
            ?? throw new InvalidOperationException("The embedded resource messages.th.json is missing.");
        return JsonSerializer.Deserialize(stream, MessagesJson.Default.DictionaryStringString)
            ?? throw new InvalidOperationException("messages.th.json is empty.");
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class MessagesJson : System.Text.Json.Serialization.JsonSerializerContext;
