using System.CommandLine;
using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;

namespace DgBot.Bot.Cli;

/// <summary>
/// <c>dgbot questionnaire check [FILE]</c> (validate a questionnaire file, default the built-in one, and
/// summarise it) and <c>dgbot questionnaire show</c> (print the loaded questionnaire).
/// Exit codes: 0 valid, 1 the file is invalid or unreadable (every error is listed) or leaves a guidance action of a scored
/// sub-dimension checked by no question (the coverage is printed), 2 usage.
/// </summary>
public static class QuestionnaireCommands
{
    private static readonly string[] Formats = ["json", "text"];

    public static Command Create() => Create(() => FrameworkLoader.BuiltIn);

    internal static Command Create(Func<ReadinessFramework> framework)
    {
        var command = new Command("questionnaire", "ตรวจสอบและแสดงแบบสอบถาม (check and show the questionnaire)");
        command.Subcommands.Add(CreateCheck(framework));
        command.Subcommands.Add(CreateShow(framework));
        return command;
    }

    private static Argument<string?> FileArgument() => new("FILE")
    {
        Description = "ไฟล์แบบสอบถาม JSON; ไม่ระบุ = แบบสอบถามในตัวโปรแกรม (questionnaire JSON file; default: the built-in one)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    private static Command CreateCheck(Func<ReadinessFramework> framework)
    {
        var file = FileArgument();
        var command = new Command("check", "ตรวจสอบไฟล์แบบสอบถามและสรุปจำนวนข้อและคะแนนเต็ม (validate a questionnaire file and summarise it)")
        {
            file,
        };
        command.SetAction(parse =>
        {
            var path = parse.GetValue(file);
            return WithQuestionnaire(parse, "check", framework, path, (f, q) =>
            {
                var output = parse.InvocationConfiguration.Output;
                var coverage = QuestionnaireCoverage.Of(f, q);
                var missing = coverage.Where(c => !c.Covered).ToArray();
                if (missing.Length > 0)
                {
                    var error = parse.InvocationConfiguration.Error;
                    error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dgbot questionnaire check: {path ?? "the built-in questionnaire"} leaves {missing.Length} guidance action{(missing.Length == 1 ? "" : "s")} of scored sub-dimensions checked by no question (name them in a scored question's \"checks\"):"));
                    foreach (var m in missing)
                    {
                        error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  {m.SubDimension} action {m.Action}: {m.Text}"));
                    }

                    error.Write(Coverage(coverage));
                    return 1;
                }

                output.WriteLine(FormattableString.Invariant($"{path ?? "built-in questionnaire"}: valid"));
                output.Write(Summary(f, q));
                output.Write(Coverage(coverage));
                return 0;
            });
        });
        return command;
    }

    private static Command CreateShow(Func<ReadinessFramework> framework)
    {
        var file = FileArgument();
        var format = new Option<string>("--format")
        {
            Description = "json | text",
            DefaultValueFactory = _ => "json",
        };
        format.AcceptOnlyFromAmong(Formats);
        var command = new Command("show", "แสดงแบบสอบถามที่โหลดแล้ว (print the loaded questionnaire)")
        {
            file,
            format,
        };
        command.SetAction(parse => WithQuestionnaire(parse, "show", framework, parse.GetValue(file), (f, q) =>
        {
            var output = parse.InvocationConfiguration.Output;
            output.WriteLine(string.Equals(parse.GetValue(format), "text", StringComparison.OrdinalIgnoreCase) ? Listing(q) : Json(f, q));
            return 0;
        }));
        return command;
    }

    /// <summary>Loads the framework and the questionnaire (a file, or the built-in one); prints every error and returns 1 when either is broken.</summary>
    private static int WithQuestionnaire(ParseResult parse, string name, Func<ReadinessFramework> framework, string? path, Func<ReadinessFramework, Questionnaire, int> run)
    {
        var error = parse.InvocationConfiguration.Error;
        ReadinessFramework f;
        try
        {
            f = framework();
        }
        catch (FrameworkException ex)
        {
            error.WriteLine($"dgbot questionnaire {name}: the built-in framework is broken: {ex.Message}");
            return 1;
        }

        IReadOnlyList<QuestionnaireError> errors;
        Questionnaire? questionnaire = null;
        if (path is null)
        {
            try
            {
                questionnaire = QuestionnaireLoader.BuiltIn();
                errors = [];
            }
            catch (QuestionnaireException ex)
            {
                errors = ex.Errors.Count > 0 ? ex.Errors : [new QuestionnaireError(null, "file", ex.Message)];
            }
        }
        else
        {
            var result = QuestionnaireLoader.LoadFile(path, f);
            questionnaire = result.Questionnaire;
            errors = result.Errors;
        }

        if (questionnaire is null || errors.Count > 0)
        {
            error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"dgbot questionnaire {name}: {path ?? "the built-in questionnaire"} is invalid ({errors.Count} error{(errors.Count == 1 ? "" : "s")}):"));
            foreach (var e in errors)
            {
                error.WriteLine("  " + e);
            }

            return 1;
        }

        return run(f, questionnaire);
    }

    /// <summary>Questions and maximum points per dimension and sub-dimension, as an aligned table (English names, so columns line up).</summary>
    internal static string Summary(ReadinessFramework framework, Questionnaire questionnaire)
    {
        var rows = new List<(string Code, string Name, string Questions, string Max)>
        {
            ("Code", "Dimension / sub-dimension", "Questions", "Max points"),
        };
        foreach (var dimension in framework.Dimensions)
        {
            var inDimension = questionnaire.Questions.Where(q => dimension.SubDimensions.Any(s => s.Code.Equals(q.SubDimension, StringComparison.OrdinalIgnoreCase))).ToArray();
            rows.Add((dimension.Code, dimension.NameEn + (dimension.Scored ? "" : " (not scored)"), Count(inDimension), Points(inDimension)));
            foreach (var sub in dimension.SubDimensions)
            {
                var inSub = inDimension.Where(q => q.SubDimension.Equals(sub.Code, StringComparison.OrdinalIgnoreCase)).ToArray();
                rows.Add(("  " + sub.Code, "  " + sub.NameEn, Count(inSub), Points(inSub)));
            }
        }

        rows.Add(("", "Total", Count(questionnaire.Questions), Points(questionnaire.Questions)));

        var w0 = rows.Max(r => r.Code.Length);
        var w1 = rows.Max(r => r.Name.Length);
        var w2 = rows.Max(r => r.Questions.Length);
        var w3 = rows.Max(r => r.Max.Length);
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"version {questionnaire.Version}: {questionnaire.Title}");
        text.AppendLine(CultureInfo.InvariantCulture, $"types: {string.Join(", ", Enum.GetValues<QuestionType>().Select(t => $"{TypeName(t)} {questionnaire.Questions.Count(q => q.Type == t)}"))}; " +
            $"conditional {questionnaire.Questions.Count(q => q.Condition is not null)}; \"don't know\" allowed {questionnaire.Questions.Count(q => q.AllowDontKnow)}");
        text.AppendLine();
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            text.AppendLine($"{r.Code.PadRight(w0)}  {r.Name.PadRight(w1)}  {r.Questions.PadLeft(w2)}  {r.Max.PadLeft(w3)}".TrimEnd());
            if (i == 0 || i == rows.Count - 2)
            {
                text.AppendLine(new string('-', w0 + w1 + w2 + w3 + 6));
            }
        }

        text.AppendLine("Max points count every question as asked; a question skipped by its condition leaves both its points and its maximum.");
        return text.ToString();

        static string Count(IReadOnlyCollection<Question> qs) => qs.Count.ToString(CultureInfo.InvariantCulture);
        static string Points(IEnumerable<Question> qs) => qs.Sum(q => q.MaximumPoints).ToString("0.##", CultureInfo.InvariantCulture);
    }

    /// <summary>Each guidance action of the scored sub-dimensions with the questions that check it, one line per sub-dimension.</summary>
    internal static string Coverage(IReadOnlyList<ActionCoverage> coverage)
    {
        var text = new StringBuilder();
        text.AppendLine();
        text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"Guidance coverage: {coverage.Count(c => c.Covered)} of {coverage.Count} actions of the scored sub-dimensions are checked by a question"));
        foreach (var sub in coverage.GroupBy(c => c.SubDimension))
        {
            var cells = sub.Select(c => string.Create(CultureInfo.InvariantCulture, $"{c.Action}: {(c.Covered ? string.Join(" ", c.QuestionIds) : "NONE")}"));
            text.AppendLine(CultureInfo.InvariantCulture, $"{sub.Key,-4} {string.Join(" | ", cells)}");
        }

        return text.ToString();
    }

    /// <summary>One line per question, for reading the file at a glance.</summary>
    internal static string Listing(Questionnaire questionnaire)
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"version {questionnaire.Version}: {questionnaire.Title}");
        foreach (var q in questionnaire.Questions)
        {
            var condition = q.Condition is { } c ? $" if {c.QuestionId} in [{string.Join(",", c.AnyOf)}]" : "";
            text.AppendLine(CultureInfo.InvariantCulture, $"{q.Id,-6} {TypeName(q.Type),-7} max {q.MaximumPoints,-2:0.##}{condition}  {q.Text}");
            if (q.Options.Count > 0)
            {
                text.AppendLine("       " + string.Join(" / ", q.Options.Select(o => string.Create(CultureInfo.InvariantCulture, $"{o.Id}={o.Label} ({o.Points:0.##}{(o.Exclusive ? ", exclusive" : "")}{(o.NotApplicable is null ? "" : ", not applicable")})"))));
            }

            if (q.Bands.Count > 0)
            {
                text.AppendLine("       " + string.Join(" / ", q.Bands.Select(b => string.Create(CultureInfo.InvariantCulture, $"[{b.Min?.ToString(CultureInfo.InvariantCulture) ?? "-inf"}, {b.Max?.ToString(CultureInfo.InvariantCulture) ?? "inf"}) {b.Points:0.##}"))) + (q.Unit is null ? "" : " " + q.Unit));
            }
        }

        return text.ToString().TrimEnd();
    }

    /// <summary>The loaded questionnaire as JSON, with each sub-dimension's English name and the effective maximum points.</summary>
    internal static string Json(ReadinessFramework framework, Questionnaire questionnaire)
    {
        using var buffer = new MemoryStream();
        using (var w = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            w.WriteStartObject();
            w.WriteString("version", questionnaire.Version);
            w.WriteString("title", questionnaire.Title);
            w.WriteNumber("questionCount", questionnaire.Questions.Count);
            w.WriteNumber("maxPoints", questionnaire.Questions.Sum(q => q.MaximumPoints));
            w.WriteStartArray("questions");
            foreach (var q in questionnaire.Questions)
            {
                var sub = framework.FindSubDimension(q.SubDimension);
                w.WriteStartObject();
                w.WriteString("id", q.Id);
                w.WriteStartObject("subDimension");
                w.WriteString("code", sub?.Code ?? q.SubDimension);
                w.WriteString("nameEn", sub?.NameEn);
                w.WriteString("dimension", sub?.DimensionCode);
                w.WriteEndObject();
                w.WriteString("type", TypeName(q.Type));
                w.WriteString("guidancePoint", q.GuidancePoint);
                w.WriteStartArray("checks");
                foreach (var action in q.Checks)
                {
                    w.WriteNumberValue(action);
                }

                w.WriteEndArray();
                w.WriteString("text", q.Text);
                w.WriteString("help", q.Help);
                w.WriteBoolean("scored", q.IsScored);
                w.WriteNumber("maxPoints", q.MaximumPoints);
                w.WriteBoolean("allowDontKnow", q.AllowDontKnow);
                w.WriteString("unit", q.Unit);
                w.WriteStartArray("options");
                foreach (var o in q.Options)
                {
                    w.WriteStartObject();
                    w.WriteString("id", o.Id);
                    w.WriteString("label", o.Label);
                    w.WriteNumber("points", o.Points);
                    w.WriteBoolean("exclusive", o.Exclusive);
                    if (o.NotApplicable is { } reason)
                    {
                        w.WriteString("notApplicable", reason == NotApplicableReason.ParentAgency ? "parent" : "doesNotApply");
                    }

                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("bands");
                foreach (var b in q.Bands)
                {
                    w.WriteStartObject();
                    WriteNullableNumber(w, "min", b.Min);
                    WriteNullableNumber(w, "max", b.Max);
                    w.WriteNumber("points", b.Points);
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                if (q.Condition is { } c)
                {
                    w.WriteStartObject("condition");
                    w.WriteString("question", c.QuestionId);
                    w.WriteStartArray("anyOf");
                    foreach (var id in c.AnyOf)
                    {
                        w.WriteStringValue(id);
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }
                else
                {
                    w.WriteNull("condition");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    private static void WriteNullableNumber(Utf8JsonWriter w, string name, double? value)
    {
        if (value is { } v)
        {
            w.WriteNumber(name, v);
        }
        else
        {
            w.WriteNull(name);
        }
    }

    private static string TypeName(QuestionType type) => type switch
    {
        QuestionType.YesNo => "yesno",
        QuestionType.Single => "single",
        QuestionType.Multi => "multi",
        QuestionType.Number => "number",
        QuestionType.Percent => "percent",
        _ => "text",
    };
}
