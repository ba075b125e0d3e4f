using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace DgBot.Bot.Operations;

/// <summary>Turns a setting that stops start-up into one line on standard error (naming the key) and exit code 2.</summary>
public static partial class StartupErrors
{
    public const int ExitCode = 2;

    /// <summary>Builds and runs the host; a bad setting ends it with one line instead of a stack trace.</summary>
    /// <returns>The exit code, or null when <paramref name="shouldRun"/> declined to run the built host.</returns>
    public static async Task<int?> RunAsync(Func<WebApplication> build, TextWriter error, CancellationToken cancellationToken, Func<WebApplication, bool>? shouldRun = null)
    {
        ArgumentNullException.ThrowIfNull(build);
        ArgumentNullException.ThrowIfNull(error);
        try
        {
            var app = build();
            await using (app.ConfigureAwait(false))
            {
                if (shouldRun is not null && !shouldRun(app))
                {
                    return null;
                }

                // Check the settings before the host starts, so a bad one gives this line and not a logged stack trace.
                app.Services.GetService<IStartupValidator>()?.Validate();
                ProbeServeLock(app.Configuration);

                await app.RunAsync().WaitAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }
        catch (Exception ex) when (Describe(ex) is { } line)
        {
            await error.WriteLineAsync("dgbot: configuration error: " + line).ConfigureAwait(false);
            return ExitCode;
        }
    }

    /// <summary>The one-line description of a start-up failure caused by settings, or null for anything else.</summary>
    public static string? Describe(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        return exception switch
        {
            StartupException e => OneLine(e.Message),
            OptionsValidationException e => OneLine(string.Join("; ", e.Failures.Select(Simplify))),
            InvalidOperationException e when e.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) => OneLine(e.Message),
            AggregateException e when e.InnerExceptions.Select(Describe).FirstOrDefault(d => d is not null) is { } inner => inner,
            _ when exception.InnerException is { } inner => Describe(inner),
            _ => null,
        };
    }

    private static void ProbeServeLock(IConfiguration configuration)
    {
        if (DatabaseFile.From(configuration) is { } file)
        {
            using var probe = ServeLock.TryAcquire(file.LockPath) ?? throw new StartupException(ServeLockService.HeldMessage(file));
        }
    }

    private static string Simplify(string failure)
    {
        var match = DataAnnotationFailure().Match(failure);
        return match.Success ? match.Groups["error"].Value : failure;
    }

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));

    [GeneratedRegex(@"^DataAnnotation validation failed for '[^']*' members: '[^']*' with the error: '(?<error>.*)'\.?$", RegexOptions.Singleline)]
    private static partial Regex DataAnnotationFailure();
}
