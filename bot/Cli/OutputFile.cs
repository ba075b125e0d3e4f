using DgBot.Core.Data;

namespace DgBot.Bot.Cli;

/// <summary>
/// A file a command writes with <c>--out</c> (a report, an export): an existing file is only replaced with
/// <c>--force</c>, and it is written owner-only under a temporary name first, so a failed run leaves no half-written
/// file and a reader never sees one.
/// </summary>
internal static class OutputFile
{
    /// <summary>Null when <paramref name="outPath"/> may be written; else why not.</summary>
    public static string? Refusal(string outPath, bool force)
    {
        if (File.Exists(outPath) && !force)
        {
            return $"{outPath} already exists; add --force to replace it";
        }

        var folder = Path.GetDirectoryName(Path.GetFullPath(outPath));
        return folder is not null && !Directory.Exists(folder) ? $"the folder of {outPath} does not exist" : null;
    }

    /// <summary>Writes <paramref name="outPath"/> through <paramref name="write"/> (the stream can be read back, as the Open XML SDK needs).</summary>
    /// <exception cref="CliInputException">The file cannot be written.</exception>
    public static T Write<T>(string outPath, Func<Stream, T> write)
    {
        ArgumentNullException.ThrowIfNull(write);
        var full = Path.GetFullPath(outPath);
        var temporary = full + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            T result;
            using (var file = PrivateFiles.CreateNew(temporary))
            {
                result = write(file);
            }

            File.Move(temporary, full, overwrite: true);
            return result;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new CliInputException($"cannot write {outPath}: {ex.Message}");
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }
}
