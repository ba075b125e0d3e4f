using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace DgBot.Bot.Hosting;

/// <summary>
/// The "channels" health check: Degraded when neither Telegram nor LINE is configured, so <c>dgbot serve</c> runs
/// (the database, reminders and /healthz work) but nobody can reach the bot. It is said once in the log at start and
/// on every /healthz.
/// </summary>
internal sealed partial class ChannelsHealthCheck(IEnumerable<IChannelStatus> channels) : IHealthCheck
{
    public const string Name = "channels";

    /// <summary>Names the settings to set, as environment variables (the way the container is configured).</summary>
    public const string NoChannelMessage =
        "No chat channel is configured, so nobody can reach the bot: set Telegram__Token (Telegram), or Line__ChannelSecret and Line__ChannelAccessToken (LINE).";

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var names = channels.Where(c => c.Configured).Select(c => c.Channel).ToList();
        return Task.FromResult(names.Count == 0
            ? HealthCheckResult.Degraded(NoChannelMessage)
            : HealthCheckResult.Healthy(string.Join(", ", names)));
    }

    [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "{Problem}")]
    internal static partial void LogNoChannel(ILogger logger, string problem);
}

/// <summary>Says at start, in one warning line, that no channel is configured.</summary>
internal sealed class NoChannelWarning(IEnumerable<IChannelStatus> channels, ILogger<NoChannelWarning> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!channels.Any(c => c.Configured))
        {
            ChannelsHealthCheck.LogNoChannel(logger, ChannelsHealthCheck.NoChannelMessage);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

internal static class ChannelsHealthExtensions
{
    public static IHostApplicationBuilder AddChannelsHealth(this IHostApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks().AddCheck<ChannelsHealthCheck>(ChannelsHealthCheck.Name);
        builder.Services.AddHostedService<NoChannelWarning>();
        return builder;
    }
}
