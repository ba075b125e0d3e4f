namespace DgBot.Bot.Operations;

/// <summary><c>GET /metrics</c>: the bot's counters in the Prometheus text format.</summary>
public static class MetricsEndpoint
{
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static IEndpointRouteBuilder MapMetrics(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapGet("/metrics", (MetricsCollector collector) => TypedResults.Text(collector.Render(), ContentType));
        return app;
    }
}
