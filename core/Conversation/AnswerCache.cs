using System.Collections.Concurrent;
using DgBot.Core.Data.Entities;

namespace DgBot.Core.Conversation;

/// <summary>
/// The answers of each agency's response as its last committed turn left them, so the next turn of that agency need
/// not read them again. Only group-committed turns use it, and they hold the agency's turn from reading to commit, so
/// an entry is never read while another turn changes the answers. An entry is put after a successful commit; a failed
/// commit, any turn that runs in a transaction of its own (joining, erasure, a new response…), and age
/// (<see cref="Lifetime"/>) drop entries, so a change made outside the engine is seen within that time.
/// </summary>
public sealed class AnswerCache(TimeProvider time)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<int, Entry> _entries = new();

    /// <summary>Fresh, detached copies of the response's answers with their authors' names, when known and young enough.</summary>
    internal bool TryGet(int agencyId, int responseId, out List<(Answer Answer, string? Author)> answers)
    {
        if (_entries.TryGetValue(agencyId, out var entry) && entry.ResponseId == responseId
            && time.GetElapsedTime(entry.Stored) < Lifetime)
        {
            answers = new List<(Answer, string?)>(entry.Answers.Length);
            foreach (var a in entry.Answers)
            {
                answers.Add((Answer.Restore(a.Id, a.ResponseId, a.QuestionId, a.Value, a.AnsweredByUserId, a.AnsweredUtc), a.Author));
            }

            return true;
        }

        answers = [];
        return false;
    }

    /// <summary>Keeps the answers as just committed (every answer has its database id).</summary>
    internal void Put(int agencyId, int responseId, IEnumerable<(Answer Answer, string? Author)> answers)
    {
        var copies = answers
            .Select(a => new Stored(a.Answer.Id, a.Answer.ResponseId, a.Answer.QuestionId, a.Answer.Value, a.Answer.AnsweredByUserId, a.Answer.AnsweredUtc, a.Author))
            .ToArray();
        if (copies.Any(c => c.Id == 0 || c.ResponseId != responseId))
        {
            _entries.TryRemove(agencyId, out _);
            return;
        }

        _entries[agencyId] = new Entry(responseId, copies, time.GetTimestamp());
    }

    public void Forget(int agencyId) => _entries.TryRemove(agencyId, out _);

    public void Clear() => _entries.Clear();

    private sealed record Entry(int ResponseId, Stored[] Answers, long Stored);

    private sealed record Stored(int Id, int ResponseId, string QuestionId, string Value, int? AnsweredByUserId, DateTime AnsweredUtc, string? Author);
}
