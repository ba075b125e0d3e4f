using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace DgBot.Bot.Tests.Operations;

/// <summary>
/// Keeps every log entry as one line: level, category, event, the formatted message, every named value of the
/// state, every active scope and the exception with its stack. Stricter than any console format.
/// </summary>
internal sealed class CapturingLoggerProvider : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<string> lines = new();
    private IExternalScopeProvider scopes = new LoggerExternalScopeProvider();

    public IReadOnlyCollection<string> Lines => lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => scopes = scopeProvider;

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerProvider provider, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => provider.scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var line = new StringBuilder();
            line.Append(CultureInfo.InvariantCulture, $"{logLevel} {category}[{eventId.Id}:{eventId.Name}] {formatter(state, exception)}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    line.Append(CultureInfo.InvariantCulture, $" {key}={Convert.ToString(value, CultureInfo.InvariantCulture)}");
                }
            }

            provider.scopes.ForEachScope(
                (scope, builder) =>
                {
                    builder.Append(" scope=").Append(Convert.ToString(scope, CultureInfo.InvariantCulture));
                    if (scope is IEnumerable<KeyValuePair<string, object?>> pairs)
                    {
                        foreach (var (key, value) in pairs)
                        {
                            builder.Append(CultureInfo.InvariantCulture, $" {key}={Convert.ToString(value, CultureInfo.InvariantCulture)}");
                        }
                    }
                },
                line);
            if (exception is not null)
            {
                line.Append(" exception=").Append(exception);
            }

            provider.lines.Enqueue(line.ToString());
        }
    }
}
