using System.Collections.Concurrent;
using DgBot.Core.Data.Entities;

namespace DgBot.Core.Conversation;

/// <summary>
/// Each agency's survey as its last committed turn left it (the round, the agency's response and its answers), so the
/// next turn of that agency need not read them again. Only group-committed turns use it, and they hold the agency's turn
/// from reading to commit, so an entry is never read while another turn changes that response. An entry is put after a
/// successful commit; a failed commit, any turn that runs in a transaction of its own (joining, erasure, a new
/// response…), and age (<see cref="Lifetime"/>) drop entries, so a change made outside the engine (a round closed from
/// the command line, say) is seen within that time.
/// </summary>
public sealed class SurveyCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<int, Entry> _entries = new();

    private long _generation;

    /// <summary>
    /// Changes with every <see cref="Clear"/>. A turn notes it before it reads; what it puts afterwards is dropped when
    /// a clear came in between (it may have read what the clearing turn changed).
    /// </summary>
    public long Generation => Interlocked.Read(ref _generation);

    /// <summary>
    /// Fresh, detached copies of the agency's round, response and answers (with their authors' names) when known and
    /// young enough, and, when <paramref name="roundId"/> is given, of that round.
    /// </summary>
    internal bool TryGet(int agencyId, int? roundId, out CachedSurvey survey)
    {
        if (_entries.TryGetValue(agencyId, out var entry) && (roundId is null || entry.Round.Id == roundId)
            && time.GetElapsedTime(entry.Stored) < Lifetime)
        {
            var answers = new List<(Answer, string?)>(entry.Answers.Length);
            foreach (var a in entry.Answers)
            {
                answers.Add((Answer.Restore(a.Id, a.ResponseId, a.QuestionId, a.Value, a.AnsweredByUserId, a.AnsweredUtc), a.Author));
            }

            var r = entry.Round;
            var p = entry.Response;
            survey = new CachedSurvey(
                SurveyRound.Restore(r.Id, r.Name, r.DeadlineUtc, r.QuestionnaireVersion, r.ReminderDays, r.SendWindow, r.CreatedUtc, r.ClosedUtc),
                Response.Restore(p.Id, p.AgencyId, p.RoundId, p.CreatedUtc, p.LastActivityUtc, p.SubmittedUtc, p.SubmittedByUserId),
                answers);
            return true;
        }

        survey = null!;
        return false;
    }

    /// <summary>Keeps the survey as just committed (every row has its database id) by a turn that read it in <paramref name="generation"/>.</summary>
    internal void Put(int agencyId, SurveyRound round, Response response, IEnumerable<(Answer Answer, string? Author)> answers, long generation)
    {
        var copies = answers
            .Select(a => new StoredAnswer(a.Answer.Id, a.Answer.ResponseId, a.Answer.QuestionId, a.Answer.Value, a.Answer.AnsweredByUserId, a.Answer.AnsweredUtc, a.Author))
            .ToArray();
        if (round.Id == 0 || response.Id == 0 || response.RoundId != round.Id || response.AgencyId != agencyId
            || copies.Any(c => c.Id == 0 || c.ResponseId != response.Id))
        {
            _entries.TryRemove(agencyId, out _);
            return;
        }

        var storedRound = new StoredRound(round.Id, round.Name, round.DeadlineUtc, round.QuestionnaireVersion, round.ReminderDays, round.SendWindow, round.CreatedUtc, round.ClosedUtc);
        var storedResponse = new StoredResponse(response.Id, response.AgencyId, response.RoundId, response.CreatedUtc, response.LastActivityUtc, response.SubmittedUtc, response.SubmittedByUserId);
        _entries[agencyId] = new Entry(storedRound, storedResponse, copies, time.GetTimestamp());
        if (Generation != generation)
        {
            // A clear came after this turn read: what it read may be older than the change that cleared.
            _entries.TryRemove(agencyId, out _);
        }
    }

    public void Forget(int agencyId) => _entries.TryRemove(agencyId, out _);

    public void Clear()
    {
        Interlocked.Increment(ref _generation);
        _entries.Clear();
    }

    private sealed record Entry(StoredRound Round, StoredResponse Response, StoredAnswer[] Answers, long Stored);

    private sealed record StoredRound(int Id, string Name, DateTime DeadlineUtc, string QuestionnaireVersion, string ReminderDays, string SendWindow, DateTime CreatedUtc, DateTime? ClosedUtc);

    private sealed record StoredResponse(int Id, int AgencyId, int RoundId, DateTime CreatedUtc, DateTime LastActivityUtc, DateTime? SubmittedUtc, int? SubmittedByUserId);

    private sealed record StoredAnswer(int Id, int ResponseId, string QuestionId, string Value, int? AnsweredByUserId, DateTime AnsweredUtc, string? Author);
}

/// <summary>Detached copies of an agency's round, response and answers, to attach to a turn's context.</summary>
internal sealed record CachedSurvey(SurveyRound Round, Response Response, List<(Answer Answer, string? Author)> Answers);
