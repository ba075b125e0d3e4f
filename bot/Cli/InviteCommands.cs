using System.CommandLine;
using System.Globalization;
using DgBot.Core.Agencies;
using DgBot.Core.Content;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Invitations;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Bot.Cli;

/// <summary><c>dgbot invites create|list|revoke</c>: invitation codes that let people join an agency.</summary>
public static class InviteCommands
{
    /// <summary>A staff code is usually shared in an agency's group chat; an officer code goes to one person.</summary>
    public const int DefaultStaffUses = 20;

    public const int DefaultOfficerUses = 1;

    public const int MaxUses = 10_000;

    public const string DefaultExpiresIn = "7d";

    public static readonly TimeSpan MaxExpiresIn = TimeSpan.FromDays(365);

    public static Command Create()
    {
        var command = new Command("invites", "รหัสเชิญเข้าร่วมหน่วยงาน: สร้าง แสดง และยกเลิก (invitation codes: create, list, revoke)");
        command.Subcommands.Add(CreateCreate());
        command.Subcommands.Add(CreateList());
        command.Subcommands.Add(CreateRevoke());
        return command;
    }

    /// <summary>Parses "7d", "12h" or "30m" (a positive whole number and a unit), up to 365 days.</summary>
    public static bool TryParseDuration(string? text, out TimeSpan duration)
    {
        duration = default;
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length < 2 || !int.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) || amount <= 0)
        {
            return false;
        }

        TimeSpan? parsed = char.ToLowerInvariant(trimmed[^1]) switch
        {
            'd' => TimeSpan.FromDays(amount),
            'h' => TimeSpan.FromHours(amount),
            'm' => TimeSpan.FromMinutes(amount),
            _ => null,
        };
        if (parsed is not { } value || value > MaxExpiresIn)
        {
            return false;
        }

        duration = value;
        return true;
    }

    /// <summary>Why <see cref="TryParseDuration"/> refused <paramref name="text"/>: a zero ("0d", "0h") is told the minimum.</summary>
    internal static string DurationProblem(string? text)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        var isZero = trimmed.Length >= 2 && "dhmDHM".Contains(trimmed[^1], StringComparison.Ordinal)
            && int.TryParse(trimmed.AsSpan(0, trimmed.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount) && amount == 0;
        return isZero ? AdminTexts.ExpiresInTooShort : AdminTexts.ExpiresInBad;
    }

    private static Command CreateCreate()
    {
        var agency = new Option<string>("--agency")
        {
            Description = "The agency's code, e.g. LPG-01 (see 'dgbot agencies list')",
            Required = true,
        };
        var role = new Option<string>("--role")
        {
            Description = "staff: answers for the agency; officer: reads the results of the agency's province",
            Required = true,
        };
        role.AcceptOnlyFromAmong("staff", "officer");
        var uses = new Option<int?>("--uses")
        {
            Description = string.Create(CultureInfo.InvariantCulture, $"How many people may join with the code (default: staff {DefaultStaffUses}, officer {DefaultOfficerUses})"),
        };
        uses.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } n && n is < 1 or > MaxUses)
            {
                result.AddError(string.Create(CultureInfo.InvariantCulture, $"--uses must be between 1 and {MaxUses}."));
            }
        });
        var expiresIn = new Option<string>("--expires-in")
        {
            Description = "How long the code stays valid: 7d, 12h or 30m (default 7d, at most 365d)",
            DefaultValueFactory = _ => DefaultExpiresIn,
        };
        expiresIn.Validators.Add(result =>
        {
            if (!TryParseDuration(result.GetValueOrDefault<string>(), out _))
            {
                result.AddError(DurationProblem(result.GetValueOrDefault<string>()));
            }
        });
        var command = new Command("create", "สร้างรหัสเชิญ; รหัสแสดงครั้งเดียว (create an invitation code; it is shown only once)")
        {
            agency, role, uses, expiresIn,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var agencyCode = parseResult.GetRequiredValue(agency);
            var userRole = parseResult.GetRequiredValue(role) == "officer" ? UserRole.Officer : UserRole.Staff;
            var maxUses = parseResult.GetValue(uses) ?? (userRole == UserRole.Officer ? DefaultOfficerUses : DefaultStaffUses);
            if (!TryParseDuration(parseResult.GetValue(expiresIn), out var validFor))
            {
                await error.WriteLineAsync(DurationProblem(parseResult.GetValue(expiresIn))).ConfigureAwait(false);
                return 1;
            }

            var host = await CliHost.StartAsync(cancellationToken).ConfigureAwait(false);
            using (host)
            {
                var scope = host.Services.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                    var found = await FindAgencyAsync(db, agencyCode, cancellationToken).ConfigureAwait(false);
                    if (found is null)
                    {
                        await error.WriteLineAsync($"Unknown agency '{agencyCode}': see 'dgbot agencies list'.").ConfigureAwait(false);
                        return 1;
                    }

                    var service = new InvitationService(db, scope.ServiceProvider.GetRequiredService<TimeProvider>());
                    var created = await service.CreateAsync(found, userRole, maxUses, validFor, cancellationToken).ConfigureAwait(false);
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);

                    var invitation = created.Invitation;
                    await output.WriteLineAsync(AdminTexts.InvitationCreated(invitation.Id, found.Code, found.NameTh, RoleName(userRole), maxUses)).ConfigureAwait(false);
                    await output.WriteLineAsync($"code:    {InvitationCodes.Format(created.Code)}").ConfigureAwait(false);
                    await output.WriteLineAsync($"expires: {InviteDates.Format(invitation.ExpiresUtc)} ({InviteDates.ZoneName})").ConfigureAwait(false);
                    var botUsername = host.Services.GetRequiredService<IConfiguration>()["Telegram:BotUsername"]?.Trim().TrimStart('@');
                    if (!string.IsNullOrEmpty(botUsername))
                    {
                        await output.WriteLineAsync($"link:    https://t.me/{botUsername}?start={created.Code}").ConfigureAwait(false);
                    }

                    await output.WriteLineAsync(AdminTexts.CodeShownOnce).ConfigureAwait(false);
                    return 0;
                }
            }
        });
        return command;
    }

    private static Command CreateList()
    {
        var agency = new Option<string?>("--agency")
        {
            Description = "Only the invitations of this agency code",
        };
        var all = new Option<bool>("--all")
        {
            Description = "Also expired, used-up and revoked invitations",
        };
        var command = new Command("list", "แสดงรหัสเชิญ (ไม่แสดงตัวรหัส) (list invitations, never their codes)")
        {
            agency, all,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var agencyCode = parseResult.GetValue(agency);
            var showAll = parseResult.GetValue(all);
            var host = await CliHost.StartAsync(cancellationToken).ConfigureAwait(false);
            using (host)
            {
                var scope = host.Services.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                    var now = scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
                    var query = db.Invitations.AsNoTracking().Include(i => i.Agency).AsQueryable();
                    if (!string.IsNullOrWhiteSpace(agencyCode))
                    {
                        var found = await FindAgencyAsync(db, agencyCode, cancellationToken).ConfigureAwait(false);
                        if (found is null)
                        {
                            await error.WriteLineAsync($"Unknown agency '{agencyCode}': see 'dgbot agencies list'.").ConfigureAwait(false);
                            return 1;
                        }

                        query = query.Where(i => i.AgencyId == found.Id);
                    }

                    if (!showAll)
                    {
                        query = query.Where(i => i.RevokedUtc == null && i.ExpiresUtc > now && i.Uses < i.MaxUses);
                    }

                    var invitations = await query.OrderBy(i => i.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
                    if (invitations.Count == 0)
                    {
                        await output.WriteLineAsync(showAll ? "No invitations." : "No usable invitations (use --all to see every one).").ConfigureAwait(false);
                        return 0;
                    }

                    var table = new TextTable("id", "agency", "role", "uses", "expires", "status", "hint");
                    foreach (var i in invitations)
                    {
                        table.Add(
                            i.Id.ToString(CultureInfo.InvariantCulture),
                            i.Agency?.Code ?? "?",
                            RoleName(i.Role),
                            string.Create(CultureInfo.InvariantCulture, $"{i.Uses}/{i.MaxUses}"),
                            InviteDates.Format(i.ExpiresUtc),
                            StatusLabel(i, now),
                            "…" + i.CodeHint);
                    }

                    await output.WriteAsync(table.Render()).ConfigureAwait(false);
                    await output.WriteLineAsync(AdminTexts.InvitationCount(invitations.Count, InviteDates.ZoneName)).ConfigureAwait(false);
                    return 0;
                }
            }
        });
        return command;
    }

    private static Command CreateRevoke()
    {
        var id = new Argument<int>("ID")
        {
            Description = "The invitation's id (see 'dgbot invites list')",
        };
        var command = new Command("revoke", "ยกเลิกรหัสเชิญ; ผู้ที่เข้าร่วมแล้วยังอยู่ต่อ (revoke an invitation; people who already joined stay)")
        {
            id,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var output = parseResult.InvocationConfiguration.Output;
            var error = parseResult.InvocationConfiguration.Error;
            var invitationId = parseResult.GetValue(id);
            var host = await CliHost.StartAsync(cancellationToken).ConfigureAwait(false);
            using (host)
            {
                var scope = host.Services.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    var db = scope.ServiceProvider.GetRequiredService<DgBotDbContext>();
                    var invitation = await db.Invitations.Include(i => i.Agency)
                        .FirstOrDefaultAsync(i => i.Id == invitationId, cancellationToken)
                        .ConfigureAwait(false);
                    if (invitation is null)
                    {
                        await error.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"No invitation with id {invitationId}: see 'dgbot invites list --all'.")).ConfigureAwait(false);
                        return 1;
                    }

                    if (invitation.RevokedUtc is { } revokedUtc)
                    {
                        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Invitation {invitationId} was already revoked on {InviteDates.Format(revokedUtc)}.")).ConfigureAwait(false);
                        return 0;
                    }

                    invitation.Revoke(scope.ServiceProvider.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
                    await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                    await output.WriteLineAsync(AdminTexts.InvitationRevoked(invitationId, invitation.Agency?.Code, RoleName(invitation.Role), invitation.CodeHint)).ConfigureAwait(false);
                    return 0;
                }
            }
        });
        return command;
    }

    /// <summary>Finds an agency by its code, as typed or upper-cased (imported codes are upper-case).</summary>
    internal static async Task<Agency?> FindAgencyAsync(DgBotDbContext db, string code, CancellationToken cancellationToken)
    {
        var typed = code.Trim();
        var normalized = AgencyCsv.NormalizeCode(typed);
        return await db.Agencies.FirstOrDefaultAsync(a => a.Code == typed || a.Code == normalized, cancellationToken).ConfigureAwait(false);
    }

    internal static string RoleName(UserRole role) => role switch
    {
        UserRole.Staff => "staff",
        UserRole.Officer => "officer",
        _ => "none",
    };

    /// <summary>Revoked wins over used-up, which wins over expired.</summary>
    internal static string StatusLabel(Invitation invitation, DateTime utcNow)
    {
        if (invitation.RevokedUtc is not null)
        {
            return InvitationStatusLabels.Revoked;
        }

        if (invitation.Uses >= invitation.MaxUses)
        {
            return InvitationStatusLabels.UsedUp;
        }

        return utcNow >= invitation.ExpiresUtc ? InvitationStatusLabels.Expired : InvitationStatusLabels.Usable;
    }
}

/// <summary>The status words of <c>dgbot invites list</c> (short administrative labels).</summary>
internal static class InvitationStatusLabels
{
    public const string Usable = "ใช้ได้";
    public const string Expired = "หมดอายุ";
    public const string UsedUp = "ใช้ครบ";
    public const string Revoked = "ยกเลิก";
}

/// <summary>
/// Expiry times for the administrator, "30 พ.ย. 2569 14:00": the shared <see cref="ThaiDates"/> (Buddhist era,
/// Asia/Bangkok) without the trailing "น." so the list stays narrow.
/// </summary>
internal static class InviteDates
{
    public const string ZoneName = "Asia/Bangkok";

    public static string Format(DateTime utc) => ThaiDates.ToBangkok(utc).ToString("d MMM yyyy HH:mm", ThaiDates.Thai);
}
