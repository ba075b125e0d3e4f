using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;

namespace DgBot.Core.Conversation;

/// <summary>The framework and the questionnaires the engine can walk, by version.</summary>
public sealed class SurveyCatalog
{
    private readonly Dictionary<string, Questionnaire> _questionnaires;

    public SurveyCatalog(ReadinessFramework framework, IEnumerable<Questionnaire> questionnaires)
    {
        ArgumentNullException.ThrowIfNull(questionnaires);
        Framework = framework;
        _questionnaires = questionnaires.ToDictionary(q => q.Version, StringComparer.OrdinalIgnoreCase);
        if (_questionnaires.Count == 0)
        {
            throw new ArgumentException("At least one questionnaire is needed.", nameof(questionnaires));
        }

        Current = _questionnaires.Values.OrderBy(q => q.Version, StringComparer.Ordinal).Last();
    }

    public ReadinessFramework Framework { get; }

    /// <summary>The newest questionnaire: the version a new round uses.</summary>
    public Questionnaire Current { get; }

    /// <summary>The built-in framework and every built-in questionnaire version.</summary>
    public static SurveyCatalog BuiltIn() =>
        new(FrameworkLoader.BuiltIn, QuestionnaireLoader.BuiltInVersions.Select(v => QuestionnaireLoader.BuiltIn(v)));

    /// <summary>The questionnaire of a round; an unknown version falls back to <see cref="Current"/>.</summary>
    public Questionnaire Get(string? version) =>
        version is not null && _questionnaires.TryGetValue(version, out var q) ? q : Current;
}
