namespace DgBot.Core.Data.Entities;

/// <summary>An invitation code (stored only as a hash) that lets people join an agency with a role.</summary>
public sealed class Invitation
{
    private Invitation()
    {
        CodeHash = CodeHint = string.Empty;
    }

    public Invitation(string codeHash, string codeHint, int agencyId, UserRole role, int maxUses, DateTime expiresUtc, DateTime createdUtc)
    {
        CodeHash = codeHash;
        CodeHint = codeHint;
        AgencyId = agencyId;
        Role = role;
        MaxUses = maxUses;
        ExpiresUtc = expiresUtc;
        CreatedUtc = createdUtc;
    }

    public int Id { get; private set; }

    /// <summary>HMAC-SHA-256 of the normalised code under the database's invitation key, hex (see <c>InvitationKey</c>).</summary>
    public string CodeHash { get; private set; }

    /// <summary>The code's last two characters, so an administrator can tell codes apart in a list.</summary>
    public string CodeHint { get; private set; }

    public int AgencyId { get; private set; }

    public Agency? Agency { get; private set; }

    public UserRole Role { get; private set; }

    public int MaxUses { get; private set; }

    public int Uses { get; private set; }

    public DateTime ExpiresUtc { get; private set; }

    public DateTime CreatedUtc { get; private set; }

    public DateTime? RevokedUtc { get; private set; }

    public bool IsUsableAt(DateTime utcNow) => RevokedUtc is null && utcNow < ExpiresUtc && Uses < MaxUses;

    public void Use() => Uses++;

    /// <summary>Replaces an unkeyed hash from an older DgBot with the keyed one, once the code has been tried.</summary>
    public void Rehash(string keyedHash) => CodeHash = keyedHash;

    public void Revoke(DateTime utcNow) => RevokedUtc ??= utcNow;
}
