using System.Collections.Concurrent;
using DgBot.Core.Scoring;

namespace DgBot.Core.Reports;

/// <summary>
/// The scores of each response as of its last answer change, so a province average re-scores only the agencies whose
/// answers changed since it was last computed. A response's answers change only together with a new row in its
/// answer audit, so the highest audit id of the response (with the questionnaire version) tells whether a kept score
/// is still that of the stored answers.
/// </summary>
public sealed class ScoreCache
{
    private readonly ConcurrentDictionary<int, Entry> _entries = new();

    internal bool TryGet(int responseId, long version, string questionnaireVersion, out ScoreResult score)
    {
        if (_entries.TryGetValue(responseId, out var entry) && entry.Version == version
            && string.Equals(entry.QuestionnaireVersion, questionnaireVersion, StringComparison.Ordinal))
        {
            score = entry.Score;
            return true;
        }

        score = null!;
        return false;
    }

    internal void Put(int responseId, long version, string questionnaireVersion, ScoreResult score) =>
        _entries[responseId] = new Entry(version, questionnaireVersion, score);

    public int Count => _entries.Count;

    private sealed record Entry(long Version, string QuestionnaireVersion, ScoreResult Score);
}
