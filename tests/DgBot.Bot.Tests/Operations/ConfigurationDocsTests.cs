using System.Reflection;
using System.Text.Json;
using DgBot.Bot.Hosting;

namespace DgBot.Bot.Tests.Operations;

public sealed class ConfigurationDocsTests
{
    private static readonly string Root = FindRoot();

    private static readonly string[] SecretNames = ["Token", "ChannelSecret", "ChannelAccessToken", "WebhookSecret"];

    [Fact]
    public void TheReferenceTableListsEverySettingOfEveryOptionsSection()
    {
        var doc = File.ReadAllText(Path.Combine(Root, "docs", "configuration.md"));
        var sections = typeof(BotHost).Assembly.GetTypes()
            .Select(t => (Type: t, Section: t.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue()
                ?? t.GetField("SectionName", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue()))
            .Where(x => x.Section is string && x.Type.Name.EndsWith("Options", StringComparison.Ordinal))
            .ToList();
        Assert.Contains(sections, s => (string)s.Section! == "Backup");
        Assert.Contains(sections, s => (string)s.Section! == "Line");

        var missing = sections
            .SelectMany(s => s.Type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                .Where(p => p.CanWrite)
                .Select(p => $"{s.Section}:{p.Name}"))
            .Where(key => !doc.Contains("| `" + key + "` | `" + key.Replace(":", "__", StringComparison.Ordinal) + "`", StringComparison.Ordinal))
            .ToList();
        Assert.True(missing.Count == 0, "docs/configuration.md lacks a row for: " + string.Join(", ", missing));

        foreach (var key in new[] { "ConnectionStrings:DgBot", "Urls", "Admins", "Logging:Format" })
        {
            Assert.Contains("| `" + key + "` |", doc, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TheShippedAppSettingsHoldNoSecret()
    {
        using var json = JsonDocument.Parse(File.ReadAllText(Path.Combine(Root, "bot", "appsettings.json")));
        var found = new List<string>();
        Walk(json.RootElement, string.Empty, found);

        Assert.Contains("ConnectionStrings:DgBot", found.Select(f => f.Split('=')[0]));
        var secrets = found.Where(f => SecretNames.Any(s => f.Split('=')[0].EndsWith(":" + s, StringComparison.Ordinal)) && !f.EndsWith('=')).ToList();
        Assert.True(secrets.Count == 0, "secret values in bot/appsettings.json: " + string.Join(", ", secrets.Select(s => s.Split('=')[0])));

        // The output folder (and so the image) carries the same file.
        Assert.True(File.Exists(Path.Combine(AppContext.BaseDirectory, "appsettings.json")));
    }

    private static void Walk(JsonElement element, string prefix, List<string> found)
    {
        if (element.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in element.EnumerateObject())
            {
                Walk(property.Value, prefix.Length == 0 ? property.Name : prefix + ":" + property.Name, found);
            }
        }
        else
        {
            found.Add(prefix + "=" + (element.ValueKind == JsonValueKind.String ? element.GetString() : element.GetRawText()));
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DgBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("DgBot.sln not found above " + AppContext.BaseDirectory);
    }
}
