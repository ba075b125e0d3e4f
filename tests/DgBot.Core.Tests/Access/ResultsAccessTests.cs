using DgBot.Core.Access;
using DgBot.Core.Data.Entities;

namespace DgBot.Core.Tests.Access;

/// <summary>
/// Who may see what: staff their own agency only; officers only their province's picture, never one agency's scores
/// (not even the agency whose invitation they used); administrators everything; anyone else nothing. Every cell of the
/// matrix is spelled out, so a rule that lets anyone see one more thing fails here.
/// </summary>
public sealed class ResultsAccessTests
{
    private const int OwnAgency = 1;
    private const int OtherAgencySameProvince = 2;
    private const int AgencyOfOtherProvince = 3;
    private const string Province = "ลำปาง";
    private const string OtherProvince = "ลำพูน";

    private static readonly string[] Viewers = ["staff", "officer", "admin", "stranger"];

    private static readonly string[] Targets = ["own agency", "other agency, same province", "agency of another province", "province aggregate", "another province's aggregate"];

    /// <summary>The only cells that are allowed; every other (viewer, target) pair must be refused.</summary>
    private static readonly HashSet<(string Viewer, string Target)> Allowed =
    [
        ("staff", "own agency"),
        ("officer", "province aggregate"),
        ("admin", "own agency"),
        ("admin", "other agency, same province"),
        ("admin", "agency of another province"),
        ("admin", "province aggregate"),
        ("admin", "another province's aggregate"),
    ];

    public static TheoryData<string, string> Matrix()
    {
        var data = new TheoryData<string, string>();
        foreach (var viewer in Viewers)
        {
            foreach (var target in Targets)
            {
                data.Add(viewer, target);
            }
        }

        return data;
    }

    private static Viewer Who(string viewer) => viewer switch
    {
        "staff" => new Viewer(UserRole.Staff, OwnAgency, Province, IsAdmin: false),
        "officer" => new Viewer(UserRole.Officer, OwnAgency, Province, IsAdmin: false),
        "admin" => new Viewer(UserRole.None, null, null, IsAdmin: true),
        _ => new Viewer(UserRole.None, null, null, IsAdmin: false),
    };

    private static bool CanSee(Viewer who, string target) => target switch
    {
        "own agency" => ResultsAccess.CanSeeAgency(who, OwnAgency),
        "other agency, same province" => ResultsAccess.CanSeeAgency(who, OtherAgencySameProvince),
        "agency of another province" => ResultsAccess.CanSeeAgency(who, AgencyOfOtherProvince),
        "province aggregate" => ResultsAccess.CanSeeProvince(who, Province),
        "another province's aggregate" => ResultsAccess.CanSeeProvince(who, OtherProvince),
        _ => throw new ArgumentOutOfRangeException(nameof(target), target, null),
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void FollowsTheRule(string viewer, string target) =>
        Assert.True(
            Allowed.Contains((viewer, target)) == CanSee(Who(viewer), target),
            $"{viewer} × {target}: expected {(Allowed.Contains((viewer, target)) ? "allowed" : "refused")}");

    [Fact]
    public void NoOfficerSeesAnyAgencyEvenTheOneTheyJoinedThrough()
    {
        var officer = Who("officer");
        foreach (var agency in new[] { OwnAgency, OtherAgencySameProvince, AgencyOfOtherProvince })
        {
            Assert.False(ResultsAccess.CanSeeAgency(officer, agency));
        }
    }

    [Fact]
    public void StaffNeverSeeTheProvincePictureWhichWithTheirOwnScoreWouldGiveAwayTheOthers()
    {
        Assert.False(ResultsAccess.CanSeeProvince(Who("staff"), Province));
    }

    [Fact]
    public void AnAdministratorWhoIsAlsoStaffSeesEverything()
    {
        var who = new Viewer(UserRole.Staff, OwnAgency, Province, IsAdmin: true);
        Assert.True(ResultsAccess.CanSeeAgency(who, AgencyOfOtherProvince));
        Assert.True(ResultsAccess.CanSeeProvince(who, OtherProvince));
    }

    [Fact]
    public void StaffWithoutAnAgencyAndOfficersWithoutAProvinceSeeNothing()
    {
        var staff = new Viewer(UserRole.Staff, null, null, IsAdmin: false);
        var officer = new Viewer(UserRole.Officer, null, null, IsAdmin: false);
        Assert.False(ResultsAccess.CanSeeAgency(staff, OwnAgency));
        Assert.False(ResultsAccess.CanSeeAgency(officer, OwnAgency));
        Assert.False(ResultsAccess.CanSeeProvince(officer, Province));
    }

    [Fact]
    public void TheViewerOfAPersonIsTheirRoleAndAgency()
    {
        var user = new ChatUser(DgBot.Core.Conversation.ChannelKind.Telegram, "1", "1", "สมชาย", DateTime.UnixEpoch);
        Assert.Equal(new Viewer(UserRole.None, null, null, IsAdmin: true), Viewer.Of(user, isAdmin: true));
        user.Join(7, UserRole.Officer, DateTime.UnixEpoch);
        Assert.Equal(new Viewer(UserRole.Officer, 7, null, IsAdmin: false), Viewer.Of(user, isAdmin: false));
    }
}
