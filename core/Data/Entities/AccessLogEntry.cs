namespace DgBot.Core.Data.Entities;

/// <summary>Whose results a view showed: one agency's, or a province's picture.</summary>
public enum ResultsScope
{
    Agency,
    Province,
}

/// <summary>What a view showed.</summary>
public enum ResultsViewKind
{
    /// <summary>The dimension and sub-dimension scores.</summary>
    Scores,

    /// <summary>The improve-first list with its guidance summaries.</summary>
    ImproveFirst,

    /// <summary>The full guidance of one improve-first item.</summary>
    ImproveDetail,

    /// <summary>The scores and improve-first list shown on submitting.</summary>
    Submitted,

    /// <summary>Each agency's progress and submission (<c>dgbot status</c>).</summary>
    Status,

    /// <summary>A province's results report (<c>dgbot report province</c>), on screen or written to a file.</summary>
    ProvinceReport,

    /// <summary>A round's answers, scores or progress written to a CSV or Excel file (<c>dgbot export</c>).</summary>
    Export,

    /// <summary>An agency's own report (scores, improve-first with guidance, comparison, its answers): <c>dgbot report agency</c>, or a document in chat.</summary>
    AgencyReport,

    /// <summary>The national report (<c>dgbot report national</c>): every province's and type of office's picture.</summary>
    NationalReport,

    /// <summary>An agency's answers entered from a file by an operator (<c>dgbot answers import</c>).</summary>
    AnswersImport,
}

/// <summary>In what capacity someone viewed results.</summary>
public enum AccessRole
{
    Staff,
    Officer,
    Admin,

    /// <summary>Someone with a shell on the server, through the command line.</summary>
    Operator,
}

/// <summary>
/// One view of an agency's or a province's results: who (the internal id of the person, never their chat id or name;
/// or the operator's account on the command line), in what role, what was shown, on which channel, and when (UTC).
/// Rows are only ever added: nothing in the code updates or deletes them, and the database refuses to (see the
/// AccessLog migration). The person's row may be erased later; the log row stays and then names nobody.
/// </summary>
public sealed class AccessLogEntry
{
    private AccessLogEntry()
    {
        Channel = string.Empty;
    }

    public AccessLogEntry(
        DateTime viewedUtc,
        int? viewerUserId,
        string? operatorName,
        AccessRole role,
        string channel,
        ResultsScope scope,
        ResultsViewKind kind,
        Agency? agency,
        string? province,
        string? roundName)
    {
        ViewedUtc = viewedUtc;
        ViewerUserId = viewerUserId;
        OperatorName = operatorName;
        Role = role;
        Channel = channel;
        Scope = scope;
        Kind = kind;
        AgencyId = agency?.Id;
        AgencyCode = agency?.Code;
        Province = province ?? agency?.Province;
        RoundName = roundName;
    }

    public long Id { get; private set; }

    public DateTime ViewedUtc { get; private set; }

    /// <summary>The <see cref="ChatUser.Id"/> of the person who looked (no foreign key: the log outlives an erased person).</summary>
    public int? ViewerUserId { get; private set; }

    /// <summary>The operating-system account that ran the command, for a view on the command line.</summary>
    public string? OperatorName { get; private set; }

    public AccessRole Role { get; private set; }

    /// <summary><c>telegram</c>, <c>line</c>, <c>console</c> or <c>cli</c>.</summary>
    public string Channel { get; private set; }

    public ResultsScope Scope { get; private set; }

    public ResultsViewKind Kind { get; private set; }

    /// <summary>The agency whose results were shown (agency scope).</summary>
    public int? AgencyId { get; private set; }

    /// <summary>Its code when shown, so the row reads the same if the agency is renamed.</summary>
    public string? AgencyCode { get; private set; }

    /// <summary>The province of the view; null for a view over every province (<c>dgbot status</c> without <c>--province</c>).</summary>
    public string? Province { get; private set; }

    public string? RoundName { get; private set; }
}
