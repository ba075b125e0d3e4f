namespace DgBot.Bot.Operations;

/// <summary>Log lines of the operations area. Paths and counts only; never database contents.</summary>
internal static partial class OperationsLog
{
    [LoggerMessage(EventId = 7001, Level = LogLevel.Information, Message = "Scheduled backup written to {BackupPath} ({Tables} tables)")]
    public static partial void BackupWritten(ILogger logger, string backupPath, int tables);

    [LoggerMessage(EventId = 7002, Level = LogLevel.Error, Message = "Scheduled backup into {BackupDirectory} failed")]
    public static partial void BackupFailed(ILogger logger, Exception exception, string backupDirectory);

    [LoggerMessage(EventId = 7003, Level = LogLevel.Information, Message = "Deleted old backup {BackupPath} (keeping {Keep})")]
    public static partial void BackupPruned(ILogger logger, string backupPath, int keep);

    [LoggerMessage(EventId = 7004, Level = LogLevel.Information, Message = "Scheduled backups every {Every} into {BackupDirectory}, keeping {Keep}")]
    public static partial void BackupScheduled(ILogger logger, TimeSpan every, string backupDirectory, int keep);
}
