using System.Text.Encodings.Web;
using System.Text.Json;
using DgBot.Bot.Operations;
using Microsoft.Extensions.Logging.Console;

namespace DgBot.Bot.Hosting;

/// <summary>
/// <c>Logging:Format</c> picks the console format: <c>simple</c> (default, for people), <c>json</c> (one JSON object per
/// line with a UTC timestamp, for servers and log collectors) or <c>systemd</c>. The standard
/// <c>Logging:Console:FormatterName</c> also works; <c>Logging:Format</c> wins when both are set.
/// </summary>
public static class LoggingExtensions
{
    public const string FormatKey = "Logging:Format";

    public static IHostApplicationBuilder AddDgBotLogging(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var format = builder.Configuration[FormatKey];
        switch (format?.Trim().ToLowerInvariant())
        {
            case null or "":
                break;
            case "json":
                builder.Logging.AddJsonConsole(o =>
                {
                    o.UseUtcTimestamp = true;
                    o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
                    o.IncludeScopes = false;
                    o.JsonWriterOptions = new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, Indented = false };
                });
                break;
            case "simple":
                builder.Logging.AddSimpleConsole(o => o.UseUtcTimestamp = true);
                builder.Services.Configure<ConsoleLoggerOptions>(o => o.FormatterName = ConsoleFormatterNames.Simple);
                break;
            case "systemd":
                builder.Logging.AddSystemdConsole(o => o.UseUtcTimestamp = true);
                break;
            default:
                throw new StartupException($"{FormatKey} must be 'simple', 'json' or 'systemd' (it is '{format}').");
        }

        return builder;
    }
}
