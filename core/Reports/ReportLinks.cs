using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using DgBot.Core.Access;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DgBot.Core.Reports;

/// <summary>What became of opening a report link.</summary>
public enum ReportLinkStatus
{
    /// <summary>No link has this token (or its person was erased): 404.</summary>
    Unknown,

    /// <summary>Past its lifetime: 410.</summary>
    Expired,

    /// <summary>The person's access changed since (role, agency, no longer allowed): 410, and the link stays dead.</summary>
    Revoked,

    /// <summary>The report may be shown.</summary>
    Valid,
}

/// <summary>An opened link: its status, and when valid the link, its person and the agency (agency scope).</summary>
public sealed record ReportLinkOpening(ReportLinkStatus Status, ReportLink? Link = null, ChatUser? User = null, Agency? Agency = null, SurveyRound? Round = null);

/// <summary>
/// Report links for chats that cannot receive files: an unguessable token (256 random bits, base64url) handed to the
/// person, of which only the SHA-256 is stored; bound to the person and what they could see; expiring after
/// <see cref="ReportsOptions.LinkLifetime"/>. Opening re-checks the person's access with <see cref="ResultsAccess"/>.
/// </summary>
public sealed class ReportLinks(DgBotDbContext db, TimeProvider time, IOptions<ReportsOptions> options)
{
    public const string PathPrefix = "/reports/";

    /// <summary>How long an expired or revoked link is kept, so that opening it still says it has expired (410) rather than not found.</summary>
    public static readonly TimeSpan KeepEndedFor = TimeSpan.FromDays(7);

    /// <summary>Deletes links that expired or were revoked more than <see cref="KeepEndedFor"/> ago; returns how many went.</summary>
    public Task<int> PruneAsync(CancellationToken cancellationToken)
    {
        var before = time.GetUtcNow().UtcDateTime - KeepEndedFor;
        return db.ReportLinks.Where(l => l.ExpiresUtc < before || l.RevokedUtc < before).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>Whether links can be made (<see cref="ReportsOptions.PublicBaseUrl"/> is set).</summary>
    public bool Enabled => options.Value.PublicBaseUrl is not null;

    /// <summary>Adds a link for <paramref name="user"/> to the report of <paramref name="agency"/> (or of <paramref name="province"/>); the caller saves. Returns its address and expiry.</summary>
    public (Uri Url, DateTime ExpiresUtc) Create(ChatUser user, Agency? agency, string? province, SurveyRound round, DateTime nowUtc)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(round);
        var baseUrl = options.Value.PublicBaseUrl ?? throw new InvalidOperationException("Reports:PublicBaseUrl is not set.");
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
        var expires = nowUtc + options.Value.LinkLifetime;
        db.ReportLinks.Add(new ReportLink(
            Hash(token),
            user.Id,
            user.Role,
            user.AgencyId,
            agency is null ? ResultsScope.Province : ResultsScope.Agency,
            agency?.Id,
            agency is null ? province : agency.Province,
            round.Id,
            nowUtc,
            expires));
        return (new Uri(baseUrl.AbsoluteUri.TrimEnd('/') + PathPrefix + token), expires);
    }

    /// <summary>
    /// Looks the token up and checks it: unknown, expired, revoked (the person's role or agency changed, or the rule no
    /// longer lets them see this report: the link is then revoked for good), or valid. The caller saves.
    /// </summary>
    public async Task<ReportLinkOpening> OpenAsync(string token, Func<ChatUser, bool> isAdmin, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(isAdmin);
        if (string.IsNullOrEmpty(token) || token.Length > 100)
        {
            return new ReportLinkOpening(ReportLinkStatus.Unknown);
        }

        var hash = Hash(token);
        var link = await db.ReportLinks.FirstOrDefaultAsync(l => l.TokenHash == hash, cancellationToken).ConfigureAwait(false);
        var user = link is null ? null : await db.ChatUsers.Include(u => u.Agency).FirstOrDefaultAsync(u => u.Id == link.ChatUserId, cancellationToken).ConfigureAwait(false);
        if (link is null || user is null)
        {
            return new ReportLinkOpening(ReportLinkStatus.Unknown);
        }

        var now = time.GetUtcNow().UtcDateTime;
        if (link.RevokedUtc is not null)
        {
            return new ReportLinkOpening(ReportLinkStatus.Revoked, link);
        }

        if (now >= link.ExpiresUtc)
        {
            return new ReportLinkOpening(ReportLinkStatus.Expired, link);
        }

        var agency = link.AgencyId is { } id ? await db.Agencies.FirstOrDefaultAsync(a => a.Id == id, cancellationToken).ConfigureAwait(false) : null;
        var round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == link.RoundId, cancellationToken).ConfigureAwait(false);
        var viewer = Viewer.Of(user, isAdmin(user));
        var allowed = user.Role == link.Role && user.AgencyId == link.UserAgencyId && round is not null && link.Scope switch
        {
            ResultsScope.Agency => agency is not null && ResultsAccess.CanSeeAgency(viewer, agency),
            _ => link.Province is not null && ResultsAccess.CanSeeProvince(viewer, link.Province),
        };
        if (!allowed)
        {
            link.Revoke(now);
            return new ReportLinkOpening(ReportLinkStatus.Revoked, link);
        }

        link.Viewed();
        return new ReportLinkOpening(ReportLinkStatus.Valid, link, user, agency, round);
    }

    /// <summary>Lower-case hex SHA-256 of the token's UTF-8 text.</summary>
    public static string Hash(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token ?? string.Empty)));
}
