using System.Globalization;
using System.Text;

namespace DgBot.Core.Agencies;

/// <summary>A valid agency row of an import file; <see cref="Line"/> is the 1-based line where the row starts.</summary>
public sealed record AgencyRow(int Line, string Code, string Name, string Province, string Type);

/// <summary>A row that was not imported, with the line it starts on and why.</summary>
public sealed record RejectedRow(int Line, string Reason)
{
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"line {Line}: {Reason}");
}

/// <summary>The rows of an agency file. <see cref="Error"/> is set when the file as a whole is unusable (empty, no header).</summary>
public sealed record AgencyCsvParseResult(IReadOnlyList<AgencyRow> Rows, IReadOnlyList<RejectedRow> Rejected, string? Error = null);

/// <summary>
/// Parses the agency CSV: a header naming <c>code,name,province,type</c> (any order), then one agency per row. UTF-8 with
/// or without BOM, comma-separated, fields optionally in double quotes (commas, line breaks and doubled quotes inside).
/// Pure: no I/O, no database.
/// </summary>
public static class AgencyCsv
{
    public const int MaxCodeLength = 64;
    public const int MaxNameLength = 300;
    public const int MaxProvinceLength = 100;
    public const int MaxTypeLength = 100;

    public static readonly IReadOnlyList<string> Columns = ["code", "name", "province", "type"];

    /// <summary>True for 1–64 characters of A–Z, a–z, 0–9, '-' and '_'.</summary>
    public static bool IsValidCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Length is > 0 and <= MaxCodeLength && code.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
    }

    /// <summary>Codes are stored upper-case so that "lpg-01" and "LPG-01" are the same agency.</summary>
    public static string NormalizeCode(string code)
    {
        ArgumentNullException.ThrowIfNull(code);
        return code.Trim().ToUpperInvariant();
    }

    public static AgencyCsvParseResult Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length > 0 && text[0] == '\uFEFF')
        {
            text = text[1..];
        }

        var records = ReadRecords(text).Where(r => !r.IsBlank).ToList();
        if (records.Count == 0)
        {
            return new AgencyCsvParseResult([], [], "the file is empty: expected a header line 'code,name,province,type' and one agency per line");
        }

        var header = records[0];
        var index = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < header.Fields.Count; i++)
        {
            index.TryAdd(header.Fields[i].Trim(), i);
        }

        var missing = Columns.Where(c => !index.ContainsKey(c)).ToList();
        if (missing.Count > 0 || header.Fields.Count != Columns.Count)
        {
            return new AgencyCsvParseResult([], [], string.Create(
                CultureInfo.InvariantCulture,
                $"line {header.Line}: the header must be 'code,name,province,type' (found '{string.Join(',', header.Fields)}')"));
        }

        var rows = new List<AgencyRow>();
        var rejected = new List<RejectedRow>();
        var firstLineOfCode = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var record in records.Skip(1))
        {
            var reason = Validate(record, index, out var row);
            if (reason is null && row is not null && firstLineOfCode.TryGetValue(row.Code, out var first))
            {
                reason = string.Create(CultureInfo.InvariantCulture, $"duplicate code '{row.Code}' (first on line {first})");
            }

            if (reason is not null || row is null)
            {
                rejected.Add(new RejectedRow(record.Line, reason ?? "invalid row"));
                continue;
            }

            firstLineOfCode[row.Code] = row.Line;
            rows.Add(row);
        }

        return new AgencyCsvParseResult(rows, rejected);
    }

    private static string? Validate(Record record, Dictionary<string, int> index, out AgencyRow? row)
    {
        row = null;
        if (record.UnterminatedQuote)
        {
            return "a quoted field is not closed (missing '\"')";
        }

        if (record.Fields.Count != Columns.Count)
        {
            return string.Create(CultureInfo.InvariantCulture, $"expected {Columns.Count} columns (code,name,province,type), found {record.Fields.Count}");
        }

        var rawCode = record.Fields[index["code"]].Trim();
        var name = record.Fields[index["name"]].Trim();
        var province = record.Fields[index["province"]].Trim();
        var type = record.Fields[index["type"]].Trim();
        if (rawCode.Length == 0)
        {
            return "empty code";
        }

        if (!IsValidCode(rawCode))
        {
            return string.Create(CultureInfo.InvariantCulture, $"bad code '{rawCode}': use 1-{MaxCodeLength} characters A-Z, a-z, 0-9, '-' or '_'");
        }

        if (name.Length == 0)
        {
            return "missing name";
        }

        if (province.Length == 0)
        {
            return "missing province";
        }

        if (name.Length > MaxNameLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"name longer than {MaxNameLength} characters");
        }

        if (province.Length > MaxProvinceLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"province longer than {MaxProvinceLength} characters");
        }

        if (type.Length > MaxTypeLength)
        {
            return string.Create(CultureInfo.InvariantCulture, $"type longer than {MaxTypeLength} characters");
        }

        row = new AgencyRow(record.Line, NormalizeCode(rawCode), name, province, type);
        return null;
    }

    private sealed record Record(int Line, IReadOnlyList<string> Fields, bool UnterminatedQuote)
    {
        public bool IsBlank => Fields.Count == 1 && string.IsNullOrWhiteSpace(Fields[0]);
    }

    /// <summary>Splits RFC 4180 records, remembering the line each starts on.</summary>
    private static IEnumerable<Record> ReadRecords(string text)
    {
        var line = 1;
        var pos = 0;
        while (pos < text.Length)
        {
            var startLine = line;
            var fields = new List<string>();
            var field = new StringBuilder();
            var inQuotes = false;
            var endOfRecord = false;
            while (pos < text.Length && !endOfRecord)
            {
                var c = text[pos];
                if (inQuotes)
                {
                    if (c == '"')
                    {
                        if (pos + 1 < text.Length && text[pos + 1] == '"')
                        {
                            field.Append('"');
                            pos += 2;
                            continue;
                        }

                        inQuotes = false;
                    }
                    else
                    {
                        if (c == '\n')
                        {
                            line++;
                        }

                        field.Append(c);
                    }

                    pos++;
                    continue;
                }

                switch (c)
                {
                    case '"' when field.ToString().Trim().Length == 0:
                        field.Clear();
                        inQuotes = true;
                        break;
                    case ',':
                        fields.Add(field.ToString());
                        field.Clear();
                        break;
                    case '\r':
                        break;
                    case '\n':
                        line++;
                        endOfRecord = true;
                        break;
                    default:
                        field.Append(c);
                        break;
                }

                pos++;
            }

            fields.Add(field.ToString());
            yield return new Record(startLine, fields, inQuotes);
        }
    }
}
