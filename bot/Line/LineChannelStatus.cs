using DgBot.Bot.Hosting;

namespace DgBot.Bot.Line;

/// <summary>The LINE channel's line in /healthz: configured, webhook mode, and the last successful call to LINE.</summary>
public sealed class LineChannelStatus : IChannelStatus
{
    private long _lastSuccessTicks;

    public string Channel => "line";

    public bool Configured => true;

    public string Mode => "webhook";

    public DateTimeOffset? LastSuccess
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastSuccessTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void MarkSuccess(DateTimeOffset at) => Interlocked.Exchange(ref _lastSuccessTicks, at.UtcTicks);
}
