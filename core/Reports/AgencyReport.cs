using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DgBot.Core.Content;
using DgBot.Core.Conversation;
using DgBot.Core.Conversation.Prompts;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Reports.Documents;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Reports;

/// <summary>One stored answer as the agency's report shows it.</summary>
/// <param name="Number">The question's number in the questionnaire (what "แก้ข้อ N" uses).</param>
/// <param name="Answer">The answer as the bot shows it (option labels, the number with its unit, ไม่ทราบ…).</param>
/// <param name="AnsweredBy">The person's display name, or the deleted-respondent text once they erased their data.</param>
public sealed record AgencyAnswerLine(int Number, string QuestionId, string SubDimension, string Question, string Answer, string AnsweredBy, DateTime AnsweredUtc);

/// <summary>
/// What an agency's own report is made of: who and which round, its results (with the comparison with the others of
/// its province when the group-size rule allows), and its answers. Only its own staff and administrators may see it
/// (<see cref="Access.ResultsAccess.CanSeeAgency(Access.Viewer, Agency)"/>); the command line is the operator's.
/// </summary>
/// <param name="Results">Null before the agency has any answer in the round.</param>
public sealed record AgencyReport(
    string AgencyCode,
    string AgencyName,
    string Province,
    string RoundName,
    int BuddhistYear,
    bool Submitted,
    AgencyResults? Results,
    IReadOnlyList<AgencyAnswerLine> Answers);

/// <summary>Gathers an <see cref="AgencyReport"/> from the database, read afresh on every call.</summary>
public sealed class AgencyReportService(DgBotDbContext db, SurveyCatalog catalog, ResultsService results)
{
    public async Task<AgencyReport> BuildAsync(Agency agency, SurveyRound round, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentNullException.ThrowIfNull(round);
        var scored = await results.AgencyReportAsync(agency, round, cancellationToken).ConfigureAwait(false);
        var response = await db.Responses.AsNoTracking()
            .Include(r => r.Answers).ThenInclude(a => a.AnsweredBy)
            .AsSplitQuery()
            .FirstOrDefaultAsync(r => r.RoundId == round.Id && r.AgencyId == agency.Id, cancellationToken)
            .ConfigureAwait(false);
        var lines = new List<AgencyAnswerLine>();
        if (response is not null)
        {
            var questionnaire = catalog.Get(round.QuestionnaireVersion);
            var values = ResultsService.Values(response.Answers);
            foreach (var answer in response.Answers)
            {
                var index = questionnaire.IndexOf(answer.QuestionId);
                if (index < 0 || questionnaire.Find(answer.QuestionId) is not { } question || !values.TryGetValue(answer.QuestionId, out var value))
                {
                    continue;
                }

                lines.Add(new AgencyAnswerLine(index + 1, question.Id, question.SubDimension, question.Text, QuestionPrompts.Describe(question, value), Who(answer), answer.AnsweredUtc));
            }

            lines.Sort((a, b) => a.Number.CompareTo(b.Number));
        }

        return new AgencyReport(
            agency.Code,
            agency.NameTh,
            agency.Province,
            round.Name,
            ProvinceDocument.BuddhistYear(round.Name, round.DeadlineUtc),
            response?.SubmittedUtc is not null,
            scored,
            lines);
    }

    /// <summary>The person's name; "บันทึกจากแบบฟอร์มโดย <operator>" for an answer entered from a file; "ผู้ตอบที่ลบข้อมูลแล้ว" once the person was erased (the answer keeps no author).</summary>
    public static string Who(Answer answer)
    {
        ArgumentNullException.ThrowIfNull(answer);
        return Respondents.Describe(answer, answer.AnsweredBy?.DisplayName);
    }
}

/// <summary>
/// The JSON form of an <see cref="AgencyReport"/>: <c>agency</c> {code, name, province}, <c>round</c>, <c>year</c>,
/// <c>submitted</c>, <c>othersSubmitted</c>, <c>minimumGroupSize</c>, <c>compared</c>, <c>report</c> (the shape of
/// <see cref="ReportJson"/>, its improve-first items carrying <c>peerScore</c> only when compared; null before any
/// answer) and <c>answers</c> [{number, questionId, subDimension, question, answer, answeredBy, answeredUtc, answeredAt}].
/// </summary>
public static class AgencyReportJson
{
    public static string Serialize(AgencyReport model)
    {
        ArgumentNullException.ThrowIfNull(model);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteStartObject("agency");
            json.WriteString("code", model.AgencyCode);
            json.WriteString("name", model.AgencyName);
            json.WriteString("province", model.Province);
            json.WriteEndObject();
            json.WriteString("round", model.RoundName);
            json.WriteNumber("year", model.BuddhistYear);
            json.WriteBoolean("submitted", model.Submitted);
            if (model.Results is { } results)
            {
                json.WriteNumber("othersSubmitted", results.OthersSubmitted);
                json.WriteNumber("minimumGroupSize", results.MinimumGroupSize);
                json.WriteBoolean("compared", results.Compared);
                json.WritePropertyName("report");
                using var parsed = JsonDocument.Parse(ReportJson.Serialize(results.Report, indented: false));
                parsed.RootElement.WriteTo(json);
            }
            else
            {
                json.WriteNull("othersSubmitted");
                json.WriteNull("minimumGroupSize");
                json.WriteBoolean("compared", false);
                json.WriteNull("report");
            }

            json.WriteStartArray("answers");
            foreach (var a in model.Answers)
            {
                json.WriteStartObject();
                json.WriteNumber("number", a.Number);
                json.WriteString("questionId", a.QuestionId);
                json.WriteString("subDimension", a.SubDimension);
                json.WriteString("question", a.Question);
                json.WriteString("answer", a.Answer);
                json.WriteString("answeredBy", a.AnsweredBy);
                json.WriteString("answeredUtc", DateTime.SpecifyKind(a.AnsweredUtc, DateTimeKind.Utc));
                json.WriteString("answeredAt", ThaiDates.DateAndTime(a.AnsweredUtc));
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }
}
