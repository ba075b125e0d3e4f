using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Agencies;

/// <summary>What an import did, row by row (codes), plus the rows it refused and why.</summary>
public sealed record AgencyImportResult(
    IReadOnlyList<string> Added,
    IReadOnlyList<string> Updated,
    IReadOnlyList<string> Unchanged,
    IReadOnlyList<RejectedRow> Rejected,
    string? Error = null,
    IReadOnlyList<AgencyChange>? Changes = null)
{
    public bool Succeeded => Error is null && Rejected.Count == 0;

    /// <summary>What changed for each updated agency, in file order.</summary>
    public IReadOnlyList<AgencyChange> Changes { get; init; } = Changes ?? [];

    /// <summary>The updated agencies whose name changed.</summary>
    public int Renamed => Changes.Count(c => c.Renamed);
}

/// <summary>An updated agency: its values before and after the import.</summary>
public sealed record AgencyChange(string Code, string OldName, string NewName, string OldProvince, string NewProvince, string OldType, string NewType)
{
    public bool Renamed => OldName != NewName;

    public bool Moved => OldProvince != NewProvince;

    public bool Retyped => OldType != NewType;
}

/// <summary>
/// Upserts agencies from the CSV by code: new codes are added, known codes get their name, province and type
/// updated when they differ. Works inside the caller's unit of work: the caller saves.
/// </summary>
public sealed class AgencyImporter(DgBotDbContext db, TimeProvider time)
{
    public async Task<AgencyImportResult> ImportAsync(string csvText, CancellationToken cancellationToken)
    {
        var parsed = AgencyCsv.Parse(csvText);
        if (parsed.Error is not null)
        {
            return new AgencyImportResult([], [], [], parsed.Rejected, parsed.Error);
        }

        var codes = parsed.Rows.Select(r => r.Code).ToList();
        var existing = await db.Agencies.Where(a => codes.Contains(a.Code))
            .ToDictionaryAsync(a => a.Code, StringComparer.Ordinal, cancellationToken)
            .ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        List<string> added = [], updated = [], unchanged = [];
        List<AgencyChange> changes = [];
        foreach (var row in parsed.Rows)
        {
            if (existing.TryGetValue(row.Code, out var agency))
            {
                var before = (agency.NameTh, agency.Province, agency.Type);
                if (agency.Update(row.Name, row.Province, row.Type))
                {
                    updated.Add(row.Code);
                    changes.Add(new AgencyChange(row.Code, before.NameTh, row.Name, before.Province, row.Province, before.Type, row.Type));
                }
                else
                {
                    unchanged.Add(row.Code);
                }

                continue;
            }

            db.Agencies.Add(new Agency(row.Code, row.Name, row.Province, row.Type, now));
            added.Add(row.Code);
        }

        return new AgencyImportResult(added, updated, unchanged, parsed.Rejected, Changes: changes);
    }
}
