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
/// The one rule for who may see which results (agency results are confidential: the survey promises it). Every flow
/// that shows scores or the improve-first list asks here, whatever the pressed button says:
/// <list type="bullet">
/// <item>administrators: every agency and every province;</item>
/// <item>staff: their own agency only;</item>
/// <item>officers: the agencies of their province and the province average;</item>
/// <item>anyone else: nothing.</item>
/// </list>
/// The command line (<c>dgbot status</c>, <c>score</c>, <c>report</c>) is run by an operator on the server and checks nothing.
/// </summary>
public static class ResultsAccess
{
    /// <summary>Whether <paramref name="viewer"/> may see the scores and improve-first list of one agency.</summary>
    public static bool CanSeeAgency(Viewer viewer, int agencyId, string province) =>
        viewer.IsAdmin
        || (viewer.Role == UserRole.Staff && viewer.AgencyId == agencyId)
        || (viewer.Role == UserRole.Officer && viewer.Province is not null && viewer.Province == province);

    /// <inheritdoc cref="CanSeeAgency(Viewer, int, string)"/>
    public static bool CanSeeAgency(Viewer viewer, Agency agency)
    {
        ArgumentNullException.ThrowIfNull(agency);
        return CanSeeAgency(viewer, agency.Id, agency.Province);
    }

    /// <summary>Whether <paramref name="viewer"/> may see a province's average (and list its agencies).</summary>
    public static bool CanSeeProvince(Viewer viewer, string province) =>
        viewer.IsAdmin || (viewer.Role == UserRole.Officer && viewer.Province is not null && viewer.Province == province);
}
