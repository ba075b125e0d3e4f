using DgBot.Core.Answers;
using DgBot.Core.Questionnaires;

namespace DgBot.TestDoubles.Seeding;

/// <summary>Answers for seeding a round in CLI tests: every question answered, differently for each seed.</summary>
public static class SeededAnswers
{
    /// <summary>
    /// An answer to every scored question (options and bands taken in turn by <paramref name="seed"/>). With
    /// <paramref name="mixed"/>, seed 1 answers "don't know" where a question allows it and text questions get a text
    /// with a comma and quotes; without, text questions are left out.
    /// </summary>
    public static IEnumerable<(string Question, AnswerValue Value)> For(Questionnaire questionnaire, int seed, bool mixed = false)
    {
        foreach (var (q, n) in questionnaire.Questions.Select((q, n) => (q, n)))
        {
            var pick = (seed * 7) + n;
            if (mixed && seed == 1 && q.AllowDontKnow && n % 3 == 0)
            {
                yield return (q.Id, AnswerValue.Unknown);
                continue;
            }

            switch (q.Type)
            {
                case QuestionType.YesNo or QuestionType.Single:
                    yield return (q.Id, AnswerValue.Option(q.Options[pick % q.Options.Count].Id));
                    break;
                case QuestionType.Multi:
                    var plain = q.Options.Where(o => !o.Exclusive).ToList();
                    yield return (q.Id, AnswerValue.Options(plain.Where((_, k) => (k + pick) % 3 != 0).Select(o => o.Id).DefaultIfEmpty(q.Options[0].Id)));
                    break;
                case QuestionType.Percent:
                    yield return (q.Id, AnswerValue.OfNumber(pick * 13 % 101));
                    break;
                case QuestionType.Number:
                    yield return (q.Id, AnswerValue.OfNumber(pick % 12));
                    break;
                default:
                    if (mixed)
                    {
                        yield return (q.Id, AnswerValue.OfText("ใช้ระบบสารบรรณอิเล็กทรอนิกส์, \"e-Saraban\""));
                    }

                    break;
            }
        }
    }
}
