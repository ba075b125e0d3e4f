using System.Security.Cryptography;
using System.Text;
using DgBot.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Invitations;

/// <summary>
/// The secret that invitation codes are hashed with (HMAC-SHA-256), so a copied database does not give the codes away:
/// a 10-character code has about 46 bits, which an unkeyed hash lets anyone try in minutes. The key is 32 random
/// bytes in <c>&lt;database&gt;.invitation-key</c> (base64, owner-only), generated the first time a code is created
/// or tried; every process on the same database (the bot, the CLI) reads the same file. <c>dgbot db backup</c>
/// copies it beside the backup and <c>db restore</c> puts it back. An in-memory database gets a key that lives as
/// long as the process, like the database itself.
/// </summary>
public static class InvitationKey
{
    private const int KeyBytes = 32;

    private static readonly Lazy<byte[]> ProcessKey = new(() => RandomNumberGenerator.GetBytes(KeyBytes));

    /// <summary>The key file of a database file.</summary>
    public static string PathFor(string databasePath) => databasePath + ".invitation-key";

    /// <summary>The key of the database <paramref name="db"/> is connected to, created on first use.</summary>
    public static byte[] Of(DgBotDbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        var builder = new SqliteConnectionStringBuilder(db.Database.GetConnectionString());
        if (string.IsNullOrEmpty(builder.DataSource) || builder.DataSource == ":memory:" || builder.Mode == SqliteOpenMode.Memory)
        {
            return ProcessKey.Value;
        }

        return ReadOrCreate(PathFor(Path.GetFullPath(builder.DataSource)));
    }

    /// <summary>Reads the key file, or creates it (0600) when there is none; two processes racing read the same key.</summary>
    public static byte[] ReadOrCreate(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (!File.Exists(path))
        {
            // Written whole under a private name, then renamed without overwriting: whoever renames first wins and
            // the other process reads that key, so the file is never seen half-written.
            var created = RandomNumberGenerator.GetBytes(KeyBytes);
            var partial = path + "." + Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture) + ".new";
            File.Delete(partial);
            PrivateFiles.WriteNew(partial, Encoding.ASCII.GetBytes(Convert.ToBase64String(created) + "\n"));
            try
            {
                File.Move(partial, path, overwrite: false);
                return created;
            }
            catch (IOException) when (File.Exists(path))
            {
                File.Delete(partial);
            }
        }

        var key = Convert.FromBase64String(File.ReadAllText(path, Encoding.ASCII).Trim());
        return key.Length >= 16
            ? key
            : throw new InvalidDataException($"The invitation key {path} is too short; restore it from a backup.");
    }

    /// <summary>HMAC-SHA-256 of the normalised code under <paramref name="key"/>, lower-case hex.</summary>
    public static string Hash(byte[] key, string code) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(InvitationCodes.Normalize(code))));
}
