using DgBot.Core.Data;
using DgBot.Core.Diagnostics;
using DgBot.Core.Outbox;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Outbox;

/// <summary>
/// Feeds the <c>dgbot_outbox_depth</c> gauge: messages pending or in flight, counted by the scheduler and by the
/// senders after each pass that did work (the gauge's callback only reads the last count).
/// </summary>
public sealed class OutboxDepth : IDisposable
{
    private readonly IDisposable _registration;
    private long _depth;

    public OutboxDepth()
    {
        _registration = DgBotMetrics.ObserveOutboxDepth(() => Interlocked.Read(ref _depth));
    }

    public long Value => Interlocked.Read(ref _depth);

    public async Task RefreshAsync(DgBotDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var depth = await db.Outbox.LongCountAsync(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Attempting, cancellationToken).ConfigureAwait(false);
        Interlocked.Exchange(ref _depth, depth);
    }

    public void Dispose() => _registration.Dispose();
}
