using DgBot.Core.Answers;
using DgBot.Core.Questionnaires;
using DgBot.Core.Scoring;

namespace DgBot.Core.Conversation;

/// <summary>
/// The answers a response holds, as navigation needs them: which questions are answered at all (an answer whose
/// stored value cannot be read still counts as given) and the readable values (for the conditions of follow-ups).
/// </summary>
public sealed record AnswerSheet(IReadOnlySet<string> Answered, IReadOnlyDictionary<string, AnswerValue> Values)
{
    public static AnswerSheet Empty { get; } = new(new HashSet<string>(StringComparer.OrdinalIgnoreCase), new Dictionary<string, AnswerValue>(StringComparer.OrdinalIgnoreCase));

    /// <summary>A sheet of readable values only (every value counts as answered).</summary>
    public static AnswerSheet Of(IReadOnlyDictionary<string, AnswerValue> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new AnswerSheet(values.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase), values);
    }
}

/// <summary>
/// Where the survey walk goes next, as pure functions of the questionnaire and the answers: the next open question
/// (wrapping round, skipped ones left out), the previous applicable one (back), the open questions and the progress.
/// </summary>
public static class SurveyNavigation
{
    /// <summary>Whether the question applies given the answers (its condition, if any, is met).</summary>
    public static bool IsApplicable(Questionnaire questionnaire, Question question, AnswerSheet answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        return Scorer.IsApplicable(questionnaire, question, answers.Values);
    }

    /// <summary>Applicable, unanswered, and (for a follow-up) its parent question answered.</summary>
    public static bool IsOpen(Questionnaire questionnaire, string questionId, AnswerSheet answers)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);
        return questionnaire.Find(questionId) is { } q && IsApplicable(questionnaire, q, answers) && !answers.Answered.Contains(q.Id) && ParentAnswered(q, answers);
    }

    /// <summary>The first open question after <paramref name="fromIndex"/> (-1: from the start), wrapping round; skipped ones only when <paramref name="includeSkipped"/>.</summary>
    public static Question? NextOpen(Questionnaire questionnaire, AnswerSheet answers, int fromIndex, IReadOnlyList<string> skipped, bool includeSkipped)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(skipped);
        var questions = questionnaire.Questions;
        for (var step = 1; step <= questions.Count; step++)
        {
            var q = questions[(fromIndex + step + questions.Count) % questions.Count];
            if (IsOpen(questionnaire, q.Id, answers) && (includeSkipped || !skipped.Contains(q.Id, StringComparer.OrdinalIgnoreCase)))
            {
                return q;
            }
        }

        return null;
    }

    /// <summary>The nearest applicable question before <paramref name="index"/> (back), or null at the start.</summary>
    public static Question? PreviousApplicable(Questionnaire questionnaire, AnswerSheet answers, int index)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        for (var i = Math.Min(index, questionnaire.Questions.Count) - 1; i >= 0; i--)
        {
            var q = questionnaire.Questions[i];
            if (IsApplicable(questionnaire, q, answers))
            {
                return q;
            }
        }

        return null;
    }

    /// <summary>The open questions, in questionnaire order.</summary>
    public static IEnumerable<Question> OpenQuestions(Questionnaire questionnaire, AnswerSheet answers)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        return questionnaire.Questions.Where(q => IsOpen(questionnaire, q.Id, answers));
    }

    /// <summary>
    /// The one count of the survey, used by the progress bar, ความคืบหน้า, the review, the status command and the
    /// reminders: the questions that apply are every question not ruled out by an answer (a follow-up counts from the
    /// start and drops out only when its gate is answered so that it does not apply), and the answered ones among them.
    /// Opening a follow-up therefore never moves the bar backwards; ruling one out moves it forwards.
    /// </summary>
    public static (int Answered, int Applicable) Progress(Questionnaire questionnaire, AnswerSheet answers)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);
        var counted = Counted(questionnaire, answers).ToList();
        return (counted.Count(q => answers.Answered.Contains(q.Id)), counted.Count);
    }

    /// <summary>The questions that apply, as <see cref="Progress"/> counts them, in questionnaire order.</summary>
    public static IEnumerable<Question> Counted(Questionnaire questionnaire, AnswerSheet answers)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);
        return questionnaire.Questions.Where(q => !RuledOut(questionnaire, q, answers, 0));
    }

    /// <summary>True when an answered gate (this question's, or one further up) rules the question out.</summary>
    private static bool RuledOut(Questionnaire questionnaire, Question question, AnswerSheet answers, int depth)
    {
        if (question.Condition is not { } condition || depth > questionnaire.Questions.Count)
        {
            return false;
        }

        if (questionnaire.Find(condition.QuestionId) is { } parent && RuledOut(questionnaire, parent, answers, depth + 1))
        {
            return true;
        }

        return answers.Answered.Contains(condition.QuestionId) && !Scorer.IsApplicable(question, answers.Values);
    }

    private static bool ParentAnswered(Question q, AnswerSheet answers) => q.Condition is null || answers.Answered.Contains(q.Condition.QuestionId);
}
