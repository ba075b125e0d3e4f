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

    public static async Task<int> ChatAsync(TextReader input, TextWriter output, CancellationToken cancellationToken)
    {
        using var host = await CliHost.StartAsync(b => b.AddConversation(), cancellationToken).ConfigureAwait(false);
        await new ConsoleChat(host.Services, input, output).RunAsync(cancellationToken).ConfigureAwait(false);
        return 0;
    }
}
