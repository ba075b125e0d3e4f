using System.Globalization;
using System.Text.Json;
using DgBot.Core.Conversation;
using DgBot.Core.Reports;

namespace DgBot.Bot.Line;

/// <summary>
/// Renders channel-neutral replies as LINE message objects and enforces LINE's limits here, once: texts split under
/// 5,000 characters, quick replies of at most 13 items with labels of at most 20 characters (otherwise numbered text
/// with number buttons, or a Flex list beyond 13 choices), postback data of at most 300 characters, Flex score cards
/// and improve-first carousels with a short <c>altText</c>.
/// </summary>
public sealed class LineMessageRenderer(LineTexts texts)
{
    public const int MaxTextLength = 5000;
    public const int MaxQuickReplyItems = 13;
    public const int MaxQuickReplyLabelLength = 20;
    public const int MaxPostbackDataLength = 300;
    public const int MaxDisplayTextLength = 300;
    public const int MaxAltTextLength = 400;
    public const int MaxFlexButtonLabelLength = 40;
    public const int MaxCarouselBubbles = 12;

    private const string SelectedMark = "✓ ";
    private const int ButtonsPerBubble = 10;

    /// <summary>The messages for one turn, in order (a stale button's notice first).</summary>
    public IReadOnlyList<LineMessage> Render(TurnResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var messages = new List<LineMessage>();
        if (result.Button == ButtonOutcome.Stale && !string.IsNullOrWhiteSpace(result.Notice))
        {
            messages.AddRange(RenderText(result.Notice));
        }

        foreach (var reply in result.Replies)
        {
            messages.AddRange(Render(reply));
        }

        return messages;
    }

    public IReadOnlyList<LineMessage> Render(Reply reply) => reply switch
    {
        TextReply text => RenderText(text.Text),
        PromptReply prompt => RenderPrompt(prompt),
        ScoreCardReply card => RenderScoreCard(card),
        ImproveListReply list => RenderImproveList(list),
        _ => [],
    };

    private static List<LineMessage> RenderText(string text, LineQuickReply? quickReply = null)
    {
        var parts = SplitText(text);
        var messages = new List<LineMessage>(parts.Count);
        for (var i = 0; i < parts.Count; i++)
        {
            // LINE shows quick reply buttons only under the last message of a request: put them there.
            messages.Add(LineMessage.TextMessage(parts[i], i == parts.Count - 1 ? quickReply : null));
        }

        return messages;
    }

    private List<LineMessage> RenderPrompt(PromptReply prompt)
    {
        var choices = prompt.Choices;
        if (choices.Count == 0)
        {
            return RenderText(prompt.Text);
        }

        var labels = choices.Select(c => c.Selected ? SelectedMark + c.Label : c.Label).ToList();
        if (choices.Count <= MaxQuickReplyItems && labels.All(l => l.Length <= MaxQuickReplyLabelLength))
        {
            var items = choices.Select((c, i) => QuickReplyItem(labels[i], c)).ToList();
            return RenderText(prompt.Text, new LineQuickReply(items));
        }

        if (choices.Count <= MaxQuickReplyItems)
        {
            var numbered = string.Join('\n', labels.Select((l, i) => string.Create(CultureInfo.InvariantCulture, $"{i + 1}. {l}")));
            var items = choices.Select((c, i) =>
                QuickReplyItem((c.Selected ? SelectedMark : "") + (i + 1).ToString(CultureInfo.InvariantCulture), c)).ToList();
            return RenderText(prompt.Text + "\n\n" + numbered, new LineQuickReply(items));
        }

        var messages = RenderText(prompt.Text);
        var perBubble = Math.Max(ButtonsPerBubble, (choices.Count + MaxCarouselBubbles - 1) / MaxCarouselBubbles);
        var bubbles = choices
            .Select((c, i) => FlexComponent.Button(LineAction.Postback(Truncate(labels[i], MaxFlexButtonLabelLength), Data(c), Truncate(c.Label, MaxDisplayTextLength))) with
            {
                Style = c.Selected ? "primary" : "secondary",
                Height = "sm",
                Margin = "sm",
            })
            .Chunk(perBubble)
            .Select(buttons => FlexContainer.Bubble(FlexComponent.Box("vertical", buttons), size: "kilo"))
            .ToList();
        var contents = bubbles.Count == 1 ? bubbles[0] : FlexContainer.Carousel(bubbles);
        messages.Add(LineMessage.Flex(AltText(prompt.Text, texts.ChooseFromList), contents));
        return messages;
    }

    private List<LineMessage> RenderScoreCard(ScoreCardReply card)
    {
        var report = card.Report;
        if (report.Dimensions.Count == 0)
        {
            return RenderText(card.PlainText);
        }

        var rows = report.Dimensions.Select(d => FlexComponent.Box("vertical", DimensionRow(report, d)) with { Spacing = "xs", Margin = "md" }).ToList();

        var footer = new List<FlexComponent>();
        if (report.Overall is { } overall)
        {
            footer.Add(FlexComponent.TextBlock($"{texts.Overall} {FormatScore(overall)}{ReportText.ChangeSuffix(report, report.Progress?.OverallChange)}") with { Weight = "bold" });
        }

        if (report.Progress is { VersionsDiffer: true } progress)
        {
            footer.Add(FlexComponent.TextBlock(ReportText.VersionsNote(progress)) with { Size = "xxs", Color = "#888888" });
        }

        if (report.Stage is { } stage)
        {
            footer.Add(FlexComponent.TextBlock($"{texts.Stage} {stage.Level.ToString(CultureInfo.InvariantCulture)} {stage.NameTh}") with { Size = "sm" });
        }

        if (report.Provisional)
        {
            footer.Add(FlexComponent.TextBlock(string.Format(CultureInfo.InvariantCulture, texts.Provisional, report.OpenQuestions)) with { Size = "xs", Color = "#888888" });
        }

        var bubble = FlexContainer.Bubble(
            body: FlexComponent.Box("vertical", rows),
            header: FlexComponent.Box("vertical", FlexComponent.TextBlock(card.Title) with { Weight = "bold", Size = "lg" }),
            footer: footer.Count == 0 ? null : FlexComponent.Box("vertical", footer) with { Spacing = "sm" },
            size: "mega");
        var alt = report.Overall is { } o ? $"{card.Title} · {texts.Overall} {FormatScore(o)}" : card.Title;
        return [LineMessage.Flex(AltText(alt, card.Title), bubble)];
    }

    /// <summary>A dimension's name and score, its bar, and (when known) its change since the last round and its peer bands.</summary>
    private List<FlexComponent> DimensionRow(ScoreReport report, DimensionScore d)
    {
        var row = new List<FlexComponent>
        {
            FlexComponent.Box(
                "horizontal",
                FlexComponent.TextBlock(d.NameTh) with { Size = "sm", Flex = 5 },
                new FlexComponent("text") { Text = FormatScore(d.Score), Size = "sm", Align = "end", Weight = "bold", Flex = 2 }),
            Bar(d.Score),
        };
        var change = ReportText.ChangeSuffix(report, d.Change).Trim();
        if (change.Length > 0)
        {
            row.Add(FlexComponent.TextBlock(change) with { Size = "xs", Color = d.Change < 0 ? "#B00020" : "#666666" });
        }

        row.AddRange((d.Peers ?? []).Select(p => FlexComponent.TextBlock(ReportText.PeerLine(p)) with { Size = "xxs", Color = "#666666" }));
        return row;
    }

    private List<LineMessage> RenderImproveList(ImproveListReply list)
    {
        var items = list.Report.ImproveFirst;
        if (items.Count == 0)
        {
            return RenderText(list.PlainText);
        }

        var bubbles = items.Take(MaxCarouselBubbles).Select(item =>
        {
            var body = new List<FlexComponent>
            {
                FlexComponent.Box(
                    "horizontal",
                    FlexComponent.TextBlock(texts.Score) with { Size = "sm", Flex = 3 },
                    new FlexComponent("text") { Text = FormatScore(item.Score), Size = "sm", Align = "end", Weight = "bold", Flex = 2 }),
                Bar(item.Score),
            };
            var change = ReportText.ChangeSuffix(list.Report, item.Change).Trim();
            if (change.Length > 0)
            {
                body.Add(FlexComponent.TextBlock(change) with { Size = "xs", Color = item.Worse ? "#B00020" : "#666666" });
            }

            if (item.PeerScore is { } peer)
            {
                var line = $"{texts.PeerScore} {FormatScore(peer)}";
                if (item.Gap is { } gap)
                {
                    line += $" ({texts.Gap} {(gap > 0 ? "+" : "")}{ReportText.Num(gap)})";
                }

                body.Add(FlexComponent.TextBlock(line) with { Size = "xs", Color = "#666666" });
            }

            if (!string.IsNullOrWhiteSpace(item.Guidance.Summary))
            {
                body.Add(FlexComponent.Separator() with { Margin = "md" });
                body.Add(FlexComponent.TextBlock(item.Guidance.Summary) with { Size = "sm", Margin = "md" });
            }

            body.AddRange(item.Guidance.Actions.Where(a => !string.IsNullOrWhiteSpace(a)).Take(3)
                .Select(a => FlexComponent.TextBlock("• " + a) with { Size = "xs", Color = "#444444" }));

            return FlexContainer.Bubble(
                body: FlexComponent.Box("vertical", body) with { Spacing = "sm" },
                header: FlexComponent.Box(
                    "vertical",
                    FlexComponent.TextBlock(item.Rank.ToString(CultureInfo.InvariantCulture) + ". " + item.NameTh) with { Weight = "bold" }),
                size: "kilo");
        }).ToList();

        return [LineMessage.Flex(AltText(list.Title, list.Title), FlexContainer.Carousel(bubbles))];
    }

    /// <summary>Splits text into parts of at most <paramref name="max"/> characters, at line breaks where it can, then at spaces.</summary>
    public static IReadOnlyList<string> SplitText(string text, int max = MaxTextLength)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentOutOfRangeException.ThrowIfLessThan(max, 2);
        var parts = new List<string>();
        var rest = text.AsSpan().Trim();
        while (rest.Length > max)
        {
            var window = rest[..(max + 1)];
            var cut = window.LastIndexOf('\n');
            if (cut < max / 2)
            {
                cut = window.LastIndexOf(' ');
            }

            if (cut < max / 2)
            {
                cut = char.IsHighSurrogate(rest[max - 1]) ? max - 1 : max;
            }

            var part = rest[..cut].TrimEnd();
            if (!part.IsEmpty)
            {
                parts.Add(part.ToString());
            }

            rest = rest[cut..].TrimStart();
        }

        if (!rest.IsEmpty)
        {
            parts.Add(rest.ToString());
        }

        return parts;
    }

    private static LineQuickReplyItem QuickReplyItem(string label, Choice choice) =>
        new(LineAction.Postback(label, Data(choice), Truncate(choice.Label, MaxDisplayTextLength)));

    private static string Data(Choice choice) =>
        choice.Payload.Length <= MaxPostbackDataLength
            ? choice.Payload
            : throw new InvalidOperationException($"Choice payload is {choice.Payload.Length} characters; LINE postback data allows {MaxPostbackDataLength}.");

    private static FlexComponent Bar(double? score)
    {
        var track = new FlexComponent("box") { Layout = "vertical", BackgroundColor = "#E6E6E6", Height = "8px", CornerRadius = "4px" };
        if (score is not { } value)
        {
            return track with { Contents = [FlexComponent.Filler()] };
        }

        var percent = (int)Math.Round(Math.Clamp(value, 0, 100), MidpointRounding.AwayFromZero);
        var fill = FlexComponent.Box("vertical", FlexComponent.Filler()) with
        {
            Width = Math.Max(1, percent).ToString(CultureInfo.InvariantCulture) + "%",
            BackgroundColor = value < 40 ? "#E57373" : value < 70 ? "#FFB74D" : "#4CAF50",
            Height = "8px",
            CornerRadius = "4px",
        };
        return track with { Contents = [fill] };
    }

    private string FormatScore(double? score) => score is { } s ? ReportText.Num(s) : texts.NoScore;

    private static string AltText(string text, string fallback)
    {
        var line = text.AsSpan().Trim();
        var firstBreak = line.IndexOf('\n');
        var alt = (firstBreak > 0 ? line[..firstBreak] : line).ToString();
        return Truncate(string.IsNullOrWhiteSpace(alt) ? fallback : alt, MaxAltTextLength);
    }

    private static string Truncate(string text, int max) =>
        text.Length <= max ? text : string.Concat(text.AsSpan(0, char.IsHighSurrogate(text[max - 2]) ? max - 2 : max - 1), "…");

    /// <summary>Loads the channel's Thai texts from the embedded <c>Texts/line.th.json</c>.</summary>
    public static LineTexts LoadTexts()
    {
        const string name = "DgBot.Bot.Line.Texts.line.th.json";
        using var stream = typeof(LineMessageRenderer).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Embedded resource {name} is missing.");
        return JsonSerializer.Deserialize(stream, LineJsonContext.Default.LineTexts)
            ?? throw new InvalidOperationException($"Embedded resource {name} is empty.");
    }
}
