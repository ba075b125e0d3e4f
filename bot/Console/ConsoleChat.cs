using System.Globalization;
using System.Text;
using DgBot.Core.Answers;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Content;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.ConsoleChannel;

/// <summary>
/// The local chat in a terminal: the same engine and database as the real channels, choices as numbered lists.
/// A typed number picks the numbered choice (unless the question expects a typed number); a typed label picks
/// that choice; anything else goes to the engine as text.
/// </summary>
public sealed class ConsoleChat(IServiceProvider services, TextReader input, TextWriter output)
{
    public const string UserId = "local";

    public const string DemoAgencyCode = "DEMO";

    private PromptReply? _lastPrompt;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await EnsureDemoMemberAsync(cancellationToken).ConfigureAwait(false);
        await TurnAsync(new Inbound(ChannelKind.Console, UserId, UserId, DisplayName(), InboundKind.Text, Text: "/menu"), cancellationToken)
            .ConfigureAwait(false);

        while (!cancellationToken.IsCancellationRequested)
        {
            await output.WriteAsync("> ").ConfigureAwait(false);
            await output.FlushAsync(cancellationToken).ConfigureAwait(false);
            var line = await input.ReadLineAsync(cancellationToken).ConfigureAwait(false);
            if (line is null)
            {
                break;
            }

            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            await TurnAsync(ToInbound(line), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Joins the console user to a demo agency the first time, so the bot can be tried without any token or invitation.</summary>
    private async Task EnsureDemoMemberAsync(CancellationToken cancellationToken)
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
            var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
            var agency = await db.Agencies.FirstOrDefaultAsync(a => a.Code == DemoAgencyCode, cancellationToken).ConfigureAwait(false);
            if (agency is null)
            {
                agency = new Agency(DemoAgencyCode, Messages.Get("console_demo_agency"), Messages.Get("console_demo_province"), Messages.Get("console_demo_type"), now);
                db.Agencies.Add(agency);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            var user = await db.ChatUsers.FirstOrDefaultAsync(u => u.Channel == ChannelKind.Console && u.PlatformUserId == UserId, cancellationToken)
                .ConfigureAwait(false);
            if (user is null)
            {
                user = new ChatUser(ChannelKind.Console, UserId, UserId, DisplayName(), now);
                db.ChatUsers.Add(user);
            }

            if (user.Role == UserRole.None)
            {
                user.Join(agency.Id, UserRole.Staff, now);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await output.WriteLineAsync(Messages.Format("console_demo_joined", agency.NameTh)).ConfigureAwait(false);
            }
        }
    }

    private Inbound ToInbound(string line)
    {
        var trimmed = line.Trim();
        if (_lastPrompt is { } prompt)
        {
            var byLabel = prompt.Choices.FirstOrDefault(c => string.Equals(c.Label, trimmed, StringComparison.Ordinal));
            if (byLabel is not null)
            {
                return Button(byLabel.Payload);
            }

            if (!prompt.FreeText
                && int.TryParse(ThaiText.Normalize(trimmed), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && number >= 1 && number <= prompt.Choices.Count)
            {
                return Button(prompt.Choices[number - 1].Payload);
            }
        }

        return new Inbound(ChannelKind.Console, UserId, UserId, DisplayName(), InboundKind.Text, Text: line);
    }

    private static Inbound Button(string payload) =>
        new(ChannelKind.Console, UserId, UserId, DisplayName(), InboundKind.Button, Payload: payload);

    private static string DisplayName() => Environment.UserName;

    private async Task TurnAsync(Inbound inbound, CancellationToken cancellationToken)
    {
        TurnResult result;
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var engine = scope.ServiceProvider.GetRequiredService<IConversationEngine>();
            result = await engine.HandleAsync(inbound, cancellationToken).ConfigureAwait(false);
        }

        if (result.Button == ButtonOutcome.Stale && result.Notice is { } notice)
        {
            await output.WriteLineAsync(notice).ConfigureAwait(false);
        }

        foreach (var reply in result.Replies)
        {
            await output.WriteLineAsync(Render(reply)).ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
            if (reply is PromptReply prompt)
            {
                _lastPrompt = prompt;
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    internal static string Render(Reply reply)
    {
        switch (reply)
        {
            case TextReply text:
                return text.Text;
            case PromptReply prompt:
                var sb = new StringBuilder(prompt.Text).Append('\n');
                for (var i = 0; i < prompt.Choices.Count; i++)
                {
                    var choice = prompt.Choices[i];
                    sb.Append(CultureInfo.InvariantCulture, $"  {i + 1}) {(choice.Selected ? "✓ " : string.Empty)}{choice.Label}\n");
                }

                return sb.ToString().TrimEnd();
            case ScoreCardReply card:
                return card.Title + "\n" + card.PlainText;
            case ImproveListReply list:
                return list.Title + "\n" + list.PlainText;
            default:
                return reply.ToString() ?? string.Empty;
        }
    }
}
