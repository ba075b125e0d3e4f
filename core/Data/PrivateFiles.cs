namespace DgBot.Core.Data;

/// <summary>
/// Files that hold personal data or secrets (the database, its WAL and SHM, backups, the invitation key) are readable
/// by their owner only: 0600, in folders DgBot creates as 0700, whatever the process's umask. SQLite gives its WAL,
/// SHM and journal files the mode of the database file, so creating the database file first with 0600 covers them.
/// On Windows the modes do not apply and these are plain file operations.
/// </summary>
public static class PrivateFiles
{
    /// <summary>rw------- .</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>rwx------ .</summary>
    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute |
        UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates the folder (and missing parents) with 0700; an existing folder is left as it is.</summary>
    public static void EnsureFolder(string folder)
    {
        ArgumentException.ThrowIfNullOrEmpty(folder);
        if (Directory.Exists(folder))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(folder);
            return;
        }

        var parent = Path.GetDirectoryName(Path.GetFullPath(folder));
        if (!string.IsNullOrEmpty(parent))
        {
            EnsureFolder(parent);
        }

        Directory.CreateDirectory(folder, FolderMode);
    }

    /// <summary>
    /// Makes sure <paramref name="path"/> exists as a file only its owner can read: creates it empty with 0600 when
    /// missing (an empty file is an empty SQLite database), and takes group and other access away from an existing one.
    /// </summary>
    public static void EnsureFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var folder = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
        {
            EnsureFolder(folder);
        }

        try
        {
            using var created = new FileStream(path, CreateOptions(System.IO.FileMode.CreateNew));
        }
        catch (IOException) when (File.Exists(path))
        {
            Restrict(path);
        }
    }

    /// <summary>Creates a new file (replacing none) with 0600, open to read and write; throws <see cref="IOException"/> when it exists.</summary>
    public static FileStream CreateNew(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var options = CreateOptions(System.IO.FileMode.CreateNew);
        options.Access = FileAccess.ReadWrite;
        return new FileStream(path, options);
    }

    /// <summary>Writes a new file (replacing none) with 0600; throws <see cref="IOException"/> when it exists.</summary>
    public static void WriteNew(string path, ReadOnlySpan<byte> content)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, CreateOptions(System.IO.FileMode.CreateNew));
        stream.Write(content);
        stream.Flush(flushToDisk: true);
    }

    /// <summary>Copies a file with 0600, replacing the target.</summary>
    public static void Copy(string source, string target)
    {
        var content = File.ReadAllBytes(source);
        var partial = target + ".partial";
        File.Delete(partial);
        WriteNew(partial, content);
        File.Move(partial, target, overwrite: true);
    }

    /// <summary>Takes group and other permissions away from an existing file (no-op on Windows).</summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows() || !File.Exists(path))
        {
            return;
        }

        var mode = File.GetUnixFileMode(path);
        if ((mode & GroupOrOther) != 0)
        {
            File.SetUnixFileMode(path, mode & ~GroupOrOther);
        }
    }

    private static FileStreamOptions CreateOptions(System.IO.FileMode mode)
    {
        var options = new FileStreamOptions { Mode = mode, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }

        return options;
    }
}
