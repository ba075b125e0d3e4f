using System.CommandLine;
using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;
using DgBot.Core.Reports;
using DgBot.Core.Scoring;

namespace DgBot.Bot.Cli;

/// <summary>
/// <c>dgbot score</c> (score an answers file) and <c>dgbot report</c> (report a published score table).
/// Exit codes: 0 done, 1 bad input (the message names the file and the line or field), 2 usage.
/// </summary>
public static class ScoreCommands
{
    private static readonly string[] Formats = ["text", "json", "letter"];

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
        command.SetAction(parse => Run(parse, "score", format, () =>
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
        var format = FormatOption();
        var command = new Command("report", "สรุปผลจากตารางคะแนนที่เผยแพร่ (report from a published score table)")
        {
            scores,
            format,
        };
        command.SetAction(parse => Run(parse, "report", format, () =>
        {
            var path = parse.GetValue(scores);
            if (string.IsNullOrWhiteSpace(path))
            {
                throw new UsageException("--scores FILE.csv is required");
            }

            var f = framework();
            var table = ScoresCsv.Read(path, f);
            return ReportBuilder.FromPublished(f, table.Dimensions, table.SubDimensions);
        }));
        return command;
    }

    private static Option<string> FormatOption() => new("--format")
    {
        Description = "text | json | letter",
        DefaultValueFactory = _ => "text",
    };

    private static int Run(ParseResult parse, string name, Option<string> formatOption, Func<ScoreReport> build)
    {
        var output = parse.InvocationConfiguration.Output;
        var error = parse.InvocationConfiguration.Error;
        var format = parse.GetValue(formatOption) ?? "text";
        try
        {
            if (!Formats.Contains(format, StringComparer.OrdinalIgnoreCase))
            {
                throw new UsageException($"--format must be one of {string.Join(", ", Formats)}, not \"{format}\"");
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
}
