using DgBot.Core.Conversation;
using DgBot.Core.Conversation.Prompts;
using DgBot.Core.Data.Entities;

namespace DgBot.Core.Tests.Conversation;

/// <summary>What a question prompt shows, rendered without a database or an engine.</summary>
public sealed class QuestionPromptsTests
{
    private static readonly SurveyCatalog Catalog = SurveyCatalog.BuiltIn();

    private static AgencySurvey EmptySurvey()
    {
        var now = new DateTime(2026, 11, 23, 3, 0, 0, DateTimeKind.Utc);
        var agency = new Agency("LPG-01", "สำนักงานจังหวัดลำปาง", "ลำปาง", "จังหวัด", now);
        var round = new SurveyRound("2569", now.AddDays(30), Catalog.Current.Version, now);
        return new AgencySurvey(agency, round, Catalog.Current, new Response(1, 1, now), []);
    }

    [Fact]
    public void ANewQuestionIntroducesItsDimensionAndTakesTheNextPromptNumber()
    {
        var survey = EmptySurvey();
        var question = Catalog.Current.Questions[0];
        var view = QuestionPrompts.Render(Catalog.Framework, survey, question, ConversationState.Initial with { PromptSeq = 4 });

        Assert.NotNull(view.Introduction);
        Assert.StartsWith("ข้อ 1/" + Catalog.Current.Questions.Count, view.Prompt.Text, StringComparison.Ordinal);
        Assert.Contains(question.Text, view.Prompt.Text, StringComparison.Ordinal);
        Assert.Equal((ConversationMode.Survey, question.Id, 5), (view.State.Mode, view.State.QuestionId, view.State.PromptSeq));
        var first = Payload.Parse(view.Prompt.Choices[0].Payload);
        Assert.Equal((PayloadKind.Question, QuestionOps.Option, 5, question.Options[0].Id), (first.Kind, first.Op, first.Seq, first.Arg));
        Assert.Contains(view.Prompt.Choices, c => Payload.Parse(c.Payload).Op == QuestionOps.Back);
        Assert.Contains(view.Prompt.Choices, c => Payload.Parse(c.Payload).Op == QuestionOps.Skip);
        Assert.DoesNotContain(view.Prompt.Choices, c => Payload.Parse(c.Payload).Op == QuestionOps.Keep);
    }

    [Fact]
    public void ARepeatKeepsThePromptNumberAndDoesNotIntroduceAgain()
    {
        var question = Catalog.Current.Questions[0];
        var view = QuestionPrompts.Render(Catalog.Framework, EmptySurvey(), question, ConversationState.Initial with { PromptSeq = 4 }, prompting: Prompting.Repeat);
        Assert.Null(view.Introduction);
        Assert.Equal(4, view.State.PromptSeq);
        Assert.False(view.Prompt.ReplacesPrevious);
    }

    [Fact]
    public void AMultipleChoiceTickReplacesThePromptWithTheTickedItems()
    {
        var question = Catalog.Current.Questions.First(q => q.Type == DgBot.Core.Questionnaires.QuestionType.Multi);
        var ticked = question.Options[1].Id;
        var view = QuestionPrompts.Render(Catalog.Framework, EmptySurvey(), question, ConversationState.Initial with { PromptSeq = 2 }, [ticked], Prompting.Replace);
        Assert.True(view.Prompt.ReplacesPrevious);
        Assert.True(view.Prompt.Multi);
        Assert.Equal([ticked], view.State.PendingSelection);
        Assert.Single(view.Prompt.Choices, c => c.Selected);
        Assert.Contains(view.Prompt.Choices, c => Payload.Parse(c.Payload).Op == QuestionOps.Confirm);
    }

    [Theory]
    [InlineData(0, 10, "▱▱▱▱▱▱▱▱▱▱ 0%")]
    [InlineData(3, 10, "▰▰▰▱▱▱▱▱▱▱ 30%")]
    [InlineData(10, 10, "▰▰▰▰▰▰▰▰▰▰ 100%")]
    [InlineData(0, 0, "▱▱▱▱▱▱▱▱▱▱ 0%")]
    public void TheProgressBarShowsTenthsAndPercent(int done, int total, string expected) =>
        Assert.Equal(expected, QuestionPrompts.ProgressBar(done, total));

    [Fact]
    public void AYesNoRePromptNamesTheButtonsOwnLabelsAndTheNumbersThatCanBeTyped()
    {
        var question = Catalog.Current.Find("PHN-4")!; // ปรับแล้ว / อยู่ระหว่างปรับ / ยังไม่ได้ปรับ / ต้นสังกัดดำเนินการ, and ไม่ทราบ
        var text = QuestionPrompts.ErrorMessage(question, DgBot.Core.Answers.AnswerErrorKeys.YesNoExpected);

        Assert.Equal("ยังไม่เข้าใจคำตอบ กรุณาเลือกจากปุ่ม \"ปรับแล้ว\" / \"อยู่ระหว่างปรับ\" / \"ยังไม่ได้ปรับ\" / \"ต้นสังกัดดำเนินการ\" / \"ไม่ทราบ\" หรือพิมพ์หมายเลข 1–4", text);
        Assert.DoesNotContain("\"ใช่\"", text, StringComparison.Ordinal);

        var plain = QuestionPrompts.ErrorMessage(Catalog.Current.Find("PDU-6")!, DgBot.Core.Answers.AnswerErrorKeys.YesNoExpected);
        Assert.Equal("ยังไม่เข้าใจคำตอบ กรุณาเลือกจากปุ่ม \"จัดทำแล้ว\" / \"ยังไม่ได้จัดทำ\" หรือพิมพ์หมายเลข 1–2", plain);
    }
}
