using System.Text.Json;
using DgBot.Bot.Telegram.Charts;
using Telegram.Bot.Types;

namespace DgBot.Bot.Telegram;

/// <summary>The Thai words the Telegram channel needs itself: the command menu and the chart labels (from <c>Data/texts.json</c>).</summary>
public sealed class TelegramTexts
{
    private const string ResourceName = "DgBot.Bot.Telegram.texts.json";

    public required IReadOnlyList<BotCommand> Commands { get; init; }

    public required ScoreChartLabels Chart { get; init; }

    public static TelegramTexts Load()
    {
        using var stream = typeof(TelegramTexts).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing.");
        var file = JsonSerializer.Deserialize<TextFile>(stream, JsonOptions)
            ?? throw new InvalidOperationException($"{ResourceName} is empty.");
        if (file.Commands is not { Count: > 0 } || file.Chart is null)
        {
            throw new InvalidOperationException($"{ResourceName} must have 'commands' and 'chart'.");
        }

        return new TelegramTexts
        {
            Commands = [.. file.Commands.Select(c => new BotCommand(c.Command, c.Description))],
            Chart = file.Chart,
        };
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record TextFile(IReadOnlyList<CommandEntry>? Commands, ScoreChartLabels? Chart);

    private sealed record CommandEntry(string Command, string Description);
}
