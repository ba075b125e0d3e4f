using DgBot.Core.Data.Entities;

namespace DgBot.Core.Access;

/// <summary>Who is asking to see results: their role, the agency they joined (with its province) and whether they are an administrator.</summary>
/// <param name="Role">The role their invitation gave (<see cref="UserRole.None"/> before joining).</param>
/// <param name="AgencyId">The agency they joined, if any.</param>
/// <param name="Province">The province of that agency, if any.</param>
/// <param name="IsAdmin">Listed in the <c>Admins</c> setting.</param>
public readonly record struct Viewer(UserRole Role, int? AgencyId, string? Province, bool IsAdmin)
{
    public static Viewer Of(ChatUser user, bool isAdmin)
    {
        ArgumentNullException.ThrowIfNull(user);
        return new Viewer(user.Role, user.AgencyId, user.Agency?.Province, isAdmin);
    }
}

/// <summary>
/// The one rule for who may see which results. An agency's own result is confidential, as the survey promised: it goes
/// to that agency only, and the province receives the province-wide picture. Every flow that shows scores, answers, the
/// improve-first list or a report asks here, whatever the pressed button says:
/// <list type="bullet">
/// <item>administrators: every agency and every province;</item>
/// <item>staff: their own agency only (its report may compare it with the province's other agencies, see
/// <see cref="Reports.ResultsService"/> for the group-size rule), never the province picture, which with their own
/// score would give away the others' by difference;</item>
/// <item>officers: the picture of their province (averages, improve-first, who has submitted), never one agency's scores;</item>
/// <item>anyone else: nothing.</item>
/// </list>
/// The command line is run by an operator on the server and checks nothing; what it shows is written to the access log
/// like every other view (<see cref="AccessLog"/>).
/// </summary>
public static class ResultsAccess
{
    /// <summary>Whether <paramref name="viewer"/> may see the scores, answers and improve-first list of one agency.</summary>
    public static bool CanSeeAgency(Viewer viewer, int agencyId) =>
        viewer.IsAdmin || (viewer.Role == UserRole.Staff && viewer.AgencyId == agencyId);

    /// <inheritdoc cref="CanSeeAgency(Viewer, int)"/>
    public static bool CanSeeAgency(Viewer viewer, Agency agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return CanSeeAgency(viewer, agency.Id);
    }

    /// <summary>Whether <paramref name="viewer"/> may see a province's picture: its averages, improve-first list and which agencies have submitted.</summary>
    public static bool CanSeeProvince(Viewer viewer, string province) =>
        viewer.IsAdmin || (viewer.Role == UserRole.Officer && viewer.Province is not null && viewer.Province == province);
}
