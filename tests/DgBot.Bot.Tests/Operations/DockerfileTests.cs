using System.Text.Json;
using System.Text.RegularExpressions;
using DgBot.Bot.Cli;
using Xunit.Abstractions;

namespace DgBot.Bot.Tests.Operations;

/// <summary>
/// No Docker engine runs in CI, so the image is not built. Instead the build stage is replayed: the files its COPY
/// lines take (minus .dockerignore) are staged in a temporary folder and its <c>dotnet</c> RUN lines are run there
/// as written (only the output folder moved), once for the class.
/// </summary>
public sealed class DockerBuildStage : IDisposable
{
    public DockerBuildStage()
    {
        Dockerfile = Dockerfile.Load();
        Folder = Path.Combine(Path.GetTempPath(), "dgbot-docker-" + Guid.NewGuid().ToString("N"));
        Context = Path.Combine(Folder, "src");
        Output = Path.Combine(Folder, "app");
        Directory.CreateDirectory(Context);

        var workdir = Context;
        foreach (var instruction in Dockerfile.Build.Instructions)
        {
            switch (instruction.Keyword)
            {
                case "COPY":
                    Copy(instruction.Arguments, workdir);
                    break;
                case "RUN":
                    var words = Dockerfile.CommandWords(instruction.Arguments);
                    Assert.Equal("dotnet", words[0]);
                    for (var i = 0; i < words.Length - 1; i++)
                    {
                        if (words[i] is "-o" or "--output")
                        {
                            PublishedTo = words[i + 1];
                            words[i + 1] = Output;
                        }
                    }

                    // The dotnet host that runs the tests (dotnet test sets DOTNET_HOST_PATH), else the one on PATH.
                    var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
                    var (exitCode, output) = Dockerfile.Run(dotnet, words[1..], workdir, TimeSpan.FromMinutes(10));
                    Runs.Add((instruction.Arguments, exitCode, output));
                    if (exitCode != 0)
                    {
                        return;
                    }

                    break;
            }
        }
    }

    internal Dockerfile Dockerfile { get; }

    public string Folder { get; }

    public string Context { get; }

    /// <summary>Where the publish wrote (the Dockerfile's output folder, moved here).</summary>
    public string Output { get; }

    /// <summary>The output folder the Dockerfile names (for example /app).</summary>
    public string? PublishedTo { get; private set; }

    public List<(string Command, int ExitCode, string Output)> Runs { get; } = [];

    public List<string> Copied { get; } = [];

    public void Dispose()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
    }

    private void Copy(string arguments, string workdir)
    {
        Assert.DoesNotContain("--from", arguments, StringComparison.Ordinal);
        var words = arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var destination = Path.GetFullPath(Path.Combine(workdir, words[^1]));
        foreach (var source in words[..^1])
        {
            var full = Path.Combine(Dockerfile.Root, source);
            Assert.True(File.Exists(full) || Directory.Exists(full), $"COPY {source}: not in the repository");
            Assert.False(Dockerfile.IsIgnored(source.TrimEnd('/')), $"COPY {source}: left out by .dockerignore");
            if (Directory.Exists(full))
            {
                foreach (var file in Directory.EnumerateFiles(full, "*", SearchOption.AllDirectories))
                {
                    var relative = Path.GetRelativePath(Dockerfile.Root, file);
                    if (!Dockerfile.IsIgnored(relative))
                    {
                        var target = Path.Combine(destination, Path.GetRelativePath(full, file));
                        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                        File.Copy(file, target, overwrite: true);
                        Copied.Add(relative);
                    }
                }
            }
            else
            {
                var target = words[^1].EndsWith('/') ? Path.Combine(destination, Path.GetFileName(full)) : destination;
                Directory.CreateDirectory(Path.GetDirectoryName(target)!);
                File.Copy(full, target, overwrite: true);
                Copied.Add(source);
            }
        }
    }
}

public sealed class DockerfileTests(DockerBuildStage build, ITestOutputHelper output) : IClassFixture<DockerBuildStage>
{
    private Dockerfile Docker => build.Dockerfile;

    [Fact]
    public void BuildsWithTheDotnet10SdkAndRunsOnTheAspNetCore10Runtime()
    {
        Assert.Equal(2, Docker.Stages.Count);
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", Docker.Build.Image);
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", Docker.Final.Image);
        var copyFromBuild = Assert.Single(Docker.Final.All("COPY"), c => c.StartsWith("--from=build", StringComparison.Ordinal));
        Assert.Contains(build.PublishedTo!, copyFromBuild, StringComparison.Ordinal);
    }

    [Fact]
    public void TheBuildStageRestoresAndPublishesFromExactlyWhatItCopies()
    {
        foreach (var (command, exitCode, text) in build.Runs)
        {
            output.WriteLine($"RUN {command}: exit {exitCode}");
            Assert.True(exitCode == 0, $"RUN {command} failed:\n{text}");
        }

        Assert.Contains(build.Runs, r => r.Command.StartsWith("dotnet publish bot -c Release", StringComparison.Ordinal));
        Assert.DoesNotContain(build.Copied, f => f.StartsWith("tests", StringComparison.Ordinal) || f.Contains("/bin/", StringComparison.Ordinal) || f.Contains("/obj/", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(build.Output, "dgbot.dll")));
        Assert.True(File.Exists(Path.Combine(build.Output, "appsettings.json")));

        // The entry point runs what was published.
        var entry = Dockerfile.CommandWords(Assert.Single(Docker.Final.All("ENTRYPOINT")));
        Assert.Equal("dotnet", entry[0]);
        Assert.Equal("dgbot.dll", Path.GetFileName(entry[1]));
        Assert.Equal(["serve"], Dockerfile.CommandWords(Assert.Single(Docker.Final.All("CMD"))));
    }

    [Fact]
    public void ThaiWorksInsideTheImage()
    {
        // Full ICU: nothing switches on invariant globalization, neither the build nor the image.
        var invariant = new Regex(@"InvariantGlobalization>\s*true|DOTNET_SYSTEM_GLOBALIZATION_INVARIANT\s*=\s*(1|true)", RegexOptions.IgnoreCase);
        Assert.DoesNotMatch(invariant, File.ReadAllText(Path.Combine(Docker.Root, "Dockerfile")));
        foreach (var file in new[] { "Directory.Build.props", "bot/DgBot.Bot.csproj", "core/DgBot.Core.csproj" })
        {
            Assert.DoesNotMatch(invariant, File.ReadAllText(Path.Combine(Docker.Root, file)));
        }

        using (var runtimeConfig = JsonDocument.Parse(File.ReadAllText(Path.Combine(build.Output, "dgbot.runtimeconfig.json"))))
        {
            var options = runtimeConfig.RootElement.GetProperty("runtimeOptions");
            if (options.TryGetProperty("configProperties", out var properties)
                && properties.TryGetProperty("System.Globalization.Invariant", out var value))
            {
                Assert.False(value.GetBoolean());
            }
        }

        // The aspnet:10.0 (Ubuntu) image carries ICU and tzdata; the Dockerfile installs tzdata and fontconfig all the same.
        var installs = string.Join(' ', Docker.Final.All("RUN"));
        Assert.Contains("tzdata", installs, StringComparison.Ordinal);
        Assert.Contains("libfontconfig1", installs, StringComparison.Ordinal);

        // The chart's Thai font ships with the bot and lands next to it in the image.
        var fonts = Path.Combine(Docker.Root, "bot", "Telegram", "Charts", "Fonts");
        if (Directory.Exists(fonts))
        {
            foreach (var font in Directory.GetFiles(fonts, "*.ttf"))
            {
                Assert.True(File.Exists(Path.Combine(build.Output, "Telegram", "Charts", "Fonts", Path.GetFileName(font))), Path.GetFileName(font) + " is not published");
            }
        }
    }

    [Fact]
    public void RunsAsANonRootUserWithTheDatabaseOnAVolume()
    {
        var user = Docker.Final.All("USER").Last();
        Assert.DoesNotMatch(@"^(root|0)(:|$)", user);
        Assert.Contains(Docker.Final.All("VOLUME"), v => v.Trim() == "/data" || v.Contains("\"/data\"", StringComparison.Ordinal));
        Assert.Contains(Docker.Final.All("ENV"), e => e.Contains("ConnectionStrings__DgBot=\"Data Source=/data/", StringComparison.Ordinal));
        Assert.Contains("8080", Assert.Single(Docker.Final.All("EXPOSE")), StringComparison.Ordinal);

        // The volume's folder is the app user's alone (the files in it are created 0600 by the bot itself).
        Assert.Contains(Docker.Final.All("RUN"), r => r.Contains("chmod 0700 /data", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheHealthcheckAsksHealthzAndFailsWhenTheBotIsDown()
    {
        var healthcheck = Assert.Single(Docker.Final.All("HEALTHCHECK"));
        var cmd = healthcheck[(healthcheck.IndexOf("CMD ", StringComparison.Ordinal) + 4)..];
        var words = Dockerfile.CommandWords(cmd);
        Assert.Equal(Dockerfile.CommandWords(Assert.Single(Docker.Final.All("ENTRYPOINT"))), words[..2]);
        var url = words[Array.IndexOf(words, "--url") + 1];
        Assert.EndsWith("/healthz", url, StringComparison.Ordinal);

        // The same command line (after the entry point) against a real bot, then against a port nobody listens on.
        await using var bot = await BotUnderTest.StartAsync();
        var healthy = words[2..].Select(w => w == url ? new Uri(bot.Http.BaseAddress!, "/healthz").ToString() : w).ToArray();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var exitCode = await DgBotCli.Build().Parse(healthy).InvokeAsync(new() { Output = stdout, Error = stderr });
        Assert.True(exitCode == 0, string.Join(" ", healthy) + ": " + stdout + stderr);
        Assert.Contains("\"database\":true", stdout.ToString(), StringComparison.Ordinal);

        var down = words[2..].Select(w => w == url ? "http://127.0.0.1:9/healthz" : w).ToArray();
        Assert.Equal(1, await DgBotCli.Build().Parse(down).InvokeAsync(new() { Output = stdout, Error = stderr }));
    }
}
