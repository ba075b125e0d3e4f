using System.CommandLine;

namespace DgBot.Bot.Operations;

/// <summary>
/// <c>dgbot healthcheck [--url URL]</c>: exits 0 when <c>/healthz</c> answers 200 within the timeout, 1 otherwise. The
/// container's HEALTHCHECK runs it, so the image needs no curl.
/// </summary>
public static class HealthCheckCommand
{
    public const string DefaultUrl = "http://127.0.0.1:8080/healthz";

    public static Command Create()
    {
        var url = new Option<string>("--url")
        {
            Description = "The health address to ask",
            DefaultValueFactory = _ => DefaultUrl,
        };
        var timeout = new Option<int>("--timeout")
        {
            Description = "Seconds to wait for an answer",
            DefaultValueFactory = _ => 5,
        };
        var command = new Command("healthcheck", "ตรวจว่าบอทที่กำลังทำงานตอบ /healthz ได้ (ask a running bot's /healthz; exit 0 when healthy)")
        {
            url,
            timeout,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            if (!Uri.TryCreate(parseResult.GetValue(url), UriKind.Absolute, out var target))
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync("--url must be an absolute address, for example " + DefaultUrl).ConfigureAwait(false);
                return 2;
            }
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(Math.Max(1, parseResult.GetValue(timeout))) };
            try
            {
                using var response = await http.GetAsync(target, cancellationToken).ConfigureAwait(false);
                var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
                await parseResult.InvocationConfiguration.Output.WriteLineAsync(body).ConfigureAwait(false);
                return response.IsSuccessStatusCode ? 0 : 1;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                await parseResult.InvocationConfiguration.Error.WriteLineAsync($"unhealthy: {target} did not answer ({ex.Message})").ConfigureAwait(false);
                return 1;
            }
        });
        return command;
    }
}
