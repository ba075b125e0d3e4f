using System.Text.Json;
using DgBot.Core.Conversation;
using DgBot.Core.Questionnaires;

namespace DgBot.Core.Tests.Conversation;

/// <summary>
/// The ways staff actually ask for their scores, what to fix first, the deadline, their progress, help and to go on
/// (Conversation/Data/natural-phrasings.th.json, at least 30 per intent) are each understood; what people type as
/// answers, and every answer label of every built-in questionnaire, is never taken for a command.
/// </summary>
public sealed class NaturalPhrasingsTests
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly Lazy<Corpus> Phrasings = new(Load);

    public static TheoryData<string, string> Requests()
    {
        var data = new TheoryData<string, string>();
        foreach (var (intent, phrases) in Phrasings.Value.Intents)
        {
            foreach (var phrase in phrases)
            {
                data.Add(intent, phrase);
            }
        }

        return data;
    }

    public static TheoryData<string> Answers() => [.. Phrasings.Value.Answers];

    [Theory]
    [MemberData(nameof(Requests))]
    public void EachNaturalRequestIsUnderstood(string intent, string text) =>
        Assert.Equal(Enum.Parse<IntentKind>(intent), IntentRecognizer.Recognize(text).Kind);

    [Theory]
    [MemberData(nameof(Answers))]
    public void WhatPeopleTypeAsAnAnswerIsNoCommand(string text) =>
        Assert.Equal(IntentKind.None, IntentRecognizer.Recognize(text).Kind);

    [Fact]
    public void EveryAskedIntentHasAtLeastThirtyDistinctPhrasings()
    {
        string[] asked = ["Score", "ImproveFirst", "Deadline", "Progress", "Help", "StartSurvey", "Report"];
        foreach (var intent in asked)
        {
            Assert.True(Phrasings.Value.Intents.TryGetValue(intent, out var phrases), intent + " has no phrasings");
            Assert.True(phrases.Distinct(StringComparer.Ordinal).Count() >= 30, $"{intent} has {phrases.Distinct(StringComparer.Ordinal).Count()} phrasings");
        }
    }

    [Fact]
    public void NoAnswerLabelOfABuiltInQuestionnaireIsACommand()
    {
        var clashes = QuestionnaireLoader.BuiltInVersions
            .Select(v => QuestionnaireLoader.BuiltIn(v))
            .SelectMany(q => q.Questions.SelectMany(question => question.Options.Select(o => (question.Id, o.Label))))
            .Select(x => (x.Id, x.Label, IntentRecognizer.Recognize(x.Label).Kind))
            .Where(x => x.Kind != IntentKind.None)
            .Select(x => $"{x.Id} '{x.Label}' → {x.Kind}")
            .Distinct()
            .ToList();
        Assert.True(clashes.Count == 0, string.Join(Environment.NewLine, clashes));
    }

    private static Corpus Load()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Conversation", "Data", "natural-phrasings.th.json");
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<Corpus>(stream, Json)
            ?? throw new InvalidDataException(path + " is empty");
    }

    private sealed record Corpus(Dictionary<string, string[]> Intents, string[] Answers);
}
