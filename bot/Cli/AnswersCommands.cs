using System.CommandLine;
using DgBot.Core.Access;
using DgBot.Core.Answers;
using DgBot.Core.Content;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports;
using DgBot.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Cli;

/// <summary>
/// <c>dgbot answers import --agency CODE [--round R] [--force] FILE.json</c>: enters an agency's answers (collected
/// on paper) from a file in the <c>dgbot score --answers</c> format (<see cref="AnswersFile"/>), checked against the
/// round's questionnaire with every error named; nothing is written unless the whole file is valid (one transaction).
/// Each change is an <see cref="AnswerAudit"/> row with no person (an operator, not a chat user), and the import is
/// an access-log row under the operator's account. A closed round, or one past its deadline, is refused unless
/// <c>--force</c>. A response left with no open question is submitted.
/// <c>dgbot answers export --agency CODE [--round R] [--out FILE] [--force]</c> writes the stored answers back in the
/// same format. Exit codes: 0 done, 1 refused (unknown agency or round, bad file, deadline), 2 usage.
/// </summary>
public static class AnswersCommands
{
    public static Command Create()
    {
        var command = new Command("answers", "นำเข้าหรือส่งออกคำตอบของหน่วยงานเป็นไฟล์ (import or export an agency's answers as a file)");
        command.Subcommands.Add(CreateImport());
        command.Subcommands.Add(CreateExport());
        return command;
    }

    private static Option<string?> AgencyOption() => new("--agency") { Description = "รหัสหน่วยงาน (the agency's code, e.g. LPG-01)" };

    private static Option<string?> RoundOption() => new("--round") { Description = "The round's name (default: the open round, else the newest)" };

    private static Command CreateImport()
    {
        var agency = AgencyOption();
        var round = RoundOption();
        var force = new Option<bool>("--force") { Description = "Import even though the round is closed or past its deadline" };
        var file = new Argument<string>("FILE.json") { Description = "ไฟล์คำตอบ JSON {\"<question id>\": value} (the score --answers format)" };
        var command = new Command("import", "นำเข้าคำตอบของหน่วยงานจากไฟล์ (enter an agency's answers from a file, e.g. a paper response)")
        {
            agency, round, force, file,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var code = parse.GetValue(agency)?.Trim();
            var path = parse.GetValue(file);
            if (string.IsNullOrEmpty(code) || string.IsNullOrWhiteSpace(path))
            {
                await stderr.WriteLineAsync("dgbot answers import: --agency CODE and FILE.json are required").ConfigureAwait(false);
                return 2;
            }

            using var host = await StartAsync(cancellationToken).ConfigureAwait(false);
            var scope = host.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                var catalog = scope.ServiceProvider.GetRequiredService<SurveyCatalog>();
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                if (await FindAsync(db, code, parse.GetValue(round), stderr, cancellationToken).ConfigureAwait(false) is not ({ } found, { } target))
                {
                    return 1;
                }

                if (!target.IsOpenAt(now) && !parse.GetValue(force))
                {
                    await stderr.WriteLineAsync(target.ClosedUtc is not null
                        ? AdminTexts.ImportRoundClosed(target.Name)
                        : AdminTexts.ImportPastDeadline(target.Name, ThaiDates.DateAndTime(target.DeadlineUtc))).ConfigureAwait(false);
                    return 1;
                }

                var questionnaire = catalog.Get(target.QuestionnaireVersion);
                Dictionary<string, AnswerValue> values;
                try
                {
                    values = AnswersFile.Read(path, questionnaire);
                }
                catch (CliInputException ex)
                {
                    await stderr.WriteLineAsync(ex.Message).ConfigureAwait(false);
                    await stderr.WriteLineAsync(AdminTexts.NoAnswersImported).ConfigureAwait(false);
                    return 1;
                }

                var outcome = await StoreAsync(db, catalog, found, target, values, now, cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync(AdminTexts.AnswersImported(
                    Path.GetFileName(path), found.Code, found.NameTh, target.Name, outcome.Added, outcome.Changed, outcome.Unchanged, outcome.Kept)).ConfigureAwait(false);
                await stdout.WriteLineAsync(outcome.Open > 0
                    ? AdminTexts.ImportOpenQuestions(outcome.Open)
                    : outcome.SubmittedNow ? AdminTexts.ImportSubmitted : AdminTexts.ImportAlreadySubmitted).ConfigureAwait(false);
                if (outcome.Overall is { } overall)
                {
                    await stdout.WriteLineAsync(AdminTexts.ImportOverall(ReportText.Num(overall))).ConfigureAwait(false);
                }

                return 0;
            }
        });
        return command;
    }

    private static Command CreateExport()
    {
        var agency = AgencyOption();
        var round = RoundOption();
        var output = new Option<string?>("--out") { Description = "The file to write (default: the terminal)", HelpName = "FILE" };
        var force = new Option<bool>("--force") { Description = "Replace --out if it exists" };
        var command = new Command("export", "ส่งออกคำตอบของหน่วยงานเป็นไฟล์ JSON (write an agency's answers in the score --answers format)")
        {
            agency, round, output, force,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var stdout = parse.InvocationConfiguration.Output;
            var stderr = parse.InvocationConfiguration.Error;
            var code = parse.GetValue(agency)?.Trim();
            var outPath = parse.GetValue(output);
            if (string.IsNullOrEmpty(code))
            {
                await stderr.WriteLineAsync("dgbot answers export: --agency CODE is required").ConfigureAwait(false);
                return 2;
            }

            if (!string.IsNullOrWhiteSpace(outPath) && OutputFile.Refusal(outPath, parse.GetValue(force)) is { } refusal)
            {
                await stderr.WriteLineAsync("dgbot answers export: " + refusal).ConfigureAwait(false);
                return 1;
            }

            using var host = await StartAsync(cancellationToken).ConfigureAwait(false);
            var scope = host.Services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                var catalog = scope.ServiceProvider.GetRequiredService<SurveyCatalog>();
                if (await FindAsync(db, code, parse.GetValue(round), stderr, cancellationToken).ConfigureAwait(false) is not ({ } found, { } target))
                {
                    return 1;
                }

                var stored = await db.Answers.AsNoTracking()
                    .Where(a => db.Responses.Any(r => r.Id == a.ResponseId && r.AgencyId == found.Id && r.RoundId == target.Id))
                    .ToListAsync(cancellationToken)
                    .ConfigureAwait(false);
                var values = ResultsService.Values(stored);
                if (values.Count == 0)
                {
                    await stderr.WriteLineAsync(AdminTexts.NoAnswersToExport(found.Code, target.Name)).ConfigureAwait(false);
                    return 1;
                }

                var json = AnswersFile.Write(values, catalog.Get(target.QuestionnaireVersion));

                // An agency's answers were shown or written to a file: logged like an export.
                var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                new AccessLog(db).Operator(now, ResultsViewKind.Export, found, found.Province, target.Name);
                if (string.IsNullOrWhiteSpace(outPath))
                {
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    await stdout.WriteLineAsync(json).ConfigureAwait(false);
                    return 0;
                }

                try
                {
                    OutputFile.Write(outPath, stream =>
                    {
                        stream.Write(new System.Text.UTF8Encoding(false).GetBytes(json + Environment.NewLine));
                        return true;
                    });
                }
                catch (CliInputException ex)
                {
                    await stderr.WriteLineAsync("dgbot answers export: " + ex.Message).ConfigureAwait(false);
                    return 1;
                }

                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                await stdout.WriteLineAsync(AdminTexts.AnswersExported(outPath, values.Count, found.Code, target.Name)).ConfigureAwait(false);
                return 0;
            }
        });
        return command;
    }

    private static Task<IHost> StartAsync(CancellationToken cancellationToken) =>
        CliHost.StartAsync(b => b.Services.AddSingleton(_ => SurveyCatalog.BuiltIn()), cancellationToken);

    /// <summary>The agency and the round (named, else the open one, else the newest); null after saying which is missing.</summary>
    private static async Task<(Agency Agency, SurveyRound Round)?> FindAsync(DgBotDbContext db, string code, string? roundName, TextWriter stderr, CancellationToken cancellationToken)
    {
        var found = await InviteCommands.FindAgencyAsync(db, code, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            await stderr.WriteLineAsync(AdminTexts.NoSuchAgency(code)).ConfigureAwait(false);
            return null;
        }

        if (await RoundCommands.FindRoundAsync(db, roundName, cancellationToken).ConfigureAwait(false) is not { } target)
        {
            await stderr.WriteLineAsync(AdminTexts.NoSuchRound).ConfigureAwait(false);
            return null;
        }

        return (found, target);
    }

    private sealed record ImportOutcome(int Added, int Changed, int Unchanged, int Kept, int Open, bool SubmittedNow, double? Overall);

    /// <summary>
    /// Stores the file's answers over the agency's response (created if need be) in one transaction, each change
    /// audited with no person; answers the file does not mention are kept. Submits the response when nothing is open.
    /// </summary>
    private static async Task<ImportOutcome> StoreAsync(
        DgBotDbContext db, SurveyCatalog catalog, Agency agency, SurveyRound round, Dictionary<string, AnswerValue> values, DateTime now, CancellationToken cancellationToken)
    {
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (transaction.ConfigureAwait(false))
        {
            var response = await db.Responses.FirstOrDefaultAsync(r => r.AgencyId == agency.Id && r.RoundId == round.Id, cancellationToken).ConfigureAwait(false);
            if (response is null)
            {
                response = new Response(agency.Id, round.Id, now);
                db.Responses.Add(response);
                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }

            var existing = await db.Answers.Where(a => a.ResponseId == response.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
            var byQuestion = existing.ToDictionary(a => a.QuestionId, StringComparer.OrdinalIgnoreCase);
            int added = 0, changed = 0, unchanged = 0;
            foreach (var (questionId, value) in values)
            {
                var stored = value.Serialize();
                if (!byQuestion.TryGetValue(questionId, out var answer))
                {
                    var entered = Answer.EnteredFromFile(response.Id, questionId, stored, AccessLog.OperatorName(), now);
                    db.Answers.Add(entered);
                    byQuestion[questionId] = entered;
                    db.AnswerAudits.Add(new AnswerAudit(response.Id, questionId, null, stored, changedByUserId: null, now));
                    added++;
                }
                else if (answer.Value != stored)
                {
                    db.AnswerAudits.Add(new AnswerAudit(response.Id, questionId, answer.Value, stored, changedByUserId: null, now));
                    answer.ChangeFromFile(stored, AccessLog.OperatorName(), now);
                    changed++;
                }
                else
                {
                    unchanged++;
                }
            }

            response.Touch(now);
            var result = Scorer.Score(catalog.Framework, catalog.Get(round.QuestionnaireVersion), ResultsService.Values(byQuestion.Values));
            var submitNow = !result.Provisional && response.SubmittedUtc is null;
            if (submitNow)
            {
                response.Submit(userId: null, now);
            }

            new AccessLog(db).Operator(now, ResultsViewKind.AnswersImport, agency, agency.Province, round.Name);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            var report = ReportBuilder.Build(catalog.Framework, result, submitted: response.SubmittedUtc is not null);
            return new ImportOutcome(added, changed, unchanged, existing.Count - changed - unchanged, result.OpenQuestions, submitNow, report.Overall);
        }
    }
}
