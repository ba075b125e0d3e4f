using System.Text.Json;
using static DgBot.Bot.Tests.Cli.ScoreCliRunner;

namespace DgBot.Bot.Tests.Cli;

/// <summary>`dgbot report --scores FILE.csv`: the Lampang 2560 table reproduces the published conclusions.</summary>
public sealed class ScoreReportCommandTests : IDisposable
{
    private readonly ScoreCliRunner _files = new();

    public void Dispose() => _files.Dispose();

    [Fact]
    public void LampangTableGivesThePublishedConclusionsAsText()
    {
        var (exit, output, error) = Run("report", "--scores", TestData("lampang-2560.csv"));

        Assert.True(exit == 0, error);
        Assert.Equal(string.Empty, error);
        var lines = output.Split('\n').Select(l => l.TrimEnd('\r')).ToArray();
        Assert.Contains(lines, l => l.Contains("สูงสุด", StringComparison.Ordinal) && l.EndsWith("ระบบบริหารจัดการภายในรูปแบบอิเล็กทรอนิกส์ 45.8", StringComparison.Ordinal));
        Assert.Contains(lines, l => l.Contains("ต่ำสุด", StringComparison.Ordinal) && l.EndsWith("การบริการภาครัฐที่สะดวกและเข้าถึงได้ง่าย 28.6", StringComparison.Ordinal));
        Assert.Contains("▰▰▰▰▱▱▱▱▱▱ 45.8", lines);
        string[] improve =
        [
            "1) แผนการสานต่อภารกิจ",
            "2) ประสิทธิภาพในการจัดสรรงบประมาณ",
            "3) การจัดทำนโยบายตามแนวนโยบายระดับชาติ",
            "4) ความรู้เท่าทันและใช้เทคโนโลยีดิจิทัลเป็น",
            "5) การใช้ระบบสารสนเทศเพื่อการบูรณาการข้อมูล",
        ];
        string[] scores = ["5.9", "8.8", "11.8", "16.0", "19.6"];
        var previous = -1;
        for (var i = 0; i < improve.Length; i++)
        {
            var index = Array.FindIndex(lines, l => l.StartsWith(improve[i], StringComparison.Ordinal));
            Assert.True(index > previous, $"rank {i + 1} missing or out of order");
            Assert.EndsWith(" " + scores[i], lines[index], StringComparison.Ordinal);
            previous = index;
        }

        Assert.DoesNotContain(lines, l => l.StartsWith("6)", StringComparison.Ordinal));
        var tec = Array.FindIndex(lines, l => l.EndsWith(". เทคโนโลยีอัจฉริยะและการนำมาใช้", StringComparison.Ordinal));
        Assert.True(tec >= 0, "the Smart Technological Practices dimension line is missing");
        Assert.StartsWith("-", lines[tec + 1], StringComparison.Ordinal);
    }

    [Fact]
    public void LampangTableGivesThePublishedConclusionsAsJson()
    {
        var (exit, output, error) = Run("report", "--scores", TestData("lampang-2560.csv"), "--format", "json");

        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var root = doc.RootElement;
        Assert.Equal("Smart Back Office", root.GetProperty("highest").GetProperty("nameEn").GetString());
        Assert.Equal(45.8, root.GetProperty("highest").GetProperty("score").GetDouble());
        Assert.Equal("Public Services", root.GetProperty("lowest").GetProperty("nameEn").GetString());
        Assert.Equal(28.6, root.GetProperty("lowest").GetProperty("score").GetDouble());
        Assert.Equal(
            ["Leadership Continuity Plan 5.9", "Effective Allocation of the Budgets 8.8", "Policy Harmonization with National Policy Level 11.8", "Digital Literacy 16", "ERP Development 19.6"],
            root.GetProperty("improveFirst").EnumerateArray().Select(i =>
                i.GetProperty("nameEn").GetString() + " " + i.GetProperty("score").GetDouble().ToString(System.Globalization.CultureInfo.InvariantCulture)));
        var tec = root.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "TEC");
        Assert.Equal(JsonValueKind.Null, tec.GetProperty("score").ValueKind);
        Assert.Equal(33.2, root.GetProperty("dimensions").EnumerateArray().Single(d => d.GetProperty("code").GetString() == "POL").GetProperty("score").GetDouble());
        Assert.Equal(35.3, root.GetProperty("overall").GetDouble());
        Assert.False(root.GetProperty("provisional").GetBoolean());
        Assert.Equal(0, root.GetProperty("openQuestions").GetInt32());
    }

    [Fact]
    public void LetterFormatWritesTheSeedStyle()
    {
        var (exit, output, _) = Run("report", "--scores", TestData("lampang-2560.csv"), "--format", "letter");

        Assert.Equal(0, exit);
        Assert.Contains("หน่วยงานมีคะแนนสูงสุดในเรื่อง Smart Back Office", output, StringComparison.Ordinal);
        Assert.Contains("(ร้อยละ 45.8)", output, StringComparison.Ordinal);
        Assert.Contains("ควรเร่งปรับปรุง 5 อันดับ", output, StringComparison.Ordinal);
    }

    [Fact]
    public void AcceptsCodesAnyCaseWithoutHeaderAndComputesAMissingDimensionAsTheMeanOfItsSubs()
    {
        var path = _files.WriteFile("codes.csv", "rin,33.7\nDATA MANAGEMENT , 49.6\r\nBOF,45.8\n\n");
        var (exit, output, error) = Run("report", "--scores", path, "--format", "json");

        Assert.True(exit == 0, error);
        using var doc = JsonDocument.Parse(output);
        var dims = doc.RootElement.GetProperty("dimensions").EnumerateArray().ToDictionary(d => d.GetProperty("code").GetString()!, d => d.GetProperty("score"));
        Assert.Equal(41.7, dims["INF"].GetDouble()); // (33.7 + 49.6) / 2 = 41.65
        Assert.Equal(45.8, dims["BOF"].GetDouble());
        Assert.Equal(JsonValueKind.Null, dims["POL"].ValueKind);
        Assert.Equal("INF", doc.RootElement.GetProperty("lowest").GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("unknown.csv", "name,score\nDigital Leadership,61.2\nDigital Leadershipp,50\n", "line 3", "Digital Leadershipp")]
    [InlineData("nan.csv", "Digital Leadership,abc\n", "line 1", "abc")]
    [InlineData("high.csv", "# Lampang\nDigital Leadership,100.1\n", "line 2", "outside 0–100")]
    [InlineData("negative.csv", "Digital Leadership,-5\n", "line 1", "outside 0–100")]
    [InlineData("nocomma.csv", "name,score\nDigital Leadership 61.2\n", "line 2", "name,score")]
    [InlineData("twice.csv", "DLD,61.2\nDigital Leadership,50\n", "line 2", "already given on line 1")]
    [InlineData("unscored.csv", "Big Data Analytic/Predictive Analytic,40\n", "line 1", "not scored")]
    [InlineData("quote.csv", "\"IoT, AI,-\n", "line 1", "quoted")]
    [InlineData("empty.csv", "", "empty", null)]
    [InlineData("blank.csv", "  \n\n", "empty", null)]
    [InlineData("header.csv", "name,score\n", "no scores", null)]
    public void BadScoresFileExitsOneNamingTheLine(string name, string content, string where, string? what)
    {
        var path = _files.WriteFile(name, content);
        var (exit, output, error) = Run("report", "--scores", path);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        Assert.Contains(path, error, StringComparison.Ordinal);
        Assert.Contains(where, error, StringComparison.Ordinal);
        if (what is not null)
        {
            Assert.Contains(what, error, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("   at ", error, StringComparison.Ordinal);
        Assert.Single(error.Trim().Split('\n'));
    }

    [Fact]
    public void EveryBadLineOfTheScoresFileIsReportedNotOnlyTheFirst()
    {
        var path = _files.WriteFile("many.csv", "name,score\nDigital Leadership,abc\nDigital Leadership,61.2\nNo Such Thing,50\nSmart Back Office,101\n");
        var (exit, output, error) = Run("report", "--scores", path);

        Assert.Equal(1, exit);
        Assert.Equal(string.Empty, output);
        var lines = error.Trim().Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Equal(5, lines.Count);
        Assert.Contains(path + " has 4 errors", lines[0], StringComparison.Ordinal);
        Assert.Contains("line 2: score \"abc\"", lines[1], StringComparison.Ordinal);
        Assert.Contains("line 3: \"Digital Leadership\"", lines[2], StringComparison.Ordinal);
        Assert.Contains("already given on line 2", lines[2], StringComparison.Ordinal);
        Assert.Contains("line 4: unknown dimension or sub-dimension \"No Such Thing\"", lines[3], StringComparison.Ordinal);
        Assert.Contains("line 5: score 101 is outside 0–100", lines[4], StringComparison.Ordinal);
    }

    [Fact]
    public void MissingScoresFileExitsOne()
    {
        var (exit, _, error) = Run("report", "--scores", Path.Combine(Path.GetTempPath(), "no-such-dgbot-file.csv"));

        Assert.Equal(1, exit);
        Assert.Contains("file not found", error, StringComparison.Ordinal);
    }

    [Fact]
    public void MissingScoresOptionIsAUsageError()
    {
        var (exit, _, error) = Run("report");

        Assert.Equal(2, exit);
        Assert.Contains("--scores", error, StringComparison.Ordinal);
    }

    [Fact]
    public void UnknownFormatIsAUsageError()
    {
        var (exit, _, error) = Run("report", "--scores", TestData("lampang-2560.csv"), "--format", "xml");

        Assert.Equal(2, exit);
        Assert.Contains("--format", error, StringComparison.Ordinal);
    }
}
