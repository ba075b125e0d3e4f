using DgBot.Core.Data.Entities;
using DgBot.Core.Questionnaires;
using DgBot.Core.Reports;

namespace DgBot.Core.Conversation;

/// <summary>One agency's response in the current round with its answers (and their authors), as one turn reads and changes it.</summary>
public sealed class AgencySurvey(Agency agency, SurveyRound round, Questionnaire questionnaire, Response response, IEnumerable<(Answer Answer, string? Author)> answers)
{
    private readonly Dictionary<string, (Answer Answer, string? Author)> _stored =
        answers.ToDictionary(a => a.Answer.QuestionId, StringComparer.OrdinalIgnoreCase);

    private AnswerSheet? _sheet;

    public Agency Agency { get; } = agency;

    public SurveyRound Round { get; } = round;

    public Questionnaire Questionnaire { get; } = questionnaire;

    public Response Response { get; } = response;

    public Answer? AnswerOf(string questionId) => _stored.TryGetValue(questionId, out var a) ? a.Answer : null;

    /// <summary>The response's answers as this turn leaves them.</summary>
    public IEnumerable<Answer> Answers => _stored.Values.Select(a => a.Answer);

    /// <summary>The display name of whoever gave the current answer (null once they erased their data).</summary>
    public string? AuthorOf(string questionId) => _stored.TryGetValue(questionId, out var a) ? a.Author : null;

    /// <summary>The answers as <see cref="SurveyNavigation"/> reads them.</summary>
    public AnswerSheet Sheet => _sheet ??= new AnswerSheet(
        _stored.Keys.ToHashSet(StringComparer.OrdinalIgnoreCase),
        ResultsService.Values(_stored.Values.Select(a => a.Answer)));

    public void Set(Answer answer, string? author)
    {
        ArgumentNullException.ThrowIfNull(answer);
        _stored[answer.QuestionId] = (answer, author);
        _sheet = null;
    }

    public bool IsApplicable(Question question) => SurveyNavigation.IsApplicable(Questionnaire, question, Sheet);

    public bool IsOpen(string questionId) => SurveyNavigation.IsOpen(Questionnaire, questionId, Sheet);

    public Question? NextOpen(int fromIndex, IReadOnlyList<string> skipped, bool includeSkipped) =>
        SurveyNavigation.NextOpen(Questionnaire, Sheet, fromIndex, skipped, includeSkipped);

    public Question? PreviousApplicable(int index) => SurveyNavigation.PreviousApplicable(Questionnaire, Sheet, index);

    public IEnumerable<Question> OpenQuestions() => SurveyNavigation.OpenQuestions(Questionnaire, Sheet);

    public (int Answered, int Applicable) Progress() => SurveyNavigation.Progress(Questionnaire, Sheet);
}
