using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;

namespace DgBot.Core.Tests.Scoring;

/// <summary>Small hand-built frameworks and questions, so each expected score can be worked out by hand.</summary>
internal static class TestQuestions
{
    public static readonly Stage[] Stages =
    [
        new(1, "e-Government", "รัฐบาลอิเล็กทรอนิกส์", "", 0),
        new(2, "Open Government", "รัฐบาลเปิด", "", 20),
        new(3, "Data Centric Government", "รัฐบาลที่ใช้ข้อมูลเป็นศูนย์กลาง", "", 40),
        new(4, "Fully Digital Government", "รัฐบาลดิจิทัลเต็มรูปแบบ", "", 60),
        new(5, "Smart Government", "รัฐบาลอัจฉริยะ", "", 80),
    ];

    public static Guidance GuidanceFor(string code) =>
        new($"Summary {code}", [$"Action {code} 1", $"Action {code} 2"], [$"https://example.invalid/{code}"], $"Detail {code}");

    public static SubDimension Sub(string code, string dim) => new(code, dim, "Sub " + code, "ด้านย่อย " + code, GuidanceFor(code));

    /// <summary>Dimensions D1 (subs A, B), D2 (subs C, D) scored, and DX (sub X) not scored.</summary>
    public static ReadinessFramework TestFramework(bool dxScored = false) => new(
        [
            new Dimension("D1", "Dimension One", "ด้านหนึ่ง", true, [Sub("A", "D1"), Sub("B", "D1")]),
            new Dimension("D2", "Dimension Two", "ด้านสอง", true, [Sub("C", "D2"), Sub("D", "D2")]),
            new Dimension("DX", "Dimension X", "ด้านเอ็กซ์", dxScored, [Sub("X", "DX")]),
        ],
        Stages);

    public static Question YesNo(string id, string sub, Condition? condition = null, bool partial = false, bool dontKnow = true) =>
        new(id, sub, "g", "q " + id, null, QuestionType.YesNo,
            partial
                ? [new AnswerOption("yes", "ใช่", 2), new AnswerOption("partial", "อยู่ระหว่างดำเนินการ", 1), new AnswerOption("no", "ไม่ใช่", 0)]
                : [new AnswerOption("yes", "ใช่", 2), new AnswerOption("no", "ไม่ใช่", 0)],
            [], null, dontKnow, condition, null);

    public static Question Single(string id, string sub, params (string Id, double Points)[] options) =>
        new(id, sub, "g", "q " + id, null, QuestionType.Single,
            options.Select(o => new AnswerOption(o.Id, o.Id, o.Points)).ToArray(), [], null, true, null, null);

    public static Question Multi(string id, string sub, double? maxPoints, params (string Id, double Points, bool Exclusive)[] options) =>
        new(id, sub, "g", "q " + id, null, QuestionType.Multi,
            options.Select(o => new AnswerOption(o.Id, o.Id, o.Points, o.Exclusive)).ToArray(), [], maxPoints, true, null, null);

    public static Question Banded(string id, string sub, QuestionType type, params Band[] bands) =>
        new(id, sub, "g", "q " + id, null, type, [], bands, null, true, null, null);

    public static Question FreeText(string id, string sub) =>
        new(id, sub, "g", "q " + id, null, QuestionType.Text, [], [], null, false, null, null);

    public static Questionnaire Of(params Question[] questions) => new("test-1", "test", questions);

    /// <summary>The question with an extra option that takes it out of the score ("parent" or "na"), checking <paramref name="checks"/>.</summary>
    public static Question OutOfScope(Question q, NotApplicableReason reason = NotApplicableReason.ParentAgency, params int[] checks) => q with
    {
        Options = [.. q.Options, new AnswerOption(reason == NotApplicableReason.ParentAgency ? "parent" : "na", reason.ToString(), 0, q.Type == QuestionType.Multi) { NotApplicable = reason }],
        Checks = checks,
    };

    public static Question Checking(Question q, params int[] checks) => q with { Checks = checks };
}
