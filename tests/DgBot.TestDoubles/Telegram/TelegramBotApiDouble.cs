using System.Globalization;
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

namespace DgBot.TestDoubles.Telegram;

/// <summary>One call the bot made, as the double received it: <see cref="Sequence"/> and <see cref="At"/> are its arrival (calls are kept in arrival order).</summary>
public sealed record RecordedCall(
    int Sequence,
    string Method,
    JsonObject Fields,
    IReadOnlyDictionary<string, byte[]> Files,
    int Status,
    TimeSpan At);

/// <summary>A message the bot sent, as it stands now (after edits).</summary>
public sealed class BotMessage
{
    public required int MessageId { get; init; }

    public required long ChatId { get; init; }

    public string? Text { get; internal set; }

    public string? Caption { get; internal set; }

    /// <summary>The uploaded photo, for a sendPhoto message.</summary>
    public byte[]? Photo => FileKind == "photo" ? File : null;

    /// <summary>The uploaded document, for a sendDocument message.</summary>
    public byte[]? Document => FileKind == "document" ? File : null;

    internal byte[]? File { get; set; }

    internal string? FileKind { get; set; }

    /// <summary>The inline keyboard, or null when the message has none (any more).</summary>
    public JsonObject? ReplyMarkup { get; internal set; }

    public int Edits { get; internal set; }

    /// <summary>Button rows as (text, callback_data).</summary>
    public IReadOnlyList<IReadOnlyList<(string Text, string Data)>> Buttons =>
        ReplyMarkup?["inline_keyboard"] is JsonArray rows
            ? [.. rows.OfType<JsonArray>().Select(r => (IReadOnlyList<(string, string)>)[.. r.OfType<JsonObject>().Select(b => ((string)b["text"]!, (string?)b["callback_data"] ?? ""))])]
            : [];
}

/// <summary>
/// A Bot API server owned by the project, on 127.0.0.1 with a free port, for Telegram.Bot through <c>Telegram:ApiBaseUrl</c>.
/// getUpdates confirms by offset and long-polls; unconfirmed updates come again. It keeps the chats as the bot left them
/// (messages, edits, keyboards, photos), answers 429/403 when told to, enforces Telegram's text and callback_data limits,
/// and checks every request against <c>shared/contracts/telegram/api.json</c>: a violation is answered 400 and recorded in
/// <see cref="Violations"/>, which a test must find empty.
/// </summary>
public sealed class TelegramBotApiDouble : IAsyncDisposable
{
    public const long BotUserId = 7_000_000_001;
    public const string BotUsername = "DgReadinessTestBot";

    private readonly List<Func<CancellationToken, Task>> _bots = [];
    private readonly Lock _gate = new();
    private readonly List<JsonObject> _pending = [];
    private readonly List<int> _updateIds = [];
    private readonly Dictionary<int, int> _deliveries = [];
    private readonly List<RecordedCall> _calls = [];
    private readonly List<string> _violations = [];
    private readonly Dictionary<long, List<BotMessage>> _chats = [];
    private readonly Dictionary<string, (int Status, int? RetryAfter, int Times)> _failures = new(StringComparer.Ordinal);
    private readonly HashSet<long> _blocked = [];
    private readonly Dictionary<string, string?> _callbackAnswers = new(StringComparer.Ordinal);
    private readonly HashSet<string> _openCallbacks = new(StringComparer.Ordinal);
    private readonly System.Diagnostics.Stopwatch _clock = System.Diagnostics.Stopwatch.StartNew();
    private readonly WebApplication _app;
    private readonly TelegramApiContract _contract;
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _nextUpdateId = 100_000;
    private int _nextMessageId = 1;
    private int _confirmedOffset;
    private int _sequence;
    private int _activePolls;

    private TelegramBotApiDouble(WebApplication app, string token, TelegramApiContract contract)
    {
        _app = app;
        Token = token;
        _contract = contract;
    }

    /// <summary>The bot token this double accepts (a well-formed fake).</summary>
    public string Token { get; }

    /// <summary>Where Telegram.Bot should send requests (<c>Telegram:ApiBaseUrl</c>).</summary>
    public Uri BaseUrl { get; private set; } = null!;

    public string? WebhookUrl { get; private set; }

    public string? WebhookSecret { get; private set; }

    /// <summary>The Thai command menu as last published with setMyCommands.</summary>
    public JsonArray? Commands { get; private set; }

    /// <summary>Updates at or after this id are unconfirmed.</summary>
    public int ConfirmedOffset { get { lock (_gate) { return _confirmedOffset; } } }

    /// <summary>Every update queued for getUpdates, in order.</summary>
    public IReadOnlyList<int> UpdateIds { get { lock (_gate) { return [.. _updateIds]; } } }

    public IReadOnlyList<string> Violations { get { lock (_gate) { return [.. _violations]; } } }

    public IReadOnlyList<RecordedCall> Calls { get { lock (_gate) { return [.. _calls]; } } }

    /// <summary>
    /// Called for every call as it is recorded, before the answer goes back: a test can stop the bot at an exact point
    /// (for example kill its process when it answers a callback query, so the answer never arrives).
    /// </summary>
    public Action<RecordedCall>? OnCall { get; set; }

    /// <summary>Number of getUpdates calls waiting right now (a long poll in progress).</summary>
    public int ActivePolls => Volatile.Read(ref _activePolls);

    public static async Task<TelegramBotApiDouble> StartAsync(string token = "123456789:TESTtoken_abcdefghijklmnopqrstuvwxyz", TelegramApiContract? contract = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel().UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var api = new TelegramBotApiDouble(app, token, contract ?? TelegramApiContract.Default);
        app.Map("/bot{token}/{method}", api.HandleAsync);
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        api.BaseUrl = new Uri(address.Replace("0.0.0.0", "127.0.0.1", StringComparison.Ordinal));
        return api;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    // ---- what a person does -------------------------------------------------------------------------------

    /// <summary>The person types <paramref name="text"/>; returns the update id.</summary>
    public int SendText(long userId, string text, string firstName = "สมชาย", string? lastName = "ใจดี", long? chatId = null, string chatType = "private")
    {
        lock (_gate)
        {
            var id = _nextUpdateId++;
            _pending.Add(TextUpdate(id, userId, text, firstName, lastName, chatId, chatType));
            _updateIds.Add(id);
            Signal();
            return id;
        }
    }

    /// <summary>A text update as Telegram would post it to a webhook (not queued for getUpdates).</summary>
    public static JsonObject TextUpdate(int updateId, long userId, string text, string firstName = "สมชาย", string? lastName = "ใจดี", long? chatId = null, string chatType = "private")
    {
        var from = User(userId, firstName, lastName);
        var chat = chatType == "private"
            ? new JsonObject { ["id"] = chatId ?? userId, ["type"] = "private", ["first_name"] = firstName }
            : new JsonObject { ["id"] = chatId ?? -100_000_000_000 - userId, ["type"] = chatType, ["title"] = "กลุ่มทดสอบ" };
        var message = new JsonObject
        {
            ["message_id"] = 900_000 + updateId,
            ["from"] = from,
            ["chat"] = chat,
            ["date"] = UnixNow(),
            ["text"] = text,
        };
        if (text.StartsWith('/'))
        {
            var length = text.IndexOf(' ', StringComparison.Ordinal) is var space and > 0 ? space : text.Length;
            message["entities"] = new JsonArray(new JsonObject { ["type"] = "bot_command", ["offset"] = 0, ["length"] = length });
        }

        return new JsonObject { ["update_id"] = updateId, ["message"] = message };
    }

    /// <summary>The person presses the button with callback data <paramref name="data"/> under a bot message; returns the update id.</summary>
    public int Press(long userId, int messageId, string data, string firstName = "สมชาย")
    {
        lock (_gate)
        {
            var message = _chats.Values.SelectMany(m => m).FirstOrDefault(m => m.MessageId == messageId)
                ?? throw new InvalidOperationException($"No bot message {messageId} to press a button under.");
            var id = _nextUpdateId++;
            var queryId = "cbq-" + id.ToString(CultureInfo.InvariantCulture);
            _openCallbacks.Add(queryId);
            var msg = new JsonObject
            {
                ["message_id"] = message.MessageId,
                ["from"] = User(BotUserId, "DgBot", null, isBot: true),
                ["chat"] = new JsonObject { ["id"] = message.ChatId, ["type"] = message.ChatId > 0 ? "private" : "supergroup", ["first_name"] = firstName },
                ["date"] = UnixNow(),
            };
            if (message.Text is not null)
            {
                msg["text"] = message.Text;
            }

            if (message.ReplyMarkup is not null)
            {
                msg["reply_markup"] = message.ReplyMarkup.DeepClone();
            }

            _updateIds.Add(id);
            _pending.Add(new JsonObject
            {
                ["update_id"] = id,
                ["callback_query"] = new JsonObject
                {
                    ["id"] = queryId,
                    ["from"] = User(userId, firstName, null),
                    ["message"] = msg,
                    ["chat_instance"] = "ci-" + message.ChatId.ToString(CultureInfo.InvariantCulture),
                    ["data"] = data,
                },
            });
            Signal();
            return id;
        }
    }

    /// <summary>Presses the button labelled <paramref name="label"/> (ignoring a ✓ mark) on the newest message in the chat that has it.</summary>
    public int PressLabel(long userId, string label)
    {
        BotMessage message;
        string data;
        lock (_gate)
        {
            message = Messages(userId).LastOrDefault(m => m.Buttons.SelectMany(r => r).Any(b => Same(b.Text, label)))
                ?? throw new InvalidOperationException($"No button '{label}' in chat {userId}. Messages: {Messages(userId).Count}");
            data = message.Buttons.SelectMany(r => r).First(b => Same(b.Text, label)).Data;
        }

        return Press(userId, message.MessageId, data);

        static bool Same(string shown, string label) => shown == label || shown == "✓ " + label;
    }

    // ---- what the test injects -----------------------------------------------------------------------------

    /// <summary>The next <paramref name="times"/> calls of <paramref name="method"/> fail with <paramref name="status"/> (429 carries retry_after).</summary>
    public void Fail(string method, int status, int times = 1, int? retryAfter = null)
    {
        lock (_gate)
        {
            _failures[method] = (status, retryAfter, times);
        }
    }

    /// <summary>The person blocks the bot: every call to their chat answers 403.</summary>
    public void Block(long chatId)
    {
        lock (_gate)
        {
            _blocked.Add(chatId);
        }
    }

    // ---- what the test reads -------------------------------------------------------------------------------

    public IReadOnlyList<BotMessage> Messages(long chatId)
    {
        lock (_gate)
        {
            return _chats.TryGetValue(chatId, out var list) ? [.. list] : [];
        }
    }

    /// <summary>How often the update was handed out by getUpdates.</summary>
    public int Deliveries(int updateId)
    {
        lock (_gate)
        {
            return _deliveries.GetValueOrDefault(updateId);
        }
    }

    /// <summary>The notice text answerCallbackQuery gave for the press (null when answered without text); throws when not answered.</summary>
    public bool TryGetCallbackAnswer(int updateId, out string? text)
    {
        lock (_gate)
        {
            return _callbackAnswers.TryGetValue("cbq-" + updateId.ToString(CultureInfo.InvariantCulture), out text);
        }
    }

    public IReadOnlyList<RecordedCall> CallsOf(string method) => [.. Calls.Where(c => c.Method == method)];

    /// <summary>Waits until <paramref name="condition"/> holds (checked after every change), or throws after <paramref name="timeout"/>.</summary>
    public async Task WaitUntilAsync(Func<bool> condition, TimeSpan? timeout = null, string? what = null)
    {
        ArgumentNullException.ThrowIfNull(condition);
        using var cts = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(20));
        while (true)
        {
            Task changed;
            lock (_gate)
            {
                changed = _changed.Task;
            }

            if (condition())
            {
                return;
            }

            try
            {
                await changed.WaitAsync(TimeSpan.FromMilliseconds(200), cts.Token).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            catch (OperationCanceledException)
            {
                if (condition())
                {
                    return;
                }

                throw new TimeoutException($"Timed out waiting for {what ?? "the condition"}. Last calls: {string.Join(", ", Calls.TakeLast(8).Select(c => $"{c.Method}({c.Status})"))}");
            }
        }
    }

    /// <summary>
    /// Waits until every queued update has been confirmed by getUpdates and every attached bot (<see cref="AttachBot"/>)
    /// says it is idle: a bot confirms an update once it is stored, before it is handled, so confirmation alone does not
    /// mean the replies were sent.
    /// </summary>
    public async Task WaitForAllConfirmedAsync(TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(20);
        await WaitUntilAsync(() => { lock (_gate) { return _pending.Count == 0; } }, limit, "every update to be confirmed").ConfigureAwait(false);
        List<Func<CancellationToken, Task>> bots;
        lock (_gate)
        {
            bots = [.. _bots];
        }

        using var cts = new CancellationTokenSource(limit);
        try
        {
            foreach (var idle in bots)
            {
                await idle(cts.Token).WaitAsync(cts.Token).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException e)
        {
            throw new TimeoutException("Timed out waiting for the bot to handle the updates it confirmed.", e);
        }
    }

    /// <summary>
    /// Tells the double how to ask a bot whether it has handled everything it confirmed (its executor's idle task, or a
    /// look at its inbox for a bot in another process); disposing the result detaches it.
    /// </summary>
    public IDisposable AttachBot(Func<CancellationToken, Task> idle)
    {
        ArgumentNullException.ThrowIfNull(idle);
        lock (_gate)
        {
            _bots.Add(idle);
        }

        return new Detach(this, idle);
    }

    private sealed class Detach(TelegramBotApiDouble api, Func<CancellationToken, Task> idle) : IDisposable
    {
        public void Dispose()
        {
            lock (api._gate)
            {
                api._bots.Remove(idle);
            }
        }
    }

    /// <summary>Throws when any request broke the contract.</summary>
    public void AssertNoViolations()
    {
        var violations = Violations;
        if (violations.Count > 0)
        {
            throw new InvalidOperationException("The bot broke the Bot API contract:\n" + string.Join("\n", violations));
        }
    }

    // ---- the server ----------------------------------------------------------------------------------------

    private async Task HandleAsync(HttpContext context)
    {
        var arrival = (Interlocked.Increment(ref _sequence), _clock.Elapsed);
        var token = (string)context.Request.RouteValues["token"]!;
        var method = (string)context.Request.RouteValues["method"]!;
        var (fields, files, typed) = await ReadAsync(context.Request).ConfigureAwait(false);

        if (token != Token)
        {
            await RespondAsync(context, Record(arrival, method, fields, files, 401), Error(401, "Unauthorized")).ConfigureAwait(false);
            return;
        }

        var problems = _contract.Check(method, fields, typed).Concat(Limits(method, fields)).ToList();
        if (problems.Count > 0)
        {
            lock (_gate)
            {
                _violations.AddRange(problems);
            }

            await RespondAsync(context, Record(arrival, method, fields, files, 400), Error(400, "Bad Request: " + string.Join("; ", problems))).ConfigureAwait(false);
            return;
        }

        if (TakeFailure(method, fields) is { } failure)
        {
            await RespondAsync(context, Record(arrival, method, fields, files, failure.Status), failure.Body).ConfigureAwait(false);
            return;
        }

        if (method == "getUpdates")
        {
            await GetUpdatesAsync(context, arrival, fields, files).ConfigureAwait(false);
            return;
        }

        JsonNode body;
        int status;
        lock (_gate)
        {
            (status, body) = Apply(method, fields, files);
        }

        await RespondAsync(context, Record(arrival, method, fields, files, status), body).ConfigureAwait(false);
    }

    private (int Status, JsonNode Body) Apply(string method, JsonObject fields, IReadOnlyDictionary<string, byte[]> files)
    {
        switch (method)
        {
            case "getMe":
                return Ok(User(BotUserId, "DgBot", null, isBot: true, username: BotUsername));
            case "setMyCommands":
                Commands = (JsonArray?)fields["commands"]?.DeepClone();
                return Ok(true);
            case "setWebhook":
                WebhookUrl = (string?)fields["url"];
                WebhookSecret = (string?)fields["secret_token"];
                return Ok(true);
            case "deleteWebhook":
                WebhookUrl = null;
                WebhookSecret = null;
                return Ok(true);
            case "sendMessage":
            {
                var message = NewMessage(ChatId(fields));
                message.Text = (string?)fields["text"];
                message.ReplyMarkup = fields["reply_markup"]?.DeepClone() as JsonObject;
                return Ok(MessageJson(message));
            }

            case "sendPhoto" or "sendDocument":
            {
                var field = method == "sendPhoto" ? "photo" : "document";
                if (!files.TryGetValue(field, out var bytes))
                {
                    return Fail(400, $"Bad Request: expected '{field}' as an uploaded file");
                }

                var message = NewMessage(ChatId(fields));
                message.File = bytes;
                message.FileKind = field;
                message.Caption = (string?)fields["caption"];
                message.ReplyMarkup = fields["reply_markup"]?.DeepClone() as JsonObject;
                return Ok(MessageJson(message));
            }

            case "editMessageText" or "editMessageReplyMarkup":
            {
                var chatId = ChatId(fields);
                var messageId = (int?)fields["message_id"];
                var message = _chats.GetValueOrDefault(chatId)?.FirstOrDefault(m => m.MessageId == messageId);
                if (message is null)
                {
                    return Fail(400, "Bad Request: message to edit not found");
                }

                var text = method == "editMessageText" ? (string?)fields["text"] : message.Text;
                var markup = fields["reply_markup"]?.DeepClone() as JsonObject;
                if (text == message.Text && JsonNode.DeepEquals(markup, message.ReplyMarkup))
                {
                    return Fail(400, "Bad Request: message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message");
                }

                message.Text = text;
                message.ReplyMarkup = markup;
                message.Edits++;
                return Ok(MessageJson(message));
            }

            case "answerCallbackQuery":
            {
                var id = (string?)fields["callback_query_id"] ?? "";
                if (!_openCallbacks.Remove(id))
                {
                    return Fail(400, "Bad Request: query is too old and response timeout expired or query ID is invalid");
                }

                _callbackAnswers[id] = (string?)fields["text"];
                return Ok(true);
            }

            default:
                return Fail(400, $"Bad Request: the double does not implement {method}");
        }
    }

    private async Task GetUpdatesAsync(HttpContext context, (int Sequence, TimeSpan At) arrival, JsonObject fields, IReadOnlyDictionary<string, byte[]> files)
    {
        var offset = (int?)fields["offset"];
        var limit = (int?)fields["limit"] ?? 100;
        var timeout = TimeSpan.FromSeconds((int?)fields["timeout"] ?? 0);
        if (WebhookUrl is not null)
        {
            await RespondAsync(context, Record(arrival, "getUpdates", fields, files, 409), Error(409, "Conflict: can't use getUpdates method while webhook is active; use deleteWebhook to delete the webhook first")).ConfigureAwait(false);
            return;
        }

        var deadline = _clock.Elapsed + timeout;
        Interlocked.Increment(ref _activePolls);
        try
        {
            while (true)
            {
                Task changed;
                JsonArray? batch = null;
                lock (_gate)
                {
                    if (offset is { } o && o > _confirmedOffset)
                    {
                        _confirmedOffset = o;
                        if (_pending.RemoveAll(u => (int)u["update_id"]! < o) > 0)
                        {
                            Signal();
                        }
                    }

                    var ready = _pending.Take(limit).ToList();
                    if (ready.Count > 0 || _clock.Elapsed >= deadline)
                    {
                        batch = [.. ready.Select(u => u.DeepClone())];
                        foreach (var u in ready)
                        {
                            var id = (int)u["update_id"]!;
                            _deliveries[id] = _deliveries.GetValueOrDefault(id) + 1;
                        }
                    }

                    changed = _changed.Task;
                }

                if (batch is not null)
                {
                    await RespondAsync(context, Record(arrival, "getUpdates", fields, files, 200), Ok(batch).Body).ConfigureAwait(false);
                    return;
                }

                try
                {
                    var left = deadline - _clock.Elapsed;
                    await changed.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, context.RequestAborted).ConfigureAwait(false);
                }
                catch (TimeoutException)
                {
                }
                catch (OperationCanceledException)
                {
                    return; // the bot went away mid-poll: nothing was handed out
                }
            }
        }
        finally
        {
            Interlocked.Decrement(ref _activePolls);
        }
    }

    private static IEnumerable<string> Limits(string method, JsonObject fields)
    {
        if (method is "sendMessage" or "editMessageText" && Str(fields["text"]) is { } text && (text.Length is 0 or > 4096))
        {
            yield return $"{method}: text must be 1-4096 characters, got {text.Length}";
        }

        if (method is "sendPhoto" or "sendDocument" && Str(fields["caption"]) is { Length: > 1024 } caption)
        {
            yield return $"{method}: caption must be at most 1024 characters, got {caption.Length}";
        }

        if (method == "answerCallbackQuery" && Str(fields["text"]) is { Length: > 200 } notice)
        {
            yield return $"{method}: text must be 0-200 characters, got {notice.Length}";
        }

        if (fields["reply_markup"]?["inline_keyboard"] is JsonArray rows)
        {
            foreach (var button in rows.OfType<JsonArray>().SelectMany(r => r).OfType<JsonObject>())
            {
                if (Str(button["callback_data"]) is { } data && Encoding.UTF8.GetByteCount(data) is var n && n is 0 or > 64)
                {
                    yield return $"{method}: callback_data must be 1-64 bytes, got {n}";
                }
            }
        }
    }

    private static string? Str(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private (int Status, JsonNode Body)? TakeFailure(string method, JsonObject fields)
    {
        lock (_gate)
        {
            if (method is not ("getUpdates" or "getMe" or "setMyCommands" or "answerCallbackQuery" or "setWebhook" or "deleteWebhook")
                && fields["chat_id"] is not null && _blocked.Contains(ChatId(fields)))
            {
                return Fail(403, "Forbidden: bot was blocked by the user");
            }

            if (!_failures.TryGetValue(method, out var f) || f.Times <= 0)
            {
                return null;
            }

            _failures[method] = f with { Times = f.Times - 1 };
            var error = Error(f.Status, f.Status == 429 ? $"Too Many Requests: retry after {f.RetryAfter ?? 1}" : "Injected failure");
            if (f.Status == 429)
            {
                error["parameters"] = new JsonObject { ["retry_after"] = f.RetryAfter ?? 1 };
            }

            return (f.Status, error);
        }
    }

    private static async Task<(JsonObject Fields, IReadOnlyDictionary<string, byte[]> Files, bool Typed)> ReadAsync(HttpRequest request)
    {
        var fields = new JsonObject();
        var files = new Dictionary<string, byte[]>(StringComparer.Ordinal);
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync().ConfigureAwait(false);
            foreach (var (key, value) in form)
            {
                var text = value.ToString();
                fields[key] = text.StartsWith('{') || text.StartsWith('[') ? JsonNode.Parse(text) : JsonValue.Create(text);
            }

            foreach (var file in form.Files)
            {
                using var buffer = new MemoryStream();
                await file.CopyToAsync(buffer).ConfigureAwait(false);

                // A part is either the field itself (photo=<file>) or referenced from a field as attach://<part name>.
                var referencing = form.FirstOrDefault(f => f.Value.ToString() == "attach://" + file.Name).Key;
                files[referencing ?? file.Name] = buffer.ToArray();
                if (referencing is null)
                {
                    fields[file.Name] = "(file)";
                }
            }

            // Form values are strings: numbers and booleans are not type-checked.
            foreach (var key in fields.Select(kv => kv.Key).ToList())
            {
                if (fields[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String && long.TryParse((string?)v, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n))
                {
                    fields[key] = n;
                }
            }

            return (fields, files, false);
        }

        using var reader = new StreamReader(request.Body, Encoding.UTF8);
        var json = await reader.ReadToEndAsync().ConfigureAwait(false);
        if (!string.IsNullOrWhiteSpace(json))
        {
            fields = JsonNode.Parse(json) as JsonObject ?? new JsonObject();
        }

        foreach (var (key, value) in request.Query)
        {
            fields[key] = value.ToString();
        }

        return (fields, files, true);
    }

    private RecordedCall Record((int Sequence, TimeSpan At) arrival, string method, JsonObject fields, IReadOnlyDictionary<string, byte[]> files, int status)
    {
        RecordedCall call;
        lock (_gate)
        {
            call = new RecordedCall(arrival.Sequence, method, (JsonObject)fields.DeepClone(), files, status, arrival.At);
            var at = _calls.FindLastIndex(c => c.Sequence < call.Sequence);
            _calls.Insert(at + 1, call);
            Signal();
        }

        OnCall?.Invoke(call);
        return call;
    }

    private static async Task RespondAsync(HttpContext context, RecordedCall call, JsonNode body)
    {
        context.Response.StatusCode = call.Status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body.ToJsonString(), context.RequestAborted).ConfigureAwait(false);
    }

    private BotMessage NewMessage(long chatId)
    {
        var message = new BotMessage { MessageId = _nextMessageId++, ChatId = chatId };
        if (!_chats.TryGetValue(chatId, out var list))
        {
            _chats[chatId] = list = [];
        }

        list.Add(message);
        return message;
    }

    private static JsonObject MessageJson(BotMessage message)
    {
        var json = new JsonObject
        {
            ["message_id"] = message.MessageId,
            ["from"] = User(BotUserId, "DgBot", null, isBot: true, username: BotUsername),
            ["chat"] = message.ChatId > 0
                ? new JsonObject { ["id"] = message.ChatId, ["type"] = "private", ["first_name"] = "สมชาย" }
                : new JsonObject { ["id"] = message.ChatId, ["type"] = "supergroup", ["title"] = "กลุ่มทดสอบ" },
            ["date"] = UnixNow(),
        };
        if (message.Edits > 0)
        {
            json["edit_date"] = UnixNow();
        }

        if (message.Text is not null)
        {
            json["text"] = message.Text;
        }

        if (message.Document is not null)
        {
            json["document"] = new JsonObject
            {
                ["file_id"] = "doc-" + message.MessageId.ToString(CultureInfo.InvariantCulture),
                ["file_unique_id"] = "d" + message.MessageId.ToString(CultureInfo.InvariantCulture),
                ["file_size"] = message.Document.Length,
            };
        }

        if (message.Photo is not null)
        {
            json["photo"] = new JsonArray(new JsonObject
            {
                ["file_id"] = "photo-" + message.MessageId.ToString(CultureInfo.InvariantCulture),
                ["file_unique_id"] = "u" + message.MessageId.ToString(CultureInfo.InvariantCulture),
                ["width"] = 1000,
                ["height"] = 800,
                ["file_size"] = message.Photo.Length,
            });
        }

        if (message.Caption is not null)
        {
            json["caption"] = message.Caption;
        }

        if (message.ReplyMarkup is not null)
        {
            json["reply_markup"] = message.ReplyMarkup.DeepClone();
        }

        return json;
    }

    private static long ChatId(JsonObject fields) => fields["chat_id"] switch
    {
        JsonValue v when v.GetValueKind() == JsonValueKind.Number => (long)v,
        JsonValue v => long.Parse((string)v!, CultureInfo.InvariantCulture),
        _ => 0,
    };

    private static JsonObject User(long id, string firstName, string? lastName, bool isBot = false, string? username = null)
    {
        var user = new JsonObject { ["id"] = id, ["is_bot"] = isBot, ["first_name"] = firstName };
        if (lastName is not null)
        {
            user["last_name"] = lastName;
        }

        if (username is not null)
        {
            user["username"] = username;
        }

        return user;
    }

    private void Signal()
    {
        var old = _changed;
        _changed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        old.TrySetResult();
    }

    private static long UnixNow() => TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

    private static (int Status, JsonNode Body) Ok(JsonNode result) => (200, new JsonObject { ["ok"] = true, ["result"] = result });

    private static (int Status, JsonNode Body) Ok(bool result) => (200, new JsonObject { ["ok"] = true, ["result"] = result });

    private static (int Status, JsonNode Body) Fail(int status, string description) => (status, Error(status, description));

    private static JsonObject Error(int status, string description) => new() { ["ok"] = false, ["error_code"] = status, ["description"] = description };
}
