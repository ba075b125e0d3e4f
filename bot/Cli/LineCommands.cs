using System.CommandLine;
using System.Globalization;
using DgBot.Bot.Line;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Cli;

/// <summary><c>dgbot line …</c>: LINE Messaging API administration.</summary>
public static class LineCommands
{
    public static Command Create()
    {
        var line = new Command("line", "LINE Messaging API (ช่องทาง LINE)");
        var quota = new Command("quota", "This month's message quota and consumption (โควตาข้อความเดือนนี้)");
        quota.SetAction(QuotaAsync);
        line.Subcommands.Add(quota);
        return line;
    }

    private static async Task<int> QuotaAsync(ParseResult parseResult, CancellationToken cancellationToken)
    {
        var output = parseResult.InvocationConfiguration.Output;
        var error = parseResult.InvocationConfiguration.Error;
        using var host = await CliHost.StartAsync(b => b.Services.AddLineClient(), cancellationToken).ConfigureAwait(false);
        try
        {
            _ = host.Services.GetRequiredService<IOptions<LineOptions>>().Value;
        }
        catch (OptionsValidationException ex)
        {
            foreach (var failure in ex.Failures)
            {
                await error.WriteLineAsync(failure).ConfigureAwait(false);
            }

            return 1;
        }

        var client = host.Services.GetRequiredService<LineMessagingClient>();
        LineQuota quota;
        try
        {
            quota = await client.GetQuotaAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            await error.WriteLineAsync("Could not read the LINE quota: " + ex.Message).ConfigureAwait(false);
            return 1;
        }

        var culture = CultureInfo.InvariantCulture;
        await output.WriteLineAsync(string.Create(culture, $"Limit this month: {(quota.Limit is { } limit ? limit.ToString("N0", culture) : "none (no target limit set)")}")).ConfigureAwait(false);
        await output.WriteLineAsync(string.Create(culture, $"Sent this month:  {quota.Used:N0}")).ConfigureAwait(false);
        if (quota.Remaining is { } remaining)
        {
            await output.WriteLineAsync(string.Create(culture, $"Remaining:        {remaining:N0}")).ConfigureAwait(false);
        }

        return 0;
    }
}
