using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using DgBot.Core.Answers;
using DgBot.Core.Content;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Questionnaires;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Tests.ConsoleChannel;

/// <summary>
/// A person walks the whole questionnaire in the real <c>dgbot chat</c> process, answering each question the moment
/// its prompt ("&gt; ") appears, with the input mix people use: option numbers, Thai digits, option texts typed with
/// an ordinary hyphen, several items for multiple choice then the confirm, numbers with a unit or a percent sign, ไม่ทราบ,
/// and commands in between (progress, help, back then keep). At the end every stored answer is what was meant and
/// every question shown was answered.
/// </summary>
public sealed partial class ConsoleWalkTests : IDisposable
{
    private static readonly TimeSpan StepTimeout = TimeSpan.FromSeconds(120);
    private static readonly string[] ThaiDigits = ["๐", "๑", "๒", "๓", "๔", "๕", "๖", "๗", "๘", "๙"];

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "dgbot-walk-" + Guid.NewGuid().ToString("N"));
    private readonly Questionnaire _questionnaire = SurveyCatalog.BuiltIn().Current;

    public ConsoleWalkTests() => Directory.CreateDirectory(_folder);

    [Fact]
    public async Task TheWholeQuestionnaireWithTheInputMixOfAPersonStoresWhatWasMeant()
    {
        var dbPath = Path.Combine(_folder, "walk.db");
        await using var chat = await ChatProcess.StartAsync(_folder, dbPath);
        var expected = new Dictionary<string, AnswerValue>(StringComparer.OrdinalIgnoreCase);
        var shown = new List<string>();
        var pendingConfirm = (string?)null;
        var wentBack = false;
        var style = 0;

        var block = await chat.ReadPromptAsync();
        Assert.Contains(Messages.Get("menu"), block, StringComparison.Ordinal);
        block = await chat.SendAsync("1");
        for (var step = 0; step < 400; step++)
        {
            var question = LastQuestion(block);
            if (question is null)
            {
                break;
            }

            if (pendingConfirm == question.Id)
            {
                // The ticks are shown again: confirm them as shown.
                pendingConfirm = null;
                block = await chat.SendAsync(Messages.Get(MessageKeys.BtnConfirmMulti));
                continue;
            }

            if (!shown.Contains(question.Id))
            {
                shown.Add(question.Id);
                var number = _questionnaire.IndexOf(question.Id) + 1;

                // Commands in between: each must end by showing the same question again.
                if (number % 9 == 0)
                {
                    var again = await chat.SendAsync(number % 2 == 0 ? "ความคืบหน้า" : "ช่วยเหลือ");
                    Assert.True(LastQuestion(again)?.Id == question.Id, $"after a command on {question.Id} the question is shown again:\n{again}");
                }
            }
            else if (expected.ContainsKey(question.Id))
            {
                // Shown after ย้อนกลับ with its stored answer: keep it.
                block = await chat.SendAsync(Messages.Get(MessageKeys.BtnKeep));
                continue;
            }

            if (!wentBack && expected.Count >= 4 && question.Type is QuestionType.Single or QuestionType.YesNo)
            {
                wentBack = true;
                block = await chat.SendAsync(Messages.Get(MessageKeys.BtnBack));
                continue;
            }

            var (input, meant, multi) = Answer(question, style++);
            expected[question.Id] = meant;
            if (multi)
            {
                pendingConfirm = question.Id;
            }

            block = await chat.SendAsync(input);
        }

        Assert.True(wentBack, "the walk went back once");
        Assert.Contains(Messages.Format(MessageKeys.ReviewComplete, expected.Count).Split('(')[0], block, StringComparison.Ordinal);
        await chat.SendAsync("ออก", expectPrompt: false);
        await chat.DisposeAsync();

        var options = new DbContextOptionsBuilder<DgBotDbContext>();
        options.UseDgBotSqlite("Data Source=" + dbPath + ";Pooling=False");
        await using var db = new DgBotDbContext(options.Options);
        var stored = await db.Answers.AsNoTracking().ToDictionaryAsync(a => a.QuestionId, a => AnswerValue.Deserialize(a.Value), StringComparer.OrdinalIgnoreCase);
        Assert.True(expected.Count >= 60, $"only {expected.Count} questions were shown: " + string.Join(", ", shown));
        Assert.Equal(expected.Keys.Order(StringComparer.OrdinalIgnoreCase), stored.Keys.Order(StringComparer.OrdinalIgnoreCase));
        var wrong = expected
            .Where(e => !Same(e.Value, stored[e.Key]))
            .Select(e => $"{e.Key}: meant {e.Value.Serialize()}, stored {stored[e.Key].Serialize()}")
            .ToList();
        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
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

    private static bool Same(AnswerValue a, AnswerValue b) =>
        a.DontKnow == b.DontKnow && a.Number == b.Number && a.Text == b.Text
        && a.OptionIds.Order(StringComparer.Ordinal).SequenceEqual(b.OptionIds.Order(StringComparer.Ordinal), StringComparer.Ordinal);

    /// <summary>What to type for a question, in one of several styles, and the answer that means.</summary>
    private static (string Input, AnswerValue Meant, bool Multi) Answer(Question question, int style)
    {
        if (question.AllowDontKnow && style % 11 == 5)
        {
            return (Messages.Get(MessageKeys.BtnDontknow), AnswerValue.Unknown, false);
        }

        switch (question.Type)
        {
            case QuestionType.Single or QuestionType.YesNo:
            {
                var i = (style * 7 + question.Id.Length) % question.Options.Count;
                var option = question.Options[i];
                var input = (style % 3) switch
                {
                    0 => (i + 1).ToString(CultureInfo.InvariantCulture),
                    1 => Thai(i + 1),
                    _ => option.Label.Replace('–', '-').Replace('—', '-'),
                };
                return (input, AnswerValue.Option(option.Id), false);
            }

            case QuestionType.Multi:
            {
                var picks = question.Options.Select((o, i) => (o, i)).Where(x => !x.o.Exclusive).Select(x => x.i).Where((_, k) => k % 2 == 0).Take(3).ToList();
                var input = (style % 3) switch
                {
                    0 => string.Join(", ", picks.Select(i => (i + 1).ToString(CultureInfo.InvariantCulture))),
                    1 => string.Join(" ", picks.Select(i => Thai(i + 1))),
                    _ => string.Join(", ", picks.Select(i => question.Options[i].Label.Replace('–', '-'))),
                };
                return (input, AnswerValue.Options(picks.Select(i => question.Options[i].Id)), true);
            }

            case QuestionType.Number:
            {
                var value = 3 + (style % 20);
                var input = style % 2 == 0 ? value.ToString(CultureInfo.InvariantCulture) + (question.Unit is { } unit ? " " + unit : string.Empty) : Thai(value);
                return (input, AnswerValue.OfNumber(value), false);
            }

            case QuestionType.Percent:
            {
                var value = 10 * (1 + (style % 9));
                var input = style % 2 == 0 ? value.ToString(CultureInfo.InvariantCulture) + " %" : Thai(value);
                return (input, AnswerValue.OfNumber(value), false);
            }

            default:
            {
                var text = "หน่วยงานดำเนินการแล้วตามแผนประจำปี ข้อ " + question.Id;
                return (text, AnswerValue.OfText(text), false);
            }
        }
    }

    private static string Thai(int value) =>
        string.Concat(value.ToString(CultureInfo.InvariantCulture).Select(c => ThaiDigits[c - '0']));

    /// <summary>The question whose header was printed last in <paramref name="block"/>, if any.</summary>
    private Question? LastQuestion(string block)
    {
        var matches = HeaderRegex().Matches(block);
        if (matches.Count == 0)
        {
            return null;
        }

        var number = int.Parse(matches[^1].Groups[1].Value, CultureInfo.InvariantCulture);
        return _questionnaire.Questions[number - 1];
    }

    [GeneratedRegex(@"ข้อ (\d+)/\d+  ")]
    private static partial Regex HeaderRegex();

    /// <summary>A running <c>dgbot chat</c>: each line sent returns what it printed up to the next "&gt; " prompt.</summary>
    private sealed class ChatProcess : IAsyncDisposable
    {
        private readonly Process _process;
        private readonly StringBuilder _pending = new();
        private readonly StringBuilder _transcript = new();
        private readonly char[] _buffer = new char[4096];

        private ChatProcess(Process process) => _process = process;

        public static Task<ChatProcess> StartAsync(string folder, string dbPath)
        {
            var start = ChatStartInfo.Create(folder, dbPath, redirectError: false);
            return Task.FromResult(new ChatProcess(Process.Start(start) ?? throw new InvalidOperationException("dgbot did not start")));
        }

        public async Task<string> SendAsync(string line, bool expectPrompt = true)
        {
            _transcript.Append(line).Append('\n');
            await _process.StandardInput.WriteLineAsync(line);
            await _process.StandardInput.FlushAsync();
            return expectPrompt ? await ReadPromptAsync() : string.Empty;
        }

        /// <summary>Everything printed until the chat waits for input again.</summary>
        public async Task<string> ReadPromptAsync()
        {
            using var timeout = new CancellationTokenSource(StepTimeout);
            while (true)
            {
                var text = _pending.ToString();
                if (text.EndsWith("\n> ", StringComparison.Ordinal) || text == "> ")
                {
                    _pending.Clear();
                    _transcript.Append(text);
                    return text;
                }

                int read;
                try
                {
                    read = await _process.StandardOutput.ReadAsync(_buffer, timeout.Token);
                }
                catch (OperationCanceledException)
                {
                    throw new TimeoutException("no prompt within " + StepTimeout.TotalSeconds + " s; the chat so far:\n" + _transcript + _pending);
                }

                if (read == 0)
                {
                    throw new InvalidOperationException("dgbot chat ended; the chat so far:\n" + _transcript + _pending);
                }

                _pending.Append(_buffer, 0, read);
            }
        }

        private bool _disposed;

        public async ValueTask DisposeAsync()
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            if (_process.HasExited)
            {
                _process.Dispose();
                return;
            }

            _process.StandardInput.Close();
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
            }

            _process.Dispose();
        }
    }
}
