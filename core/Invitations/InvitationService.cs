using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Invitations;

/// <summary>How a join attempt ended. A wrong, expired, used-up or revoked code all look the same to the person.</summary>
public enum JoinOutcome
{
    Joined,
    Rejected,
    LockedOut,
}

public sealed record JoinResult(JoinOutcome Outcome, Agency? Agency = null, UserRole Role = UserRole.None, TimeSpan RetryAfter = default);

/// <summary>A newly created invitation; <see cref="Code"/> is shown once and never stored.</summary>
public sealed record CreatedInvitation(Invitation Invitation, string Code);

/// <summary>Creates, redeems and revokes invitation codes. Works inside the caller's unit of work (it does not save).</summary>
public sealed class InvitationService(DgBotDbContext db, TimeProvider time)
{
    public const int MaxFailures = 5;

    public static readonly TimeSpan FailureWindow = TimeSpan.FromMinutes(15);

    public async Task<CreatedInvitation> CreateAsync(Agency agency, UserRole role, int maxUses, TimeSpan validFor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agency);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxUses, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(validFor, TimeSpan.Zero);
        if (role == UserRole.None)
        {
            throw new ArgumentException("An invitation gives the staff or officer role.", nameof(role));
        }

        var now = time.GetUtcNow().UtcDateTime;
        var key = InvitationKey.Of(db);
        string code;
        string hash;
        do
        {
            code = InvitationCodes.Generate();
            hash = InvitationKey.Hash(key, code);
        }
        while (await db.Invitations.AnyAsync(i => i.CodeHash == hash, cancellationToken).ConfigureAwait(false));

        var invitation = new Invitation(hash, code[^2..], agency.Id, role, maxUses, now + validFor, now);
        db.Invitations.Add(invitation);
        return new CreatedInvitation(invitation, code);
    }

    /// <summary>Tries a code for a person. Five failures within fifteen minutes lock them out until the oldest ages out.</summary>
    public async Task<JoinResult> RedeemAsync(ChatUser user, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        var now = time.GetUtcNow().UtcDateTime;
        var since = now - FailureWindow;
        var failures = await db.JoinFailures
            .Where(f => f.Channel == user.Channel && f.PlatformUserId == user.PlatformUserId && f.AtUtc > since)
            .OrderBy(f => f.AtUtc)
            .Select(f => f.AtUtc)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        if (failures.Count >= MaxFailures)
        {
            var retryAfter = failures[^MaxFailures] + FailureWindow - now;
            return new JoinResult(JoinOutcome.LockedOut, RetryAfter: retryAfter);
        }

        var hash = InvitationKey.Hash(InvitationKey.Of(db), code);
        var invitation = await db.Invitations.Include(i => i.Agency)
            .FirstOrDefaultAsync(i => i.CodeHash == hash, cancellationToken)
            .ConfigureAwait(false);
        if (invitation is null)
        {
            // A code created before codes were keyed: found by its old hash once, then stored keyed.
            var legacy = InvitationCodes.LegacyHash(code);
            invitation = await db.Invitations.Include(i => i.Agency)
                .FirstOrDefaultAsync(i => i.CodeHash == legacy, cancellationToken)
                .ConfigureAwait(false);
            invitation?.Rehash(hash);
        }
        if (invitation is null || !invitation.IsUsableAt(now) || invitation.Agency is null)
        {
            db.JoinFailures.Add(new JoinFailure(user.Channel, user.PlatformUserId, now));
            return new JoinResult(JoinOutcome.Rejected);
        }

        invitation.Use();
        user.Join(invitation.AgencyId, invitation.Role, now);
        return new JoinResult(JoinOutcome.Joined, invitation.Agency, invitation.Role);
    }

    /// <summary>Forgets the failures of a person (after erasure, or once they joined).</summary>
    public Task ClearFailuresAsync(ChannelKind channel, string platformUserId, CancellationToken cancellationToken) =>
        db.JoinFailures.Where(f => f.Channel == channel && f.PlatformUserId == platformUserId).ExecuteDeleteAsync(cancellationToken);
}
