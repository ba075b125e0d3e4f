namespace DgBot.Core.Reports.Exports;

/// <summary>What <c>dgbot export</c> can write.</summary>
public enum ExportKind
{
    /// <summary>One row per agency and answered question.</summary>
    Answers,

    /// <summary>One row per agency: every dimension and sub-dimension score, and the overall one.</summary>
    Scores,

    /// <summary>One row per agency: progress and submission, as <c>dgbot status</c> shows it.</summary>
    Status,
}

/// <summary>
/// A table to export: a header row and rows of cells. A cell is a <see cref="string"/>, a <see cref="double"/> (written
/// as a number: a numeric cell in a spreadsheet, invariant digits in CSV) or null (empty).
/// </summary>
public sealed record ExportTable(string SheetName, IReadOnlyList<string> Headers, IReadOnlyList<IReadOnlyList<object?>> Rows);
