using DgBot.Core.Conversation;
using DgBot.Core.Data.Entities;

namespace DgBot.Core.Reports.Documents;

/// <summary>A report built for delivery: the document, its file name, and the score card a chat can show beside it.</summary>
/// <param name="Subject">"ของหน่วยงาน…" / "ของจังหวัด…", for captions.</param>
public sealed record BuiltReport(ReportDocument Document, string FileName, string Subject, ScoreReport? Report)
{
    /// <summary>The PDF's bytes (rendered on each call: callers render once, after the turn committed).</summary>
    public byte[] RenderPdf()
    {
        using var stream = new MemoryStream();
        using (var writer = new PdfReportWriter())
        {
            writer.Write(Document, stream);
        }

        return stream.ToArray();
    }
}

/// <summary>Builds an agency's or a province's report document for chat and for report links, from the database as it is now.</summary>
public sealed class ReportBuilderService(AgencyReportService agencies, ResultsService results, SurveyCatalog catalog)
{
    public async Task<BuiltReport> AgencyAsync(Agency agency, SurveyRound round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agency);
        var model = await agencies.BuildAsync(agency, round, cancellationToken).ConfigureAwait(false);
        return new BuiltReport(AgencyDocument.Build(catalog.Framework, model), $"report-{Safe(agency.Code)}-{Safe(round.Name)}.pdf", agency.NameTh, model.Results?.Report);
    }

    public async Task<BuiltReport> ProvinceAsync(string province, SurveyRound round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var found = await results.ProvinceReportAsync(province, round, cancellationToken).ConfigureAwait(false);
        var year = ProvinceDocument.BuddhistYear(round.Name, round.DeadlineUtc);
        var document = ProvinceDocument.Build(catalog.Framework, new ProvinceReportInput(province, year, round.Name, found.Surveyed, found.Submitted, found.Report, found.MinimumGroupSize));
        return new BuiltReport(document, $"report-province-{Safe(round.Name)}.pdf", "จังหวัด" + province, found.Report);
    }

    /// <summary>ASCII letters, digits and '-' only: a file name every chat client and browser keeps as it is.</summary>
    private static string Safe(string text) =>
        new(text.Select(c => char.IsAsciiLetterOrDigit(c) || c == '-' ? c : '_').ToArray());
}
