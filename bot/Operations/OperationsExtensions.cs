using DgBot.Bot.Hosting;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Operations;

/// <summary>Registers what an operator needs on the hosted bot: the serve lock, scheduled backups and metrics.</summary>
public static class OperationsExtensions
{
    public static IHostApplicationBuilder AddOperations(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        CheckConnectionString(builder.Configuration);

        // The lock is taken before the database is migrated or any channel starts.
        builder.Services.Insert(0, ServiceDescriptor.Singleton<IHostedService, ServeLockService>());
        builder.Services.AddOptions<BackupOptions>()
            .BindConfiguration(BackupOptions.Section)
            .ValidateDataAnnotations()
            .Validate(o => string.IsNullOrWhiteSpace(o.Directory) || IsUsablePath(o.Directory), "Backup:Directory must be a folder path (for example /data/backups).")
            .ValidateOnStart();
        builder.Services.AddSingleton<BackupStatus>();
        builder.Services.AddHostedService<ScheduledBackupService>();
        builder.Services.AddHostedService<RetentionService>();
        builder.Services.AddSingleton<MetricsCollector>();
        return builder;
    }

    public static IEndpointRouteBuilder MapOperations(this IEndpointRouteBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);

        // Start listening at once so counts from the first turn on are kept.
        app.ServiceProvider.GetRequiredService<MetricsCollector>();
        return app.MapMetrics();
    }

    /// <summary>A connection string SQLite cannot read stops start-up with one line naming the key.</summary>
    private static void CheckConnectionString(IConfiguration configuration)
    {
        try
        {
            _ = DatabaseFile.From(configuration);
        }
        catch (ArgumentException ex)
        {
            throw new StartupException($"ConnectionStrings:DgBot is not a valid SQLite connection string ({ex.Message}); expected for example \"Data Source=/data/dgbot.db\".", ex);
        }
    }

    private static bool IsUsablePath(string path)
    {
        try
        {
            _ = Path.GetFullPath(path);
            return path.IndexOfAny(Path.GetInvalidPathChars()) < 0;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
