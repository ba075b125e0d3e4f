using System.Diagnostics.Metrics;

namespace DgBot.Core.Diagnostics;

/// <summary>
/// The bot's counters, on the <c>System.Diagnostics.Metrics</c> meter named <see cref="MeterName"/>. The instrument names
/// are the Prometheus names <c>/metrics</c> shows. Counting is process-wide (one bot per process); nothing here carries
/// user text, ids or secrets, only channel and area names.
/// </summary>
public static class DgBotMetrics
{
    public const string MeterName = "DgBot";

    private static readonly Meter Meter = new(MeterName);

    private static readonly Counter<long> Turns = Meter.CreateCounter<long>(
        "dgbot_turns_total", description: "Turns the conversation engine handled and committed.");

    private static readonly Counter<long> Answers = Meter.CreateCounter<long>(
        "dgbot_answers_stored_total", description: "Answers stored or changed (committed).");

    private static readonly Counter<long> Replies = Meter.CreateCounter<long>(
        "dgbot_replies_sent_total", description: "Messages the platform accepted, per channel.");

    private static readonly Counter<long> RateLimits = Meter.CreateCounter<long>(
        "dgbot_rate_limited_total", description: "HTTP 429 Too Many Requests received from a platform, per channel.");

    private static readonly Counter<long> Errors = Meter.CreateCounter<long>(
        "dgbot_errors_total", description: "Errors caught and logged, per area.");

    private static Func<long>? outboxDepth;

    static DgBotMetrics()
    {
        Meter.CreateObservableGauge(
            "dgbot_outbox_depth",
            () => Volatile.Read(ref outboxDepth) is { } depth ? depth() : 0L,
            description: "Messages waiting in the outbox.");
    }

    /// <summary>One committed turn and the answers it stored.</summary>
    public static void TurnHandled(string channel, int answersStored)
    {
        var tag = new KeyValuePair<string, object?>("channel", channel);
        Turns.Add(1, tag);
        if (answersStored > 0)
        {
            Answers.Add(answersStored, tag);
        }
    }

    public static void ReplySent(string channel, int count = 1) => Replies.Add(count, new KeyValuePair<string, object?>("channel", channel));

    public static void RateLimited(string channel) => RateLimits.Add(1, new KeyValuePair<string, object?>("channel", channel));

    public static void Error(string area) => Errors.Add(1, new KeyValuePair<string, object?>("area", area));

    /// <summary>Feeds <c>dgbot_outbox_depth</c>; disposing the result stops it. The callback must be cheap and must not throw.</summary>
    public static IDisposable ObserveOutboxDepth(Func<long> depth)
    {
        ArgumentNullException.ThrowIfNull(depth);
        Volatile.Write(ref outboxDepth, depth);
        return new Unregister(depth);
    }

    private sealed class Unregister(Func<long> depth) : IDisposable
    {
        public void Dispose() => Interlocked.CompareExchange(ref outboxDepth, null, depth);
    }
}
