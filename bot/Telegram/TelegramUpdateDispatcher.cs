using Microsoft.Extensions.DependencyInjection;
using Telegram.Bot.Types;

namespace DgBot.Bot.Telegram;

/// <summary>Runs each update in its own DI scope, so each turn has its own <c>DbContext</c> and engine.</summary>
internal sealed class TelegramUpdateDispatcher(IServiceScopeFactory scopes)
{
    public async Task DispatchAsync(Update update, CancellationToken cancellationToken)
    {
        var scope = scopes.CreateAsyncScope();
        await using (scope.ConfigureAwait(false))
        {
            var handler = scope.ServiceProvider.GetRequiredService<TelegramUpdateHandler>();
            await handler.HandleAsync(update, cancellationToken).ConfigureAwait(false);
        }
    }
}
