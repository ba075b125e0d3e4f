using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;

namespace DgBot.Core.Access;

/// <summary>
/// Writes the access log: one row for every view of an agency's or a province's results, in chat or on the command
/// line. It only adds rows; the caller's save commits them (in chat, with the turn that showed the results, so a
/// view is logged exactly when its replies are committed). There is no way here, or anywhere, to change or remove a row.
/// </summary>
public sealed class AccessLog(DgBotDbContext db)
{
    /// <summary>A person saw <paramref name="agency"/>'s results (or, with no agency, <paramref name="province"/>'s picture) in this turn.</summary>
    public void Chat(Turn turn, ResultsViewKind kind, Agency? agency, string? province = null)
    {
        ArgumentNullException.ThrowIfNull(turn);
        db.AccessLog.Add(new AccessLogEntry(
            turn.Now,
            turn.User.Id,
            operatorName: null,
            RoleOf(turn.Viewer),
            turn.Inbound.Channel.ToString().ToLowerInvariant(),
            agency is null ? ResultsScope.Province : ResultsScope.Agency,
            kind,
            agency,
            province,
            turn.Round?.Name));
    }

    /// <summary>A person opened a report link (the bot's web server, for chats that cannot receive files). The caller saves.</summary>
    public void Link(DateTime nowUtc, ChatUser user, bool isAdmin, ResultsViewKind kind, Agency? agency, string? province, string? roundName)
    {
        ArgumentNullException.ThrowIfNull(user);
        db.AccessLog.Add(new AccessLogEntry(
            nowUtc,
            user.Id,
            operatorName: null,
            RoleOf(Viewer.Of(user, isAdmin)),
            user.Channel.ToString().ToLowerInvariant() + "-link",
            agency is null ? ResultsScope.Province : ResultsScope.Agency,
            kind,
            agency,
            province,
            roundName));
    }

    /// <summary>An operator saw results on the command line (<paramref name="province"/> null: every province). The caller saves.</summary>
    public void Operator(DateTime nowUtc, ResultsViewKind kind, Agency? agency, string? province, string? roundName)
    {
        db.AccessLog.Add(new AccessLogEntry(
            nowUtc,
            viewerUserId: null,
            OperatorName(),
            AccessRole.Operator,
            "cli",
            agency is null ? ResultsScope.Province : ResultsScope.Agency,
            kind,
            agency,
            province,
            roundName));
    }

    /// <summary>The role a view is logged under: administrator first (an administrator may also have joined an agency).</summary>
    public static AccessRole RoleOf(Viewer viewer) =>
        viewer.IsAdmin ? AccessRole.Admin : viewer.Role == UserRole.Officer ? AccessRole.Officer : AccessRole.Staff;

    /// <summary>The account running the command line, as the access log and entered answers record it.</summary>
    public static string OperatorName()
    {
        var name = Environment.UserName;
        return string.IsNullOrWhiteSpace(name) ? "unknown" : name.Length > 128 ? name[..128] : name;
    }
}
