using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DgBot.Line.Tests.Infrastructure;

/// <summary>
/// A Prism mock (<c>npx prism mock &lt;spec&gt; -p &lt;free port&gt; -h 127.0.0.1</c>) of one OpenAPI description. Prism answers
/// 4xx, with the reasons in <c>sl-violations</c>, to requests that break the description. <c>npm ci</c> runs first
/// when the prism folder has no node_modules, so a fresh machine with Node needs nothing else.
/// </summary>
public sealed class PrismMock : IAsyncDisposable
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private readonly Process _process;

    private PrismMock(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public static async Task<PrismMock> StartAsync(string specPath)
    {
        await EnsureInstalledAsync().ConfigureAwait(false);
        var port = FreePort();
        var start = new ProcessStartInfo("npx")
        {
            WorkingDirectory = SharedContracts.PrismDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "--no", "prism", "mock", specPath, "-p", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-h", "127.0.0.1" })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start npx prism.");
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var log = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            if (log.Count < 200)
            {
                log.Enqueue(e.Data);
            }

            if (e.Data.Contains("Prism is listening", StringComparison.Ordinal))
            {
                ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null && log.Count < 200)
            {
                log.Enqueue(e.Data);
            }
        };
        process.EnableRaisingEvents = true;
        process.Exited += (_, _) => ready.TrySetException(new InvalidOperationException("prism exited: " + string.Join('\n', log)));
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            await ready.Task.WaitAsync(TimeSpan.FromSeconds(90)).ConfigureAwait(false);
        }
        catch
        {
            Stop(process);
            throw;
        }

        return new PrismMock(process, new Uri($"http://127.0.0.1:{port}/"));
    }

    public ValueTask DisposeAsync()
    {
        Stop(_process);
        return ValueTask.CompletedTask;
    }

    private static void Stop(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(10_000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
        finally
        {
            process.Dispose();
        }
    }

    private static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync().ConfigureAwait(false);
        try
        {
            var dir = SharedContracts.PrismDirectory;
            if (File.Exists(Path.Combine(dir, "node_modules", ".bin", "prism")))
            {
                return;
            }

            var start = new ProcessStartInfo("npm")
            {
                WorkingDirectory = dir,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            foreach (var argument in new[] { "ci", "--no-audit", "--no-fund" })
            {
                start.ArgumentList.Add(argument);
            }

            start.Environment["SCARF_ANALYTICS"] = "false";
            using var npm = Process.Start(start) ?? throw new InvalidOperationException("Could not start npm.");
            var output = npm.StandardOutput.ReadToEndAsync();
            var error = npm.StandardError.ReadToEndAsync();
            await npm.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(5)).ConfigureAwait(false);
            if (npm.ExitCode != 0)
            {
                throw new InvalidOperationException($"npm ci in {dir} failed ({npm.ExitCode}): {await output.ConfigureAwait(false)}{await error.ConfigureAwait(false)}");
            }
        }
        finally
        {
            InstallGate.Release();
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
