using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Questionnaires;
using DgBot.Core.Reports;
using DgBot.Core.Scoring;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Rounds;

/// <summary>One agency in a round: staff who joined (and can be reached), progress, submission and last activity.</summary>
public sealed record AgencyStatus(
    int AgencyId,
    string Code,
    string Name,
    string Province,
    int StaffJoined,
    int StaffReachable,
    int Answered,
    int Total,
    DateTime? SubmittedUtc,
    DateTime? LastActivityUtc)
{
    public bool Submitted => SubmittedUtc is not null;
}

/// <summary>Progress of every agency in a round, as the status command and the reminders see it.</summary>
public sealed class RoundStatusService(DgBotDbContext db, SurveyCatalog catalog)
{
    /// <summary>Answered and applicable questions, counted as the conversation counts them (<see cref="SurveyNavigation.Progress"/>).</summary>
    public static (int Answered, int Total) Progress(Questionnaire questionnaire, IEnumerable<Answer> answers)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        var stored = answers.ToList();
        var sheet = new AnswerSheet(stored.Select(a => a.QuestionId).ToHashSet(StringComparer.OrdinalIgnoreCase), ResultsService.Values(stored));
        return SurveyNavigation.Progress(questionnaire, sheet);
    }

    /// <summary>Every agency (of <paramref name="province"/> when given), ordered by province and code.</summary>
    public async Task<IReadOnlyList<AgencyStatus>> AgenciesAsync(SurveyRound round, string? province, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var questionnaire = catalog.Get(round.QuestionnaireVersion);
        var agencies = db.Agencies.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(province))
        {
            agencies = agencies.Where(a => a.Province == province);
        }

        var list = await agencies.OrderBy(a => a.Province).ThenBy(a => a.Code).ToListAsync(cancellationToken).ConfigureAwait(false);
        var ids = list.Select(a => a.Id).ToList();
        var responses = await db.Responses.AsNoTracking()
            .Include(r => r.Answers)
            .Where(r => r.RoundId == round.Id && ids.Contains(r.AgencyId))
            .AsSplitQuery()
            .ToDictionaryAsync(r => r.AgencyId, cancellationToken)
            .ConfigureAwait(false);
        var staff = await db.ChatUsers.AsNoTracking()
            .Where(u => u.Role == UserRole.Staff && u.JoinedUtc != null && u.AgencyId != null && ids.Contains(u.AgencyId.Value))
            .GroupBy(u => u.AgencyId!.Value)
            .Select(g => new { AgencyId = g.Key, Joined = g.Count(), Reachable = g.Count(u => !u.Unreachable) })
            .ToDictionaryAsync(g => g.AgencyId, cancellationToken)
            .ConfigureAwait(false);

        return [.. list.Select(a =>
        {
            var response = responses.GetValueOrDefault(a.Id);
            var (answered, total) = Progress(questionnaire, response?.Answers ?? []);
            var people = staff.GetValueOrDefault(a.Id);
            return new AgencyStatus(a.Id, a.Code, a.NameTh, a.Province, people?.Joined ?? 0, people?.Reachable ?? 0, answered, total, response?.SubmittedUtc, response?.LastActivityUtc);
        })];
    }
}
