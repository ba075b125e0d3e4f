using DgBot.Core.Questionnaires;

namespace DgBot.Core.Tests.Answers;

/// <summary>Small questions shaped like the seed questionnaire's, one per question type.</summary>
internal static class TestQuestions
{
    public static Question YesNo(bool partial = true, bool allowDontKnow = false)
    {
        List<AnswerOption> options = [new("yes", "ใช่", 1), new("no", "ไม่ใช่", 0)];
        if (partial)
        {
            options.Add(new("partial", "อยู่ระหว่างดำเนินการ", 0.5));
        }

        return Make("DGP-1", QuestionType.YesNo, options, allowDontKnow);
    }

    public static Question Single(bool allowDontKnow = false) => Make(
        "LCP-1",
        QuestionType.Single,
        [
            new("a", "ยังไม่มีแผน", 0),
            new("b", "มีแผนแต่ยังไม่ได้ดำเนินการ", 1),
            new("c", "ดำเนินการบางส่วน", 2),
            new("d", "ดำเนินการครบถ้วนแล้ว", 3),
        ],
        allowDontKnow);

    public static Question Multi(bool allowDontKnow = false) => Make(
        "DLT-2",
        QuestionType.Multi,
        [
            new("train", "อบรมภายใน", 1),
            new("external", "ส่งไปอบรมภายนอก", 1),
            new("online", "เรียนออนไลน์", 1),
            new("none", "ไม่มีการพัฒนาทักษะ", 0, Exclusive: true),
        ],
        allowDontKnow);

    public static Question Number(bool allowDontKnow = false, string? unit = "ระบบ") =>
        Make("ERP-2", QuestionType.Number, [], allowDontKnow, unit);

    public static Question Percent(bool allowDontKnow = false) =>
        Make("PDS-1", QuestionType.Percent, [], allowDontKnow, "%");

    public static Question Text(bool allowDontKnow = false) =>
        Make("CXP-9", QuestionType.Text, [], allowDontKnow);

    public static Question Make(string id, QuestionType type, IReadOnlyList<AnswerOption> options, bool allowDontKnow = false, string? unit = null) =>
        new(id, id[..3], "1", "คำถามทดสอบ", null, type, options, [], null, allowDontKnow, null, unit);
}
