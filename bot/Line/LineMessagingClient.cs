using System.Net.Http.Json;
using System.Net;
using System.Text.Json.Serialization.Metadata;
using DgBot.Core.Diagnostics;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Line;

/// <summary>How a send ended.</summary>
public enum LineSendStatus
{
    /// <summary>LINE accepted the request (or, for a repeated retry key, had already accepted it).</summary>
    Delivered,

    /// <summary>LINE refused the request (4xx other than 409/429): sending it again will not help.</summary>
    Rejected,

    /// <summary>Rate-limited, server errors or network errors until the attempts ran out.</summary>
    Failed,
}

/// <summary>The outcome of one send request.</summary>
public readonly record struct LineSendResult(LineSendStatus Status, int? StatusCode = null, string? Error = null)
{
    public bool Delivered => Status == LineSendStatus.Delivered;
}

/// <summary>This month's message quota (null limit: none set) and how much of it is used.</summary>
public sealed record LineQuota(long? Limit, long Used)
{
    public long? Remaining => Limit is { } limit ? Math.Max(0, limit - Used) : null;
}

/// <summary>A user's LINE profile (only the display name is kept).</summary>
public sealed record LineProfile(string UserId, string DisplayName);

/// <summary>
/// A small typed client for the LINE Messaging API endpoints DgBot uses. Reply is free and single-use; push and
/// multicast count against the monthly quota per recipient and carry <c>X-Line-Retry-Key</c> so that a retry after a
/// 429, a 5xx or a lost answer is never delivered twice (LINE answers 409 to an already accepted key).
/// </summary>
public sealed partial class LineMessagingClient(
    HttpClient http,
    IOptions<LineOptions> options,
    LineChannelStatus status,
    TimeProvider time,
    ILogger<LineMessagingClient> logger)
{
    public const int MaxMessagesPerRequest = 5;
    public const int MaxMulticastRecipients = 500;
    public const string RetryKeyHeader = "X-Line-Retry-Key";

    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    /// <summary>Replies with a reply token (one attempt: the token is single-use).</summary>
    public async Task<LineSendResult> ReplyAsync(string replyToken, IReadOnlyList<LineMessage> messages, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(replyToken);
        CheckMessages(messages);
        using var request = JsonRequest(HttpMethod.Post, "v2/bot/message/reply", new LineReplyRequest(replyToken, messages), LineJsonContext.Default.LineReplyRequest);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                MarkSuccess();
                DgBotMetrics.ReplySent("line", messages.Count);
                return new(LineSendStatus.Delivered, (int)response.StatusCode);
            }

            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            CountRateLimit(response.StatusCode);
            LogRequestRefused(logger, "reply", (int)response.StatusCode, error);
            return new(LineSendStatus.Rejected, (int)response.StatusCode, error);
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            LogRequestFailed(logger, ex, "reply", 1);
            return new(LineSendStatus.Failed, Error: ex.Message);
        }
    }

    /// <summary>Pushes messages to one user, group or room. Reuse <paramref name="retryKey"/> only to repeat the same request.</summary>
    public async Task<LineSendResult> PushAsync(string to, IReadOnlyList<LineMessage> messages, Guid retryKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(to);
        CheckMessages(messages);
        var result = await SendWithRetryKeyAsync("push", "v2/bot/message/push", new LinePushRequest(to, messages), LineJsonContext.Default.LinePushRequest, retryKey, cancellationToken).ConfigureAwait(false);
        if (result.Delivered)
        {
            DgBotMetrics.ReplySent("line", messages.Count);
        }

        return result;
    }

    /// <summary>Sends the same messages to at most 500 users. Reuse <paramref name="retryKey"/> only to repeat the same request.</summary>
    public Task<LineSendResult> MulticastAsync(IReadOnlyList<string> to, IReadOnlyList<LineMessage> messages, Guid retryKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(to);
        ArgumentOutOfRangeException.ThrowIfZero(to.Count, nameof(to));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(to.Count, MaxMulticastRecipients, nameof(to));
        CheckMessages(messages);
        return SendWithRetryKeyAsync("multicast", "v2/bot/message/multicast", new LineMulticastRequest(to, messages), LineJsonContext.Default.LineMulticastRequest, retryKey, cancellationToken);
    }

    /// <summary>This month's quota (<c>GET /v2/bot/message/quota</c>) and consumption (<c>/quota/consumption</c>).</summary>
    public async Task<LineQuota> GetQuotaAsync(CancellationToken cancellationToken)
    {
        var quota = await GetJsonAsync("v2/bot/message/quota", LineJsonContext.Default.LineQuotaResponse, cancellationToken).ConfigureAwait(false);
        var used = await GetJsonAsync("v2/bot/message/quota/consumption", LineJsonContext.Default.LineQuotaConsumptionResponse, cancellationToken).ConfigureAwait(false);
        var limit = string.Equals(quota.Type, "limited", StringComparison.Ordinal) ? quota.Value : null;
        return new LineQuota(limit, used.TotalUsage);
    }

    /// <summary>Shows the loading indicator in a one-to-one chat; false when LINE refused or could not be reached.</summary>
    public async Task<bool> StartLoadingAsync(string chatId, int seconds, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(chatId);
        using var request = JsonRequest(HttpMethod.Post, "v2/bot/chat/loading/start", new LineLoadingRequest(chatId, seconds), LineJsonContext.Default.LineLoadingRequest);
        try
        {
            using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                MarkSuccess();
                return true;
            }

            LogRequestRefused(logger, "loading", (int)response.StatusCode, await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false));
            return false;
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken))
        {
            LogRequestFailed(logger, ex, "loading", 1);
            return false;
        }
    }

    /// <summary>The user's profile, or null when LINE does not give it (not a friend, or an error).</summary>
    public async Task<LineProfile?> GetProfileAsync(string userId, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(userId);
        try
        {
            using var response = await http.GetAsync(new Uri("v2/bot/profile/" + Uri.EscapeDataString(userId), UriKind.Relative), cancellationToken).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                LogRequestRefused(logger, "profile", (int)response.StatusCode, await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false));
                return null;
            }

            var profile = await response.Content.ReadFromJsonAsync(LineJsonContext.Default.LineProfileResponse, cancellationToken).ConfigureAwait(false);
            MarkSuccess();
            return profile is null ? null : new LineProfile(profile.UserId, profile.DisplayName);
        }
        catch (Exception ex) when (IsTransient(ex, cancellationToken) || ex is System.Text.Json.JsonException)
        {
            LogRequestFailed(logger, ex, "profile", 1);
            return null;
        }
    }

    private async Task<LineSendResult> SendWithRetryKeyAsync<T>(
        string operation, string path, T body, JsonTypeInfo<T> typeInfo, Guid retryKey, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var last = new LineSendResult(LineSendStatus.Failed);
        for (var attempt = 1; attempt <= settings.MaxSendAttempts; attempt++)
        {
            TimeSpan? retryAfter = null;
            using var request = JsonRequest(HttpMethod.Post, path, body, typeInfo);
            request.Headers.Add(RetryKeyHeader, retryKey.ToString("D"));
            try
            {
                using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
                var code = (int)response.StatusCode;
                if (response.IsSuccessStatusCode)
                {
                    MarkSuccess();
                    return new(LineSendStatus.Delivered, code);
                }

                if (response.StatusCode == HttpStatusCode.Conflict)
                {
                    // LINE already accepted a request with this retry key: an earlier attempt got through.
                    LogRetryKeyAlreadyAccepted(logger, operation, attempt);
                    MarkSuccess();
                    return new(LineSendStatus.Delivered, code);
                }

                var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
                if (response.StatusCode != HttpStatusCode.TooManyRequests && code < 500)
                {
                    LogRequestRefused(logger, operation, code, error);
                    return new(LineSendStatus.Rejected, code, error);
                }

                CountRateLimit(response.StatusCode);
                LogRequestThrottled(logger, operation, code, attempt);
                retryAfter = response.Headers.RetryAfter?.Delta;
                last = new(LineSendStatus.Failed, code, error);
            }
            catch (Exception ex) when (IsTransient(ex, cancellationToken))
            {
                LogRequestFailed(logger, ex, operation, attempt);
                last = new(LineSendStatus.Failed, Error: ex.Message);
            }

            if (attempt < settings.MaxSendAttempts)
            {
                var backoff = retryAfter ?? settings.RetryBaseDelay * Math.Pow(2, attempt - 1);
                await Task.Delay(backoff < MaxBackoff ? backoff : MaxBackoff, time, cancellationToken).ConfigureAwait(false);
            }
        }

        return last;
    }

    private async Task<T> GetJsonAsync<T>(string path, JsonTypeInfo<T> typeInfo, CancellationToken cancellationToken)
    {
        using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            var error = await ReadErrorAsync(response, cancellationToken).ConfigureAwait(false);
            throw new HttpRequestException($"LINE answered {(int)response.StatusCode} to GET /{path}: {error}", null, response.StatusCode);
        }

        var value = await response.Content.ReadFromJsonAsync(typeInfo, cancellationToken).ConfigureAwait(false)
            ?? throw new HttpRequestException($"LINE answered GET /{path} with an empty body.");
        MarkSuccess();
        return value;
    }

    private static HttpRequestMessage JsonRequest<T>(HttpMethod method, string path, T body, JsonTypeInfo<T> typeInfo) =>
        new(method, new Uri(path, UriKind.Relative)) { Content = JsonContent.Create(body, typeInfo) };

    private static void CheckMessages(IReadOnlyList<LineMessage> messages)
    {
        ArgumentNullException.ThrowIfNull(messages);
        ArgumentOutOfRangeException.ThrowIfZero(messages.Count, nameof(messages));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(messages.Count, MaxMessagesPerRequest, nameof(messages));
    }

    private static async Task<string?> ReadErrorAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var error = await response.Content.ReadFromJsonAsync(LineJsonContext.Default.LineErrorResponse, cancellationToken).ConfigureAwait(false);
            return error?.Message;
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException or HttpRequestException)
        {
            return null;
        }
    }

    private static bool IsTransient(Exception ex, CancellationToken cancellationToken) =>
        ex is HttpRequestException || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested);

    private void MarkSuccess() => status.MarkSuccess(time.GetUtcNow());

    private static void CountRateLimit(HttpStatusCode code)
    {
        if (code == HttpStatusCode.TooManyRequests)
        {
            DgBotMetrics.RateLimited("line");
        }
    }

    [LoggerMessage(EventId = 5101, Level = LogLevel.Warning, Message = "LINE refused the {Operation} request with {StatusCode}: {Error}")]
    private static partial void LogRequestRefused(ILogger logger, string operation, int statusCode, string? error);

    [LoggerMessage(EventId = 5102, Level = LogLevel.Warning, Message = "LINE {Operation} request failed on attempt {Attempt}")]
    private static partial void LogRequestFailed(ILogger logger, Exception exception, string operation, int attempt);

    [LoggerMessage(EventId = 5103, Level = LogLevel.Warning, Message = "LINE answered {StatusCode} to the {Operation} request on attempt {Attempt}; backing off")]
    private static partial void LogRequestThrottled(ILogger logger, string operation, int statusCode, int attempt);

    [LoggerMessage(EventId = 5104, Level = LogLevel.Information, Message = "LINE had already accepted the {Operation} request (409 on attempt {Attempt}): counted as delivered")]
    private static partial void LogRetryKeyAlreadyAccepted(ILogger logger, string operation, int attempt);
}
