using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DgBot.Benchmarks;

/// <summary>
/// A loopback proxy in front of the Telegram double that keeps Telegram's limits as the project takes them
/// (shared/design/PLATFORMS.md, docs/telegram.md): at most <see cref="GlobalPerSecond"/> sends in any one-second window
/// for the whole bot (new messages and edits), and at most one new message (sendMessage, sendPhoto, sendDocument…) per
/// chat per second. Beyond either it answers 429 with <c>parameters.retry_after</c> (whole seconds, at least 1), as
/// Telegram does. answerCallbackQuery, getUpdates and set-up calls are never limited. With <c>limits: false</c> it only
/// forwards, so both modes of the benchmark take the same path (one extra loopback hop).
/// </summary>
internal sealed class TelegramLimitGate : IAsyncDisposable
{
    public const int GlobalPerSecond = 30;
    public static readonly TimeSpan PerChat = TimeSpan.FromSeconds(1);

    private static readonly HashSet<string> NewMessageMethods = new(StringComparer.Ordinal)
    {
        "sendMessage", "sendPhoto", "sendDocument", "sendMediaGroup", "sendAudio", "sendVideo", "sendAnimation", "sendVoice", "sendSticker", "sendLocation", "sendContact", "sendPoll", "forwardMessage", "copyMessage",
    };

    private static readonly HashSet<string> EditMethods = new(StringComparer.Ordinal)
    {
        "editMessageText", "editMessageReplyMarkup", "editMessageCaption", "editMessageMedia",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _forward;
    private readonly bool _limits;
    private readonly Lock _gate = new();
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Queue<double> _window = new();
    private readonly Dictionary<long, double> _lastNewMessage = [];
    private int _tooMany;
    private int _tooManyGlobal;
    private int _tooManyPerChat;
    private readonly List<double> _perChatGaps = [];

    private TelegramLimitGate(WebApplication app, Uri target, bool limits)
    {
        _app = app;
        _forward = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { BaseAddress = target, Timeout = Timeout.InfiniteTimeSpan };
        _limits = limits;
    }

    public Uri BaseUrl { get; private set; } = null!;

    public int TooMany => Volatile.Read(ref _tooMany);

    public int TooManyGlobal => Volatile.Read(ref _tooManyGlobal);

    public int TooManyPerChat => Volatile.Read(ref _tooManyPerChat);

    /// <summary>For each per-chat refusal: the time since that chat's last accepted new message, in ms (what the bot's spacing looked like on arrival).</summary>
    public IReadOnlyList<double> PerChatGapsMs { get { lock (_gate) { return [.. _perChatGaps]; } } }

    public static async Task<TelegramLimitGate> StartAsync(Uri target, bool limits)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var gate = new TelegramLimitGate(app, target, limits);
        app.Map("/{**path}", gate.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        gate.BaseUrl = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/') + "/");
        return gate;
    }

    /// <summary>Null when the call may go through now, else the retry_after to answer with and which limit refused it.</summary>
    private (int RetryAfter, bool Global)? Refuse(string method, long? chat)
    {
        var isNew = NewMessageMethods.Contains(method);
        if (!_limits || (!isNew && !EditMethods.Contains(method)))
        {
            return null;
        }

        lock (_gate)
        {
            var now = _clock.Elapsed.TotalSeconds;
            while (_window.Count > 0 && _window.Peek() <= now - 1)
            {
                _window.Dequeue();
            }

            if (isNew && chat is { } c && _lastNewMessage.TryGetValue(c, out var last) && now - last < PerChat.TotalSeconds)
            {
                _perChatGaps.Add((now - last) * 1000);
                return ((int)Math.Max(1, Math.Ceiling(last + PerChat.TotalSeconds - now)), false);
            }

            if (_window.Count >= GlobalPerSecond)
            {
                return ((int)Math.Max(1, Math.Ceiling(_window.Peek() + 1 - now)), true);
            }

            _window.Enqueue(now);
            if (isNew && chat is { } chatId)
            {
                _lastNewMessage[chatId] = now;
            }

            return null;
        }
    }

    private async Task HandleAsync(HttpContext context)
    {
        var path = context.Request.Path.Value ?? "";
        var method = path[(path.LastIndexOf('/') + 1)..];
        using var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body).ConfigureAwait(false);
        var bytes = body.ToArray();
        if (Refuse(method, ChatOf(context.Request.ContentType, bytes)) is { } refused)
        {
            Interlocked.Increment(ref _tooMany);
            Interlocked.Increment(ref refused.Global ? ref _tooManyGlobal : ref _tooManyPerChat);
            context.Response.StatusCode = 429;
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($"{{\"ok\":false,\"error_code\":429,\"description\":\"Too Many Requests: retry after {refused.RetryAfter}\",\"parameters\":{{\"retry_after\":{refused.RetryAfter}}}}}").ConfigureAwait(false);
            return;
        }

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.Method), new Uri(_forward.BaseAddress!, "/" + path.TrimStart('/') + context.Request.QueryString));
        request.Content = new ByteArrayContent(bytes);
        if (context.Request.ContentType is { } type)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", type);
        }

        using var response = await _forward.SendAsync(request, context.RequestAborted).ConfigureAwait(false);
        context.Response.StatusCode = (int)response.StatusCode;
        context.Response.ContentType = response.Content.Headers.ContentType?.ToString();
        await response.Content.CopyToAsync(context.Response.Body).ConfigureAwait(false);
    }

    /// <summary>The chat_id of a JSON request (Telegram.Bot sends JSON except for uploads); null when it has none or is multipart.</summary>
    private static long? ChatOf(string? contentType, byte[] body)
    {
        if (contentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true || body.Length == 0)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(body)?["chat_id"] switch
            {
                JsonValue v when v.TryGetValue<long>(out var n) => n,
                JsonValue v when v.TryGetValue<string>(out var s) && long.TryParse(s, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
                _ => null,
            };
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    public async ValueTask DisposeAsync()
    {
        _forward.Dispose();
        await _app.DisposeAsync().ConfigureAwait(false);
    }
}
