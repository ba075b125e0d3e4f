using DgBot.Core.Framework;
using DgBot.Core.Questionnaires;

namespace DgBot.Bot.Cli;

/// <summary>The framework and questionnaire embedded in DgBot.Core, as the score commands use them.</summary>
internal static class BuiltInSurvey
{
    // TODO(scoring): switch to FrameworkLoader.BuiltIn / QuestionnaireLoader.BuiltIn() once branches framework and questionnaire are merged.
    public static ReadinessFramework Framework() =>
        throw new NotSupportedException("The built-in framework is not available in this build yet.");

    public static Questionnaire Questionnaire() =>
        throw new NotSupportedException("The built-in questionnaire is not available in this build yet.");
}
