namespace DgBot.Line.Tests.Infrastructure;

/// <summary>Finds ../shared (LINE's OpenAPI descriptions) and this project's prism folder.</summary>
public static class SharedContracts
{
    private const string MessagingApi = "contracts/line/messaging-api.yml";

    /// <summary>The shared folder: <c>DGBOT_SHARED_DIR</c>, else the first <c>shared</c> folder walking up from the test binaries.</summary>
    public static string SharedDirectory { get; } = FindShared();

    public static string MessagingApiYaml => Path.Combine(SharedDirectory, "contracts", "line", "messaging-api.yml");

    public static string WebhookYaml => Path.Combine(SharedDirectory, "contracts", "line", "webhook.yml");

    /// <summary>The folder holding package.json and the lockfile that pin @stoplight/prism-cli.</summary>
    public static string PrismDirectory { get; } = WalkUp(dir => File.Exists(Path.Combine(dir, "prism", "package.json")) && File.Exists(Path.Combine(dir, "DgBot.Line.Tests.csproj")))
        is { } project ? Path.Combine(project, "prism") : throw new DirectoryNotFoundException("tests/DgBot.Line.Tests/prism/package.json not found above " + AppContext.BaseDirectory);

    private static string FindShared()
    {
        if (Environment.GetEnvironmentVariable("DGBOT_SHARED_DIR") is { Length: > 0 } configured)
        {
            return File.Exists(Path.Combine(configured, MessagingApi))
                ? Path.GetFullPath(configured)
                : throw new FileNotFoundException($"DGBOT_SHARED_DIR={configured} has no {MessagingApi}.");
        }

        return WalkUp(dir => File.Exists(Path.Combine(dir, "shared", MessagingApi))) is { } parent
            ? Path.Combine(parent, "shared")
            : throw new DirectoryNotFoundException($"No shared/{MessagingApi} above {AppContext.BaseDirectory}; set DGBOT_SHARED_DIR.");
    }

    private static string? WalkUp(Func<string, bool> match)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (match(dir.FullName))
            {
                return dir.FullName;
            }
        }

        return null;
    }
}
