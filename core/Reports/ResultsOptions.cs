using System.ComponentModel.DataAnnotations;

namespace DgBot.Core.Reports;

/// <summary>
/// The <c>Results</c> section: how many agencies a figure computed over other agencies (a province average, an
/// agency's comparison with the others of its province) must cover before it is shown.
/// </summary>
public sealed class ResultsOptions
{
    public const string Section = "Results";

    /// <summary>
    /// The fewest submitted agencies a figure over other agencies may be computed from (default 5). An agency's
    /// comparison needs that many <em>other</em> agencies, so its own score never makes up the difference.
    /// </summary>
    [Range(2, 1000, ErrorMessage = "Results:MinimumGroupSize must be a whole number between 2 and 1000 (กลุ่มที่นำมาเฉลี่ยต้องมีอย่างน้อย 2 หน่วยงาน).")]
    public int MinimumGroupSize { get; set; } = 5;
}
