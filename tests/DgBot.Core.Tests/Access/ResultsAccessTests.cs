using DgBot.Core.Access;
using DgBot.Core.Data.Entities;

namespace DgBot.Core.Tests.Access;

/// <summary>
/// Who may see what, as the rule stands today: staff their own agency; officers every agency of their province and its
/// average; administrators everything; anyone else nothing.
/// </summary>
public sealed class ResultsAccessTests
{
    private const int OwnAgency = 1;
    private const int OtherAgencySameProvince = 2;
    private const int AgencyOfOtherProvince = 3;
    private const string Province = "ลำปาง";
    private const string OtherProvince = "ลำพูน";

    public static TheoryData<string, string, bool> Matrix => new()
    {
        // viewer, what, allowed
        { "staff", "own agency", true },
        { "staff", "other agency, same province", false },
        { "staff", "agency of another province", false },
        { "staff", "province average", false },
        { "staff", "another province's average", false },
        { "officer", "own agency", true },
        { "officer", "other agency, same province", true },
        { "officer", "agency of another province", false },
        { "officer", "province average", true },
        { "officer", "another province's average", false },
        { "admin", "own agency", true },
        { "admin", "other agency, same province", true },
        { "admin", "agency of another province", true },
        { "admin", "province average", true },
        { "admin", "another province's average", true },
        { "stranger", "own agency", false },
        { "stranger", "other agency, same province", false },
        { "stranger", "agency of another province", false },
        { "stranger", "province average", false },
        { "stranger", "another province's average", false },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void FollowsTodaysRule(string viewer, string what, bool allowed)
    {
        var who = viewer switch
        {
            "staff" => new Viewer(UserRole.Staff, OwnAgency, Province, IsAdmin: false),
            "officer" => new Viewer(UserRole.Officer, OwnAgency, Province, IsAdmin: false),
            "admin" => new Viewer(UserRole.None, null, null, IsAdmin: true),
            _ => new Viewer(UserRole.None, null, null, IsAdmin: false),
        };

        var actual = what switch
        {
            "own agency" => ResultsAccess.CanSeeAgency(who, OwnAgency, Province),
            "other agency, same province" => ResultsAccess.CanSeeAgency(who, OtherAgencySameProvince, Province),
            "agency of another province" => ResultsAccess.CanSeeAgency(who, AgencyOfOtherProvince, OtherProvince),
            "province average" => ResultsAccess.CanSeeProvince(who, Province),
            "another province's average" => ResultsAccess.CanSeeProvince(who, OtherProvince),
            _ => throw new ArgumentOutOfRangeException(nameof(what), what, null),
        };

        Assert.Equal(allowed, actual);
    }

    [Fact]
    public void AnAdministratorWhoIsAlsoStaffSeesEverything()
    {
        var who = new Viewer(UserRole.Staff, OwnAgency, Province, IsAdmin: true);
        Assert.True(ResultsAccess.CanSeeAgency(who, AgencyOfOtherProvince, OtherProvince));
        Assert.True(ResultsAccess.CanSeeProvince(who, OtherProvince));
    }

    [Fact]
    public void StaffWithoutAnAgencyAndOfficersWithoutAProvinceSeeNothing()
    {
        var staff = new Viewer(UserRole.Staff, null, null, IsAdmin: false);
        var officer = new Viewer(UserRole.Officer, null, null, IsAdmin: false);
        Assert.False(ResultsAccess.CanSeeAgency(staff, OwnAgency, Province));
        Assert.False(ResultsAccess.CanSeeAgency(officer, OwnAgency, Province));
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
