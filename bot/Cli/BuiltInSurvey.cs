using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;

namespace DgBot.Bot.Cli;

/// <summary>The framework and questionnaire embedded in DgBot.Core, as the score commands use them.</summary>
internal static class BuiltInSurvey
{
    public static ReadinessFramework Framework() => FrameworkLoader.BuiltIn;

    // TODO(scoring): switch to QuestionnaireLoader.BuiltIn() once branch questionnaire is merged.
    public static Questionnaire Questionnaire() =>
        throw new NotSupportedException("The built-in questionnaire is not available in this build yet.");
}
