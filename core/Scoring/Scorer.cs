using System.Globalization;
using DgBot.Core.Answers;
using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;

namespace DgBot.Core.Scoring;

/// <summary>
/// Pure scoring: answers in, scores out. No I/O. The rules are written out for officers in docs/scoring.md.
/// </summary>
public static class Scorer
{
    /// <summary>
    /// Scores one agency's answers. Answers to ids not in the questionnaire are ignored. An answer that does not fit its
    /// question (for example an option a later questionnaire removed) is not scored: the question counts as open and the
    /// answer is listed in <see cref="ScoreResult.InvalidAnswers"/>, so a stale answer never breaks a report.
    /// </summary>
    public static ScoreResult Score(
        ReadinessFramework framework,
        Questionnaire questionnaire,
        IReadOnlyDictionary<string, AnswerValue> answers)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(answers);

        var lookup = CaseInsensitive(answers);
        var applicability = new Dictionary<string, Applicability>(StringComparer.OrdinalIgnoreCase);
        var outcomes = new List<QuestionOutcome>(questionnaire.Questions.Count);
        var invalid = new List<InvalidAnswer>();
        foreach (var question in questionnaire.Questions)
        {
            var status = Resolve(question, questionnaire, lookup, applicability, depth: 0);
            outcomes.Add(Outcome(question, status, lookup, invalid));
        }

        var subResults = new List<SubDimensionResult>(framework.SubDimensions.Count);
        var dimResults = new List<DimensionResult>(framework.Dimensions.Count);
        foreach (var dimension in framework.Dimensions)
        {
            double dimEarned = 0, dimMax = 0;
            int dimCounted = 0, dimOpen = 0;
            foreach (var sub in dimension.SubDimensions)
            {
                double earned = 0, max = 0;
                int counted = 0, open = 0;
                foreach (var o in outcomes)
                {
                    if (!string.Equals(o.SubDimensionCode, sub.Code, StringComparison.OrdinalIgnoreCase) || !o.IsScored)
                    {
                        continue;
                    }

                    if (o.Counts)
                    {
                        earned += o.Earned;
                        max += o.Max;
                        counted++;
                    }
                    else if (o.IsOpen)
                    {
                        open++;
                    }
                }

                subResults.Add(new SubDimensionResult(sub.Code, dimension.Code, dimension.Scored, earned, max, counted, open));
                dimEarned += earned;
                dimMax += max;
                dimCounted += counted;
                dimOpen += open;
            }

            dimResults.Add(new DimensionResult(dimension.Code, dimension.Scored, dimEarned, dimMax, dimCounted, dimOpen));
        }

        var scored = dimResults.Where(d => d.Score is not null).Select(d => d.Score!.Value).ToArray();
        double? overall = scored.Length == 0 ? null : scored.Average();
        var provisional = outcomes.Any(o => o.IsOpen && o.IsScored);
        var stage = provisional ? null : StageFor(framework, questionnaire.StageBands, overall);
        return new ScoreResult(outcomes, subResults, dimResults, overall, stage)
        {
            InvalidAnswers = invalid,
            StageBands = questionnaire.StageBands,
            OutOfScopeActions = OutOfScopeActions(questionnaire, outcomes),
        };
    }

    /// <summary>By sub-dimension, the guidance actions whose every checking question is out of scope for this agency.</summary>
    private static Dictionary<string, IReadOnlyList<int>> OutOfScopeActions(Questionnaire questionnaire, List<QuestionOutcome> outcomes)
    {
        var result = new Dictionary<string, IReadOnlyList<int>>(StringComparer.OrdinalIgnoreCase);
        var checking = questionnaire.Questions
            .Select((q, i) => (Question: q, Outcome: outcomes[i]))
            .Where(x => x.Question.IsScored && x.Question.Checks.Count > 0)
            .SelectMany(x => x.Question.Checks.Select(action => (Sub: x.Question.SubDimension, Action: action, x.Outcome.IsOutOfScope)))
            .GroupBy(x => (Sub: x.Sub.ToUpperInvariant(), x.Action));
        foreach (var group in checking.Where(g => g.All(x => x.IsOutOfScope)).GroupBy(g => g.Key.Sub))
        {
            result[group.Key] = group.Select(g => g.Key.Action).Order().ToArray();
        }

        return result;
    }

    /// <summary>
    /// True when the question should be asked: it has no condition, or the question it depends on was answered
    /// with one of the listed options. An unanswered parent means "not (yet) applicable".
    /// </summary>
    public static bool IsApplicable(Question question, IReadOnlyDictionary<string, AnswerValue> answers)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answers);
        return question.Condition is not { } condition || ConditionMet(condition, CaseInsensitive(answers));
    }

    /// <summary>As <see cref="IsApplicable(Question, IReadOnlyDictionary{string, AnswerValue})"/>, also following the parent's own condition.</summary>
    public static bool IsApplicable(Questionnaire questionnaire, Question question, IReadOnlyDictionary<string, AnswerValue> answers)
    {
        ArgumentNullException.ThrowIfNull(questionnaire);
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answers);
        var status = Resolve(question, questionnaire, CaseInsensitive(answers), new Dictionary<string, Applicability>(StringComparer.OrdinalIgnoreCase), 0);
        return status == Applicability.Applies;
    }

    /// <summary>The stage reached by an overall score by the framework's thresholds, compared as shown (rounded to one decimal).</summary>
    public static Stage? StageFor(ReadinessFramework framework, double? overall) => StageFor(framework, [], overall);

    /// <summary>
    /// DgBot's estimate of the stage reached by an overall score, compared as shown (rounded to one decimal), by a
    /// questionnaire's <paramref name="bands"/>; with no bands, by the framework's thresholds.
    /// </summary>
    public static Stage? StageFor(ReadinessFramework framework, IReadOnlyList<StageBand> bands, double? overall)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(bands);
        if (overall is not { } o)
        {
            return null;
        }

        var shown = ScoreMath.Round(o);
        if (bands.Count > 0)
        {
            var band = bands.Where(b => shown >= b.MinOverall).OrderBy(b => b.MinOverall).LastOrDefault() ?? bands[0];
            return framework.Stages.FirstOrDefault(s => s.Level == band.Level);
        }

        return framework.Stages.Where(s => shown >= s.MinOverall).OrderBy(s => s.MinOverall).ThenBy(s => s.Level).LastOrDefault()
            ?? (framework.Stages.Count > 0 ? framework.Stages[0] : null);
    }

    /// <summary>Why an answer does not fit its question (English, names the problem), or null when it fits.</summary>
    public static string? Check(Question question, AnswerValue answer)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.DontKnow)
        {
            return question.AllowDontKnow ? null : "\"don't know\" is not allowed for this question";
        }

        switch (question.Type)
        {
            case QuestionType.YesNo or QuestionType.Single:
                if (answer.Number is not null || answer.Text is not null || answer.OptionIds.Count != 1)
                {
                    return "expected exactly one option id (" + OptionList(question) + ")";
                }

                return question.FindOption(answer.OptionIds[0]) is null
                    ? $"unknown option '{answer.OptionIds[0]}' (expected one of {OptionList(question)})"
                    : null;

            case QuestionType.Multi:
                if (answer.Number is not null || answer.Text is not null || answer.OptionIds.Count == 0)
                {
                    return "expected a list of one or more option ids (" + OptionList(question) + ")";
                }

                foreach (var id in answer.OptionIds)
                {
                    if (question.FindOption(id) is null)
                    {
                        return $"unknown option '{id}' (expected any of {OptionList(question)})";
                    }
                }

                if (answer.OptionIds.Distinct(StringComparer.OrdinalIgnoreCase).Count() != answer.OptionIds.Count)
                {
                    return "an option is chosen twice";
                }

                var exclusive = answer.OptionIds.Select(question.FindOption).FirstOrDefault(o => o!.Exclusive);
                return exclusive is not null && answer.OptionIds.Count > 1
                    ? $"option '{exclusive.Id}' must be chosen alone"
                    : null;

            case QuestionType.Number or QuestionType.Percent:
                if (answer.Number is not { } n)
                {
                    return "expected a number";
                }

                if (!double.IsFinite(n))
                {
                    return "expected a finite number";
                }

                if (question.Type == QuestionType.Percent && n is < 0 or > 100)
                {
                    return "a percentage must be between 0 and 100, got " + n.ToString(CultureInfo.InvariantCulture);
                }

                return FindBand(question, n) is null
                    ? "the value " + n.ToString(CultureInfo.InvariantCulture) + " is outside every scoring band"
                    : null;

            case QuestionType.Text:
                return answer.Text is null ? "expected text" : null;

            default:
                return "unsupported question type";
        }
    }

    /// <summary>The band containing <paramref name="value"/>: Min inclusive, Max exclusive, a null bound open.</summary>
    public static Band? FindBand(Question question, double value)
    {
        ArgumentNullException.ThrowIfNull(question);
        return question.Bands.FirstOrDefault(b => (b.Min is not { } min || value >= min) && (b.Max is not { } max || value < max));
    }

    /// <summary>Points earned by a valid, non-"don't know" answer.</summary>
    public static double Points(Question question, AnswerValue answer)
    {
        ArgumentNullException.ThrowIfNull(question);
        ArgumentNullException.ThrowIfNull(answer);
        if (answer.DontKnow)
        {
            return 0;
        }

        var max = question.MaximumPoints;
        return question.Type switch
        {
            QuestionType.YesNo or QuestionType.Single => question.FindOption(answer.OptionIds[0])!.Points,
            QuestionType.Multi => Math.Min(answer.OptionIds.Sum(id => question.FindOption(id)!.Points), max),
            QuestionType.Number or QuestionType.Percent => FindBand(question, answer.Number!.Value)!.Points,
            _ => 0,
        };
    }

    private enum Applicability
    {
        Applies,
        NotApplicable,
        Unknown,
    }

    private static Applicability Resolve(
        Question question,
        Questionnaire questionnaire,
        Dictionary<string, AnswerValue> answers,
        Dictionary<string, Applicability> memo,
        int depth)
    {
        if (memo.TryGetValue(question.Id, out var known))
        {
            return known;
        }

        Applicability result;
        if (question.Condition is not { } condition)
        {
            result = Applicability.Applies;
        }
        else
        {
            var parent = questionnaire.Find(condition.QuestionId);
            var parentStatus = parent is null || depth > questionnaire.Questions.Count
                ? Applicability.Applies
                : Resolve(parent, questionnaire, answers, memo, depth + 1);
            result = parentStatus switch
            {
                Applicability.Applies when answers.ContainsKey(condition.QuestionId) =>
                    ConditionMet(condition, answers) ? Applicability.Applies : Applicability.NotApplicable,
                Applicability.Applies => Applicability.Unknown,
                _ => parentStatus,
            };
        }

        memo[question.Id] = result;
        return result;
    }

    private static bool ConditionMet(Condition condition, Dictionary<string, AnswerValue> answers) =>
        answers.TryGetValue(condition.QuestionId, out var parentAnswer)
        && !parentAnswer.DontKnow
        && parentAnswer.OptionIds.Any(id => condition.AnyOf.Contains(id, StringComparer.OrdinalIgnoreCase));

    private static QuestionOutcome Outcome(Question question, Applicability applicability, Dictionary<string, AnswerValue> answers, List<InvalidAnswer> invalid)
    {
        if (applicability == Applicability.NotApplicable)
        {
            return new QuestionOutcome(question.Id, question.SubDimension, QuestionStatus.NotApplicable, question.IsScored, 0, 0);
        }

        if (applicability == Applicability.Unknown || !answers.TryGetValue(question.Id, out var answer))
        {
            return new QuestionOutcome(question.Id, question.SubDimension, QuestionStatus.Open, question.IsScored, 0, 0);
        }

        if (Check(question, answer) is { } problem)
        {
            invalid.Add(new InvalidAnswer(question.Id, problem));
            return new QuestionOutcome(question.Id, question.SubDimension, QuestionStatus.Open, question.IsScored, 0, 0);
        }

        var max = question.IsScored ? question.MaximumPoints : 0;
        if (!answer.DontKnow && question.NotApplicableBy(answer.OptionIds) is { } reason)
        {
            return new QuestionOutcome(question.Id, question.SubDimension, QuestionStatus.AnsweredNotApplicable, question.IsScored, 0, 0) { Reason = reason };
        }

        return answer.DontKnow
            ? new QuestionOutcome(question.Id, question.SubDimension, QuestionStatus.DontKnow, question.IsScored, 0, max)
            : new QuestionOutcome(question.Id, question.SubDimension, QuestionStatus.Answered, question.IsScored, question.IsScored ? Points(question, answer) : 0, max);
    }

    private static Dictionary<string, AnswerValue> CaseInsensitive(IReadOnlyDictionary<string, AnswerValue> answers)
    {
        // The engine asks for every conditional question on every turn: do not copy what is already case-insensitive.
        if (answers is Dictionary<string, AnswerValue> { Comparer: var comparer } ready && ReferenceEquals(comparer, StringComparer.OrdinalIgnoreCase))
        {
            return ready;
        }

        var copy = new Dictionary<string, AnswerValue>(StringComparer.OrdinalIgnoreCase);
        foreach (var (id, value) in answers)
        {
            copy[id] = value;
        }

        return copy;
    }

    private static string OptionList(Question question) => string.Join(", ", question.Options.Select(o => o.Id));
}

/// <summary>A stored answer that does not fit its question, left out of the score.</summary>
public sealed record InvalidAnswer(string QuestionId, string Problem);
