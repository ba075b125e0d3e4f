using System.Text;

namespace DgBot.Line.Tests.Infrastructure;

/// <summary>Prism mocks of LINE's messaging-api.yml and webhook.yml, shared by every test in the "LINE contract" collection.</summary>
public sealed class ContractMocks : IAsyncLifetime, IDisposable
{
    private readonly HttpClient _http = new();

    public PrismMock MessagingApi { get; private set; } = null!;

    public PrismMock Webhook { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        var messaging = PrismMock.StartAsync(SharedContracts.MessagingApiYaml);
        var webhook = PrismMock.StartAsync(SharedContracts.WebhookYaml);
        try
        {
            await Task.WhenAll(messaging, webhook);
        }
        catch
        {
            foreach (var started in new[] { messaging, webhook }.Where(t => t.IsCompletedSuccessfully))
            {
                await started.Result.DisposeAsync();
            }

            throw;
        }

        MessagingApi = messaging.Result;
        Webhook = webhook.Result;
    }

    /// <summary>Null when <paramref name="body"/> is a valid webhook request body by webhook.yml, else Prism's reasons.</summary>
    public async Task<string?> WebhookViolationsAsync(string body)
    {
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(new Uri(Webhook.BaseAddress, "callback"), content);
        if ((int)response.StatusCode < 400)
        {
            return null;
        }

        return response.Headers.TryGetValues("sl-violations", out var values)
            ? string.Join(" ", values)
            : $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    public void Dispose() => _http.Dispose();

    public async Task DisposeAsync()
    {
        if (MessagingApi is not null)
        {
            await MessagingApi.DisposeAsync();
        }

        if (Webhook is not null)
        {
            await Webhook.DisposeAsync();
        }
    }
}

[CollectionDefinition(Name)]
public sealed class LineContractGroup : ICollectionFixture<ContractMocks>
{
    public const string Name = "LINE contract";
}
