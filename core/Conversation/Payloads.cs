using System.Globalization;

namespace DgBot.Core.Conversation;

/// <summary>What a button does.</summary>
public enum PayloadKind
{
    Unknown,

    /// <summary><c>m:{command}</c>: a menu command, valid at any time.</summary>
    Menu,

    /// <summary><c>q:{seq}:{op}[:{arg}]</c>: an action on the question prompt number <c>seq</c>.</summary>
    Question,

    /// <summary><c>c:{seq}:yes|no</c>: the answer to a confirmation prompt.</summary>
    Confirm,

    /// <summary><c>a:{agencyId}:{s|i}</c>: scores or improve-first of an agency (checked against the person's rights).</summary>
    Agency,

    /// <summary><c>p:{agencyId}:{s|i}</c>: the average report of that agency's province.</summary>
    Province,

    /// <summary><c>pv:{agencyId}</c>: list the agencies of that agency's province (administrators).</summary>
    PickProvince,

    /// <summary><c>d:{agencyId}:{rank}</c>: the full guidance of an improve-first item.</summary>
    Detail,
}

/// <summary>
/// A decoded button payload. Payloads are short ASCII (they must fit Telegram's 64-byte callback data and LINE's
/// 300-character postback data) and carry ids, never Thai text.
/// </summary>
public sealed record Payload(PayloadKind Kind, string Op = "", int Seq = 0, int Id = 0, string Arg = "")
{
    public static string Menu(string command) => "m:" + command;

    public static string Question(int seq, string op, string? arg = null) =>
        arg is null ? string.Create(CultureInfo.InvariantCulture, $"q:{seq}:{op}") : string.Create(CultureInfo.InvariantCulture, $"q:{seq}:{op}:{arg}");

    public static string Confirm(int seq, bool yes) => string.Create(CultureInfo.InvariantCulture, $"c:{seq}:{(yes ? "yes" : "no")}");

    public static string Agency(int agencyId, char what) => string.Create(CultureInfo.InvariantCulture, $"a:{agencyId}:{what}");

    public static string Province(int agencyId, char what) => string.Create(CultureInfo.InvariantCulture, $"p:{agencyId}:{what}");

    public static string PickProvince(int agencyId) => string.Create(CultureInfo.InvariantCulture, $"pv:{agencyId}");

    public static string Detail(int agencyId, int rank) => string.Create(CultureInfo.InvariantCulture, $"d:{agencyId}:{rank}");

    /// <summary>Decodes a payload; anything malformed is <see cref="PayloadKind.Unknown"/> (never an exception).</summary>
    public static Payload Parse(string? data)
    {
        if (string.IsNullOrEmpty(data) || data.Length > 300)
        {
            return new Payload(PayloadKind.Unknown);
        }

        var parts = data.Split(':');
        return parts[0] switch
        {
            "m" when parts.Length == 2 => new Payload(PayloadKind.Menu, Op: parts[1]),
            "q" when parts.Length is 3 or 4 && TryInt(parts[1], out var seq) =>
                new Payload(PayloadKind.Question, Op: parts[2], Seq: seq, Arg: parts.Length == 4 ? parts[3] : string.Empty),
            "c" when parts.Length == 3 && TryInt(parts[1], out var seq) && parts[2] is "yes" or "no" =>
                new Payload(PayloadKind.Confirm, Op: parts[2], Seq: seq),
            "a" when parts.Length == 3 && TryInt(parts[1], out var id) && parts[2] is "s" or "i" =>
                new Payload(PayloadKind.Agency, Op: parts[2], Id: id),
            "p" when parts.Length == 3 && TryInt(parts[1], out var id) && parts[2] is "s" or "i" =>
                new Payload(PayloadKind.Province, Op: parts[2], Id: id),
            "pv" when parts.Length == 2 && TryInt(parts[1], out var id) => new Payload(PayloadKind.PickProvince, Id: id),
            "d" when parts.Length == 3 && TryInt(parts[1], out var id) && TryInt(parts[2], out var rank) =>
                new Payload(PayloadKind.Detail, Id: id, Seq: rank),
            _ => new Payload(PayloadKind.Unknown),
        };
    }

    private static bool TryInt(string s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
