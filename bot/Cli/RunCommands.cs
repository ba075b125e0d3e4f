using System.CommandLine;
using DgBot.Bot.ConsoleChannel;
using DgBot.Bot.Hosting;
using DgBot.Bot.Operations;

namespace DgBot.Bot.Cli;

/// <summary>
/// <c>dgbot serve</c> (the hosted bot: channels, webhooks, health), <c>dgbot chat</c> (the local console chat) and the
/// default with no command: serve when Telegram or LINE is configured, otherwise the console chat.
/// </summary>
public static class RunCommands
{
    public static Command CreateServe()
    {
        var command = new Command("serve", "เริ่มบริการบอทบน Telegram/LINE (run the hosted bot: channels, webhooks, /healthz)");
        command.SetAction((_, cancellationToken) => ServeAsync(cancellationToken));
        return command;
    }

    public static Command CreateChat()
    {
        var command = new Command("chat", "แชตทดลองในหน้าต่างคอมพิวเตอร์ ไม่ต้องใช้โทเคน (local console chat, no token needed)");
        command.SetAction((_, cancellationToken) => ChatAsync(System.Console.In, System.Console.Out, cancellationToken));
        return command;
    }

    /// <summary>With no command: the hosted bot when a channel is configured, otherwise the console chat.</summary>
    public static async Task<int> DefaultAsync(CancellationToken cancellationToken)
    {
        var served = await StartupErrors.RunAsync(
            () => BotHost.Build([]), System.Console.Error, cancellationToken, app => !BotHost.NoChannelConfigured(app.Configuration)).ConfigureAwait(false);
        if (served is { } exitCode)
        {
            return exitCode;
        }

        return await ChatAsync(System.Console.In, System.Console.Out, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<int> ServeAsync(CancellationToken cancellationToken) =>
        await StartupErrors.RunAsync(() => BotHost.Build([]), System.Console.Error, cancellationToken).ConfigureAwait(false) ?? 0;

    public static Task<int> ChatAsync(TextReader input, TextWriter output, CancellationToken cancellationToken) =>
        ChatAsync(input, output, System.Console.Error, cancellationToken);

    /// <summary>
    /// The console chat. It writes the database for as long as it runs, as <c>serve</c> does, so it holds the same
    /// lock (<see cref="ServeLock"/>): it does not start beside a running bot, and a restore refuses while it runs.
    /// </summary>
    public static async Task<int> ChatAsync(TextReader input, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(error);
        DatabaseFile? file;
        try
        {
            file = DatabaseFile.From(CliHost.ReadConfiguration());
        }
        catch (ArgumentException ex)
        {
            await error.WriteLineAsync($"dgbot chat: ConnectionStrings:DgBot is not a valid SQLite connection string ({ex.Message}).").ConfigureAwait(false);
            return StartupErrors.ExitCode;
        }

        using var held = file is null ? null : ServeLock.TryAcquire(file.LockPath);
        if (file is not null && held is null)
        {
            await error.WriteLineAsync(AdminTexts.ChatRefused(file.Path, file.LockPath)).ConfigureAwait(false);
            return StartupErrors.ExitCode;
        }

        using var host = await CliHost.StartAsync(b => b.AddConversation(), cancellationToken).ConfigureAwait(false);
        await new ConsoleChat(host.Services, input, output).RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
