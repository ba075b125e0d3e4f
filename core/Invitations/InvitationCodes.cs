using System.Security.Cryptography;
using System.Text;
using DgBot.Core.Answers;

namespace DgBot.Core.Invitations;

/// <summary>Invitation codes: random, from an alphabet without look-alikes, stored only as a keyed hash (<see cref="InvitationKey"/>).</summary>
public static class InvitationCodes
{
    /// <summary>No 0/O, 1/I/L, 2/Z, 5/S, 8/B: easy to read aloud and type on a phone.</summary>
    public const string Alphabet = "ACDEFGHJKMNPQRTUVWXY34679";

    public const int Length = 10;

    public static string Generate()
    {
        Span<char> chars = stackalloc char[Length];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = Alphabet[RandomNumberGenerator.GetInt32(Alphabet.Length)];
        }

        return new string(chars);
    }

    /// <summary>Upper-cases and drops spaces, dashes and zero-width characters, so "acde-fghj km" matches.</summary>
    public static string Normalize(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        var sb = new StringBuilder(code.Length);
        foreach (var c in code)
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                sb.Append(char.ToUpperInvariant(c));
            }
        }

        return sb.ToString();
    }

    /// <summary>True when the text could be a code: the right length, only letters of the alphabet.</summary>
    public static bool LooksLikeCode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Length > Length + 4)
        {
            return false;
        }

        var normalized = Normalize(trimmed);
        return normalized.Length == Length && normalized.All(Alphabet.Contains);
    }

    /// <summary>
    /// The unkeyed SHA-256 that codes were stored as before the keyed hash (<see cref="InvitationKey"/>); still
    /// accepted once, when such a code is tried, and then stored keyed.
    /// </summary>
    public static string LegacyHash(string code) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalize(code))));

    /// <summary>Groups the code for display: "ACDEF-GHJKM".</summary>
    public static string Format(string code) => code.Length == Length ? code[..5] + "-" + code[5..] : code;
}
