using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using DgBot.Bot.Cli;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Tests.Cli;

public sealed class AgencyCliTests : IDisposable
{
    private readonly CliTestDatabase database = new();

    public void Dispose() => database.Dispose();

    [Fact]
    public async Task ImportsTheLampangSampleThenReimportChangesNothing()
    {
        var first = await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath);
        Assert.Equal(0, first.ExitCode);
        Assert.Contains("19 added, 0 updated, 0 unchanged, 0 rejected", first.Output, StringComparison.Ordinal);

        var second = await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("0 added, 0 updated, 19 unchanged, 0 rejected", second.Output, StringComparison.Ordinal);

        await using var db = database.NewContext();
        var agencies = await db.Agencies.OrderBy(a => a.Code).ToListAsync();
        Assert.Equal(Enumerable.Range(1, 19).Select(i => $"LPG-{i:00}"), agencies.Select(a => a.Code));
        Assert.All(agencies, a => Assert.Equal("ลำปาง", a.Province));
        Assert.Equal(19, agencies.Select(a => a.NameTh).Distinct().Count());
        Assert.Equal("ท้องถิ่น", agencies.Single(a => a.NameTh == "องค์การบริหารส่วนจังหวัดลำปาง").Type);
        Assert.Equal(18, agencies.Count(a => a.Type == "จังหวัด"));
    }

    [Fact]
    public async Task ReportsOneUpdatedRowWhenANameChanges()
    {
        await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath);
        var changed = (await File.ReadAllTextAsync(CliTestDatabase.SamplePath))
            .Replace("LPG-05,สำนักงานจัดหางานจังหวัดลำปาง", "LPG-05,สำนักงานจัดหางาน จ.ลำปาง", StringComparison.Ordinal);
        var file = database.WriteFile("changed.csv", changed);

        var result = await database.RunAsync("agencies", "import", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("0 added, 1 updated, 18 unchanged, 0 rejected", result.Output, StringComparison.Ordinal);
        Assert.Contains("updated: LPG-05", result.Output, StringComparison.Ordinal);
        Assert.Contains("renamed LPG-05: สำนักงานจัดหางานจังหวัดลำปาง → สำนักงานจัดหางาน จ.ลำปาง", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 agency renamed", result.Output, StringComparison.Ordinal);
        Assert.Contains("เปลี่ยนชื่อ 1", result.Output, StringComparison.Ordinal);
        await using var db = database.NewContext();
        Assert.Equal("สำนักงานจัดหางาน จ.ลำปาง", (await db.Agencies.SingleAsync(a => a.Code == "LPG-05")).NameTh);
    }

    [Fact]
    public async Task ReimportSaysWhichAgenciesWereRenamedOrRetypedAndCountsThem()
    {
        await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath);
        var changed = (await File.ReadAllTextAsync(CliTestDatabase.SamplePath))
            .Replace("LPG-01,สำนักงานจังหวัดลำปาง,", "LPG-01,ศาลากลางจังหวัดลำปาง,", StringComparison.Ordinal)
            .Replace("LPG-02,องค์การบริหารส่วนจังหวัดลำปาง,ลำปาง,ท้องถิ่น", "LPG-02,องค์การบริหารส่วนจังหวัดลำปาง,ลำปาง,อปท.", StringComparison.Ordinal)
            + "LPG-20,สำนักงานใหม่จังหวัดลำปาง,ลำปาง,จังหวัด\n";
        var file = database.WriteFile("changed.csv", changed);

        var result = await database.RunAsync("agencies", "import", file);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("changed.csv: 1 added, 2 updated, 17 unchanged, 0 rejected; 1 agency renamed", result.Output, StringComparison.Ordinal);
        Assert.Contains("(เพิ่ม 1 แก้ไข 2 เปลี่ยนชื่อ 1 ไม่เปลี่ยน 17 หน่วยงาน ปฏิเสธ 0 แถว)", result.Output, StringComparison.Ordinal);
        Assert.Contains("renamed LPG-01: สำนักงานจังหวัดลำปาง → ศาลากลางจังหวัดลำปาง (เปลี่ยนชื่อ)", result.Output, StringComparison.Ordinal);
        Assert.Contains("type of LPG-02: ท้องถิ่น → อปท.", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("renamed LPG-02", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("province of", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RejectsBadRowsNamingTheLineButImportsTheValidOnes()
    {
        var file = database.WriteFile("bad.csv", """
            code,name,province,type
            OK-1,"สำนักงาน, ทดสอบ",ลำปาง,จังหวัด
            ,ไม่มีรหัส,ลำปาง,จังหวัด
            BAD/CODE,รหัสผิด,ลำปาง,จังหวัด
            OK-2,,ลำปาง,จังหวัด
            OK-3,ไม่มีจังหวัด,,จังหวัด
            OK-1,ซ้ำ,ลำปาง,จังหวัด
            OK-4,ขาดคอลัมน์,ลำปาง
            """);

        var result = await database.RunAsync("agencies", "import", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("1 added, 0 updated, 0 unchanged, 6 rejected", result.Output, StringComparison.Ordinal);
        Assert.Contains("line 3: empty code", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 4: bad code 'BAD/CODE'", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 5: missing name", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 6: missing province", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 7: duplicate code 'OK-1' (first on line 2)", result.Error, StringComparison.Ordinal);
        Assert.Contains("line 8: expected 4 columns", result.Error, StringComparison.Ordinal);
        Assert.Contains("valid rows were imported", result.Error, StringComparison.Ordinal);
        await using var db = database.NewContext();
        var agency = Assert.Single(await db.Agencies.ToListAsync());
        Assert.Equal("สำนักงาน, ทดสอบ", agency.NameTh);
    }

    [Theory]
    [InlineData("missing.csv", null, "File not found")]
    [InlineData("empty.csv", "", "the file is empty")]
    [InlineData("noheader.csv", "LPG-01,สำนักงานจังหวัดลำปาง,ลำปาง,จังหวัด\n", "the header must be")]
    public async Task FailsOnAnUnusableFileWithAMessageAndNoStackTrace(string name, string? content, string message)
    {
        var file = content is null ? Path.Combine(database.Folder, name) : database.WriteFile(name, content);

        var result = await database.RunAsync("agencies", "import", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("Exception", result.Output + result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListsAgenciesInAnAlignedTableWithJoinedStaffCounts()
    {
        await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath);
        await using (var db = database.NewContext())
        {
            var lpg03 = await db.Agencies.SingleAsync(a => a.Code == "LPG-03");
            var now = new DateTime(2026, 11, 24, 3, 0, 0, DateTimeKind.Utc);
            var staff1 = new ChatUser(ChannelKind.Telegram, "1", "1", null, now);
            staff1.Join(lpg03.Id, UserRole.Staff, now);
            var staff2 = new ChatUser(ChannelKind.Line, "2", "2", null, now);
            staff2.Join(lpg03.Id, UserRole.Staff, now);
            var officer = new ChatUser(ChannelKind.Telegram, "3", "3", null, now);
            officer.Join(lpg03.Id, UserRole.Officer, now);
            db.ChatUsers.AddRange(staff1, staff2, officer, new ChatUser(ChannelKind.Telegram, "4", "4", null, now));
            await db.SaveChangesAsync();
        }

        var result = await database.RunAsync("agencies", "list");

        Assert.Equal(0, result.ExitCode);
        var lines = result.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.StartsWith("code", lines[0], StringComparison.Ordinal);
        var rows = lines.Where(l => l.StartsWith("LPG-", StringComparison.Ordinal)).ToList();
        Assert.Equal(19, rows.Count);
        Assert.EndsWith(" 2", rows.Single(r => r.StartsWith("LPG-03", StringComparison.Ordinal)), StringComparison.Ordinal);
        Assert.All(rows.Where(r => !r.StartsWith("LPG-03", StringComparison.Ordinal)), r => Assert.EndsWith(" 0", r, StringComparison.Ordinal));

        // Columns line up on screen: the province column starts at the same display column on every line,
        // although the Thai names differ in combining marks.
        var provinceColumn = TextTable.DisplayWidth(lines[0][..lines[0].IndexOf("province", StringComparison.Ordinal)]);
        Assert.All(rows, r => Assert.Equal(provinceColumn, TextTable.DisplayWidth(r[..r.IndexOf("  ลำปาง  ", StringComparison.Ordinal)]) + 2));
        Assert.Contains("19 agencies (19 หน่วยงาน)", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListFiltersByProvince()
    {
        await database.RunAsync("agencies", "import", CliTestDatabase.SamplePath);
        await database.RunAsync("agencies", "import", database.WriteFile("cmi.csv", "code,name,province,type\nCMI-01,สำนักงานจังหวัดเชียงใหม่,เชียงใหม่,จังหวัด\n"));

        var result = await database.RunAsync("agencies", "list", "--province", "เชียงใหม่");

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("CMI-01", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("LPG-", result.Output, StringComparison.Ordinal);
        Assert.Contains("1 agency (1 หน่วยงาน)", result.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("1 agencies", result.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ThaiDisplayWidthIgnoresVowelAndToneMarks()
    {
        Assert.Equal(4, TextTable.DisplayWidth("ใช้ได้"));
        Assert.Equal(5, TextTable.DisplayWidth("ลำปาง"));
        await Task.CompletedTask;
    }

    [Theory]
    [InlineData("agencies")]
    [InlineData("agencies", "import")]
    [InlineData("agencies", "list")]
    [InlineData("invites")]
    [InlineData("invites", "create")]
    [InlineData("invites", "list")]
    [InlineData("invites", "revoke")]
    public async Task EveryAdminCommandPrintsHelp(params string[] command)
    {
        var result = await database.RunAsync([.. command, "--help"]);

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("Usage:", result.Output, StringComparison.Ordinal);
        // The root is named after the process (testhost here, dgbot when installed).
        Assert.Contains(" " + string.Join(' ', command) + " ", result.Output, StringComparison.Ordinal);
        Assert.False(File.Exists(database.Path), "help must not touch the database");
    }

    [Fact]
    public async Task TheBuiltDgbotImportsTheSampleEndToEnd()
    {
        var dll = System.IO.Path.Combine(AppContext.BaseDirectory, "dgbot.dll");
        Assert.True(File.Exists(dll), $"dgbot.dll next to the tests: {dll}");

        var first = await RunProcessAsync(dll, "agencies", "import", CliTestDatabase.SamplePath);
        Assert.True(first.ExitCode == 0, first.Error);
        Assert.Contains("19 added, 0 updated, 0 unchanged, 0 rejected", first.Output, StringComparison.Ordinal);

        var list = await RunProcessAsync(dll, "agencies", "list", "--province", "ลำปาง");
        Assert.Equal(0, list.ExitCode);
        Assert.Contains("องค์การบริหารส่วนจังหวัดลำปาง", list.Output, StringComparison.Ordinal);

        var missing = await RunProcessAsync(dll, "agencies", "import", System.IO.Path.Combine(database.Folder, "nope.csv"));
        Assert.Equal(1, missing.ExitCode);
        Assert.Contains("File not found", missing.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", missing.Error, StringComparison.Ordinal);

        await using var db = database.NewContext();
        Assert.Equal(19, await db.Agencies.CountAsync());
    }

    private async Task<CliRun> RunProcessAsync(string dll, params string[] args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
        var start = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
            WorkingDirectory = database.Folder,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["ConnectionStrings__DgBot"] = database.ConnectionString;
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        return new CliRun(process.ExitCode, await output, await error);
    }
}

internal sealed record CliRun(int ExitCode, string Output, string Error);

/// <summary>A temporary SQLite file for one test, and a way to run `dgbot` in-process against it.</summary>
internal sealed class CliTestDatabase : IDisposable
{
    public CliTestDatabase(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        Folder = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"dgbot-admin-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Folder);
        Path = System.IO.Path.Combine(Folder, "dgbot.db");
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:DgBot"] = ConnectionString };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        Settings = settings;
    }

    public static string SamplePath { get; } = FindSample();

    public string Folder { get; }

    public string Path { get; }

    public string ConnectionString => $"Data Source={Path}";

    public IReadOnlyDictionary<string, string?> Settings { get; }

    public async Task<CliRun> RunAsync(params string[] args)
    {
        CliHost.Overrides = Settings;
        using var output = new StringWriter(CultureInfo.InvariantCulture);
        using var error = new StringWriter(CultureInfo.InvariantCulture);
        var exitCode = await DgBotCli.Build().Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error });
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    public DgBotDbContext NewContext()
    {
        var options = new DbContextOptionsBuilder<DgBotDbContext>();
        options.UseDgBotSqlite(ConnectionString);
        return new DgBotDbContext(options.Options);
    }

    public string WriteFile(string name, string content)
    {
        var file = System.IO.Path.Combine(Folder, name);
        File.WriteAllText(file, content, new UTF8Encoding(false));
        return file;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(Folder, recursive: true);
    }

    private static string FindSample()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = System.IO.Path.Combine(dir.FullName, "samples", "agencies-lampang.csv");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new FileNotFoundException("samples/agencies-lampang.csv not found above " + AppContext.BaseDirectory);
    }
}
