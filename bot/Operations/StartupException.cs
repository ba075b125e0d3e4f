namespace DgBot.Bot.Operations;

/// <summary>A setting or the environment stops start-up; the message is one line that names the key and what is expected.</summary>
public sealed class StartupException : Exception
{
    public StartupException()
    {
    }

    public StartupException(string message)
        : base(message)
    {
    }

    public StartupException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
