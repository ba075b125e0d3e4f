using System.Globalization;
using System.Text;
using DgBot.Core.Data;

namespace DgBot.Bot.Operations;

/// <summary>
/// An exclusive lock on <c>&lt;database&gt;.serve-lock</c> (an OS file lock, released when the process ends, even on a
/// crash). Every process that writes the database for a long time holds it while it runs: the <c>serve</c> host and
/// the console chat (<c>dgbot chat</c>). <c>dgbot db restore</c> takes it too, so a restore never runs under a live
/// bot or chat, and neither can start in the middle of a restore. A second bot or chat on the same database also
/// stops at start-up. Short admin commands (agencies, invites, rounds, backup) do not take it: they run beside the bot.
/// </summary>
public sealed class ServeLock : IDisposable
{
    private readonly FileStream stream;

    private ServeLock(FileStream stream) => this.stream = stream;

    /// <summary>Takes the lock, or returns null when another holder (a running bot or a restore) has it.</summary>
    public static ServeLock? TryAcquire(string lockPath)
    {
        ArgumentNullException.ThrowIfNull(lockPath);
        PrivateFiles.EnsureFolder(Path.GetDirectoryName(Path.GetFullPath(lockPath))!);
        try
        {
            var stream = new FileStream(lockPath, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            stream.SetLength(0);
            var pid = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            stream.Write(pid);
            stream.Flush();
            return new ServeLock(stream);
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose() => stream.Dispose();
}

/// <summary>Holds the <see cref="ServeLock"/> for the life of the hosted bot.</summary>
internal sealed class ServeLockService(IConfiguration configuration) : IHostedService, IDisposable
{
    private ServeLock? held;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (DatabaseFile.From(configuration) is not { } file)
        {
            return Task.CompletedTask;
        }

        held = ServeLock.TryAcquire(file.LockPath)
            ?? throw new StartupException(HeldMessage(file));
        return Task.CompletedTask;
    }

    internal static string HeldMessage(DatabaseFile file) =>
        $"ConnectionStrings:DgBot: another dgbot ('dgbot serve', 'dgbot chat' or a 'dgbot db restore') is using {file.Path} (lock file {file.LockPath} is held); stop it first.";

    public Task StopAsync(CancellationToken cancellationToken)
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        held?.Dispose();
        held = null;
    }
}
