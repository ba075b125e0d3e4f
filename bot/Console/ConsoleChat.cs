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
/// The local chat in a terminal: the same engine and database as the real channels. The answers of a question are
/// numbered 1…n; its commands (ย้อนกลับ, ข้าม, ไม่ทราบ, …) are named, never numbered, so a command cannot share the
/// number space with an answer and keeps its name from one question to the next. A typed number picks the numbered
/// answer (on a question whose answer is a number, it is that number); a typed label picks that choice; anything else
/// goes to the engine as text. ออก (or the end of input) leaves.
/// </summary>
public sealed class ConsoleChat(IServiceProvider services, TextReader input, TextWriter output)
{
    public const string UserId = "local";

    public const string DemoAgencyCode = "DEMO";

    private PromptReply? _lastPrompt;

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        await EnsureDemoMemberAsync(cancellationToken).ConfigureAwait(false);
        await output.WriteLineAsync(Messages.Get(MessageKeys.ConsoleHowToLeave)).ConfigureAwait(false);
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

            if (IsLeave(line))
            {
                await output.WriteLineAsync(Messages.Get(MessageKeys.ConsoleBye)).ConfigureAwait(false);
                break;
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
                agency = new Agency(DemoAgencyCode, Messages.Get(MessageKeys.ConsoleDemoAgency), Messages.Get(MessageKeys.ConsoleDemoProvince), Messages.Get(MessageKeys.ConsoleDemoType), now);
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
                await output.WriteLineAsync(Messages.Format(MessageKeys.ConsoleDemoJoined, agency.NameTh)).ConfigureAwait(false);
            }
        }
    }

    private Inbound ToInbound(string line)
    {
        var trimmed = line.Trim();
        if (_lastPrompt is { } prompt)
        {
            // On a multiple-choice question typed items (numbers or texts) go to the engine, which sets the ticks as
            // the other channels do; only a named command there is a button.
            var answers = Numbered(prompt);
            var byLabel = prompt.Choices.FirstOrDefault(c => string.Equals(c.Label, trimmed, StringComparison.Ordinal) && !(prompt.Multi && answers.Contains(c)));
            if (byLabel is not null)
            {
                return Button(byLabel.Payload);
            }

            if (!prompt.FreeText && !prompt.Multi
                && int.TryParse(ThaiText.Normalize(trimmed), NumberStyles.None, CultureInfo.InvariantCulture, out var number)
                && number >= 1 && number <= answers.Count)
            {
                return Button(answers[number - 1].Payload);
            }
        }

        return new Inbound(ChannelKind.Console, UserId, UserId, DisplayName(), InboundKind.Text, Text: line);
    }

    /// <summary>
    /// The choices a number picks: the answers of a question prompt (options and ticks), every choice of any other
    /// prompt (a menu); a question's commands are typed by name.
    /// </summary>
    internal static IReadOnlyList<Choice> Numbered(PromptReply prompt)
    {
        var answers = prompt.Choices.Where(c => Payload.Parse(c.Payload) is { Kind: PayloadKind.Question, Op: QuestionOps.Option or QuestionOps.Tick or QuestionOps.Untick }).ToList();
        var isQuestion = prompt.Choices.Any(c => Payload.Parse(c.Payload).Kind == PayloadKind.Question);
        return isQuestion ? answers : prompt.Choices;
    }

    private static bool IsLeave(string line) =>
        Messages.Get(MessageKeys.ConsoleLeaveWords).Split('|').Contains(ThaiText.StripPoliteEndings(line.Trim()), StringComparer.OrdinalIgnoreCase);

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
            if (reply is DocumentReply document)
            {
                // A terminal cannot show a PDF: it is written to the data folder and its path printed.
                await output.WriteLineAsync(Messages.Format(MessageKeys.ReportConsoleSaved, document.Subject, SaveDocument(document))).ConfigureAwait(false);
                await output.WriteLineAsync().ConfigureAwait(false);
                continue;
            }

            await output.WriteLineAsync(Render(reply)).ConfigureAwait(false);
            await output.WriteLineAsync().ConfigureAwait(false);
            if (reply is PromptReply prompt)
            {
                _lastPrompt = prompt;
            }
        }

        await output.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes the report under <c>reports/</c> beside the database, owner-only (as the database); returns its path.</summary>
    private string SaveDocument(DocumentReply document)
    {
        using var scope = services.CreateScope();
        var source = scope.ServiceProvider.GetRequiredService<DgBotDbContext>().Database.GetDbConnection().DataSource;
        var folder = Path.Combine(Path.GetDirectoryName(Path.GetFullPath(string.IsNullOrEmpty(source) ? "dgbot.db" : source)) ?? ".", "reports");
        PrivateFiles.EnsureFolder(folder);
        var path = Path.Combine(folder, document.FileName);
        if (File.Exists(path))
        {
            File.Delete(path);
        }

        PrivateFiles.WriteNew(path, document.Build());
        return path;
    }

    internal static string Render(Reply reply)
    {
        switch (reply)
        {
            case TextReply text:
                return text.Text;
            case PromptReply prompt:
                var sb = new StringBuilder(prompt.Text).Append('\n');
                var numbered = Numbered(prompt);
                for (var i = 0; i < numbered.Count; i++)
                {
                    var choice = numbered[i];
                    sb.Append(CultureInfo.InvariantCulture, $"  {i + 1}) {(choice.Selected ? "✓ " : string.Empty)}{choice.Label}\n");
                }

                var commands = prompt.Choices.Where(c => !numbered.Contains(c)).Select(c => c.Label).ToList();
                if (commands.Count > 0)
                {
                    sb.Append("  ").Append(Messages.Format(MessageKeys.ConsoleCommands, string.Join(" · ", commands))).Append('\n');
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
