using DgBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Telegram;

/// <summary>The Telegram channel's health for /healthz: its mode and its last successful Bot API call.</summary>
internal sealed class TelegramChannelStatus(IOptions<TelegramOptions> options, TimeProvider time) : IChannelStatus
{
    private long _lastSuccessTicks;

    public string Channel => "telegram";

    public bool Configured => true;

    public string Mode => options.Value.Mode == TelegramMode.Webhook ? "webhook" : "polling";

    public DateTimeOffset? LastSuccess
    {
        get
        {
            var ticks = Interlocked.Read(ref _lastSuccessTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    public void MarkSuccess() => Interlocked.Exchange(ref _lastSuccessTicks, time.GetUtcNow().UtcTicks);
}
