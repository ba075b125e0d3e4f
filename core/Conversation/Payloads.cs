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

    /// <summary><c>d:{agencyId}:{rank}</c>: the full guidance of an item of that agency's improve-first list.</summary>
    Detail,

    /// <summary><c>pd:{agencyId}:{rank}</c>: the full guidance of an item of the improve-first list of that agency's province.</summary>
    ProvinceDetail,

    /// <summary><c>j:{number}</c>: go to question <c>number</c> (as typed "แก้ข้อ N"; from the review).</summary>
    Jump,
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

    public static string Confirm(int seq, bool yes) =>
        string.Create(CultureInfo.InvariantCulture, $"c:{seq}:{(yes ? ConfirmOps.Yes : ConfirmOps.No)}");

    /// <summary>Whether a results payload (<see cref="PayloadKind.Agency"/>, <see cref="PayloadKind.Province"/>) asks for the improve-first list.</summary>
    public bool IsImprove => Op == ResultOps.Improve;

    public static string Agency(int agencyId, char what) => string.Create(CultureInfo.InvariantCulture, $"a:{agencyId}:{what}");

    public static string Province(int agencyId, char what) => string.Create(CultureInfo.InvariantCulture, $"p:{agencyId}:{what}");

    public static string PickProvince(int agencyId) => string.Create(CultureInfo.InvariantCulture, $"pv:{agencyId}");

    public static string Jump(int questionNumber) => string.Create(CultureInfo.InvariantCulture, $"j:{questionNumber}");

    public static string Detail(int agencyId, int rank) => string.Create(CultureInfo.InvariantCulture, $"d:{agencyId}:{rank}");

    public static string ProvinceDetail(int agencyId, int rank) => string.Create(CultureInfo.InvariantCulture, $"pd:{agencyId}:{rank}");

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
            "c" when parts.Length == 3 && TryInt(parts[1], out var seq) && parts[2] is ConfirmOps.Yes or ConfirmOps.No =>
                new Payload(PayloadKind.Confirm, Op: parts[2], Seq: seq),
            "a" when parts.Length == 3 && TryInt(parts[1], out var id) && parts[2] is ResultOps.Scores or ResultOps.Improve =>
                new Payload(PayloadKind.Agency, Op: parts[2], Id: id),
            "p" when parts.Length == 3 && TryInt(parts[1], out var id) && parts[2] is ResultOps.Scores or ResultOps.Improve =>
                new Payload(PayloadKind.Province, Op: parts[2], Id: id),
            "pv" when parts.Length == 2 && TryInt(parts[1], out var id) => new Payload(PayloadKind.PickProvince, Id: id),
            "j" when parts.Length == 2 && TryInt(parts[1], out var number) => new Payload(PayloadKind.Jump, Seq: number),
            "d" when parts.Length == 3 && TryInt(parts[1], out var id) && TryInt(parts[2], out var rank) =>
                new Payload(PayloadKind.Detail, Id: id, Seq: rank),
            "pd" when parts.Length == 3 && TryInt(parts[1], out var id) && TryInt(parts[2], out var rank) =>
                new Payload(PayloadKind.ProvinceDetail, Id: id, Seq: rank),
            _ => new Payload(PayloadKind.Unknown),
        };
    }

    private static bool TryInt(string s, out int value) =>
        int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}

/// <summary>The commands of <see cref="PayloadKind.Menu"/> payloads (<c>m:{command}</c>).</summary>
public static class MenuOps
{
    public const string Survey = "survey";
    public const string Progress = "progress";
    public const string Score = "score";
    public const string Improve = "improve";
    public const string Deadline = "deadline";
    public const string Help = "help";
    public const string Menu = "menu";
    public const string Review = "review";
    public const string Submit = "submit";
    public const string Pause = "pause";
    public const string Forget = "forget";

    /// <summary>Every menu command, in the order of <see cref="IntentOf"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [Survey, Progress, Score, Improve, Deadline, Help, Menu, Review, Submit, Pause, Forget];

    /// <summary>What a menu command asks for; <see cref="IntentKind.None"/> for an unknown one (a stale or forged button).</summary>
    public static IntentKind IntentOf(string op) => op switch
    {
        Survey => IntentKind.StartSurvey,
        Progress => IntentKind.Progress,
        Score => IntentKind.Score,
        Improve => IntentKind.ImproveFirst,
        Deadline => IntentKind.Deadline,
        Help => IntentKind.Help,
        Menu => IntentKind.Menu,
        Review => IntentKind.Review,
        Submit => IntentKind.Submit,
        Pause => IntentKind.Pause,
        Forget => IntentKind.Forget,
        _ => IntentKind.None,
    };
}

/// <summary>The actions of <see cref="PayloadKind.Question"/> payloads (<c>q:{seq}:{op}[:{arg}]</c>).</summary>
public static class QuestionOps
{
    /// <summary>Choose the option <c>arg</c> (single choice, yes/no).</summary>
    public const string Option = "o";

    /// <summary>
    /// Tick the item <c>arg</c> (multiple choice). A button says which state it asks for, never "toggle", so an event
    /// delivered twice (after a crash) leaves the same ticks as once.
    /// </summary>
    public const string Tick = "t";

    /// <summary>Untick the item <c>arg</c> (multiple choice).</summary>
    public const string Untick = "u";

    /// <summary>
    /// Confirm the items the pressed message showed ticked: <c>arg</c> is their mask (bit i = option i, hexadecimal),
    /// so what is stored is what the person saw, whatever happened to the ticks since. Typed "ยืนยัน" has no mask and
    /// confirms the ticks of the person's state.
    /// </summary>
    public const string Confirm = "ok";

    public const string DontKnow = "dk";

    /// <summary>Keep the current answer and move on.</summary>
    public const string Keep = "keep";

    public const string Help = "help";

    public const string Back = "back";

    public const string Skip = "skip";

    public static IReadOnlyList<string> All { get; } = [Option, Tick, Untick, Confirm, DontKnow, Keep, Help, Back, Skip];
}

/// <summary>The answers of <see cref="PayloadKind.Confirm"/> payloads (<c>c:{seq}:yes|no</c>).</summary>
public static class ConfirmOps
{
    public const string Yes = "yes";
    public const string No = "no";
}

/// <summary>What a results payload (<c>a:{id}:{op}</c>, <c>p:{id}:{op}</c>) shows: the scores or the improve-first list.</summary>
public static class ResultOps
{
    public const string Scores = "s";
    public const string Improve = "i";

    public const char ScoresChar = 's';
    public const char ImproveChar = 'i';
}
