namespace DgBot.Core.Questionnaires;

/// <summary>
/// One problem found in a questionnaire file. <see cref="QuestionId"/> is the question's id (or
/// <c>#n</c>, its position, when the id itself is missing); null for file-level problems.
/// <see cref="Field"/> names the JSON field at fault (for example <c>options</c>, <c>condition</c>).
/// </summary>
public sealed record QuestionnaireError(string? QuestionId, string Field, string Message)
{
    public override string ToString() =>
        QuestionId is null ? $"field {Field}: {Message}" : $"question {QuestionId}, field {Field}: {Message}";
}

/// <summary>
/// The outcome of loading a questionnaire: the questionnaire when the file is valid, otherwise
/// null and every error found (the validator does not stop at the first one).
/// </summary>
public sealed record QuestionnaireLoadResult(Questionnaire? Questionnaire, IReadOnlyList<QuestionnaireError> Errors)
{
    public bool IsValid => Questionnaire is not null && Errors.Count == 0;
}

/// <summary>Thrown when the built-in questionnaire cannot be loaded (a build defect, not user input).</summary>
public sealed class QuestionnaireException : Exception
{
    public QuestionnaireException()
    {
        Errors = [];
    }

    public QuestionnaireException(string message)
        : base(message)
    {
        Errors = [];
    }

    public QuestionnaireException(string message, Exception innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    public QuestionnaireException(string message, IReadOnlyList<QuestionnaireError> errors)
        : base(message + Environment.NewLine + string.Join(Environment.NewLine, errors))
    {
        Errors = errors;
    }

    public IReadOnlyList<QuestionnaireError> Errors { get; }
}
