namespace DgBot.Core.Reports.Documents;

/// <summary>
/// A results report as a sequence of blocks, independent of the output format: the text, PDF and Word writers all
/// render the same blocks, so the three formats always say the same thing.
/// </summary>
/// <param name="Title">The heading (also the PDF/Word document title).</param>
/// <param name="Blocks">The content after the title, in order.</param>
public sealed record ReportDocument(string Title, IReadOnlyList<DocumentBlock> Blocks);

/// <summary>One block of a <see cref="ReportDocument"/>.</summary>
public abstract record DocumentBlock;

/// <summary>A section heading (Word's Heading 2).</summary>
public sealed record HeadingBlock(string Text) : DocumentBlock;

/// <summary>A paragraph; <see cref="Level"/> 1 is an indented item under a heading, 2 an item under that (the text carries its own "-" or "๑)").</summary>
public sealed record ParagraphBlock(string Text, int Level = 0, bool Bold = false) : DocumentBlock;

/// <summary>A table whose first row is the header (repeated on each page it spans).</summary>
/// <param name="Widths">Relative column widths, one per column.</param>
public sealed record TableBlock(IReadOnlyList<string> Header, IReadOnlyList<TableRow> Rows, IReadOnlyList<float> Widths) : DocumentBlock;

/// <summary>A table row; <see cref="Emphasis"/> rows (dimensions) are bold and shaded, the others (sub-dimensions) indented.</summary>
public sealed record TableRow(IReadOnlyList<string> Cells, bool Emphasis);

/// <summary>A horizontal bar chart of scores 0–100; a bar with no value is drawn as "-" (not scored).</summary>
public sealed record ChartBlock(string Caption, IReadOnlyList<ChartBar> Bars) : DocumentBlock;

/// <summary>One bar of a <see cref="ChartBlock"/>.</summary>
public sealed record ChartBar(string Label, double? Value);

/// <summary>
/// A grouped bar chart of this round against an earlier one: for each label a pair of bars, this round's and the
/// earlier round's (0–100); a missing value is drawn as "-".
/// </summary>
/// <param name="Caption">The chart's caption (also its description in Word).</param>
/// <param name="CurrentLabel">The legend of this round's bars ("รอบ 2569").</param>
/// <param name="PreviousLabel">The legend of the earlier round's bars ("รอบ 2568").</param>
/// <param name="ChangeHeader">The header of the change column of the chart's table in Word.</param>
public sealed record ComparisonChartBlock(string Caption, string CurrentLabel, string PreviousLabel, string ChangeHeader, IReadOnlyList<ComparisonBar> Bars) : DocumentBlock;

/// <summary>One pair of bars of a <see cref="ComparisonChartBlock"/>, with the change (current − previous) when both are known.</summary>
public sealed record ComparisonBar(string Label, double? Current, double? Previous, double? Change);
