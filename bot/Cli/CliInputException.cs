namespace DgBot.Bot.Cli;

/// <summary>Bad input to a command: the message names the file and the line or field; the command prints it and exits 1.</summary>
public sealed class CliInputException : Exception
{
    public CliInputException()
    {
    }

    public CliInputException(string message)
        : base(message)
    {
    }

    public CliInputException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
