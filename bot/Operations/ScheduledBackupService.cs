using System.Globalization;
using DgBot.Core.Diagnostics;
using DgBot.Core.Invitations;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Operations;

/// <summary>
/// Backs the database up every <see cref="BackupOptions.Every"/> into <see cref="BackupOptions.Directory"/> as
/// <c>dgbot-yyyyMMdd-HHmmss.db</c> (UTC) and keeps the newest <see cref="BackupOptions.Keep"/>. Does nothing when no
/// folder is configured. A failed backup is logged and counted; the next one is tried on schedule.
/// </summary>
internal sealed class ScheduledBackupService(
    IOptions<BackupOptions> options,
    IConfiguration configuration,
    TimeProvider time,
    BackupStatus status,
    ILogger<ScheduledBackupService> logger) : BackgroundService
{
    public const string FilePrefix = "dgbot-";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (string.IsNullOrWhiteSpace(settings.Directory) || DatabaseFile.From(configuration) is not { } database)
        {
            return;
        }

        var folder = Path.GetFullPath(settings.Directory);
        OperationsLog.BackupScheduled(logger, settings.Every, folder, settings.Keep);
        using var timer = new PeriodicTimer(settings.Every, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                await RunOnceAsync(database, folder, settings.Keep, stoppingToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }
    }

    internal async Task RunOnceAsync(DatabaseFile database, string folder, int keep, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var path = Path.Combine(folder, FilePrefix + now.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + ".db");
        try
        {
            var check = await DatabaseBackup.BackupAsync(database, path, cancellationToken).ConfigureAwait(false);
            status.Succeeded(path, now);
            OperationsLog.BackupWritten(logger, path, check.Tables.Count);
            Prune(folder, keep);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or Microsoft.Data.Sqlite.SqliteException or InvalidDataException)
        {
            DgBotMetrics.Error("backup");
            OperationsLog.BackupFailed(logger, ex, folder);
        }
    }

    private void Prune(string folder, int keep)
    {
        // The names sort by time because the stamp is fixed-width UTC.
        var old = Directory.GetFiles(folder, FilePrefix + "*.db")
            .Where(f => !f.EndsWith(".partial", StringComparison.Ordinal))
            .OrderDescending(StringComparer.Ordinal)
            .Skip(keep);
        foreach (var file in old)
        {
            File.Delete(file);
            File.Delete(InvitationKey.PathFor(file));
            OperationsLog.BackupPruned(logger, file, keep);
        }
    }
}

/// <summary>The last scheduled backup that succeeded, for <c>/healthz</c>.</summary>
public sealed class BackupStatus
{
    private readonly Lock gate = new();

    public string? LastPath { get; private set; }

    public DateTimeOffset? LastSuccess { get; private set; }

    internal void Succeeded(string path, DateTimeOffset at)
    {
        lock (gate)
        {
            LastPath = path;
            LastSuccess = at;
        }
    }
}
