using System.CommandLine;
using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;
using DgBot.Core.Reports;
using DgBot.Core.Reports.Documents;
using DgBot.Core.Scoring;

namespace DgBot.Bot.Cli;

/// <summary>
/// <c>dgbot score</c> (score an answers file) and <c>dgbot report</c> (report a published score table).
/// Exit codes: 0 done, 1 bad input (the message names the file and the line or field), 2 usage.
/// </summary>
public static class ScoreCommands
{
    private static readonly string[] Formats = ["text", "json", "letter"];
    private static readonly string[] ReportFormats = [.. Formats, "pdf", "docx"];

    public static Command CreateScore() => CreateScore(BuiltInSurvey.Framework, BuiltInSurvey.Questionnaire);

    public static Command CreateReport() => CreateReport(BuiltInSurvey.Framework);

    internal static Command CreateScore(Func<ReadinessFramework> framework, Func<Questionnaire> questionnaire)
    {
        var answers = new Option<string>("--answers")
        {
            Description = "ไฟล์คำตอบ JSON {\"<question id>\": value} (answers file)",
            HelpName = "FILE.json",
        };
        var format = FormatOption();
        var command = new Command("score", "คำนวณคะแนนจากไฟล์คำตอบ (score an answers file with the built-in questionnaire)")
        {
            answers,
            format,
        };
        command.SetAction(parse => Run(parse, "score", format, Formats, () =>
        {
            var path = parse.GetValue(answers);
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new UsageException("--answers FILE.json is required");
            }

            var f = framework();
            var q = questionnaire();
            var values = AnswersFile.Read(path, q);
            // An answers file stands for a finished response: DgBot's stage estimate is shown, but only when nothing is open.
            return ReportBuilder.Build(f, Scorer.Score(f, q, values), submitted: true);
        }));
        return command;
    }

    internal static Command CreateReport(Func<ReadinessFramework> framework)
    {
        var scores = new Option<string>("--scores")
        {
            Description = "ไฟล์คะแนน CSV name,score (published scores; '-' = not scored)",
            HelpName = "FILE.csv",
        };
        var format = FormatOption("text | json | letter | pdf | docx (pdf and docx need --out)");
        var document = new DocumentOptions(framework);
        var command = new Command("report", "สรุปผลจากตารางคะแนนที่เผยแพร่ (report from a published score table)")
        {
            scores,
            format,
            document.Province,
            document.Year,
            document.Out,
            document.Force,
        };
        command.Subcommands.Add(ProvinceReportCommand.Create());
        command.Subcommands.Add(AgencyReportCommand.Create());
        command.Subcommands.Add(NationalReportCommand.Create());
        command.SetAction(parse => Run(parse, "report", format, ReportFormats, () =>
        {
            var path = parse.GetValue(scores);
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new UsageException("--scores FILE.csv is required");
            }

            var f = framework();
            var table = ScoresCsv.Read(path, f);
            return ReportBuilder.FromPublished(f, table.Dimensions, table.SubDimensions);
        }, document));
        return command;
    }

    private static Option<string> FormatOption(string description = "text | json | letter") => new("--format")
    {
        Description = description,
        DefaultValueFactory = _ => "text",
    };

    private static int Run(ParseResult parse, string name, Option<string> formatOption, string[] formats, Func<ScoreReport> build, DocumentOptions? document = null)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var format = parse.GetValue(formatOption) ?? "text";
        try
        {
            if (!formats.Contains(format, StringComparer.OrdinalIgnoreCase))
            {
                throw new UsageException($"--format must be one of {string.Join(", ", formats)}, not \"{format}\"");
            }

            if (document is not null && ReportDocumentOutput.IsDocument(format))
            {
                return document.Write(parse, name, format, build(), output, error);
            }

            var report = build();
            output.WriteLine(format.ToUpperInvariant() switch
            {
                "JSON" => ReportJson.Serialize(report),
                "LETTER" => ReportText.Letter(report),
                _ => ReportText.ScoreCard(report) + Environment.NewLine + Environment.NewLine + ReportText.ImproveList(report),
            });
            return 0;
        }
        catch (UsageException ex)
        {
            error.WriteLine($"dgbot {name}: {ex.Message}");
            return 2;
        }
        catch (CliInputException ex)
        {
            error.WriteLine($"dgbot {name}: {ex.Message}");
            return 1;
        }
    }

    private sealed class UsageException(string message) : Exception(message);

    /// <summary>The options of <c>report --format pdf|docx</c>: the heading's province and year, and the file to write.</summary>
    private sealed class DocumentOptions(Func<ReadinessFramework> framework)
    {
        public Option<string?> Province { get; } = new("--province") { Description = "จังหวัดในหัวเรื่อง (the province named in the heading, pdf/docx)" };

        public Option<int?> Year { get; } = new("--year") { Description = "ปีที่สำรวจ พ.ศ. (the survey year, Buddhist era, pdf/docx; e.g. 2560)" };

        public Option<string?> Out { get; } = new("--out") { Description = "The file to write (needed for pdf and docx)", HelpName = "FILE" };

        public Option<bool> Force { get; } = new("--force") { Description = "Replace --out if it exists" };

        public int Write(ParseResult parse, string name, string format, ScoreReport report, TextWriter output, TextWriter error)
        {
            var path = parse.GetValue(Out);
            if (ReportDocumentOutput.Refusal(format, path, parse.GetValue(Force)) is { } refusal)
            {
                error.WriteLine($"dgbot {name}: {refusal}");
                return string.IsNullOrWhiteSpace(path) ? 2 : 1;
            }

            // A published table says nothing of how many agencies answered: the document leaves that sentence out.
            var document = ProvinceDocument.Build(framework(), new ProvinceReportInput(parse.GetValue(Province), parse.GetValue(Year), null, null, null, report, 0));
            output.WriteLine(ReportDocumentOutput.Write(document, format, path!));
            return 0;
        }
    }
}
