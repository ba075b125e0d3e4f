using Xunit.Abstractions;
using DgBot.Bot.Operations;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Tests.Operations;

public sealed class BackupUnderLoadTests(ITestOutputHelper output)
{
    [Fact]
    public async Task BackupsTakenWhileTheEngineWritesAreCompleteAndConsistent()
    {
        // SQLite waits for its write lock synchronously: six writers can hold six pool threads, and on a two-core
        // machine the pool would add threads slowly, starving this test's own continuations (the backups).
        ThreadPool.GetMinThreads(out var workers, out var io);
        ThreadPool.SetMinThreads(Math.Max(workers, 32), io);
        await using var load = await EngineLoad.CreateAsync(staff: 6);
        var database = DatabaseFile.From(load.ConnectionString)!;
        using var stop = new CancellationTokenSource();
        var writers = load.RunAsync(stop.Token);

        // Let the writers get going, then back up several times while they keep committing.
        await WaitUntilAsync(() => load.Completed >= 30 || writers.IsCompleted);
        if (writers.IsCompleted)
        {
            await writers;
            Assert.Fail("the walks ended before the backups: " + string.Join("\n", load.Ended));
        }

        var copies = new List<(string Path, long CommittedBefore, long StartedAfter)>();
        for (var i = 0; i < 8 && !writers.IsCompleted; i++)
        {
            var path = Path.Combine(load.Folder, $"copy-{i}.db");
            var committedBefore = load.Completed;
            var check = await DatabaseBackup.BackupAsync(database, path);
            var startedAfter = load.Started;
            Assert.True(check.Ok, string.Join("; ", check.Problems));
            copies.Add((path, committedBefore, startedAfter));
            await Task.Delay(100);
        }

        var turnsDuringBackups = load.Completed - copies[0].CommittedBefore;
        await stop.CancelAsync();
        await writers;

        output.WriteLine(string.Join("\n", load.Ended));
        output.WriteLine($"{copies.Count} backups; {turnsDuringBackups} turns committed while they ran; {load.Completed} turns in all");
        Assert.True(copies.Count >= 2, "the writers finished before two backups were taken: " + string.Join("\n", load.Ended));
        Assert.True(turnsDuringBackups > 0, "no turn was committed while the backups ran");

        long previousEvents = 0;
        foreach (var (path, committedBefore, startedAfter) in copies)
        {
            // A standalone file: no WAL beside it, and it passes SQLite's own integrity check when opened afresh.
            Assert.False(File.Exists(path + "-wal"));
            var recheck = await DatabaseBackup.CheckFileAsync(path);
            Assert.True(recheck.Ok, string.Join("; ", recheck.Problems));

            await using var copy = EngineLoad.Open(path);
            var events = await copy.ProcessedEvents.LongCountAsync();

            // Complete: every turn committed before the backup began is in it; nothing that had not even started is.
            Assert.InRange(events, committedBefore, startedAfter);
            Assert.True(events >= previousEvents);
            previousEvents = events;
            output.WriteLine($"{Path.GetFileName(path)}: {events} turns (committed before: {committedBefore}, started after: {startedAfter})");

            await AssertAnswersMatchTheirAuditsAsync(copy);
        }

        // Once the writers stop, a backup holds exactly what the live database holds.
        var final = Path.Combine(load.Folder, "final.db");
        await DatabaseBackup.BackupAsync(database, final);
        var live = await DatabaseBackup.CheckFileAsync(load.Path);
        var copied = await DatabaseBackup.CheckFileAsync(final);
        Assert.Equal(live.Tables, copied.Tables);
        Assert.Equal(load.Completed, copied.Tables.Single(t => t.Table == "ProcessedEvents").Rows);
        Assert.True(copied.Tables.Single(t => t.Table == "Answers").Rows > 0);
    }

    /// <summary>An answer and its audit row are written in one transaction: a copy with one but not the other is torn.</summary>
    private static async Task AssertAnswersMatchTheirAuditsAsync(Core.Data.DgBotDbContext copy)
    {
        var answers = await copy.Answers.AsNoTracking().ToListAsync();
        var audits = await copy.AnswerAudits.AsNoTracking().OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(answers.Count, audits.Count(a => a.OldValue is null));
        foreach (var answer in answers)
        {
            var latest = audits.Last(a => a.ResponseId == answer.ResponseId && string.Equals(a.QuestionId, answer.QuestionId, StringComparison.Ordinal));
            Assert.Equal(answer.Value, latest.NewValue);
        }
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
