using System.Globalization;
using DgBot.Core.Framework;

namespace DgBot.Bot.Cli;

/// <summary>
/// Reads a published score table for <c>dgbot report</c>: one <c>name,score</c> per line, an optional header line,
/// name = a dimension or sub-dimension code, English or Thai name (case-insensitive), score 0–100 or <c>-</c> (not scored).
/// A name holding a comma may be quoted, or left as is: the score is what follows the last comma. Every bad line is
/// reported (1-based line numbers), not only the first.
/// </summary>
internal static class ScoresCsv
{
    public sealed record Table(Dictionary<string, double?> Dimensions, Dictionary<string, double?> SubDimensions);

    public static Table Read(string path, ReadinessFramework framework) => Parse(AnswersFile.ReadText(path), path, framework);

    internal static Table Parse(string text, string path, ReadinessFramework framework)
    {
        var dims = new Dictionary<string, double?>(StringComparer.OrdinalIgnoreCase);
        var subs = new Dictionary<string, double?>(StringComparer.OrdinalIgnoreCase);
        var seen = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var lines = text.Split('\n');
        var firstContentLine = true;
        var errors = new List<string>();
        for (var i = 0; i < lines.Length; i++)
        {
            var lineNumber = i + 1;
            var line = lines[i].Trim().Trim('\uFEFF');
            if (line.Length == 0 || line.StartsWith('#'))
            {
                continue;
            }

            var at = $"{path}: line {lineNumber.ToString(CultureInfo.InvariantCulture)}";
            try
            {
                var isFirst = firstContentLine;
                firstContentLine = false;
                ParseLine(framework, line, lineNumber, at, isFirst, seen, dims, subs);
            }
            catch (CliInputException ex)
            {
                // Every bad line is reported, not only the first: fix the file once.
                errors.Add(ex.Message);
            }
        }

        if (errors.Count > 0)
        {
            throw AnswersFile.Errors(path, errors);
        }

        if (seen.Count == 0)
        {
            throw new CliInputException($"{path}: no scores in the file (expected lines of name,score)");
        }

        return new Table(dims, subs);
    }

    private static void ParseLine(
        ReadinessFramework framework,
        string line,
        int lineNumber,
        string at,
        bool isFirst,
        Dictionary<string, int> seen,
        Dictionary<string, double?> dims,
        Dictionary<string, double?> subs)
    {
        var (name, scoreText) = Split(line, at);
        var dimension = FindDimension(framework, name);
        var sub = dimension is null ? FindSubDimension(framework, name) : null;
        if (dimension is null && sub is null)
        {
            if (isFirst && !IsScore(scoreText))
            {
                return; // a header such as "name,score"
            }

            throw new CliInputException($"{at}: unknown dimension or sub-dimension \"{name}\"");
        }

        var code = dimension?.Code ?? sub!.Code;
        if (seen.TryGetValue(code, out var earlier))
        {
            throw new CliInputException($"{at}: \"{name}\" ({code}) was already given on line {earlier.ToString(CultureInfo.InvariantCulture)}");
        }

        seen[code] = lineNumber;
        var score = ParseScore(scoreText, at);
        var owner = dimension ?? framework.DimensionOf(sub!);
        if (score is not null && !owner.Scored)
        {
            throw new CliInputException($"{at}: {owner.NameEn} is not scored in this framework; write \"-\" for \"{name}\"");
        }

        if (dimension is not null)
        {
            dims[code] = score;
        }
        else
        {
            subs[code] = score;
        }
    }

    private static (string Name, string Score) Split(string line, string at)
    {
        string name, rest;
        if (line.StartsWith('"'))
        {
            var close = line.IndexOf('"', 1);
            while (close > 0 && close + 1 < line.Length && line[close + 1] == '"')
            {
                close = line.IndexOf('"', close + 2);
            }

            if (close < 0)
            {
                throw new CliInputException($"{at}: a quoted name is not closed");
            }

            name = line[1..close].Replace("\"\"", "\"", StringComparison.Ordinal);
            rest = line[(close + 1)..].TrimStart();
            if (!rest.StartsWith(','))
            {
                throw new CliInputException($"{at}: expected name,score");
            }

            rest = rest[1..];
        }
        else
        {
            var comma = line.LastIndexOf(',');
            if (comma < 0)
            {
                throw new CliInputException($"{at}: expected name,score");
            }

            name = line[..comma];
            rest = line[(comma + 1)..];
        }

        name = name.Trim();
        rest = rest.Trim().Trim('"').Trim();
        if (name.Length == 0)
        {
            throw new CliInputException($"{at}: the name is empty");
        }

        return (name, rest);
    }

    private static bool IsScore(string text) =>
        text == "-" || double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _);

    private static double? ParseScore(string text, string at)
    {
        if (text == "-")
        {
            return null;
        }

        if (!double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var score) || !double.IsFinite(score))
        {
            throw new CliInputException($"{at}: score \"{text}\" is not a number or \"-\"");
        }

        if (score is < 0 or > 100)
        {
            throw new CliInputException($"{at}: score {text} is outside 0–100");
        }

        return score;
    }

    private static Dimension? FindDimension(ReadinessFramework framework, string name) =>
        framework.FindDimension(name)
        ?? framework.Dimensions.FirstOrDefault(d => Same(d.NameEn, name) || Same(d.NameTh, name));

    private static SubDimension? FindSubDimension(ReadinessFramework framework, string name) =>
        framework.FindSubDimension(name)
        ?? framework.SubDimensions.FirstOrDefault(s => Same(s.NameEn, name) || Same(s.NameTh, name));

    private static bool Same(string a, string b) => string.Equals(a.Trim(), b, StringComparison.OrdinalIgnoreCase);
}
