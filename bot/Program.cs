using DgBot.Bot.Cli;

return await DgBotCli.RunAsync(args).ConfigureAwait(false);

/// <summary>The entry point, visible to WebApplicationFactory-based tests.</summary>
public partial class Program;
