using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using DgBot.Core.Framework;
using DgBot.Core.Reports.Exports;

namespace DgBot.Core.Reports.National;

/// <summary>
/// The national report as JSON (for other tools) and as spreadsheet tables (one sheet each): the same figures as the
/// document. Below the minimum group size a group has its counts and null (JSON) or empty cells (xlsx) for averages.
/// </summary>
public static class NationalExports
{
    /// <summary>
    /// <c>round</c>, <c>year</c>, <c>minimumGroupSize</c>, <c>national</c> (counts, <c>report</c> in ReportJson's shape
    /// with the improve-first list, or null with <c>pending</c>), and <c>provinces</c> and <c>types</c>: each
    /// <c>name</c>, <c>surveyed</c>, <c>submitted</c>, <c>responseRate</c>, <c>dimensions</c> (code → average or
    /// null) and <c>overall</c>, the averages null below the minimum.
    /// </summary>
    public static string Json(ReadinessFramework framework, NationalResults results)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(results);
        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            json.WriteStartObject();
            json.WriteString("round", results.RoundName);
            json.WriteNumber("year", results.BuddhistYear);
            json.WriteNumber("minimumGroupSize", results.MinimumGroupSize);
            json.WriteStartObject("national");
            Counts(json, results.Nation);
            ReportJson.WriteReportOrPending(json, results.Nation.Report, NationalDocument.Pending(results.MinimumGroupSize));

            json.WriteEndObject();
            Groups(json, "provinces", framework, results.Provinces);
            Groups(json, "types", framework, results.Types);
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>
    /// The sheets: <c>national</c> (every dimension and sub-dimension), <c>improve_first</c> (rank, score, guidance
    /// and actions), <c>provinces</c> and <c>agency_types</c> (counts, rate, dimension averages, overall).
    /// </summary>
    public static IReadOnlyList<ExportTable> Tables(ReadinessFramework framework, NationalResults results)
    {
        ArgumentNullException.ThrowIfNull(framework);
        ArgumentNullException.ThrowIfNull(results);
        var report = results.Nation.Report;
        var national = new List<IReadOnlyList<object?>>();
        foreach (var d in framework.Dimensions)
        {
            national.Add(["dimension", d.Code, d.NameEn, d.NameTh, report?.Dimensions.FirstOrDefault(x => x.Code == d.Code)?.Score]);
            foreach (var s in d.SubDimensions)
            {
                national.Add(["sub_dimension", s.Code, s.NameEn, s.NameTh, report?.SubDimensions.FirstOrDefault(x => x.Code == s.Code)?.Score]);
            }
        }

        national.Add(["overall", "overall", "Overall", "ค่าเฉลี่ยรวม", report?.Overall]);
        var improve = (report?.ImproveFirst ?? []).Select(i => (IReadOnlyList<object?>)[
            (double)i.Rank, i.Code, i.NameEn, i.NameTh, i.Score, i.Guidance.Summary, string.Join("\n", i.Guidance.Actions),
        ]).ToList();
        return
        [
            new ExportTable("national", ["level", "code", "name_en", "name_th", "score"], national),
            new ExportTable("improve_first", ["rank", "code", "name_en", "name_th", "score", "guidance", "actions"], improve),
            GroupTable("provinces", "province", framework, results.Provinces),
            GroupTable("agency_types", "agency_type", framework, results.Types),
        ];
    }

    private static ExportTable GroupTable(string sheet, string nameColumn, ReadinessFramework framework, IReadOnlyList<GroupResults> groups)
    {
        var codes = framework.Dimensions.Select(d => d.Code).ToList();
        var rows = groups.Select(g =>
        {
            var row = new List<object?> { NationalDocument.GroupName(g), (double)g.Surveyed, (double)g.Submitted, g.ResponseRate };
            row.AddRange(codes.Select(code => (object?)g.Report?.Dimensions.FirstOrDefault(d => d.Code == code)?.Score));
            row.Add(g.Report?.Overall);
            return (IReadOnlyList<object?>)row;
        }).ToList();
        return new ExportTable(sheet, [nameColumn, "surveyed", "submitted", "response_rate", .. codes, "overall"], rows);
    }

    private static void Counts(Utf8JsonWriter json, GroupResults group)
    {
        json.WriteNumber("surveyed", group.Surveyed);
        json.WriteNumber("submitted", group.Submitted);
        json.WriteNumber("responseRate", group.ResponseRate);
    }

    private static void Groups(Utf8JsonWriter json, string name, ReadinessFramework framework, IReadOnlyList<GroupResults> groups)
    {
        json.WriteStartArray(name);
        foreach (var g in groups)
        {
            json.WriteStartObject();
            json.WriteString("name", NationalDocument.GroupName(g));
            Counts(json, g);
            json.WriteStartObject("dimensions");
            foreach (var d in framework.Dimensions)
            {
                if (g.Report?.Dimensions.FirstOrDefault(x => x.Code == d.Code)?.Score is { } score)
                {
                    json.WriteNumber(d.Code, score);
                }
                else
                {
                    json.WriteNull(d.Code);
                }
            }

            json.WriteEndObject();
            if (g.Report?.Overall is { } overall)
            {
                json.WriteNumber("overall", overall);
            }
            else
            {
                json.WriteNull("overall");
            }

            json.WriteEndObject();
        }

        json.WriteEndArray();
    }
}
