using System.Diagnostics;
using System.Globalization;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Reports;
using DgBot.Core.Reports.Documents;
using DgBot.Core.Reports.Exports;
using DgBot.Core.Reports.National;
using DgBot.Core.Rounds;
using DgBot.TestDoubles.Seeding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DgBot.Benchmarks;

/// <summary>
/// The national report and the full answers export over a national-sized survey: <see cref="SurveySeed"/> with 76
/// provinces × 25 agencies (1,900), all but one agency per province submitted, each response with every scored
/// question answered (about 90 answers), and the previous round's answers too. Each measurement reads afresh from the
/// SQLite file through a new <see cref="DgBotDbContext"/>, as a CLI run does, and writes its file into memory; the
/// median of --runs runs (after one warm-up run) is printed against the 5 s target.
/// </summary>
internal static class ReportsBenchmark
{
    public const string Usage = "usage: dotnet run -c Release --project tests/DgBot.Benchmarks -- reports [--provinces 76] [--per-province 25] [--runs 5] [--no-previous-round] [--only TEXT]";

    private const double TargetSeconds = 5;

    /// <summary>A chat turn that shows scores should feel immediate: the read and scoring part of it, at national scale.</summary>
    private const double ChatTargetSeconds = 0.3;

    public static async Task<int> RunAsync(ReadOnlyMemory<string> args, TextWriter output)
    {
        int provinces = 76, perProvince = 25, runs = 5;
        var previous = true;
        string? only = null;
        var a = args.Span;
        for (var i = 0; i < a.Length; i++)
        {
            var value = i + 1 < a.Length ? a[i + 1] : null;
            switch (a[i])
            {
                case "--provinces" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0: provinces = n; i++; break;
                case "--per-province" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 1: perProvince = n; i++; break;
                case "--runs" when int.TryParse(value, CultureInfo.InvariantCulture, out var n) && n > 0: runs = n; i++; break;
                case "--no-previous-round": previous = false; break;
                case "--only" when value is not null: only = value; i++; break;
                default:
                    await Console.Error.WriteLineAsync($"bad argument '{a[i]}'\n{Usage}").ConfigureAwait(false);
                    return 2;
            }
        }

#if DEBUG
        await output.WriteLineAsync("WARNING: Debug build; use -c Release, these numbers mean nothing.").ConfigureAwait(false);
#endif
        var seeding = Stopwatch.StartNew();
        await using var seeded = await SeededDatabase.CreateAsync(provinces, perProvince, submittedPerProvince: perProvince - 1, previousRound: previous).ConfigureAwait(false);
        long answers;
        await using (var db = seeded.NewContext())
        {
            answers = await db.Answers.LongCountAsync(x => db.Responses.Any(r => r.Id == x.ResponseId && r.RoundId == seeded.Survey.Current.Id)).ConfigureAwait(false);
        }

        var agencies = provinces * perProvince;
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"seeded {agencies} agencies in {provinces} provinces, {answers} answers in round 2569 ({(double)answers / agencies:0.0} per agency){(previous ? ", plus round 2568" : string.Empty)}, in {seeding.Elapsed.TotalSeconds:0.0} s; file {new FileInfo(seeded.Path).Length / 1048576.0:0.0} MiB")).ConfigureAwait(false);

        var catalog = SurveyCatalog.BuiltIn();
        var round = seeded.Survey.Current;
        // One agency of the first province: its chat score card (progress and peer bands among the same type
        // nationwide included) and its PDF report, at the national scale, against what a person waiting in chat feels.
        var code = SurveySeed.Code(0, 2);
        var cases = new (string Name, Func<Task<long>> Run, double Target)[]
        {
            ("agency scores (chat)", async () =>
            {
                await using var db = seeded.NewContext();
                var agency = await db.Agencies.SingleAsync(a => a.Code == code).ConfigureAwait(false);
                var results = await new ResultsService(db, catalog, Options.Create(new ResultsOptions())).AgencyReportAsync(agency, round, CancellationToken.None).ConfigureAwait(false);
                return ReportText.ScoreCard(results!.Report).Length;
            }, ChatTargetSeconds),
            ("agency report, pdf", async () =>
            {
                await using var db = seeded.NewContext();
                var agency = await db.Agencies.SingleAsync(a => a.Code == code).ConfigureAwait(false);
                var service = new AgencyReportService(db, catalog, new ResultsService(db, catalog, Options.Create(new ResultsOptions())));
                var model = await service.BuildAsync(agency, round, CancellationToken.None).ConfigureAwait(false);
                using var stream = new MemoryStream();
                using var writer = new PdfReportWriter();
                writer.Write(AgencyDocument.Build(catalog.Framework, model), stream);
                return stream.Length;
            }, TargetSeconds),
            ("national report, text", async () => (await NationalAsync(seeded, catalog, round).ConfigureAwait(false)).Text.Length, TargetSeconds),
            ("national report, pdf", async () =>
            {
                var (results, _) = await NationalAsync(seeded, catalog, round).ConfigureAwait(false);
                using var stream = new MemoryStream();
                using var writer = new PdfReportWriter();
                writer.Write(NationalDocument.Build(catalog.Framework, results), stream);
                return stream.Length;
            }, TargetSeconds),
            ("national report, xlsx", async () =>
            {
                var (results, _) = await NationalAsync(seeded, catalog, round).ConfigureAwait(false);
                using var stream = new MemoryStream();
                XlsxTableWriter.Write(NationalExports.Tables(catalog.Framework, results), stream);
                return stream.Length;
            }, TargetSeconds),
            ("answers export, csv", async () =>
            {
                using var stream = new MemoryStream();
                CsvTableWriter.Write(await AnswersAsync(seeded, catalog, round).ConfigureAwait(false), stream);
                return stream.Length;
            }, TargetSeconds),
            ("answers export, xlsx", async () =>
            {
                using var stream = new MemoryStream();
                XlsxTableWriter.Write(await AnswersAsync(seeded, catalog, round).ConfigureAwait(false), stream);
                return stream.Length;
            }, TargetSeconds),
        };

        var failed = false;
        foreach (var (name, run, target) in cases.Where(c => only is null || c.Name.Contains(only, StringComparison.OrdinalIgnoreCase)))
        {
            await run().ConfigureAwait(false);
            var times = new List<double>();
            long size = 0;
            for (var r = 0; r < runs; r++)
            {
                var watch = Stopwatch.StartNew();
                size = await run().ConfigureAwait(false);
                times.Add(watch.Elapsed.TotalSeconds);
            }

            times.Sort();
            var median = times[times.Count / 2];
            failed |= median >= target;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"{name,-24} median {median:0.000} s  min {times[0]:0.000}  max {times[^1]:0.000}  ({runs} runs, {size / 1024.0:0} KiB)  {(median < target ? "PASS" : "MISS")} (< {target:0.0##} s)")).ConfigureAwait(false);
        }

        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / 1048576.0:0} MiB")).ConfigureAwait(false);
        return failed ? 1 : 0;
    }

    private static async Task<(NationalResults Results, string Text)> NationalAsync(SeededDatabase seeded, SurveyCatalog catalog, Core.Data.Entities.SurveyRound round)
    {
        await using var db = seeded.NewContext();
        var results = await new NationalReportService(db, catalog, Options.Create(new ResultsOptions())).BuildAsync(round, CancellationToken.None).ConfigureAwait(false);
        return (results, DocumentText.Render(NationalDocument.Build(catalog.Framework, results)));
    }

    private static async Task<ExportTable> AnswersAsync(SeededDatabase seeded, SurveyCatalog catalog, Core.Data.Entities.SurveyRound round)
    {
        await using var db = seeded.NewContext();
        return await new ExportService(db, catalog, new RoundStatusService(db, catalog)).AnswersAsync(round, province: null, CancellationToken.None).ConfigureAwait(false);
    }
}
