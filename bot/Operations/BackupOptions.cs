using System.ComponentModel.DataAnnotations;

namespace DgBot.Bot.Operations;

/// <summary>The <c>Backup</c> section: scheduled backups are on when <see cref="Directory"/> is set.</summary>
public sealed class BackupOptions
{
    public const string Section = "Backup";

    /// <summary>Folder for scheduled backups (for example <c>/data/backups</c>); empty turns them off.</summary>
    public string? Directory { get; set; }

    /// <summary>Time between two scheduled backups.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00", ParseLimitsInInvariantCulture = true, ConvertValueInInvariantCulture = true,
        ErrorMessage = "Backup:Every must be a time span between 00:01:00 and 30.00:00:00 (for example 1.00:00:00 for daily).")]
    public TimeSpan Every { get; set; } = TimeSpan.FromDays(1);

    /// <summary>How many scheduled backups to keep; older ones are deleted.</summary>
    [Range(1, 1000, ErrorMessage = "Backup:Keep must be a whole number between 1 and 1000.")]
    public int Keep { get; set; } = 14;
}
