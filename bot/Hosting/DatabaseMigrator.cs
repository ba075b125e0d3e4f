namespace DgBot.Bot.Hosting;

/// <summary>Applies the committed migrations at start-up, before the channels start (it is registered first).</summary>
internal sealed class DatabaseMigrator(IServiceProvider services) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => services.MigrateDgBotDatabaseAsync(cancellationToken);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
