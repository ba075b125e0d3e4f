using System.Text.Json;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Line;

/// <summary>
/// <c>POST /line/webhook</c>: the body is read (at most <see cref="LineOptions.MaxWebhookBodyBytes"/>, else 413), its
/// <c>x-line-signature</c> checked on the raw bytes (401 without logging the body), then parsed (400 when malformed).
/// Its events are written to the durable <see cref="Inbox"/> in one commit before the answer is 200 (LINE never sends
/// an event again after a 2xx, so nothing acknowledged may live only in memory); an event whose <c>webhookEventId</c>
/// is already there (a redelivery) is not stored or processed again. Stored events are then queued per chat. When
/// the inbox cannot be written the answer is 500, so LINE (with redelivery on) sends the events again.
/// </summary>
public static partial class LineWebhookApi
{
    public const string SignatureHeader = "x-line-signature";

    public static IEndpointRouteBuilder MapLine(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        if (endpoints.ServiceProvider.GetService<IServiceProviderIsService>()?.IsService(typeof(LineSignature)) != true)
        {
            return endpoints; // LINE is not configured (Line:ChannelSecret is empty).
        }

        var line = endpoints.MapGroup("/line").WithTags("LINE");
        line.MapPost("/webhook", HandleWebhookAsync).WithName("LineWebhook");
        return endpoints;
    }

    public static async Task<Results<Ok, UnauthorizedHttpResult, BadRequest, StatusCodeHttpResult>> HandleWebhookAsync(
        HttpRequest request,
        LineSignature signature,
        Inbox inbox,
        LineEventDispatcher queue,
        IOptions<LineOptions> options,
        ILoggerFactory loggers,
        CancellationToken cancellationToken)
    {
        var logger = loggers.CreateLogger(typeof(LineWebhookApi).FullName!);
        var max = options.Value.MaxWebhookBodyBytes;
        if (request.ContentLength > max)
        {
            LogTooLarge(logger, request.ContentLength);
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        var body = await ReadBodyAsync(request.Body, max, cancellationToken).ConfigureAwait(false);
        if (body is null)
        {
            LogTooLarge(logger, null);
            return TypedResults.StatusCode(StatusCodes.Status413PayloadTooLarge);
        }

        string? given = request.Headers[SignatureHeader];
        if (!signature.IsValid(body, given))
        {
            LogBadSignature(logger, string.IsNullOrEmpty(given) ? "missing" : "invalid", request.HttpContext.Connection.RemoteIpAddress?.ToString());
            return TypedResults.Unauthorized();
        }

        LineWebhookBody? payload;
        try
        {
            payload = JsonSerializer.Deserialize(body, LineJsonContext.Default.LineWebhookBody);
        }
        catch (JsonException ex)
        {
            LogMalformed(logger, ex.LineNumber, ex.BytePositionInLine);
            return TypedResults.BadRequest();
        }

        if (payload?.Events is not { } events)
        {
            LogMalformed(logger, null, null);
            return TypedResults.BadRequest();
        }

        var offers = new List<InboxOffer>(events.Count);
        foreach (var webhookEvent in events)
        {
            if (webhookEvent is null || webhookEvent.Mode == "standby" || ChatIdOf(webhookEvent.Source) is not { } chatId)
            {
                continue;
            }

            // Every event LINE sends has a webhookEventId; one without is still kept, under a key of its own.
            var key = webhookEvent.WebhookEventId is { Length: > 0 } id ? id : "local:" + Guid.NewGuid().ToString("N");
            offers.Add(new InboxOffer(key, chatId, JsonSerializer.Serialize(webhookEvent, LineJsonContext.Default.LineWebhookEvent)));
        }

        IReadOnlyList<InboxEvent> stored;
        try
        {
            stored = await inbox.StoreAsync(LineInbox.Channel, offers, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DgBotMetrics.Error("line");
            LogInboxFailed(logger, ex, offers.Count);
            return TypedResults.StatusCode(StatusCodes.Status500InternalServerError);
        }

        if (stored.Count < offers.Count)
        {
            LogRedelivery(logger, offers.Count - stored.Count);
        }

        foreach (var row in stored)
        {
            if (LineInbox.ToWork(row) is { } work)
            {
                queue.Enqueue(work);
            }
        }

        return TypedResults.Ok();
    }

    private static string? ChatIdOf(LineEventSource? source) => source switch
    {
        { Type: "user", UserId: { Length: > 0 } user } => user,
        { Type: "group", GroupId: { Length: > 0 } group } => group,
        { Type: "room", RoomId: { Length: > 0 } room } => room,
        _ => null,
    };

    /// <summary>The whole body, or null when it is longer than <paramref name="max"/> bytes.</summary>
    private static async Task<byte[]?> ReadBodyAsync(Stream body, int max, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > max)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    [LoggerMessage(EventId = 5001, Level = LogLevel.Warning, Message = "Rejected a LINE webhook request with a {Reason} signature from {RemoteAddress}")]
    private static partial void LogBadSignature(ILogger logger, string reason, string? remoteAddress);

    [LoggerMessage(EventId = 5002, Level = LogLevel.Warning, Message = "Rejected a LINE webhook body over the size limit (Content-Length {ContentLength})")]
    private static partial void LogTooLarge(ILogger logger, long? contentLength);

    [LoggerMessage(EventId = 5003, Level = LogLevel.Warning, Message = "Rejected a signed LINE webhook body that is not a webhook request (line {Line}, byte {Position})")]
    private static partial void LogMalformed(ILogger logger, long? line, long? position);

    [LoggerMessage(EventId = 5004, Level = LogLevel.Information, Message = "Skipped {Count} LINE events already received")]
    private static partial void LogRedelivery(ILogger logger, int count);

    [LoggerMessage(EventId = 5005, Level = LogLevel.Error, Message = "Could not store {Count} LINE events in the inbox; answering 500 so LINE sends them again")]
    private static partial void LogInboxFailed(ILogger logger, Exception exception, int count);
}
