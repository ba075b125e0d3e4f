using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DgBot.Core.Answers;
using DgBot.Core.Content;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Tests.ConsoleChannel;

/// <summary>
/// Pipes scripted sessions into the real <c>dgbot chat</c> process (no Telegram or LINE settings) over a SQLite file
/// and checks the transcript and what was stored.
/// </summary>
public sealed class ChatProcessTests : IDisposable
{
    // Generous: a cold start of the process on a loaded two-core CI machine takes tens of seconds.
    private static readonly TimeSpan ProcessTimeout = TimeSpan.FromSeconds(180);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dgbot-chat-" + Guid.NewGuid().ToString("N"));
    private readonly string _dbPath;
    private readonly int _questionCount = SurveyCatalog.BuiltIn().Current.Questions.Count;

    public ChatProcessTests()
    {
        Directory.CreateDirectory(_folder);
        _dbPath = Path.Combine(_folder, "chat.db");
    }

    [Fact]
    public async Task ScriptedSessionAnswersByNumberRepeatsQuestionOnInvalidInputStoresAnswersAndResumesInNewProcess()
    {
        // Menu choice 1 starts the survey; question 1 (the website gate, single choice) gets "1"; question 2 gets "9",
        // which is outside its four options, then "2"; then the progress command.
        var first = await RunChatAsync("1", "1", "9", "2", "ความคืบหน้า");

        Assert.Contains(Messages.Format("console_demo_joined", Messages.Get("console_demo_agency")), first, StringComparison.Ordinal);
        Assert.Contains(Messages.Get("menu"), first, StringComparison.Ordinal);
        Assert.Contains(Header(1), first, StringComparison.Ordinal);
        Assert.Contains(Messages.Format("saved", 1), first, StringComparison.Ordinal);
        Assert.Contains(Messages.Format("saved", 2), first, StringComparison.Ordinal);

        // The invalid input says what is accepted, then the same question is shown again.
        var firstAsk = first.IndexOf(Header(2), StringComparison.Ordinal);
        var error = first.IndexOf(Messages.Format("error_choice_expected", 4), StringComparison.Ordinal);
        Assert.True(firstAsk >= 0 && error > firstAsk, "question 2 and then the 'choose 1–4' message are expected:\n" + first);
        var askedAgain = first.IndexOf(Header(2), error, StringComparison.Ordinal);
        var savedTwo = first.IndexOf(Messages.Format("saved", 2), StringComparison.Ordinal);
        Assert.True(askedAgain > error && savedTwo > askedAgain, "question 2 must be asked again after the error and answered after that:\n" + first);
        Assert.Equal(-1, first.IndexOf(Messages.Format("saved", 3), StringComparison.Ordinal));

        // "ความคืบหน้า" shows two answered questions.
        Assert.Matches(ProgressLine(answered: 2), first);

        await using (var db = OpenDatabase())
        {
            var answers = await db.Answers.AsNoTracking().ToDictionaryAsync(a => a.QuestionId, a => a.Value, StringComparer.OrdinalIgnoreCase);
            Assert.Equal(2, answers.Count);
            Assert.Equal(AnswerValue.Option("own").Serialize(), answers["DGP-6"]);
            Assert.Equal(AnswerValue.Option("partly").Serialize(), answers["DGP-1"]);
        }

        // A new process over the same file: already joined, "continue" resumes at the first unanswered question.
        var second = await RunChatAsync("1");

        Assert.DoesNotContain(Messages.Format("console_demo_joined", Messages.Get("console_demo_agency")), second, StringComparison.Ordinal);
        Assert.Contains(Messages.Get("menu_survey_continue"), second, StringComparison.Ordinal);
        Assert.Contains(Header(3), second, StringComparison.Ordinal);
        Assert.DoesNotContain(Header(1), second, StringComparison.Ordinal);
        Assert.DoesNotContain(Header(2), second, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskingForTheReportWritesThePdfBesideTheDatabaseAndPrintsItsPath()
    {
        var transcript = await RunChatAsync("1", "1", "ขอรายงาน");

        var match = Regex.Match(transcript, @"บันทึกรายงานของหน่วยงาน.+ไว้ที่ (?<path>\S+\.pdf)");
        Assert.True(match.Success, transcript);
        var path = match.Groups["path"].Value;
        Assert.Equal(Path.Combine(_folder, "reports"), Path.GetDirectoryName(path));
        Assert.Equal("%PDF", Encoding.Latin1.GetString((await File.ReadAllBytesAsync(path))[..4]));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(path));
        }
    }

    [Fact]
    public async Task OnANumberQuestionCommandsAreNamedSoATypedNumberIsAlwaysTheValueAndTypingLeaveEndsTheChat()
    {
        // Question 48 (2569.2) asks for a percentage. Its commands (ไม่ทราบ, คงคำตอบเดิม, ย้อนกลับ, …) are shown by name, not
        // numbered: "คงคำตอบเดิม" keeps 40, a typed 2 is 2%, and ออก leaves before the last line is read.
        var question = SurveyCatalog.BuiltIn().Current.Questions[47];
        Assert.Equal(Core.Questionnaires.QuestionType.Percent, question.Type);
        var transcript = await RunChatAsync("1", "แก้ข้อ 48", "40", "แก้ข้อ 48", "คงคำตอบเดิม", "แก้ข้อ 48", "2", "ออก", "แก้ข้อ 48");

        Assert.Contains(Messages.Get("console_how_to_leave"), transcript, StringComparison.Ordinal);
        Assert.Contains(Messages.Format("console_commands", string.Empty).TrimEnd(), transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(") " + Messages.Get("btn_keep"), transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(") " + Messages.Get("btn_dontknow"), transcript, StringComparison.Ordinal);
        Assert.DoesNotContain(") " + Messages.Get("btn_back"), transcript, StringComparison.Ordinal);
        Assert.Contains(Messages.Format("kept", 48), transcript, StringComparison.Ordinal);
        Assert.Contains(Messages.Get("console_bye"), transcript, StringComparison.Ordinal);
        var bye = transcript.IndexOf(Messages.Get("console_bye"), StringComparison.Ordinal);
        Assert.DoesNotContain(Header(48), transcript[bye..], StringComparison.Ordinal);

        await using var db = OpenDatabase();
        var stored = await db.Answers.AsNoTracking().SingleAsync(a => a.QuestionId == question.Id);
        Assert.Equal(AnswerValue.OfNumber(2).Serialize(), stored.Value);
        Assert.Equal(2, await db.AnswerAudits.CountAsync(a => a.QuestionId == question.Id));
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder does not affect other tests.
        }
    }

    private string Header(int number) => Messages.Format("question_header", number, _questionCount);

    /// <summary>The "answered n/m" line of the progress message, with any total.</summary>
    private static Regex ProgressLine(int answered)
    {
        var line = Messages.Get("progress").Split('\n').First(l => l.Contains("{1}", StringComparison.Ordinal));
        var pattern = Regex.Escape(line)
            .Replace(@"\{1}", answered.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace(@"\{2}", @"\d+", StringComparison.Ordinal);
        return new Regex(pattern, RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    private DgBotDbContext OpenDatabase()
    {
        var options = new DbContextOptionsBuilder<DgBotDbContext>();
        options.UseDgBotSqlite("Data Source=" + _dbPath + ";Pooling=False");
        return new DgBotDbContext(options.Options);
    }

    /// <summary>Runs <c>dotnet dgbot.dll chat</c>, writes the lines to its input, closes it and returns everything it printed.</summary>
    private async Task<string> RunChatAsync(params string[] lines)
    {
        var start = ChatStartInfo.Create(_folder, _dbPath, redirectError: true);
        using var process = Process.Start(start) ?? throw new InvalidOperationException("dgbot did not start");
        using var timeout = new CancellationTokenSource(ProcessTimeout);
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        foreach (var line in lines)
        {
            await process.StandardInput.WriteLineAsync(line);
        }

        process.StandardInput.Close();
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("dgbot chat did not finish within " + ProcessTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture) + " s");
        }

        var transcript = await stdout;
        var errors = await stderr;
        Assert.True(process.ExitCode == 0, "dgbot chat exited with " + process.ExitCode.ToString(CultureInfo.InvariantCulture) + ":\n" + errors + "\n" + transcript);
        return transcript;
    }
}
