using System.CommandLine;

namespace DgBot.Bot.Cli;

/// <summary>The `dgbot` command line. Each area contributes its commands from its own folder.</summary>
public static class DgBotCli
{
    public static RootCommand Build()
    {
        var root = new RootCommand("DgBot: แบบสำรวจความพร้อมรัฐบาลดิจิทัล บน Telegram, LINE และคอนโซล (DgBot: the digital-government readiness survey bot)");
        foreach (var command in AreaCommands())
        {
            root.Subcommands.Add(command);
        }

        root.SetAction((_, cancellationToken) => RunCommands.DefaultAsync(cancellationToken));

        return root;
    }

    public static async Task<int> RunAsync(string[] args)
    {
        Console.OutputEncoding = System.Text.Encoding.UTF8;
        var parse = Build().Parse(args);
        var exit = await parse.InvokeAsync().ConfigureAwait(false);

        // A usage error (unknown option, missing argument) is exit code 2, as documented; System.CommandLine says 1.
        return parse.Errors.Count > 0 ? 2 : exit;
    }

    private static IEnumerable<Command> AreaCommands()
    {
        yield return RunCommands.CreateServe();
        yield return RunCommands.CreateChat();
        yield return ScoreCommands.CreateScore();
        yield return ScoreCommands.CreateReport();
        yield return AgencyCommands.Create();
        yield return InviteCommands.Create();
        yield return QuestionnaireCommands.Create();
        yield return DbCommands.Create();
        yield return Operations.HealthCheckCommand.Create();
        yield return LineCommands.Create();
        yield return RoundCommands.Create();
        yield return RoundCommands.CreateReminders();
        yield return StatusCommand.Create();
        yield return ExportCommand.Create();
        yield return AnswersCommands.Create();
        yield return BroadcastCommand.Create();
        yield return AuditCommands.Create();
    }
}
