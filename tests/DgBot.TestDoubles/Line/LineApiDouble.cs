using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DgBot.TestDoubles.Line;

/// <summary>Settings of a <see cref="LineApiDouble"/>.</summary>
public sealed class LineApiDoubleOptions
{
    /// <summary>The channel access token the double accepts (<c>Authorization: Bearer …</c>).</summary>
    public string AccessToken { get; init; } = "double-channel-access-token";

    /// <summary>The double's clock, for reply-token expiry (tests pass a FakeTimeProvider).</summary>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    /// <summary>How long a reply token can be used after it was issued.</summary>
    public TimeSpan ReplyTokenLifetime { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>The monthly message limit; null means no limit is set (<c>type: none</c>).</summary>
    public long? QuotaLimit { get; init; } = 1000;

    /// <summary>
    /// A Prism mock of LINE's messaging-api.yml: every request is also sent there first, and a 4xx from it is a
    /// contract violation (recorded, and answered 400 to the caller).
    /// </summary>
    public Uri? ContractMock { get; init; }
}

/// <summary>One message request the double accepted for one recipient.</summary>
/// <param name="To">The recipient (user, group or room id).</param>
/// <param name="Via">"reply", "push" or "multicast".</param>
/// <param name="Messages">The message objects, as sent.</param>
public sealed record LineDelivery(string To, string Via, JsonArray Messages)
{
    /// <summary>The <c>text</c> of the text messages, in order.</summary>
    public IEnumerable<string> Texts => Messages.Where(m => (string?)m?["type"] == "text").Select(m => (string?)m?["text"] ?? "");
}

/// <summary>One request the double received and the status it answered.</summary>
public sealed record LineApiCall(string Method, string Path, string? RetryKey, string Body, int Status);

/// <summary>
/// A LINE Messaging API double on 127.0.0.1 (port 0) owned by the project: single-use reply tokens that expire,
/// monthly quota counted per recipient for push and multicast, retry keys (a repeated accepted key answers 409),
/// injected failures (429, 5xx), and the message checks Prism cannot make because it ignores message subtypes
/// (text length, quick reply count and label length, postback data length, Flex <c>altText</c> and <c>contents</c>).
/// </summary>
public sealed class LineApiDouble : IAsyncDisposable
{
    public const int MaxMessages = 5;
    public const int MaxTextLength = 5000;
    public const int MaxQuickReplyItems = 13;
    public const int MaxQuickReplyLabelLength = 20;
    public const int MaxFlexButtonLabelLength = 40;
    public const int MaxPostbackDataLength = 300;
    public const int MaxAltTextLength = 400;
    public const int MaxMulticastRecipients = 500;
    public const int MaxCarouselBubbles = 12;

    private static readonly string[] ForwardedHeaders = ["Authorization", "X-Line-Retry-Key"];
    private static readonly string[] BubbleBlocks = ["header", "hero", "body", "footer"];

    private readonly LineApiDoubleOptions _options;
    private readonly WebApplication _app;
    private readonly HttpClient _contract = new();
    private readonly Lock _gate = new();
    private readonly Dictionary<string, (string To, DateTimeOffset IssuedAt)> _replyTokens = new(StringComparer.Ordinal);
    private readonly HashSet<string> _acceptedRetryKeys = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<(int Status, bool AfterAccepting)>> _injected = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _profiles = new(StringComparer.Ordinal);
    private readonly List<LineDelivery> _deliveries = [];
    private readonly List<LineApiCall> _calls = [];
    private readonly List<string> _violations = [];
    private readonly List<string> _loading = [];
    private long _consumption;
    private int _tokenCounter;
    private int _held;
    private TaskCompletionSource? _hold;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private LineApiDouble(LineApiDoubleOptions options, WebApplication app)
    {
        _options = options;
        _app = app;
    }

    public Uri BaseAddress { get; private set; } = null!;

    public string AccessToken => _options.AccessToken;

    public static async Task<LineApiDouble> StartAsync(LineApiDoubleOptions? options = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var line = new LineApiDouble(options ?? new LineApiDoubleOptions(), app);
        app.Map("/{**path}", line.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        line.BaseAddress = new Uri(address.TrimEnd('/') + "/");
        return line;
    }

    /// <summary>Issues a reply token for a webhook event from <paramref name="to"/> (usable once, within the lifetime).</summary>
    public string IssueReplyToken(string to)
    {
        lock (_gate)
        {
            var token = string.Create(CultureInfo.InvariantCulture, $"rt{Interlocked.Increment(ref _tokenCounter):D6}{Guid.NewGuid():N}");
            _replyTokens[token] = (to, _options.Time.GetUtcNow());
            return token;
        }
    }

    public void SetProfile(string userId, string displayName)
    {
        lock (_gate)
        {
            _profiles[userId] = displayName;
        }
    }

    /// <summary>
    /// The next <paramref name="count"/> requests to <paramref name="path"/> (for example "/v2/bot/message/push") answer
    /// <paramref name="status"/>. With <paramref name="afterAccepting"/> the request is first accepted (delivered, its
    /// retry key remembered, quota counted) and only the answer fails, as when a response is lost.
    /// </summary>
    public void InjectFailures(string path, int status, int count = 1, bool afterAccepting = false)
    {
        lock (_gate)
        {
            if (!_injected.TryGetValue(path, out var queue))
            {
                _injected[path] = queue = new();
            }

            for (var i = 0; i < count; i++)
            {
                queue.Enqueue((status, afterAccepting));
            }
        }
    }

    public IReadOnlyList<LineDelivery> Deliveries
    {
        get
        {
            lock (_gate)
            {
                return [.. _deliveries];
            }
        }
    }

    public IReadOnlyList<LineDelivery> DeliveriesTo(string to) => [.. Deliveries.Where(d => d.To == to)];

    public IReadOnlyList<LineApiCall> Calls
    {
        get
        {
            lock (_gate)
            {
                return [.. _calls];
            }
        }
    }

    /// <summary>Every broken limit and every contract (Prism) violation seen so far.</summary>
    public IReadOnlyList<string> Violations
    {
        get
        {
            lock (_gate)
            {
                return [.. _violations];
            }
        }
    }

    /// <summary>The chat ids a loading indicator was shown in, in order.</summary>
    public IReadOnlyList<string> LoadingShownTo
    {
        get
        {
            lock (_gate)
            {
                return [.. _loading];
            }
        }
    }

    /// <summary>Messages counted against this month's quota (one per recipient per push or multicast).</summary>
    public long Consumption => Interlocked.Read(ref _consumption);

    /// <summary>Waits (at most <paramref name="timeout"/>, default 15 s) until <paramref name="condition"/> holds.</summary>
    public async Task WaitUntilAsync(Func<LineApiDouble, bool> condition, TimeSpan? timeout = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(15));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (condition(this))
            {
                return;
            }

            try
            {
                await changed.WaitAsync(cancel.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException(
                    $"The LINE double did not reach the expected state. Calls: {string.Join(", ", Calls.Select(c => $"{c.Method} {c.Path} {c.Status}"))}; violations: {string.Join(" | ", Violations)}");
            }
        }
    }

    /// <summary>Waits until <paramref name="to"/> has received at least <paramref name="count"/> deliveries; returns them.</summary>
    public async Task<IReadOnlyList<LineDelivery>> WaitForDeliveriesAsync(string to, int count, TimeSpan? timeout = null)
    {
        await WaitUntilAsync(d => d.DeliveriesTo(to).Count >= count, timeout).ConfigureAwait(false);
        return DeliveriesTo(to);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _contract.Dispose();
    }

    /// <summary>
    /// From now on every request waits, unanswered and unrecorded, until <see cref="Release"/>; a request whose caller
    /// went away meanwhile (a killed bot) is dropped without being recorded.
    /// </summary>
    public void Hold()
    {
        lock (_gate)
        {
            _hold ??= new(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }

    /// <summary>Lets held requests (and every later one) through.</summary>
    public void Release()
    {
        TaskCompletionSource? hold;
        lock (_gate)
        {
            hold = _hold;
            _hold = null;
        }

        hold?.TrySetResult();
    }

    /// <summary>How many requests are waiting at the hold.</summary>
    public int Held => Volatile.Read(ref _held);

    private async Task HandleAsync(HttpContext context)
    {
        TaskCompletionSource? hold;
        lock (_gate)
        {
            hold = _hold;
        }

        if (hold is not null)
        {
            Interlocked.Increment(ref _held);
            try
            {
                await hold.Task.WaitAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            finally
            {
                Interlocked.Decrement(ref _held);
            }
        }

        var request = context.Request;
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted).ConfigureAwait(false);
        }

        var path = request.Path.Value ?? "/";
        string? retryKey = request.Headers["X-Line-Retry-Key"];
        var (status, response) = await AnswerAsync(request, path, retryKey, body, context.RequestAborted).ConfigureAwait(false);
        lock (_gate)
        {
            _calls.Add(new LineApiCall(request.Method, path, retryKey, body, status));
            _changed.TrySetResult();
            _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
        }

        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(response.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private async Task<(int Status, JsonNode Body)> AnswerAsync(HttpRequest request, string path, string? retryKey, string body, CancellationToken cancellationToken)
    {
        if (_options.ContractMock is { } mock && await CheckContractAsync(mock, request, path, body, cancellationToken).ConfigureAwait(false) is { } contractError)
        {
            return Violation(contractError);
        }

        if (request.Headers.Authorization.ToString() != "Bearer " + _options.AccessToken)
        {
            return Error(401, "Authentication failed. Confirm that the access token in the authorization header is valid.");
        }

        JsonNode? json = null;
        if (body.Length > 0)
        {
            try
            {
                json = JsonNode.Parse(body);
            }
            catch (JsonException ex)
            {
                return Violation($"{path}: body is not JSON ({ex.Message})");
            }
        }

        (int Status, bool AfterAccepting)? injected = null;
        lock (_gate)
        {
            if (_injected.TryGetValue(path, out var queue) && queue.Count > 0)
            {
                injected = queue.Dequeue();
            }
        }

        if (injected is { AfterAccepting: false } failure)
        {
            return Error(failure.Status, "Injected failure");
        }

        var answer = (request.Method, path) switch
        {
            ("POST", "/v2/bot/message/reply") => Reply(json, retryKey),
            ("POST", "/v2/bot/message/push") => Push(json, retryKey),
            ("POST", "/v2/bot/message/multicast") => Multicast(json, retryKey),
            ("GET", "/v2/bot/message/quota") => (200, _options.QuotaLimit is { } limit
                ? new JsonObject { ["type"] = "limited", ["value"] = limit }
                : new JsonObject { ["type"] = "none" }),
            ("GET", "/v2/bot/message/quota/consumption") => (200, new JsonObject { ["totalUsage"] = Consumption }),
            ("POST", "/v2/bot/chat/loading/start") => Loading(json),
            ("GET", _) when path.StartsWith("/v2/bot/profile/", StringComparison.Ordinal) => Profile(Uri.UnescapeDataString(path["/v2/bot/profile/".Length..])),
            _ => Error(404, "Not found"),
        };
        return injected is { } accepted ? Error(accepted.Status, "Injected failure after accepting") : answer;
    }

    private (int, JsonNode) Reply(JsonNode? json, string? retryKey)
    {
        if (retryKey is not null)
        {
            return Violation("reply: X-Line-Retry-Key is not allowed on reply");
        }

        if (CheckMessages("reply", json?["messages"]) is { } invalid)
        {
            return invalid;
        }

        var token = (string?)json?["replyToken"] ?? "";
        lock (_gate)
        {
            // A reply token is single-use: it is gone after the first attempt, whatever the outcome.
            if (!_replyTokens.Remove(token, out var issued) || _options.Time.GetUtcNow() - issued.IssuedAt > _options.ReplyTokenLifetime)
            {
                return Error(400, "Invalid reply token");
            }

            Deliver(issued.To, "reply", json!["messages"]!.AsArray());
        }

        return (200, SentMessages(json!["messages"]!.AsArray().Count));
    }

    private (int, JsonNode) Push(JsonNode? json, string? retryKey)
    {
        if (CheckRetryKey("push", retryKey) is { } badKey)
        {
            return badKey;
        }

        if (CheckMessages("push", json?["messages"]) is { } invalid)
        {
            return invalid;
        }

        if ((string?)json?["to"] is not { Length: > 0 } to)
        {
            return Violation("push: 'to' is missing");
        }

        lock (_gate)
        {
            if (retryKey is not null && _acceptedRetryKeys.Contains(retryKey))
            {
                return (409, new JsonObject { ["message"] = "The retry key is already accepted", ["sentMessages"] = SentMessages(json!["messages"]!.AsArray().Count)["sentMessages"]!.DeepClone() });
            }

            if (_options.QuotaLimit is { } limit && _consumption + 1 > limit)
            {
                return Error(429, "You have reached your monthly limit.");
            }

            _consumption++;
            Remember(retryKey);
            Deliver(to, "push", json!["messages"]!.AsArray());
        }

        return (200, SentMessages(json!["messages"]!.AsArray().Count));
    }

    private (int, JsonNode) Multicast(JsonNode? json, string? retryKey)
    {
        if (CheckRetryKey("multicast", retryKey) is { } badKey)
        {
            return badKey;
        }

        if (CheckMessages("multicast", json?["messages"]) is { } invalid)
        {
            return invalid;
        }

        if (json?["to"] is not JsonArray { Count: > 0 and <= MaxMulticastRecipients } recipients)
        {
            return Violation($"multicast: 'to' must hold 1 to {MaxMulticastRecipients} user ids");
        }

        lock (_gate)
        {
            if (retryKey is not null && _acceptedRetryKeys.Contains(retryKey))
            {
                return (409, new JsonObject { ["message"] = "The retry key is already accepted" });
            }

            if (_options.QuotaLimit is { } limit && _consumption + recipients.Count > limit)
            {
                return Error(429, "You have reached your monthly limit.");
            }

            _consumption += recipients.Count;
            Remember(retryKey);
            foreach (var to in recipients)
            {
                Deliver((string?)to ?? "", "multicast", json!["messages"]!.AsArray());
            }
        }

        return (200, new JsonObject());
    }

    private (int, JsonNode) Loading(JsonNode? json)
    {
        var chatId = (string?)json?["chatId"];
        var seconds = (int?)json?["loadingSeconds"] ?? 20;
        if (string.IsNullOrEmpty(chatId) || seconds is < 5 or > 60 || seconds % 5 != 0)
        {
            return Violation("loading: chatId is required and loadingSeconds must be a multiple of 5 from 5 to 60");
        }

        lock (_gate)
        {
            _loading.Add(chatId);
        }

        return (202, new JsonObject());
    }

    private (int, JsonNode) Profile(string userId)
    {
        lock (_gate)
        {
            return _profiles.TryGetValue(userId, out var name)
                ? (200, new JsonObject { ["displayName"] = name, ["userId"] = userId })
                : Error(404, "Not found");
        }
    }

    private void Remember(string? retryKey)
    {
        if (retryKey is not null)
        {
            _acceptedRetryKeys.Add(retryKey);
        }
    }

    private void Deliver(string to, string via, JsonArray messages) =>
        _deliveries.Add(new LineDelivery(to, via, messages.DeepClone().AsArray()));

    private (int, JsonNode)? CheckRetryKey(string operation, string? retryKey) =>
        retryKey is null || Guid.TryParseExact(retryKey, "D", out _) ? null : Violation($"{operation}: X-Line-Retry-Key '{retryKey}' is not a UUID");

    private (int, JsonNode)? CheckMessages(string operation, JsonNode? messages)
    {
        var problems = new List<string>();
        if (messages is not JsonArray { Count: > 0 and <= MaxMessages } array)
        {
            problems.Add($"messages must hold 1 to {MaxMessages} message objects");
        }
        else
        {
            for (var i = 0; i < array.Count; i++)
            {
                CheckMessage($"messages[{i}]", array[i], problems);
            }
        }

        return problems.Count == 0 ? null : Violation($"{operation}: {string.Join("; ", problems)}");
    }

    private static void CheckMessage(string at, JsonNode? message, List<string> problems)
    {
        switch ((string?)message?["type"])
        {
            case "text":
                var text = (string?)message!["text"];
                if (string.IsNullOrEmpty(text) || text.Length > MaxTextLength)
                {
                    problems.Add($"{at}.text must be 1 to {MaxTextLength} characters (was {text?.Length ?? 0})");
                }

                break;
            case "flex":
                var alt = (string?)message!["altText"];
                if (string.IsNullOrWhiteSpace(alt) || alt.Length > MaxAltTextLength)
                {
                    problems.Add($"{at}.altText must be 1 to {MaxAltTextLength} characters");
                }

                CheckContainer($"{at}.contents", message["contents"], problems);
                break;
            default:
                problems.Add($"{at}.type '{(string?)message?["type"]}' is not a message type DgBot sends");
                break;
        }

        if (message?["quickReply"] is { } quickReply)
        {
            if (quickReply["items"] is not JsonArray { Count: > 0 and <= MaxQuickReplyItems } items)
            {
                problems.Add($"{at}.quickReply.items must hold 1 to {MaxQuickReplyItems} items");
                return;
            }

            for (var i = 0; i < items.Count; i++)
            {
                if ((string?)items[i]?["type"] != "action")
                {
                    problems.Add($"{at}.quickReply.items[{i}].type must be 'action'");
                }

                CheckAction($"{at}.quickReply.items[{i}].action", items[i]?["action"], MaxQuickReplyLabelLength, problems);
            }
        }
    }

    private static void CheckAction(string at, JsonNode? action, int maxLabel, List<string> problems)
    {
        var label = (string?)action?["label"];
        if (string.IsNullOrEmpty(label) || label.Length > maxLabel)
        {
            problems.Add($"{at}.label must be 1 to {maxLabel} characters (was '{label}')");
        }

        if ((string?)action?["type"] == "postback")
        {
            var data = (string?)action["data"];
            if (data is null || data.Length > MaxPostbackDataLength)
            {
                problems.Add($"{at}.data must be at most {MaxPostbackDataLength} characters");
            }

            if ((string?)action["displayText"] is { Length: > MaxPostbackDataLength })
            {
                problems.Add($"{at}.displayText must be at most {MaxPostbackDataLength} characters");
            }
        }
        else
        {
            problems.Add($"{at}.type must be 'postback'");
        }
    }

    private static void CheckContainer(string at, JsonNode? container, List<string> problems)
    {
        switch ((string?)container?["type"])
        {
            case "bubble":
                var blocks = BubbleBlocks.Where(b => container![b] is not null).ToList();
                if (blocks.Count == 0)
                {
                    problems.Add($"{at}: a bubble needs a header, hero, body or footer");
                }

                foreach (var block in blocks)
                {
                    if ((string?)container![block]!["type"] != "box")
                    {
                        problems.Add($"{at}.{block} must be a box");
                    }

                    CheckComponent($"{at}.{block}", container[block], problems);
                }

                break;
            case "carousel":
                if (container!["contents"] is not JsonArray { Count: > 0 and <= MaxCarouselBubbles } bubbles)
                {
                    problems.Add($"{at}.contents must hold 1 to {MaxCarouselBubbles} bubbles");
                    return;
                }

                for (var i = 0; i < bubbles.Count; i++)
                {
                    if ((string?)bubbles[i]?["type"] != "bubble")
                    {
                        problems.Add($"{at}.contents[{i}] must be a bubble");
                    }

                    CheckContainer($"{at}.contents[{i}]", bubbles[i], problems);
                }

                break;
            default:
                problems.Add($"{at}: contents must be a bubble or a carousel");
                break;
        }
    }

    private static void CheckComponent(string at, JsonNode? component, List<string> problems)
    {
        switch ((string?)component?["type"])
        {
            case "box":
                if ((string?)component!["layout"] is not ("horizontal" or "vertical" or "baseline"))
                {
                    problems.Add($"{at}.layout must be horizontal, vertical or baseline");
                }

                if (component["contents"] is not JsonArray contents)
                {
                    problems.Add($"{at}.contents must be an array");
                    return;
                }

                for (var i = 0; i < contents.Count; i++)
                {
                    CheckComponent($"{at}.contents[{i}]", contents[i], problems);
                }

                break;
            case "text":
                if (string.IsNullOrEmpty((string?)component!["text"]) && component["contents"] is null)
                {
                    problems.Add($"{at}.text must not be empty");
                }

                break;
            case "button":
                CheckAction($"{at}.action", component!["action"], MaxFlexButtonLabelLength, problems);
                break;
            case "separator" or "filler" or "image" or "icon" or "span":
                break;
            default:
                problems.Add($"{at}.type '{(string?)component?["type"]}' is not a Flex component");
                break;
        }
    }

    private async Task<string?> CheckContractAsync(Uri mock, HttpRequest request, string path, string body, CancellationToken cancellationToken)
    {
        using var forward = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(mock, path.TrimStart('/')));
        if (body.Length > 0)
        {
            forward.Content = new StringContent(body, Encoding.UTF8, "application/json");
        }

        foreach (var header in ForwardedHeaders)
        {
            if (request.Headers.TryGetValue(header, out var value))
            {
                forward.Headers.TryAddWithoutValidation(header, value.ToString());
            }
        }

        using var answer = await _contract.SendAsync(forward, cancellationToken).ConfigureAwait(false);
        var code = (int)answer.StatusCode;
        if (code is < 400 or >= 500)
        {
            return null;
        }

        var reasons = answer.Headers.TryGetValues("sl-violations", out var values) ? string.Join(" ", values) : await answer.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        return $"contract: {request.Method} {path} answered {code} by the messaging-api.yml mock: {reasons}";
    }

    private (int, JsonNode) Violation(string problem)
    {
        lock (_gate)
        {
            _violations.Add(problem);
        }

        return Error(400, problem);
    }

    private static (int, JsonNode) Error(int status, string message) => (status, new JsonObject { ["message"] = message });

    private static JsonObject SentMessages(int count) => new()
    {
        ["sentMessages"] = new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode)new JsonObject { ["id"] = (1000 + i).ToString(CultureInfo.InvariantCulture) })]),
    };
}
