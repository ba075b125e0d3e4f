namespace DgBot.Bot.Cli;

/// <summary>Writes rows through <see cref="TextTable"/> (which lines up Thai text).</summary>
internal static class Table
{
    public static async Task WriteAsync(TextWriter output, string[] headers, IEnumerable<string[]> rows)
    {
        var table = new TextTable(headers);
        foreach (var row in rows)
        {
            table.Add(row);
        }

        await output.WriteAsync(table.Render()).ConfigureAwait(false);
    }
}
