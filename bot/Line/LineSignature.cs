using System.Security.Cryptography;
using System.Text;

namespace DgBot.Bot.Line;

/// <summary>
/// Checks <c>x-line-signature</c>: Base64(HMAC-SHA256(key = channel secret, data = the raw body bytes)), compared in
/// constant time.
/// </summary>
public sealed class LineSignature
{
    private readonly byte[] _key;

    public LineSignature(string channelSecret)
    {
        ArgumentException.ThrowIfNullOrEmpty(channelSecret);
        _key = Encoding.UTF8.GetBytes(channelSecret);
    }

    public bool IsValid(ReadOnlySpan<byte> body, string? signature)
    {
        if (string.IsNullOrEmpty(signature))
        {
            return false;
        }

        Span<byte> given = stackalloc byte[HMACSHA256.HashSizeInBytes];
        if (!Convert.TryFromBase64String(signature, given, out var written) || written != HMACSHA256.HashSizeInBytes)
        {
            return false;
        }

        Span<byte> expected = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_key, body, expected);
        return CryptographicOperations.FixedTimeEquals(expected, given);
    }

    /// <summary>The signature LINE would send for <paramref name="body"/> (tools and tests sign with it).</summary>
    public string Sign(ReadOnlySpan<byte> body) => Convert.ToBase64String(HMACSHA256.HashData(_key, body));
}
