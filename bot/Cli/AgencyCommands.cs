using System.CommandLine;
using System.Globalization;
using System.Text;
using DgBot.Core.Agencies;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Cli;

/// <summary><c>dgbot agencies import FILE.csv</c> and <c>dgbot agencies list [--province P]</c>.</summary>
public static class AgencyCommands
{
    public static Command Create()
    {
        var command = new Command("agencies", "หน่วยงาน: นำเข้าและแสดงรายการ (agencies: import and list)");
        command.Subcommands.Add(CreateImport());
        command.Subcommands.Add(CreateList());
        return command;
    }

    private static Command CreateImport()
    {
        var file = new Argument<FileInfo>("FILE")
        {
            Description = "CSV file, UTF-8, header 'code,name,province,type'",
        };
        var command = new Command("import", "นำเข้าหน่วยงานจากไฟล์ CSV; นำเข้าซ้ำได้โดยไม่เปลี่ยนอะไร (import agencies from a CSV file; idempotent)")
        {
            file,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var path = parseResult.GetValue(file);
            if (path is null || !path.Exists)
            {
                await error.WriteLineAsync($"File not found: {path?.FullName ?? "(none)"}").ConfigureAwait(false);
                return 1;
            }

            string text;
            try
            {
                text = await File.ReadAllTextAsync(path.FullName, new UTF8Encoding(false, throwOnInvalidBytes: true), cancellationToken).ConfigureAwait(false);
            }
            catch (DecoderFallbackException)
            {
                await error.WriteLineAsync($"{path.Name}: not valid UTF-8; save the file as UTF-8 (with or without BOM) and try again.").ConfigureAwait(false);
                return 1;
            }
            catch (IOException ex)
            {
                await error.WriteLineAsync($"{path.Name}: cannot read the file ({ex.Message}).").ConfigureAwait(false);
                return 1;
            }
            catch (UnauthorizedAccessException ex)
            {
                await error.WriteLineAsync($"{path.Name}: cannot read the file ({ex.Message}).").ConfigureAwait(false);
                return 1;
            }

            if (AgencyCsv.Parse(text).Error is { } fileError)
            {
                await error.WriteLineAsync($"{path.Name}: {fileError}. " + AdminTexts.NothingImported).ConfigureAwait(false);
                return 1;
            }

            var host = await CliHost.StartAsync(cancellationToken).ConfigureAwait(false);
            using (host)
            {
                var scope = host.Services.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                    var importer = new AgencyImporter(db, scope.ServiceProvider.GetRequiredService<TimeProvider>());
                    var result = await importer.ImportAsync(text, cancellationToken).ConfigureAwait(false);
                    if (result.Error is not null)
                    {
                        await error.WriteLineAsync($"{path.Name}: {result.Error}. " + AdminTexts.NothingImported).ConfigureAwait(false);
                        return 1;
                    }

                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync(AdminTexts.ImportSummary(
                        path.Name, result.Added.Count, result.Updated.Count, result.Renamed, result.Unchanged.Count, result.Rejected.Count)).ConfigureAwait(false);
                    if (result.Updated.Count > 0)
                    {
                        await output.WriteLineAsync($"updated: {string.Join(", ", result.Updated)}").ConfigureAwait(false);
                    }

                    // A changed name is the surprise worth seeing: people of that agency see the new one at once.
                    foreach (var change in result.Changes)
                    {
                        if (change.Renamed)
                        {
                            await output.WriteLineAsync(AdminTexts.Renamed(change.Code, change.OldName, change.NewName)).ConfigureAwait(false);
                        }

                        if (change.Moved)
                        {
                            await output.WriteLineAsync(AdminTexts.Moved(change.Code, change.OldProvince, change.NewProvince)).ConfigureAwait(false);
                        }

                        if (change.Retyped)
                        {
                            await output.WriteLineAsync(AdminTexts.Retyped(change.Code, change.OldType, change.NewType)).ConfigureAwait(false);
                        }
                    }

                    if (result.Rejected.Count == 0)
                    {
                        return 0;
                    }

                    foreach (var rejected in result.Rejected)
                    {
                        await error.WriteLineAsync($"rejected {rejected}").ConfigureAwait(false);
                    }

                    await error.WriteLineAsync(AdminTexts.ValidRowsImported).ConfigureAwait(false);
                    return 1;
                }
            }
        });
        return command;
    }

    private static Command CreateList()
    {
        var province = new Option<string?>("--province")
        {
            Description = "Only the agencies of this province (e.g. ลำปาง)",
        };
        var command = new Command("list", "แสดงรายการหน่วยงานและจำนวนเจ้าหน้าที่ที่เข้าร่วม (list agencies with the number of staff who joined)")
        {
            province,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var onlyProvince = parseResult.GetValue(province)?.Trim();
            var host = await CliHost.StartAsync(cancellationToken).ConfigureAwait(false);
            using (host)
            {
                var scope = host.Services.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                    var query = db.Agencies.AsNoTracking();
                    if (!string.IsNullOrEmpty(onlyProvince))
                    {
                        query = query.Where(a => a.Province == onlyProvince);
                    }

                    var rows = await query
                        .OrderBy(a => a.Province).ThenBy(a => a.Code)
                        .Select(a => new
                        {
                            a.Code,
                            a.NameTh,
                            a.Province,
                            a.Type,
                            Staff = db.ChatUsers.Count(u => u.AgencyId == a.Id && u.Role == UserRole.Staff && u.JoinedUtc != null),
                        })
                        .ToListAsync(cancellationToken)
                        .ConfigureAwait(false);
                    if (rows.Count == 0)
                    {
                        await output.WriteLineAsync(string.IsNullOrEmpty(onlyProvince)
                            ? AdminTexts.NoAgencies
                            : $"No agencies in province '{onlyProvince}'.").ConfigureAwait(false);
                        return 0;
                    }

                    var table = new TextTable("code", "name", "province", "type", "staff");
                    foreach (var row in rows)
                    {
                        table.Add(row.Code, row.NameTh, row.Province, row.Type, row.Staff.ToString(CultureInfo.InvariantCulture));
                    }

                    await output.WriteAsync(table.Render()).ConfigureAwait(false);
                    await output.WriteLineAsync(AdminTexts.AgencyCount(rows.Count)).ConfigureAwait(false);
                    return 0;
                }
            }
        });
        return command;
    }
}
