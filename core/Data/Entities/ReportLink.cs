namespace DgBot.Core.Data.Entities;

/// <summary>
/// A link to a report PDF for a person whose chat cannot receive files (LINE): the token itself is given to the
/// person once and never stored, only its SHA-256 (<see cref="TokenHash"/>). The link is bound to the person and to
/// what they could see when it was made (their role and agency; the report's scope, agency or province, and round),
/// expires at <see cref="ExpiresUtc"/>, and is re-checked against the person's current access each time it is opened.
/// Erasing the person deletes their links (cascade).
/// </summary>
public sealed class ReportLink
{
    private ReportLink()
    {
        TokenHash = string.Empty;
    }

    public ReportLink(string tokenHash, int chatUserId, UserRole role, int? userAgencyId, ResultsScope scope, int? agencyId, string? province, int roundId, DateTime createdUtc, DateTime expiresUtc)
    {
        TokenHash = tokenHash;
        ChatUserId = chatUserId;
        Role = role;
        UserAgencyId = userAgencyId;
        Scope = scope;
        AgencyId = agencyId;
        Province = province;
        RoundId = roundId;
        CreatedUtc = createdUtc;
        ExpiresUtc = expiresUtc;
    }

    public int Id { get; private set; }

    /// <summary>Lower-case hex SHA-256 of the token's text.</summary>
    public string TokenHash { get; private set; }

    public int ChatUserId { get; private set; }

    /// <summary>The person's role when the link was made: a changed role revokes it.</summary>
    public UserRole Role { get; private set; }

    /// <summary>The person's agency when the link was made: moving to another agency revokes it.</summary>
    public int? UserAgencyId { get; private set; }

    /// <summary>An agency's report (<see cref="AgencyId"/>) or a province's (<see cref="Province"/>).</summary>
    public ResultsScope Scope { get; private set; }

    public int? AgencyId { get; private set; }

    public string? Province { get; private set; }

    public int RoundId { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime ExpiresUtc { get; private set; }

    /// <summary>Set when the link was found no longer to match the person's access; it never works again.</summary>
    public DateTime? RevokedUtc { get; private set; }

    public int Views { get; private set; }

    public void Revoke(DateTime utcNow) => RevokedUtc ??= utcNow;

    public void Viewed() => Views++;
}
