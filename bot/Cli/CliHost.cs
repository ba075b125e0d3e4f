using DgBot.Bot.Hosting;

namespace DgBot.Bot.Cli;

/// <summary>
/// A small host for administrative commands: the same configuration sources as the bot (appsettings.json beside the
/// executable, environment variables, user secrets, command-line) and the same database, migrated before use.
/// </summary>
public static class CliHost
{
    private static readonly AsyncLocal<IReadOnlyDictionary<string, string?>?> OverridesSlot = new();

    /// <summary>Configuration that wins over every other source, for the current async flow (tests set it).</summary>
    public static IReadOnlyDictionary<string, string?>? Overrides
    {
        get => OverridesSlot.Value;
        set => OverridesSlot.Value = value;
    }

    public static Task<IHost> StartAsync(CancellationToken cancellationToken = default) => StartAsync(null, cancellationToken);

    /// <summary>The configuration a CLI host would read (same sources, overrides included), without building a host or touching the database.</summary>
    public static IConfiguration ReadConfiguration()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { ContentRootPath = AppContext.BaseDirectory });
        builder.Configuration.AddUserSecrets(typeof(CliHost).Assembly, optional: true);
        if (Overrides is { } overrides)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        return builder.Configuration;
    }

    /// <summary>As <see cref="StartAsync(CancellationToken)"/>, with more services (for example the conversation engine).</summary>
    public static async Task<IHost> StartAsync(Action<IHostApplicationBuilder>? configure, CancellationToken cancellationToken = default)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings
        {
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Configuration.AddUserSecrets(typeof(CliHost).Assembly, optional: true);
        if (Overrides is { } overrides)
        {
            builder.Configuration.AddInMemoryCollection(overrides);
        }

        builder.Logging.ClearProviders();
        builder.AddDgBotData();
        configure?.Invoke(builder);
        var host = builder.Build();
        await host.Services.MigrateDgBotDatabaseAsync(cancellationToken).ConfigureAwait(false);
        return host;
    }
}
