using DgBot.Core.Framework;

namespace DgBot.Core.Questionnaires;

/// <summary>One guidance action of a sub-dimension and the (non-text) questions that check it.</summary>
/// <param name="Action">1-based position in the sub-dimension's <c>Guidance.Actions</c>.</param>
public sealed record ActionCoverage(string SubDimension, int Action, string Text, IReadOnlyList<string> QuestionIds)
{
    /// <summary>True when at least one scored question checks this action.</summary>
    public bool Covered => QuestionIds.Count > 0;
}

/// <summary>
/// Which guidance action of each scored sub-dimension is checked by which scored question (by their <see cref="Question.Checks"/>),
/// so that <c>dgbot questionnaire check</c> can refuse a questionnaire that leaves part of the guidance unasked.
/// </summary>
public static class QuestionnaireCoverage
{
    /// <summary>Every guidance action of the sub-dimensions of scored dimensions, in framework order, with the questions that check it.</summary>
    public static IReadOnlyList<ActionCoverage> Of(ReadinessFramework framework, Questionnaire questionnaire)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(questionnaire);
        var result = new List<ActionCoverage>();
        foreach (var dimension in framework.Dimensions.Where(d => d.Scored))
        {
            foreach (var sub in dimension.SubDimensions)
            {
                var scored = questionnaire.Questions
                    // A gate worth no points (CRI-1: "is the agency on the list") still asks about its action.
                    .Where(q => q.IsScored && string.Equals(q.SubDimension, sub.Code, StringComparison.OrdinalIgnoreCase))
                    .ToArray();
                for (var a = 1; a <= sub.Guidance.Actions.Count; a++)
                {
                    var action = a;
                    result.Add(new ActionCoverage(sub.Code, action, sub.Guidance.Actions[a - 1], scored.Where(q => q.Checks.Contains(action)).Select(q => q.Id).ToArray()));
                }
            }
        }

        return result;
    }
}
