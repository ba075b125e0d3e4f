namespace DgBot.Bot.Tests.Operations;

/// <summary>
/// Tests that read the process-wide DgBot meter (or capture every log line) run alone, after the parallel tests, so
/// no other test's turns are counted in their numbers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class SerialTests
{
    public const string Name = "Serial operations";
}
