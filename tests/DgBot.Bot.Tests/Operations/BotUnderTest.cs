using System.Net.Http.Json;
using DgBot.Bot.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace DgBot.Bot.Tests.Operations;

/// <summary>The real hosted bot (BotHost.Build) on a temporary SQLite file, listening on a loopback port.</summary>
internal sealed class BotUnderTest : IAsyncDisposable
{
    private BotUnderTest(WebApplication app, string folder, HttpClient http)
    {
        App = app;
        Folder = folder;
        Http = http;
    }

    public WebApplication App { get; }

    public string Folder { get; }

    public HttpClient Http { get; }

    public static async Task<BotUnderTest> StartAsync(IReadOnlyDictionary<string, string?>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var folder = Path.Combine(Path.GetTempPath(), "dgbot-ops-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var all = new Dictionary<string, string?>
        {
            ["ConnectionStrings:DgBot"] = "Data Source=" + Path.Combine(folder, "dgbot.db"),
            ["Urls"] = "http://127.0.0.1:0",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var app = BotHost.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(all);
            configure?.Invoke(b);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new BotUnderTest(app, folder, new HttpClient { BaseAddress = new Uri(address) });
    }

    public async Task<string> MetricsAsync()
    {
        using var response = await Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        Assert.Equal("text/plain", response.Content.Headers.ContentType?.MediaType);
        return await response.Content.ReadAsStringAsync();
    }

    public async Task<HealthReport> HealthAsync()
    {
        using var response = await Http.GetAsync(new Uri("/healthz", UriKind.Relative));
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<HealthReport>())!;
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }
}
