namespace DgBot.Core.Framework;

/// <summary>
/// The framework data is broken: unreadable JSON, a missing field, a duplicate code or a rule
/// broken. The message names the code (dimension, sub-dimension or stage) and the field.
/// </summary>
public sealed class FrameworkException : Exception
{
    public FrameworkException()
    {
    }

    public FrameworkException(string message)
        : base(message)
    {
    }

    public FrameworkException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
