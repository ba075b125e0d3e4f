using System.Diagnostics;
using System.Globalization;
using DgBot.Bot.Hosting;
using DgBot.Core.Answers;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports;
using DgBot.Core.Scoring;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DgBot.Benchmarks;

/// <summary>
/// Simulated staff answer the whole built-in questionnaire through the real engine (one DI scope, DbContext and
/// <see cref="TurnRunner"/> per turn, as the host does; each turn one EF Core transaction of the default turn store) on
/// a SQLite file, concurrently; then the same disk's raw durable-commit rate is measured as the physical ceiling of a
/// durable turn.
/// </summary>
internal static class EngineBenchmark
{
    private const double TargetRatio = 0.5;
    private const double TargetP99Ms = 10;

    public static async Task<int> RunAsync(EngineBenchmarkOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        output.WriteLine(Invariant($"engine benchmark: {options.Agencies} agencies x {options.StaffPerAgency} staff = {options.Users} users, {options.Parallel} in parallel, think time {options.ThinkMs} ms, {options.Runs} runs, {Environment.ProcessorCount} cpus, {(Debugger.IsAttached ? "debugger" : "no debugger")}, {BuildKind()}"));
        var profiler = options.Profile ? new TurnProfiler() : null;
        await using var bench = await Bench.StartAsync(options, profiler, cancellationToken).ConfigureAwait(false);

        // Warm-up, not counted: one run of the same shape (JIT and tiered recompilation of the hot paths, EF Core's model
        // and query cache, the DI container's resolvers, questionnaire parsing), then a pause for the background tier-1
        // compilations to finish. A bot serves for days with one host; its steady state is what a turn costs.
        await RunOnceAsync(bench, 0, options with { RawSeconds = 0.2, ThinkMs = 0 }, cancellationToken).ConfigureAwait(false);
        await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        var results = new List<RunResult>();
        for (var run = 1; run <= options.Runs; run++)
        {
            profiler?.Reset();
            var result = await RunOnceAsync(bench, run, options, cancellationToken).ConfigureAwait(false);
            results.Add(result);
            output.WriteLine(Invariant($"run {run}: {result.Describe()}"));
            if (profiler is not null)
            {
                output.WriteLine("  " + profiler.Describe((int)result.Turns));
            }
            if (result.Complete != options.Agencies || result.FailedSessions > 0)
            {
                output.WriteLine(Invariant($"ERROR: {result.FailedSessions} staff sessions failed (a turn threw; see stderr)"));
                output.WriteLine(Invariant($"ERROR: only {result.Complete} of {options.Agencies} responses are complete and submitted"));
                return 1;
            }
        }

        var median = new RunResult(
            Median(results, r => r.Turns),
            Median(results, r => r.AnswerTurns),
            Median(results, r => r.Seconds),
            Median(results, r => r.TurnsPerSecond),
            Median(results, r => r.AnswersPerSecond),
            Median(results, r => r.P50Ms),
            Median(results, r => r.P99Ms),
            Median(results, r => r.MaxMs),
            Median(results, r => r.P99WithoutSubmitMs),
            Median(results, r => r.SubmitP50Ms),
            Median(results, r => r.CpuMsPerTurn),
            Median(results, r => r.RawCommitsPerSecond),
            Median(results, r => r.Ratio),
            (long)Median(results, r => r.PeakWorkingSet),
            (long)Median(results, r => r.GcTotal),
            (int)Median(results, r => r.Complete));
        output.WriteLine(Invariant($"median: {median.Describe()}"));
        output.WriteLine(Invariant($"verified: {median.Complete}/{options.Agencies} responses fully answered and submitted in every run"));
        output.WriteLine(options.ThinkMs > 0
            ? "target ratio: not applicable with a think time (the simulated people, not the engine, set the pace)"
            : Invariant($"target ratio >= {TargetRatio:0.0#}: {(median.Ratio >= TargetRatio ? "PASS" : "MISS")} ({median.Ratio:0.000})"));
        output.WriteLine(Invariant($"target p99 < {TargetP99Ms:0} ms: {(median.P99Ms < TargetP99Ms ? "PASS" : "MISS")} ({median.P99Ms:0.00} ms)"));
        return 0;
    }

    /// <summary>
    /// One host over one database for the whole benchmark, as a running bot has: every run (and the warm-up) adds its own
    /// agencies and staff to it, so later runs also meet a database that already holds earlier answers.
    /// </summary>
    private sealed class Bench : IAsyncDisposable
    {
        private Bench(IHost host, string folder, string dbPath, string rawPath, bool ownsFolder, TurnProfiler? profiler)
        {
            Host = host;
            Folder = folder;
            DbPath = dbPath;
            RawPath = rawPath;
            OwnsFolder = ownsFolder;
            Profiler = profiler;
        }

        public IHost Host { get; }

        public string Folder { get; }

        public string DbPath { get; }

        public string RawPath { get; }

        public bool OwnsFolder { get; }

        public TurnProfiler? Profiler { get; }

        public static async Task<Bench> StartAsync(EngineBenchmarkOptions options, TurnProfiler? profiler, CancellationToken cancellationToken)
        {
            var folder = Path.Combine(Path.GetTempPath(), "dgbot-bench-" + Guid.NewGuid().ToString("N")[..8]);
            var dbPath = options.Db is null ? Path.Combine(folder, "engine.db") : Path.GetFullPath(options.Db);
            var rawPath = Path.Combine(Path.GetDirectoryName(dbPath)!, Path.GetFileNameWithoutExtension(dbPath) + "-raw.db");
            Directory.CreateDirectory(Path.GetDirectoryName(dbPath)!);
            DeleteDatabase(dbPath);
            DeleteDatabase(rawPath);
            var host = BuildHost("Data Source=" + dbPath, profiler);
            await host.Services.MigrateDgBotDatabaseAsync(cancellationToken).ConfigureAwait(false);
            await SeedRoundAsync(host.Services, cancellationToken).ConfigureAwait(false);
            return new Bench(host, folder, dbPath, rawPath, options.Db is null, profiler);
        }

        public async ValueTask DisposeAsync()
        {
            Host.Dispose();
            SqliteConnection.ClearAllPools();
            DeleteDatabase(DbPath);
            DeleteDatabase(RawPath);
            if (OwnsFolder)
            {
                try
                {
                    Directory.Delete(Folder, recursive: true);
                }
                catch (IOException)
                {
                    // A leftover temp folder is harmless.
                }
            }
        }
    }

    private static async Task<RunResult> RunOnceAsync(Bench bench, int run, EngineBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var host = bench.Host;
        var profiler = bench.Profiler;
        var rawPath = bench.RawPath;
        var users = await SeedAsync(host.Services, run, options, cancellationToken).ConfigureAwait(false);

        GC.Collect();
        var catalog = host.Services.GetRequiredService<SurveyCatalog>();
        var sessions = users.Select((u, i) => new StaffSession(host.Services, catalog, u, seed: i + 1, options.ThinkMs)).ToList();
        using var gate = new SemaphoreSlim(options.Parallel, options.Parallel);
        // The disk's fsync latency drifts (shared and virtual disks a lot): measure before and after, use the mean.
        var rawBefore = RawCommitsPerSecond(rawPath, options.RawSeconds / 2);
        DeleteDatabase(rawPath);
        profiler?.Reset();
        using var self = Process.GetCurrentProcess();
        var cpuBefore = self.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(sessions.Select(s => Task.Run(
            async () =>
            {
                await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    await s.RunAsync(cancellationToken).ConfigureAwait(false);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    s.Failure = e;
                }
                finally
                {
                    gate.Release();
                }
            },
            cancellationToken))).ConfigureAwait(false);
        clock.Stop();
        self.Refresh();
        var cpuMs = (self.TotalProcessorTime - cpuBefore).TotalMilliseconds;

        var latencies = sessions.SelectMany(s => s.LatenciesMs).Order().ToArray();
        var submits = sessions.Where(s => s.SubmitLatencyMs is not null).Select(s => s.SubmitLatencyMs!.Value).Order().ToArray();
        var others = sessions.SelectMany(s => s.SubmitLatencyMs is { } submit ? s.LatenciesMs.Where(l => l != submit) : s.LatenciesMs).Order().ToArray();
        var turns = latencies.Length;
        var answerTurns = sessions.Sum(s => s.AnswerTurns);
        var complete = await VerifyAsync(host.Services, users.Select(u => u.AgencyId).ToHashSet(), cancellationToken).ConfigureAwait(false);
        var failures = sessions.Where(s => s.Failure is not null).ToList();
        if (failures.Count > 0)
        {
            Console.Error.WriteLine(Invariant($"{failures.Count} of {sessions.Count} staff sessions failed; the first: {failures[0].Failure}"));
        }

        var gcTotal = GC.GetTotalMemory(forceFullCollection: false);

        var raw = (rawBefore + RawCommitsPerSecond(rawPath, options.RawSeconds / 2)) / 2;
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var seconds = clock.Elapsed.TotalSeconds;
        var turnsPerSecond = turns / seconds;
        return new RunResult(
            turns,
            answerTurns,
            seconds,
            turnsPerSecond,
            answerTurns / seconds,
            Percentile(latencies, 0.50),
            Percentile(latencies, 0.99),
            latencies[^1],
            Percentile(others, 0.99),
            Percentile(submits, 0.50),
            cpuMs / turns,
            raw,
            turnsPerSecond / raw,
            process.PeakWorkingSet64,
            gcTotal,
            complete,
            failures.Count);
    }

    /// <summary>The host's own registrations: AddDgBotData (UseDgBotSqlite: WAL, busy timeout, synchronous=FULL) and AddConversation.</summary>
    private static IHost BuildHost(string connectionString, TurnProfiler? profiler)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:DgBot"] = connectionString });
        builder.Logging.ClearProviders();
        builder.AddDgBotData();
        builder.AddConversation();
        if (profiler is not null)
        {
            builder.Services.ConfigureDbContext<DgBotDbContext>(o => o.AddInterceptors(profiler));
        }

        return builder.Build();
    }

    private static async Task SeedRoundAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
            var catalog = scope.ServiceProvider.GetRequiredService<SurveyCatalog>();
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            db.Rounds.Add(new SurveyRound("bench", now.AddDays(365), catalog.Current.Version, now));
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// This run's agencies (codes R{run}-B{n}, all in one province of their own, as the 19 agencies of a real province
    /// are) and their staff, already joined.
    /// </summary>
    private static async Task<List<SeededUser>> SeedAsync(IServiceProvider services, int run, EngineBenchmarkOptions options, CancellationToken cancellationToken)
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
            var now = TimeProvider.System.GetUtcNow().UtcDateTime;
            var agencies = Enumerable.Range(1, options.Agencies)
                .Select(i => new Agency(Invariant($"R{run:00}-B{i:0000}"), Invariant($"หน่วยงานทดสอบ {run}-{i}"), Invariant($"จังหวัดทดสอบ {run}"), "กรม", now))
                .ToList();
            db.Agencies.AddRange(agencies);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

            var users = new List<SeededUser>();
            var id = 100_000 + (run * 100_000);
            foreach (var agency in agencies)
            {
                for (var s = 0; s < options.StaffPerAgency; s++)
                {
                    var userId = (++id).ToString(CultureInfo.InvariantCulture);
                    var user = new ChatUser(ChannelKind.Telegram, userId, userId, "staff " + userId, now);
                    user.Join(agency.Id, UserRole.Staff, now);
                    db.ChatUsers.Add(user);
                    users.Add(new SeededUser(userId, agency.Id));
                }
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return users;
        }
    }

    /// <summary>Counts responses where every applicable question is answered and the response is submitted.</summary>
    private static async Task<int> VerifyAsync(IServiceProvider services, HashSet<int> agencies, CancellationToken cancellationToken)
    {
        var scope = services.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
            var catalog = scope.ServiceProvider.GetRequiredService<SurveyCatalog>();
            var responses = await db.Responses.AsNoTracking().Where(r => agencies.Contains(r.AgencyId))
                .Include(r => r.Answers).Include(r => r.Round).ToListAsync(cancellationToken).ConfigureAwait(false);
            var complete = 0;
            foreach (var response in responses)
            {
                var questionnaire = catalog.Get(response.Round!.QuestionnaireVersion);
                var values = ResultsService.Values(response.Answers);
                var answered = response.Answers.Select(a => a.QuestionId).ToHashSet(StringComparer.OrdinalIgnoreCase);
                var missing = questionnaire.Questions.Count(q =>
                    Scorer.IsApplicable(questionnaire, q, values) && !answered.Contains(q.Id));
                if (missing == 0 && response.SubmittedUtc is not null)
                {
                    complete++;
                }
            }

            return complete;
        }
    }

    /// <summary>Single-row INSERT + COMMIT transactions on one connection, same disk and pragmas as the engine's database.</summary>
    private static double RawCommitsPerSecond(string path, double seconds)
    {
        DeleteDatabase(path);
        var connectionString = SqliteSetup.Normalize("Data Source=" + path + ";Pooling=False");
        using var connection = new SqliteConnection(connectionString);
        connection.Open();
        Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=10000; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;");
        Execute(connection, "CREATE TABLE t (id INTEGER PRIMARY KEY, v TEXT NOT NULL);");
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t (v) VALUES ($v);";
        var parameter = insert.CreateParameter();
        parameter.ParameterName = "$v";
        insert.Parameters.Add(parameter);

        var commits = 0;
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed.TotalSeconds < seconds || commits < 100)
        {
            using var transaction = connection.BeginTransaction();
            insert.Transaction = transaction;
            parameter.Value = "answer " + commits.ToString(CultureInfo.InvariantCulture);
            insert.ExecuteNonQuery();
            transaction.Commit();
            commits++;
        }

        return commits / clock.Elapsed.TotalSeconds;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static void DeleteDatabase(string path)
    {
        foreach (var file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            File.Delete(file);
        }
    }

    private static double Percentile(double[] sorted, double p) =>
        sorted.Length == 0 ? double.NaN : sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)];

    private static double Median(List<RunResult> results, Func<RunResult, double> value)
    {
        var sorted = results.Select(value).Order().ToArray();
        return sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[(sorted.Length / 2) - 1] + sorted[sorted.Length / 2]) / 2;
    }

    private static string BuildKind() =>
#if DEBUG
        "DEBUG build (numbers not representative: use -c Release)";
#else
        "Release build";
#endif

    internal static string Invariant(FormattableString text) => FormattableString.Invariant(text);

    private sealed record SeededUser(string UserId, int AgencyId);

    private sealed record RunResult(
        double Turns,
        double AnswerTurns,
        double Seconds,
        double TurnsPerSecond,
        double AnswersPerSecond,
        double P50Ms,
        double P99Ms,
        double MaxMs,
        double P99WithoutSubmitMs,
        double SubmitP50Ms,
        double CpuMsPerTurn,
        double RawCommitsPerSecond,
        double Ratio,
        long PeakWorkingSet,
        long GcTotal,
        int Complete,
        int FailedSessions = 0)
    {
        public string Describe() => Invariant(
            $"{Turns:0} turns ({AnswerTurns:0} answers) in {Seconds:0.00} s: {TurnsPerSecond:0.0} turns/s ({AnswersPerSecond:0.0} answers/s), p50 {P50Ms:0.00} ms, p99 {P99Ms:0.00} ms, max {MaxMs:0.0} ms (p99 without the submit turns {P99WithoutSubmitMs:0.00} ms, submit turn p50 {SubmitP50Ms:0.00} ms), process CPU {CpuMsPerTurn:0.00} ms/turn; raw durable commits {RawCommitsPerSecond:0.0}/s; ratio {Ratio:0.000}; peak working set {PeakWorkingSet / 1048576.0:0.0} MiB, GC heap {GcTotal / 1048576.0:0.0} MiB");
    }

    /// <summary>One staff member walking the questionnaire by pressing what the engine offers.</summary>
    private sealed class StaffSession(IServiceProvider services, SurveyCatalog catalog, SeededUser user, int seed, int thinkMs)
    {
        private const int MaxTurns = 2_000;

        private readonly Random _random = new(seed);

        public List<double> LatenciesMs { get; } = [];

        /// <summary>The confirmed submit turn (it also computes the agency's and province's scores).</summary>
        public double? SubmitLatencyMs { get; private set; }

        public int AnswerTurns { get; private set; }

        /// <summary>Why the session stopped early (a turn threw); its response then fails verification.</summary>
        public Exception? Failure { get; set; }

        public async Task RunAsync(CancellationToken cancellationToken)
        {
            var result = await TurnAsync(Button(Payload.Menu(MenuOps.Survey)), cancellationToken).ConfigureAwait(false);
            var submitted = false;
            for (var turn = 0; turn < MaxTurns; turn++)
            {
                if (submitted)
                {
                    return;
                }

                var prompt = result.Replies.OfType<PromptReply>().LastOrDefault()
                    ?? throw new InvalidOperationException(Invariant($"user {user.UserId}: no prompt after turn {turn}: {Describe(result)}"));
                if (prompt.Choices.FirstOrDefault(c => c.Payload == Payload.Menu(MenuOps.Submit)) is { } submit)
                {
                    result = await TurnAsync(Button(submit.Payload), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                if (prompt.Choices.FirstOrDefault(c => Payload.Parse(c.Payload) is { Kind: PayloadKind.Confirm, Op: ConfirmOps.Yes }) is { } yes)
                {
                    result = await TurnAsync(Button(yes.Payload), cancellationToken).ConfigureAwait(false);
                    SubmitLatencyMs = LatenciesMs[^1];
                    submitted = true;
                    continue;
                }

                if (prompt.Choices.FirstOrDefault(c => c.Payload == Payload.Menu(MenuOps.Survey)) is { } resume)
                {
                    // The review listed open questions (another staff member of the agency is mid-way): continue.
                    result = await TurnAsync(Button(resume.Payload), cancellationToken).ConfigureAwait(false);
                    continue;
                }

                result = await AnswerAsync(prompt, cancellationToken).ConfigureAwait(false);
            }

            throw new InvalidOperationException(Invariant($"user {user.UserId}: not submitted after {MaxTurns} turns"));
        }

        private async Task<TurnResult> AnswerAsync(PromptReply prompt, CancellationToken cancellationToken)
        {
            if (prompt.FreeText)
            {
                AnswerTurns++;
                return await TurnAsync(Text(TypedAnswer(prompt)), cancellationToken).ConfigureAwait(false);
            }

            if (prompt.Multi)
            {
                if (!prompt.Choices.Any(c => c.Selected))
                {
                    var items = prompt.Choices.Where(c => IsQuestionOp(c.Payload, QuestionOps.Tick)).ToList();
                    return await TurnAsync(Button(items[_random.Next(items.Count)].Payload), cancellationToken).ConfigureAwait(false);
                }

                AnswerTurns++;
                var confirm = prompt.Choices.First(c => IsQuestionOp(c.Payload, QuestionOps.Confirm));
                return await TurnAsync(Button(confirm.Payload), cancellationToken).ConfigureAwait(false);
            }

            var options = prompt.Choices.Where(c => IsQuestionOp(c.Payload, QuestionOps.Option)).ToList();
            if (options.Count == 0)
            {
                throw new InvalidOperationException(Invariant($"user {user.UserId}: a prompt without answer options: {prompt.Text}"));
            }

            AnswerTurns++;
            return await TurnAsync(Button(options[_random.Next(options.Count)].Payload), cancellationToken).ConfigureAwait(false);
        }

        /// <summary>A valid typed answer for the question the prompt shows ("ข้อ 12/70" names it).</summary>
        private string TypedAnswer(PromptReply prompt)
        {
            var header = prompt.Text.IndexOf("ข้อ ", StringComparison.Ordinal);
            var slash = header < 0 ? -1 : prompt.Text.IndexOf('/', header);
            if (slash < 0 || !int.TryParse(prompt.Text.AsSpan(header + 4, slash - header - 4), NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            {
                throw new InvalidOperationException(Invariant($"user {user.UserId}: cannot tell the question of: {prompt.Text}"));
            }

            var question = catalog.Current.Questions[number - 1];
            return question.Type switch
            {
                Core.Questionnaires.QuestionType.Percent => _random.Next(0, 101).ToString(CultureInfo.InvariantCulture),
                Core.Questionnaires.QuestionType.Number => _random.Next(0, 500).ToString(CultureInfo.InvariantCulture),
                _ => "ทดสอบระบบ ข้อความตอบแบบพิมพ์",
            };
        }

        private static bool IsQuestionOp(string payload, string op) =>
            Payload.Parse(payload) is { Kind: PayloadKind.Question } p && p.Op == op;

        private Inbound Button(string payload) =>
            new(ChannelKind.Telegram, user.UserId, user.UserId, "staff", InboundKind.Button, Payload: payload);

        private Inbound Text(string text) =>
            new(ChannelKind.Telegram, user.UserId, user.UserId, "staff", InboundKind.Text, Text: text);

        private async Task<TurnResult> TurnAsync(Inbound inbound, CancellationToken cancellationToken)
        {
            if (thinkMs > 0)
            {
                // A person reads the prompt before pressing: 0.5x to 1.5x the think time.
                await Task.Delay(_random.Next(thinkMs / 2, (thinkMs * 3 / 2) + 1), cancellationToken).ConfigureAwait(false);
            }

            var scope = services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var engine = scope.ServiceProvider.GetRequiredService<IConversationEngine>();
                var clock = Stopwatch.StartNew();
                var result = await engine.HandleAsync(inbound, cancellationToken).ConfigureAwait(false);
                LatenciesMs.Add(clock.Elapsed.TotalMilliseconds);
                if (result.Button == ButtonOutcome.Stale)
                {
                    throw new InvalidOperationException(Invariant($"user {user.UserId}: stale button {inbound.Payload}"));
                }

                return result;
            }
        }

        private static string Describe(TurnResult result) =>
            string.Join(" | ", result.Replies.Select(r => r is TextReply t ? t.Text : r.GetType().Name));
    }
}
