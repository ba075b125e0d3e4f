using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using System.Threading.Channels;
using DgBot.Core.Answers;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Invitations;
using DgBot.Core.Questionnaires;
using DgBot.TestDoubles.Processes;
using DgBot.TestDoubles.Telegram;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Benchmarks;

/// <summary>Command-line settings of the Telegram end-to-end benchmark.</summary>
internal sealed record TelegramBenchmarkOptions(int Staff, int Agencies, int Questions, int Runs, bool Limits, int ThinkMs, double? EngineRate, int TimeoutSeconds, string BotGc, IReadOnlyList<KeyValuePair<string, string?>> BotSettings)
{
    public const string Usage =
        "usage: dotnet run -c Release --project tests/DgBot.Benchmarks -- telegram [--staff 20] [--agencies 4] [--questions 30] [--runs 3] [--limits none|telegram] [--think-ms 0] [--engine-rate N] [--timeout-seconds 60] [--bot-gc as-built|workstation] [--bot Key=Value]...";

    public static TelegramBenchmarkOptions Parse(ReadOnlySpan<string> args)
    {
        int staff = 20, agencies = 4, questions = 30, runs = 3, think = 0, timeout = 60;
        var limits = false;
        double? engineRate = null;
        var gc = "as-built";
        var bot = new List<KeyValuePair<string, string?>>();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (i + 1 >= args.Length)
            {
                throw new FormatException("missing value for " + name);
            }

            var value = args[++i];
            switch (name)
            {
                case "--staff": staff = Whole(name, value, 1); break;
                case "--agencies": agencies = Whole(name, value, 1); break;
                case "--questions": questions = Whole(name, value, 1); break;
                case "--runs": runs = Whole(name, value, 1); break;
                case "--think-ms": think = Whole(name, value, 0); break;
                case "--timeout-seconds": timeout = Whole(name, value, 1); break;
                case "--engine-rate":
                    engineRate = double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r > 0 ? r : throw new FormatException("--engine-rate needs a positive number");
                    break;
                case "--bot" when value.IndexOf('=', StringComparison.Ordinal) is var eq and > 0: bot.Add(new(value[..eq], value[(eq + 1)..])); break;
                case "--bot-gc" when value is "as-built" or "workstation": gc = value; break;
                case "--limits":
                    limits = value switch
                    {
                        "none" => false,
                        "telegram" => true,
                        _ => throw new FormatException("--limits is none or telegram, got '" + value + "'"),
                    };
                    break;
                default: throw new FormatException("unknown option " + name);
            }
        }

        if (agencies > staff)
        {
            throw new FormatException("--agencies cannot exceed --staff");
        }

        return new TelegramBenchmarkOptions(staff, agencies, questions, runs, limits, think, engineRate, timeout, gc, bot);
    }

    private static int Whole(string name, string value, int min) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= min
            ? n
            : throw new FormatException(name + " needs a whole number >= " + min.ToString(CultureInfo.InvariantCulture) + ", got '" + value + "'");
}

/// <summary>
/// The whole bot as people feel it on Telegram: a real <c>dgbot serve</c> process (the dgbot.dll built beside the
/// benchmark, started by <see cref="DgBotProcess"/> as the crash tests do) on a fresh SQLite file, long-polling the Bot
/// API double on loopback through <see cref="TelegramLimitGate"/> (pass-through, or Telegram's limits). Simulated staff
/// join with real invitation codes (<c>/start CODE</c>), open the survey, and then each answers what the bot shows the
/// moment it is visible in the double (or after a reading pause): a button for yes/no and single choice, one tick and
/// the confirm button for multiple choice, a typed answer for numbers, percentages and text. Prints turns/s,
/// press-to-next-question latency, 429s, lost and duplicated turns (from the chats and from the database), the bot
/// process's peak RSS, and the targets.
/// </summary>
internal static partial class TelegramBenchmark
{
    private static readonly DgBot.Bot.Telegram.TelegramOptions Defaults = new();

    /// <summary>The GC the built dgbot.dll runs with, read from its runtimeconfig.json (so the header says what was measured).</summary>
    private static string BuiltGc()
    {
        var config = Path.Combine(AppContext.BaseDirectory, "dgbot.runtimeconfig.json");
        var text = File.Exists(config) ? File.ReadAllText(config) : string.Empty;
        return text.Contains("\"System.GC.Server\": true", StringComparison.Ordinal) ? "server GC"
            : text.Contains("\"System.GC.Server\": false", StringComparison.Ordinal) ? "workstation GC"
            : "the runtime's default GC";
    }

    private const double TargetShareOfAllowed = 0.8;
    private const double TargetP50Seconds = 1.5;
    private const double TargetShareOfEngine = 0.5;
    private const double TargetRssMiB = 150;
    private const double TargetReadingP99Ms = 300;

    private const int WarmupStaff = 2;
    private const int WarmupQuestions = 10;

    private static readonly Questionnaire Questionnaire = SurveyCatalog.BuiltIn().Current;
    private static readonly string NotApplicableNow = DgBot.Core.Content.Messages.Get(MessageKeys.QuestionNotApplicableNow);

    public static async Task<int> RunAsync(ReadOnlyMemory<string> args, TextWriter output)
    {
        TelegramBenchmarkOptions options;
        try
        {
            options = TelegramBenchmarkOptions.Parse(args.Span);
        }
        catch (FormatException e)
        {
            await Console.Error.WriteLineAsync(e.Message + "\n" + TelegramBenchmarkOptions.Usage).ConfigureAwait(false);
            return 2;
        }

        output.WriteLine(Invariant($"telegram benchmark: {options.Staff} staff in {options.Agencies} agencies, up to {options.Questions} questions each, limits {(options.Limits ? "telegram (30 sends/s overall counting new messages and edits, 1 new message/s per chat, 429 retry_after beyond)" : "none")}, think time {(options.ThinkMs == 0 ? "none" : Invariant($"{options.ThinkMs * 0.8:0}-{options.ThinkMs * 1.2:0} ms"))}, {options.Runs} runs, {Environment.ProcessorCount} cpus, bot: real `dgbot serve` child process"));
        output.WriteLine(options.Limits
            ? Invariant($"bot settings: its defaults (Telegram:GlobalRatePerSecond {Defaults.GlobalRatePerSecond}, Telegram:GlobalBurst {Defaults.GlobalBurst}, Telegram:PerChatInterval {Defaults.PerChatInterval:c})")
            : "bot settings: no pacing (Telegram:GlobalRatePerSecond 1000, Telegram:PerChatInterval 00:00:00)");
        if (options.BotSettings.Count > 0)
        {
            output.WriteLine("bot settings changed for this run (not the defaults): " + string.Join(", ", options.BotSettings.Select(kv => kv.Key + "=" + kv.Value)));
        }

        output.WriteLine(Invariant($"bot GC: {(options.BotGc == "workstation" ? "workstation (DOTNET_gcServer=0)" : "as built (" + BuiltGc() + ")")}; each run: a fresh database and bot process, {WarmupStaff} warm-up staff of an extra agency answer {WarmupQuestions} questions first (not counted), then the measured staff join and all start at once"));

        double? engineRate = options.EngineRate;
        if (!options.Limits && options.ThinkMs == 0 && engineRate is null)
        {
            engineRate = await EngineRateAsync(options, output).ConfigureAwait(false);
        }

        var results = new List<RunResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            var result = await OneRunAsync(options).ConfigureAwait(false);
            results.Add(result);
            output.WriteLine(Invariant($"run {run}: {result.Describe()}"));
            foreach (var problem in result.Problems.Take(12))
            {
                output.WriteLine(problem.StartsWith("info: ", StringComparison.Ordinal) ? "  " + problem : "  problem: " + problem);
            }
        }

        var m = new RunResult(
            (int)Median(results, r => r.AnswerTurns),
            (int)Median(results, r => r.Updates),
            Median(results, r => r.Seconds),
            Median(results, r => r.P50Ms),
            Median(results, r => r.P99Ms),
            Median(results, r => r.MaxMs),
            Median(results, r => r.TypedP50Ms),
            Median(results, r => r.TickP50Ms),
            (int)Median(results, r => r.TooMany),
            (int)Median(results, r => r.TooManyGlobal),
            (int)Median(results, r => r.TooManyPerChat),
            (int)Median(results, r => r.LostChats),
            (int)Median(results, r => r.DuplicatedChats),
            (int)Median(results, r => r.LostDb),
            (int)Median(results, r => r.DuplicatedDb),
            (int)Median(results, r => r.ViaColleague),
            Median(results, r => r.NewMessagesPerTurn),
            Median(results, r => r.SendsPerTurn),
            (long)Median(results, r => r.PeakRss),
            (int)Median(results, r => r.Unanswered),
            (int)Median(results, r => r.NotApplicable),
            Median(results, r => r.UpdatesPerPoll),
            Median(results, r => r.BotCpuMsPerUpdate),
            Median(results, r => r.BenchCpuMsPerUpdate),
            (long)Median(results, r => r.StartRss),
            Median(results, r => r.LoadAverage),
            Median(results, r => r.IdleCpuMsPerSecond),
            []);
        output.WriteLine(Invariant($"median of {results.Count}: {m.Describe()}"));
        var allowed = Allowed(options.Staff, m.NewMessagesPerTurn, m.SendsPerTurn, TelegramLimitGate.GlobalPerSecond);
        var botAllowed = Allowed(options.Staff, m.NewMessagesPerTurn, m.SendsPerTurn, 25);
        output.WriteLine(Invariant($"sends per answered turn: {m.NewMessagesPerTurn:0.00} new messages + {m.SendsPerTurn - m.NewMessagesPerTurn:0.00} edits = {m.SendsPerTurn:0.00}; Telegram's limits allow min({options.Staff} people x 1/s / {m.NewMessagesPerTurn:0.00}, 30/s / {m.SendsPerTurn:0.00}) = {allowed:0.0} turns/s (with the bot's own default global rate of 25/s: {botAllowed:0.0} turns/s)"));

        var worstLost = results.Max(r => Math.Max(r.LostChats, r.LostDb));
        var worstDup = results.Max(r => Math.Max(r.DuplicatedChats, r.DuplicatedDb));
        var ok = true;
        void Target(string what, bool met, string figure)
        {
            ok &= met;
            output.WriteLine($"target {what}: {(met ? "PASS" : "MISS")} ({figure})");
        }

        if (options.Limits && options.ThinkMs == 0)
        {
            Target(Invariant($"turns/s >= {TargetShareOfAllowed} of the allowed {allowed:0.0}/s"), m.TurnsPerSecond >= TargetShareOfAllowed * allowed, Invariant($"{m.TurnsPerSecond:0.0} turns/s = {m.TurnsPerSecond / allowed:0.00} of allowed"));
            Target(Invariant($"press-to-next-question p50 < {TargetP50Seconds} s"), m.P50Ms < TargetP50Seconds * 1000, Invariant($"{m.P50Ms:0} ms"));
        }

        if (!options.Limits && options.ThinkMs == 0)
        {
            if (engineRate is { } engine)
            {
                Target(Invariant($"updates/s >= {TargetShareOfEngine} of the engine-only {engine:0}/s"), m.UpdatesPerSecond >= TargetShareOfEngine * engine, Invariant($"{m.UpdatesPerSecond:0.0} updates/s ({m.TurnsPerSecond:0.0} answered turns/s) = {m.UpdatesPerSecond / engine:0.000} of the engine-only rate"));
            }
        }

        if (options.ThinkMs > 0)
        {
            Target(Invariant($"reading pace press-to-next-question p99 < {TargetReadingP99Ms} ms{(options.Limits ? "" : " (judged in mode telegram; shown for reference)")}"), m.P99Ms < TargetReadingP99Ms, Invariant($"p99 {m.P99Ms:0} ms, p50 {m.P50Ms:0} ms"));
        }

        Target(Invariant($"bot peak RSS <= {TargetRssMiB} MiB"), results.Max(r => r.PeakRss) <= TargetRssMiB * 1048576, Invariant($"median {m.PeakRss / 1048576.0:0.0} MiB, worst {results.Max(r => r.PeakRss) / 1048576.0:0.0} MiB (VmHWM of the dgbot process)"));
        Target("zero lost and zero duplicated turns (every run, chats and database)", worstLost == 0 && worstDup == 0, Invariant($"worst run: lost {worstLost}, duplicated {worstDup}"));
        return ok ? 0 : 1;
    }

    private static double Allowed(int people, double newPerTurn, double sendsPerTurn, double global) =>
        Math.Min(people / Math.Max(newPerTurn, 1e-9), global / Math.Max(sendsPerTurn, 1e-9));

    /// <summary>The engine benchmark in this process, shaped like the Telegram run (same people, all at once, one measured run).</summary>
    private static async Task<double> EngineRateAsync(TelegramBenchmarkOptions options, TextWriter output)
    {
        var perAgency = Math.Max(1, options.Staff / options.Agencies);
        var engineOptions = new EngineBenchmarkOptions(options.Agencies, perAgency, 1, options.Agencies * perAgency, null, 1, false, 0);
        using var captured = new StringWriter(CultureInfo.InvariantCulture);
        await EngineBenchmark.RunAsync(engineOptions, captured, CancellationToken.None).ConfigureAwait(false);
        var median = captured.ToString().Split('\n').FirstOrDefault(l => l.StartsWith("median:", StringComparison.Ordinal)) ?? "";
        var match = EngineRate().Match(median);
        if (!match.Success)
        {
            throw new InvalidOperationException("the engine benchmark printed no rate:\n" + captured);
        }

        output.WriteLine(Invariant($"engine-only (in this process, `engine --agencies {options.Agencies} --staff-per-agency {perAgency} --runs 1 --parallel {options.Agencies * perAgency}`): {median.Trim()}"));
        return double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
    }

    // ---- one run ------------------------------------------------------------------------------------------------

    private sealed record RunResult(
        int AnswerTurns,
        int Updates,
        double Seconds,
        double P50Ms,
        double P99Ms,
        double MaxMs,
        double TypedP50Ms,
        double TickP50Ms,
        int TooMany,
        int TooManyGlobal,
        int TooManyPerChat,
        int LostChats,
        int DuplicatedChats,
        int LostDb,
        int DuplicatedDb,
        int ViaColleague,
        double NewMessagesPerTurn,
        double SendsPerTurn,
        long PeakRss,
        int Unanswered,
        int NotApplicable,
        double UpdatesPerPoll,
        double BotCpuMsPerUpdate,
        double BenchCpuMsPerUpdate,
        long StartRss,
        double LoadAverage,
        double IdleCpuMsPerSecond,
        List<string> Problems)
    {
        public double TurnsPerSecond => AnswerTurns / Seconds;

        public double UpdatesPerSecond => Updates / Seconds;

        public string Describe() => Invariant(
            $"{AnswerTurns} answered turns ({Updates} updates incl. ticks) in {Seconds:0.00} s = {TurnsPerSecond:0.0} turns/s ({UpdatesPerSecond:0.0} updates/s); press-to-next-question p50 {P50Ms:0} ms, p99 {P99Ms:0} ms, max {MaxMs:0} ms (typed answer p50 {TypedP50Ms:0} ms, tick-to-keyboard p50 {TickP50Ms:0} ms); 429s {TooMany} (global {TooManyGlobal}, per chat {TooManyPerChat}); lost {LostChats} chats / {LostDb} db; duplicated {DuplicatedChats} chats / {DuplicatedDb} db ({ViaColleague} presses verified through a colleague's identical answer); unanswered callbacks {Unanswered}; {NotApplicable} presses on a question a colleague's answer had made not applicable (refused, as designed); {NewMessagesPerTurn:0.00} new messages and {SendsPerTurn:0.00} sends per turn; {UpdatesPerPoll:0.0} updates per getUpdates; bot CPU {BotCpuMsPerUpdate:0.0} ms/update (idle, 2-4 s after the run: {IdleCpuMsPerSecond:0} ms/s), benchmark CPU {BenchCpuMsPerUpdate:0.0} ms/update; bot RSS after start {StartRss / 1048576.0:0.0} MiB, peak {PeakRss / 1048576.0:0.0} MiB; load average {LoadAverage:0.0}");
    }

    private enum TurnKind
    {
        Press,
        Typed,
    }

    /// <summary>One answer a person gave: what they pressed or typed, when, and when the next prompt was visible.</summary>
    private sealed record Turn(TurnKind Kind, string QuestionId, string Value, int? UpdateId, double PressedMs, double? NextMs, int? NextNumber, bool NotApplicable = false, int Before = 0);

    /// <summary>A change in a person's chat, seen by the double: when, what, and how many messages the chat had then.</summary>
    private readonly record struct ChatEvent(double AtMs, string Method, int? MessageId, int Count);

    private sealed class Person(int index, int agency, long chat, string code)
    {
        public int Index { get; } = index;

        public int Agency { get; } = agency;

        public long Chat { get; } = chat;

        public string Code { get; } = code;

        public Channel<ChatEvent> Events { get; } = Channel.CreateUnbounded<ChatEvent>();

        public List<Turn> Turns { get; } = [];

        public List<(int UpdateId, double PressedMs, double? EditedMs)> Ticks { get; } = [];

        public List<int> Presses { get; } = [];

        public List<string> Problems { get; } = [];

        /// <summary>Messages already looked at (index into the chat).</summary>
        public int Seen { get; set; }

        /// <summary>When each message of the chat became visible (by index), as far as known.</summary>
        public List<double> VisibleAt { get; } = [];

        public bool Done { get; set; }
    }

    private static async Task<RunResult> OneRunAsync(TelegramBenchmarkOptions options)
    {
        var database = Path.Combine(Path.GetTempPath(), "dgbot-bench-telegram-" + Guid.NewGuid().ToString("N") + ".db");
        await using var api = await TelegramBotApiDouble.StartAsync().ConfigureAwait(false);
        await using var gate = await TelegramLimitGate.StartAsync(api.BaseUrl, options.Limits).ConfigureAwait(false);
        var clock = Stopwatch.StartNew();
        DgBotProcess? bot = null;
        try
        {
            var codes = await SeedAsync(database, options).ConfigureAwait(false);
            var people = Enumerable.Range(0, options.Staff)
                .Select(i => new Person(i, i % options.Agencies, 850_000_001L + i, codes[i % options.Agencies]))
                .ToList();
            var warmup = Enumerable.Range(0, WarmupStaff)
                .Select(i => new Person(1000 + i, options.Agencies, 859_000_001L + i, codes[options.Agencies]))
                .ToList();
            var byChat = people.Concat(warmup).ToDictionary(p => p.Chat);
            var answeredAt = new System.Collections.Concurrent.ConcurrentDictionary<string, double>(StringComparer.Ordinal);
            api.OnCall = call =>
            {
                if (call.Method == "answerCallbackQuery" && call.Fields["callback_query_id"] is { } query)
                {
                    // When the bot had the turn committed (it answers the press right after the engine): splits a
                    // press's wait into "reaching the bot and the engine" and "the edit going out".
                    answeredAt.TryAdd(query.ToString(), clock.Elapsed.TotalMilliseconds);
                }

                if (call.Status != 200 || call.Fields["chat_id"] is null)
                {
                    return;
                }

                long chat;
                try
                {
                    chat = (long)call.Fields["chat_id"]!;
                }
                catch (Exception e) when (e is FormatException or InvalidOperationException)
                {
                    return;
                }

                if (byChat.TryGetValue(chat, out var person))
                {
                    var id = call.Fields["message_id"] is { } m ? (int?)(long)m : null;
                    person.Events.Writer.TryWrite(new ChatEvent(clock.Elapsed.TotalMilliseconds, call.Method, id, api.Messages(chat).Count));
                }
            };

            var settings = new Dictionary<string, string?>
            {
                ["ConnectionStrings:DgBot"] = "Data Source=" + database,
                ["Telegram:Token"] = api.Token,
                ["Telegram:ApiBaseUrl"] = gate.BaseUrl.ToString(),
                ["Telegram:BotUsername"] = TelegramBotApiDouble.BotUsername,
                ["Telegram:PollingTimeoutSeconds"] = "10",
                ["Telegram:ErrorCooldown"] = "00:00:00.500",
            };
            if (!options.Limits)
            {
                settings["Telegram:GlobalRatePerSecond"] = "1000";
                settings["Telegram:PerChatInterval"] = "00:00:00";
            }

            foreach (var (key, value) in options.BotSettings)
            {
                settings[key] = value;
            }

            if (options.BotGc == "workstation")
            {
                settings["DOTNET_gcServer"] = "0";
            }

            bot = DgBotProcess.Start(["serve"], settings);
            try
            {
                await api.WaitUntilAsync(() => api.ActivePolls > 0, TimeSpan.FromSeconds(90), "the bot process to poll").ConfigureAwait(false);
            }
            catch (TimeoutException e)
            {
                throw new TimeoutException(e.Message + "\nBot output:\n" + bot.Output, e);
            }

            var pid = ChildPid("dgbot.dll");
            var startRss = pid is { } p1 ? Status(p1, "VmRSS:") : 0;

            // Warm-up staff of their own agency answer a few questions first: the bot is a fresh process (cold JIT, EF Core
            // model and query caches); a serving bot has answered many turns before.
            await Task.WhenAll(warmup.Select(w => Task.Run(async () =>
            {
                var first = await JoinAsync(api, w, options).ConfigureAwait(false);
                await AnswerAsync(api, w, first, options with { Questions = WarmupQuestions, ThinkMs = 0 }, clock).ConfigureAwait(false);
            }))).ConfigureAwait(false);
            await Task.Delay(TimeSpan.FromMilliseconds(500)).ConfigureAwait(false);

            // Everyone joins by invitation and opens the survey (not measured), then all start answering at once.
            using var start = new CancellationTokenSource();
            var startSignal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var ready = 0;
            var tasks = people.Select(p => Task.Run(async () =>
            {
                BotMessage? first = null;
                try
                {
                    first = await JoinAsync(api, p, options).ConfigureAwait(false);
                }
                catch (Exception e) when (e is TimeoutException or InvalidOperationException)
                {
                    p.Problems.Add($"person {p.Index} could not join and start: {e.Message}");
                }

                if (Interlocked.Increment(ref ready) == people.Count)
                {
                    startSignal.TrySetResult();
                }

                await startSignal.Task.ConfigureAwait(false);
                if (first is not null)
                {
                    await AnswerAsync(api, p, first, options, clock).ConfigureAwait(false);
                }
            })).ToList();
            await startSignal.Task.ConfigureAwait(false);
            var callsBefore = api.Calls.Count;
            var tooManyBefore = (gate.TooMany, gate.TooManyGlobal, gate.TooManyPerChat);
            var gapsBefore = gate.PerChatGapsMs.Count;
            var startedMs = clock.Elapsed.TotalMilliseconds;
            var botCpuBefore = pid is { } p2 ? CpuMs(p2) : 0;
            var benchCpuBefore = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds;
            await Task.WhenAll(tasks).ConfigureAwait(false);
            var botCpu = (pid is { } p3 ? CpuMs(p3) : 0) - botCpuBefore;
            var benchCpu = Process.GetCurrentProcess().TotalProcessorTime.TotalMilliseconds - benchCpuBefore;
            var load = LoadAverage();

            // Let what is still in flight land (a lost reply would otherwise merely be late), then read the peak RSS.
            await Task.Delay(TimeSpan.FromSeconds(1)).ConfigureAwait(false);
            var rss = pid is { } p0 ? Status(p0, "VmHWM:") : 0;
            var notes = new List<string>();

            // What the bot spends with nothing to do (background services, timers), to weigh its CPU per update against.
            // Measured after 2 s of settling: right after a run, tier-1 JIT and the server GC's clean-up still run.
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            var idleBefore = pid is { } p4 ? CpuMs(p4) : 0;
            var idleCallsBefore = api.Calls.Count;
            await Task.Delay(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
            var idleCpu = ((pid is { } p5 ? CpuMs(p5) : 0) - idleBefore) / 2;
            var idleCalls = api.Calls.Skip(idleCallsBefore).GroupBy(c => c.Method).Select(g => g.Key + " " + g.Count().ToString(CultureInfo.InvariantCulture)).ToList();
            if (idleCpu > 50)
            {
                notes.Add(Invariant($"the bot used {idleCpu:0} ms of CPU per second 2-4 s after the run, with these Bot API calls meanwhile: {(idleCalls.Count == 0 ? "none" : string.Join(", ", idleCalls))}"));
            }
            var measured = api.Calls.Skip(callsBefore).Where(c => c.Status == 200).ToList();
            var turns = people.SelectMany(p => p.Turns).ToList();
            var answered = turns.Count;
            var lastVisible = turns.Where(t => t.NextMs is not null).Select(t => t.NextMs!.Value).DefaultIfEmpty(startedMs).Max();
            var firstPress = turns.Select(t => t.PressedMs).DefaultIfEmpty(startedMs).Min();
            var seconds = Math.Max(1e-3, (lastVisible - firstPress) / 1000);
            var newMessages = measured.Count(c => c.Method is "sendMessage" or "sendPhoto" or "sendDocument");
            var edits = measured.Count(c => c.Method.StartsWith("editMessage", StringComparison.Ordinal));
            var ticks = people.Sum(p => p.Ticks.Count);
            var sendTimes = measured.Where(c => c.Method is "sendMessage" or "sendPhoto" or "sendDocument" || c.Method.StartsWith("editMessage", StringComparison.Ordinal)).Select(c => c.At.TotalSeconds).Order().ToList();
            var busiest = 0;
            for (int i = 0, j = 0; i < sendTimes.Count; i++)
            {
                while (sendTimes[i] - sendTimes[j] >= 1)
                {
                    j++;
                }

                busiest = Math.Max(busiest, i - j + 1);
            }

            if (sendTimes.Count > 1)
            {
                notes.Add(Invariant($"info: sends (new messages and edits) reaching the double: {sendTimes.Count / (sendTimes[^1] - sendTimes[0]):0.0}/s on average, {busiest} in the busiest second"));
            }
            var polls = measured.Count(c => c.Method == "getUpdates");
            var pressLatencies = turns.Where(t => t.Kind == TurnKind.Press && t.NextMs is not null).Select(t => t.NextMs!.Value - t.PressedMs).Order().ToArray();
            var typedLatencies = turns.Where(t => t.Kind == TurnKind.Typed && t.NextMs is not null).Select(t => t.NextMs!.Value - t.PressedMs).Order().ToArray();
            var tickLatencies = people.SelectMany(p => p.Ticks).Where(t => t.EditedMs is not null).Select(t => t.EditedMs!.Value - t.PressedMs).Order().ToArray();

            var problems = people.SelectMany(p => p.Problems).Concat(notes).ToList();
            var toAnswer = turns.Where(t => t.Kind == TurnKind.Press && t.NextMs is not null && t.UpdateId is { } u && answeredAt.ContainsKey("cbq-" + u.ToString(CultureInfo.InvariantCulture)))
                .Select(t => (Answer: answeredAt["cbq-" + t.UpdateId!.Value.ToString(CultureInfo.InvariantCulture)] - t.PressedMs, After: t.NextMs!.Value - answeredAt["cbq-" + t.UpdateId!.Value.ToString(CultureInfo.InvariantCulture)]))
                .ToList();
            var toAnswerMs = toAnswer.Select(x => x.Answer).Order().ToArray();
            var afterAnswerMs = toAnswer.Select(x => x.After).Order().ToArray();
            problems.Add(Invariant($"info: presses split at the callback answer (the turn committed): press to answer p50 {Percentile(toAnswerMs, 0.5):0} ms, p99 {Percentile(toAnswerMs, 0.99):0} ms; answer to next question visible p50 {Percentile(afterAnswerMs, 0.5):0} ms, p99 {Percentile(afterAnswerMs, 0.99):0} ms ({toAnswer.Count} presses)"));
            var alone = turns.Where(t => t.Kind == TurnKind.Press && t.NextMs is not null && t.Before == 0).Select(t => t.NextMs!.Value - t.PressedMs).Order().ToArray();
            var after = turns.Where(t => t.Kind == TurnKind.Press && t.NextMs is not null && t.Before > 0).Select(t => t.NextMs!.Value - t.PressedMs).Order().ToArray();
            problems.Add(Invariant($"info: presses whose next question came alone: {alone.Length}, p50 {Percentile(alone, 0.5):0} ms, p99 {Percentile(alone, 0.99):0} ms; after another new message first (a section introduction, a notice): {after.Length}, p50 {Percentile(after, 0.5):0} ms, p99 {Percentile(after, 0.99):0} ms"));
            var lostChats = turns.Count(t => t.NextMs is null);
            var duplicatedChats = 0;
            foreach (var person in people)
            {
                var shown = api.Messages(person.Chat).Select(m => HeaderNumber(m.Text)).OfType<int>().ToList();
                var twice = shown.GroupBy(n => n).Where(g => g.Count() > 1).ToList();
                duplicatedChats += twice.Sum(g => g.Count() - 1);
                problems.AddRange(twice.Select(g => $"person {person.Index}: question {g.Key} was sent {g.Count()} times as a new message"));
            }

            var unanswered = people.SelectMany(p => p.Presses).Count(id => !api.TryGetCallbackAnswer(id, out _));
            var notices = people.SelectMany(p => p.Presses).Count(id => api.TryGetCallbackAnswer(id, out var text) && !string.IsNullOrEmpty(text));
            if (notices > 0)
            {
                problems.Add($"{notices} presses were answered with a notice (refused)");
            }

            if (api.Violations.Count > 0)
            {
                problems.Add("Bot API contract violations: " + string.Join("; ", api.Violations.Take(3)));
            }

            var gaps = gate.PerChatGapsMs.Skip(gapsBefore).Order().ToList();
            if (gaps.Count > 0)
            {
                problems.Add(Invariant($"per-chat 429s: the refused new message came {gaps[0]:0}-{gaps[^1]:0} ms (median {gaps[gaps.Count / 2]:0} ms) after the chat's last accepted one"));
            }

            var tooMany = (gate.TooMany - tooManyBefore.TooMany, gate.TooManyGlobal - tooManyBefore.TooManyGlobal, gate.TooManyPerChat - tooManyBefore.TooManyPerChat);
            bot.Kill();
            await bot.WaitForExitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(false);
            var (lostDb, duplicatedDb, viaColleague) = await VerifyAsync(database, people, problems).ConfigureAwait(false);
            return new RunResult(
                answered,
                answered + ticks,
                seconds,
                Percentile(pressLatencies, 0.50),
                Percentile(pressLatencies, 0.99),
                pressLatencies.Length == 0 ? double.NaN : pressLatencies[^1],
                Percentile(typedLatencies, 0.50),
                Percentile(tickLatencies, 0.50),
                tooMany.Item1,
                tooMany.Item2,
                tooMany.Item3,
                lostChats,
                duplicatedChats,
                lostDb,
                duplicatedDb,
                viaColleague,
                answered == 0 ? 0 : (double)newMessages / answered,
                answered == 0 ? 0 : (double)(newMessages + edits) / answered,
                rss,
                unanswered,
                turns.Count(t => t.NotApplicable),
                polls == 0 ? 0 : (double)(answered + ticks) / polls,
                (answered + ticks) == 0 ? 0 : botCpu / (answered + ticks),
                (answered + ticks) == 0 ? 0 : benchCpu / (answered + ticks),
                startRss,
                load,
                idleCpu,
                problems);
        }
        finally
        {
            api.OnCall = null;
            bot?.Dispose();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal", ".serve-lock" }) // dgbot serve leaves its lock file beside the database
            {
                try
                {
                    File.Delete(database + suffix);
                }
                catch (IOException)
                {
                }
            }
        }
    }

    /// <summary>A fresh database: migrated, with the agencies and one staff invitation each (as an administrator makes them).</summary>
    private static async Task<List<string>> SeedAsync(string database, TelegramBenchmarkOptions options)
    {
        await using var db = Open(database);
        await SqliteSetup.MigrateAsync(db).ConfigureAwait(false);
        var codes = new List<string>();
        var now = TimeProvider.System.GetUtcNow().UtcDateTime;
        for (var a = 0; a <= options.Agencies; a++) // the last one is the warm-up staff's
        {
            var agency = new Agency("TGB-" + a.ToString("D3", CultureInfo.InvariantCulture), "หน่วยงานทดสอบ " + a.ToString(CultureInfo.InvariantCulture), "ลำปาง", "เทศบาล", now);
            db.Agencies.Add(agency);
            await db.SaveChangesAsync().ConfigureAwait(false);
            var invitation = await new InvitationService(db, TimeProvider.System).CreateAsync(agency, UserRole.Staff, maxUses: options.Staff, TimeSpan.FromDays(30), CancellationToken.None).ConfigureAwait(false);
            await db.SaveChangesAsync().ConfigureAwait(false);
            codes.Add(invitation.Code);
        }

        return codes;
    }

    private static DgBotDbContext Open(string database)
    {
        var builder = new DbContextOptionsBuilder<DgBotDbContext>();
        builder.UseDgBotSqlite("Data Source=" + database);
        return new DgBotDbContext(builder.Options);
    }

    /// <summary>/start CODE, then the survey button of the menu; returns the first question on screen.</summary>
    private static async Task<BotMessage> JoinAsync(TelegramBotApiDouble api, Person person, TelegramBenchmarkOptions options)
    {
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        api.SendText(person.Chat, "/start " + person.Code, firstName: "พนักงาน" + person.Index.ToString(CultureInfo.InvariantCulture));
        var menu = await NextAsync(api, person, m => m.Buttons.SelectMany(r => r).Any(b => b.Data == Payload.Menu(MenuOps.Survey)), timeout).ConfigureAwait(false)
            ?? throw new TimeoutException($"person {person.Index}: no menu after /start");
        person.Presses.Add(api.Press(person.Chat, menu.Message.MessageId, Payload.Menu(MenuOps.Survey)));
        var first = await NextAsync(api, person, IsPrompt, timeout).ConfigureAwait(false)
            ?? throw new TimeoutException($"person {person.Index}: no first question after the survey button");
        return HeaderNumber(first.Message.Text) is null ? throw new InvalidOperationException($"person {person.Index}: the survey opened with no question: {first.Message.Text}") : first.Message;
    }

    /// <summary>Answers what is on screen, up to --questions answers or until the review prompt.</summary>
    private static async Task AnswerAsync(TelegramBotApiDouble api, Person person, BotMessage current, TelegramBenchmarkOptions options, Stopwatch clock)
    {
        var random = new Random(1000 + person.Index);
        var timeout = TimeSpan.FromSeconds(options.TimeoutSeconds);
        for (var n = 0; n < options.Questions; n++)
        {
            if (HeaderNumber(current.Text) is not { } number)
            {
                return; // the review prompt: this person's agency has nothing left open
            }

            var question = Questionnaire.Questions[number - 1];
            if (options.ThinkMs > 0)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(options.ThinkMs * (0.8 + (0.4 * random.NextDouble())))).ConfigureAwait(false);
            }

            var buttons = current.Buttons.SelectMany(r => r).Select(b => (b.Data, Payload: Payload.Parse(b.Data))).Where(b => b.Payload.Kind == PayloadKind.Question).ToList();
            Turn turn;
            if (question.Type is QuestionType.YesNo or QuestionType.Single)
            {
                var choices = buttons.Where(b => b.Payload.Op == QuestionOps.Option).ToList();
                if (choices.Count == 0)
                {
                    person.Problems.Add($"person {person.Index}: question {number} has no option buttons");
                    return;
                }

                var choice = choices[(person.Index + n) % choices.Count];
                var pressed = clock.Elapsed.TotalMilliseconds;
                var id = api.Press(person.Chat, current.MessageId, choice.Data);
                person.Presses.Add(id);
                turn = new Turn(TurnKind.Press, question.Id, AnswerValue.Option(choice.Payload.Arg).Serialize(), id, pressed, null, null);
            }
            else if (question.Type == QuestionType.Multi)
            {
                var items = buttons.Where(b => b.Payload.Op == QuestionOps.Tick).ToList();
                if (items.Count == 0)
                {
                    person.Problems.Add($"person {person.Index}: question {number} has no tick buttons");
                    return;
                }

                var item = items[(person.Index + n) % items.Count];
                var tickPressed = clock.Elapsed.TotalMilliseconds;
                var tick = api.Press(person.Chat, current.MessageId, item.Data);
                person.Presses.Add(tick);
                var edited = await EditAsync(person, current.MessageId, timeout).ConfigureAwait(false);
                person.Ticks.Add((tick, tickPressed, edited));
                var shown = api.Messages(person.Chat).First(m => m.MessageId == current.MessageId);
                var confirm = shown.Buttons.SelectMany(r => r).Select(b => b.Data).FirstOrDefault(d => Payload.Parse(d) is { Kind: PayloadKind.Question, Op: QuestionOps.Confirm });
                if (edited is null || confirm is null)
                {
                    person.Problems.Add($"person {person.Index}: the tick on question {number} {(edited is null ? "never showed" : "left no confirm button")}");
                    return;
                }

                var pressed = clock.Elapsed.TotalMilliseconds;
                var id = api.Press(person.Chat, current.MessageId, confirm);
                person.Presses.Add(id);
                turn = new Turn(TurnKind.Press, question.Id, AnswerValue.Options(item.Payload.Arg).Serialize(), id, pressed, null, null);
            }
            else
            {
                var text = question.Type switch
                {
                    QuestionType.Percent => (10 + (person.Index * 3 % 80)).ToString(CultureInfo.InvariantCulture),
                    QuestionType.Number => (1 + person.Index + n).ToString(CultureInfo.InvariantCulture),
                    _ => "ตอบโดยพนักงาน " + person.Index.ToString(CultureInfo.InvariantCulture) + " ข้อ " + number.ToString(CultureInfo.InvariantCulture),
                };
                var parsed = AnswerParser.Parse(question, text, []);
                if (parsed.Value is null)
                {
                    person.Problems.Add($"person {person.Index}: '{text}' is not a valid answer to question {number}");
                    return;
                }

                var pressed = clock.Elapsed.TotalMilliseconds;
                api.SendText(person.Chat, text, firstName: "พนักงาน" + person.Index.ToString(CultureInfo.InvariantCulture));
                turn = new Turn(TurnKind.Typed, question.Id, parsed.Value.Serialize(), null, pressed, null, null);
            }

            var next = await NextAsync(api, person, IsPrompt, timeout, edited: current.MessageId).ConfigureAwait(false);
            if (next is null)
            {
                person.Turns.Add(turn);
                person.Problems.Add($"person {person.Index}: no next question within {options.TimeoutSeconds} s after answering question {number}");
                return;
            }

            person.Turns.Add(turn with { NextMs = next.Value.VisibleMs, NextNumber = HeaderNumber(next.Value.Message.Text), NotApplicable = next.Value.Skipped.Any(m => m.Text == NotApplicableNow) || next.Value.Message.Text?.Contains("\n\n" + NotApplicableNow + "\n\n", StringComparison.Ordinal) == true, Before = next.Value.Skipped.Count });
            current = next.Value.Message;
        }
    }

    /// <summary>A question prompt ("ข้อ n/N" header) or the review prompt (its submit button).</summary>
    private static bool IsPrompt(BotMessage message) =>
        HeaderNumber(message.Text) is not null || message.Buttons.SelectMany(r => r).Any(b => b.Data == Payload.Menu(MenuOps.Submit));

    /// <summary>
    /// The next new message in the person's chat that matches, or the <paramref name="edited"/> message edited into one
    /// that matches and has buttons (the pressed question edited into the next question), and when it became visible in
    /// the double; null on timeout.
    /// </summary>
    private static async Task<(BotMessage Message, double VisibleMs, List<BotMessage> Skipped)?> NextAsync(TelegramBotApiDouble api, Person person, Func<BotMessage, bool> match, TimeSpan timeout, int? edited = null)
    {
        using var cts = new CancellationTokenSource(timeout);
        var skipped = new List<BotMessage>();
        while (true)
        {
            var messages = api.Messages(person.Chat);
            while (person.Seen < messages.Count && person.Seen < person.VisibleAt.Count)
            {
                var message = messages[person.Seen];
                var at = person.VisibleAt[person.Seen];
                person.Seen++;
                if (match(message))
                {
                    return (message, at, skipped);
                }

                skipped.Add(message);
            }

            if (await NextEventAsync(person, cts.Token).ConfigureAwait(false) is not { } e)
            {
                return null;
            }

            if (edited is { } id && e.Method == "editMessageText" && e.MessageId == id
                && api.Messages(person.Chat).FirstOrDefault(m => m.MessageId == id) is { } edit && edit.Buttons.Count > 0 && match(edit))
            {
                return (edit, e.AtMs, skipped);
            }
        }
    }

    /// <summary>The person's next chat event, with the times messages became visible brought up to it; null on timeout.</summary>
    private static async Task<ChatEvent?> NextEventAsync(Person person, CancellationToken cancellationToken)
    {
        ChatEvent e;
        try
        {
            e = await person.Events.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return null;
        }

        while (person.VisibleAt.Count < e.Count)
        {
            person.VisibleAt.Add(e.AtMs);
        }

        return e;
    }

    /// <summary>Waits for an edit of the message (the tick shown); returns when it was visible, or null on timeout.</summary>
    private static async Task<double?> EditAsync(Person person, int messageId, TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        while (true)
        {
            if (await NextEventAsync(person, cts.Token).ConfigureAwait(false) is not { } e)
            {
                return null;
            }

            if (e.Method.StartsWith("editMessage", StringComparison.Ordinal) && e.MessageId == messageId)
            {
                return e.AtMs;
            }
        }
    }

    /// <summary>
    /// Compares what the database stored with what the people answered. A turn is stored when an audit row of its
    /// agency's response, for its question, by that person, carries its value; or (no row is written when the value does
    /// not change) a colleague's audit row carries the same value. A turn is duplicated when more audit rows by that person
    /// carry that value for that question than the person gave it. Every turn must leave an answer row for its question.
    /// </summary>
    private static async Task<(int Lost, int Duplicated, int ViaColleague)> VerifyAsync(string database, List<Person> people, List<string> problems)
    {
        await using var db = Open(database);
        var users = await db.ChatUsers.AsNoTracking().Where(u => u.Channel == ChannelKind.Telegram).ToDictionaryAsync(u => u.PlatformUserId, u => (u.Id, u.AgencyId)).ConfigureAwait(false);
        var responses = await db.Responses.AsNoTracking().ToDictionaryAsync(r => r.AgencyId, r => r.Id).ConfigureAwait(false);
        var audits = await db.AnswerAudits.AsNoTracking().ToListAsync().ConfigureAwait(false);
        var answers = await db.Answers.AsNoTracking().ToListAsync().ConfigureAwait(false);
        int lost = 0, duplicated = 0, viaColleague = 0;
        foreach (var person in people)
        {
            if (!users.TryGetValue(person.Chat.ToString(CultureInfo.InvariantCulture), out var user) || user.AgencyId is not { } agency || !responses.TryGetValue(agency, out var response))
            {
                lost += person.Turns.Count;
                problems.Add($"person {person.Index}: not joined or no response in the database");
                continue;
            }

            foreach (var group in person.Turns.Where(t => !t.NotApplicable).GroupBy(t => (t.QuestionId, t.Value)))
            {
                var mine = audits.Count(a => a.ResponseId == response && a.QuestionId == group.Key.QuestionId && a.ChangedByUserId == user.Id && a.NewValue == group.Key.Value);
                var theirs = audits.Any(a => a.ResponseId == response && a.QuestionId == group.Key.QuestionId && a.ChangedByUserId != user.Id && a.NewValue == group.Key.Value);
                var given = group.Count();
                var hasAnswer = answers.Any(a => a.ResponseId == response && a.QuestionId == group.Key.QuestionId);
                if (!hasAnswer || (mine == 0 && !theirs))
                {
                    lost += given;
                    problems.Add($"person {person.Index}: answer {group.Key.Value} to {group.Key.QuestionId} is not in the database");
                }
                else if (mine == 0)
                {
                    viaColleague += given;
                }
                else if (mine > given)
                {
                    duplicated += mine - given;
                    problems.Add($"person {person.Index}: answer {group.Key.Value} to {group.Key.QuestionId} stored {mine} times, given {given}");
                }
            }

            // Stored by this person but never given by them.
            var givenKeys = person.Turns.Select(t => (t.QuestionId, t.Value)).ToHashSet();
            var strays = audits.Where(a => a.ResponseId == response && a.ChangedByUserId == user.Id && !givenKeys.Contains((a.QuestionId, a.NewValue ?? ""))).ToList();
            duplicated += strays.Count;
            problems.AddRange(strays.Select(a => $"person {person.Index}: stored {a.NewValue} to {a.QuestionId}, never given"));
        }

        return (lost, duplicated, viaColleague);
    }

    /// <summary>The pid of this process's child whose command line mentions <paramref name="name"/> (the dotnet host running dgbot.dll).</summary>
    private static int? ChildPid(string name)
    {
        var self = Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            var pid = Path.GetFileName(dir);
            if (!pid.All(char.IsAsciiDigit))
            {
                continue;
            }

            try
            {
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                if (fields[1] == self && File.ReadAllText(Path.Combine(dir, "cmdline")).Contains(name, StringComparison.Ordinal))
                {
                    return int.Parse(pid, CultureInfo.InvariantCulture);
                }
            }
            catch (IOException)
            {
            }
            catch (UnauthorizedAccessException)
            {
            }
        }

        return null;
    }

    /// <summary>User plus system CPU time of a process so far, in ms (from /proc/PID/stat, in clock ticks of 10 ms).</summary>
    private static double CpuMs(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/stat");
            var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
            return (long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture)) * 10.0;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    /// <summary>The one-minute load average of the machine (a shared machine's other work shows here).</summary>
    private static double LoadAverage()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>A size line of /proc/PID/status (VmHWM: the peak resident set; VmRSS: the current one), in bytes.</summary>
    private static long Status(int pid, string key)
    {
        try
        {
            var line = File.ReadLines($"/proc/{pid.ToString(CultureInfo.InvariantCulture)}/status").FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal));
            return line is null ? 0 : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture) * 1024;
        }
        catch (IOException)
        {
            return 0;
        }
    }

    private static int? HeaderNumber(string? text) =>
        text is not null && Header().Match(text) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : null;

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Median(List<RunResult> results, Func<RunResult, double> value)
    {
        var sorted = results.Select(value).Order().ToList();
        return sorted[sorted.Count / 2];
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    [GeneratedRegex(@"ข้อ (\d+)/(\d+)")]
    private static partial Regex Header();

    [GeneratedRegex(@"([\d.]+) turns/s")]
    private static partial Regex EngineRate();
}
