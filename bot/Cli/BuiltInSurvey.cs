using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;

namespace DgBot.Bot.Cli;

/// <summary>The framework and the latest questionnaire embedded in DgBot.Core, as the score commands use them.</summary>
internal static class BuiltInSurvey
{
    public static ReadinessFramework Framework() => FrameworkLoader.BuiltIn;

    public static Questionnaire Questionnaire() => QuestionnaireLoader.BuiltIn();
}
