using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Unicode;

namespace DgBot.Core.Reports;

/// <summary>The stable JSON form of <see cref="ScoreReport"/> (camelCase; nulls written as null; Thai written as Thai).</summary>
public static class ReportJson
{
    private static readonly ReportJsonContext Indented = new(Options(indented: true));
    private static readonly ReportJsonContext Compact = new(Options(indented: false));

    public static string Serialize(ScoreReport report, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(report);
        return JsonSerializer.Serialize(report, (indented ? Indented : Compact).ScoreReport);
    }

    public static ScoreReport? Deserialize(string json) => JsonSerializer.Deserialize(json, Compact.ScoreReport);

    /// <summary>
    /// Writes <c>"report"</c> (the report's JSON) and <c>"pending": null</c> into an object being written; without a
    /// report (a group below the minimum size), <c>"report": null</c> and <c>"pending"</c>: the sentence saying why.
    /// </summary>
    public static void WriteReportOrPending(Utf8JsonWriter json, ScoreReport? report, string pending)
    {
        ArgumentNullException.ThrowIfNull(json);
        if (report is null)
        {
            json.WriteNull("report");
            json.WriteString("pending", pending);
            return;
        }

        json.WritePropertyName("report");
        json.WriteRawValue(Serialize(report, indented: false), skipInputValidation: true);
        json.WriteNull("pending");
    }

    private static JsonSerializerOptions Options(bool indented) => new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        WriteIndented = indented,
        Encoder = JavaScriptEncoder.Create(UnicodeRanges.BasicLatin, UnicodeRanges.Thai),
    };
}

[JsonSerializable(typeof(ScoreReport))]
internal sealed partial class ReportJsonContext : JsonSerializerContext;
