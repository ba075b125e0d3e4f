namespace DgBot.Core.Tests.Framework;

/// <summary>One row of the framework table in shared/seed/framework-facts.md.</summary>
public sealed record FactsRow(string DimensionEn, string DimensionTh, string SubEn, string SubTh);

/// <summary>
/// Reads the framework table from shared/seed/framework-facts.md at test time, so the built-in
/// data is checked against the source facts rather than against a copy in the test.
/// The shared folder is found through DGBOT_SHARED_DIR or by walking up from the test binaries
/// to a directory that holds shared/seed/framework-facts.md.
/// </summary>
public static class FrameworkFacts
{
    private const string FactsRelativePath = "seed/framework-facts.md";

    public static string FindSharedDirectory()
    {
        var fromEnv = Environment.GetEnvironmentVariable("DGBOT_SHARED_DIR");
        if (!string.IsNullOrWhiteSpace(fromEnv))
        {
            if (!File.Exists(Path.Combine(fromEnv, FactsRelativePath)))
            {
                throw new InvalidOperationException($"DGBOT_SHARED_DIR is '{fromEnv}' but it has no {FactsRelativePath}");
            }

            return fromEnv;
        }

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared");
            if (File.Exists(Path.Combine(candidate, FactsRelativePath)))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException(
            $"No directory above {AppContext.BaseDirectory} contains shared/{FactsRelativePath}; set DGBOT_SHARED_DIR to the shared folder");
    }

    public static IReadOnlyList<FactsRow> ReadTable()
    {
        var lines = File.ReadAllLines(Path.Combine(FindSharedDirectory(), FactsRelativePath));
        var start = Array.FindIndex(lines, l => l.StartsWith("## The framework", StringComparison.Ordinal));
        if (start < 0)
        {
            throw new InvalidOperationException("framework-facts.md has no '## The framework' section");
        }

        var rows = new List<FactsRow>();
        string? dimEn = null, dimTh = null;
        foreach (var line in lines.Skip(start + 1).SkipWhile(l => !l.StartsWith('|')).TakeWhile(l => l.StartsWith('|')))
        {
            var cells = line.Split('|').Select(c => c.Trim()).ToArray();
            // cells: "", #, dimension, sub EN, sub TH, score, ""
            if (cells.Length < 6 || cells[3] == "Sub-dimension (EN)" || cells[3].StartsWith("---", StringComparison.Ordinal))
            {
                continue;
            }

            if (cells[2].Length > 0)
            {
                var names = cells[2].Split(" — ")[0].Split(" / ");
                dimEn = names[0].Trim();
                dimTh = names[1].Trim();
            }

            rows.Add(new FactsRow(
                dimEn ?? throw new InvalidOperationException("first table row has no dimension"),
                dimTh!,
                cells[3],
                cells[4]));
        }

        return rows;
    }
}
