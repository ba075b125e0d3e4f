using System.Globalization;
using System.Text;
using DgBot.Core.Content;
using DgBot.Core.Conversation;
using DgBot.Core.Data;
using DgBot.Core.Data.Entities;
using DgBot.Core.Outbox;
using DgBot.Core.Rounds;
using Humanizer;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Reminders;

/// <summary>Who a broadcast goes to.</summary>
public enum BroadcastAudience
{
    /// <summary>Staff of agencies that have not submitted.</summary>
    Incomplete,

    /// <summary>Every staff member and officer who joined.</summary>
    All,
}

/// <summary>One message the planner would write: to whom, on which channel, what.</summary>
public sealed record PlannedMessage(int UserId, string? DisplayName, ChannelKind Channel, string ChatId, string AgencyCode, string Province, OutboxKind Kind, string Text, bool ResumeButton);

/// <summary>
/// Turns a due slot into outbox messages: one reminder to every reachable staff member of every agency that has not
/// submitted (time left, the agency's progress, a "ทำต่อ" choice), or the officers' digest of their province's
/// agencies that have not submitted. Writing is idempotent: (round, slot, recipient) is unique.
/// </summary>
public sealed class ReminderPlanner(DgBotDbContext db, RoundStatusService status, TimeProvider time)
{
    /// <summary>The messages of <paramref name="slot"/> (nothing is written).</summary>
    public async Task<IReadOnlyList<PlannedMessage>> PlanAsync(SurveyRound round, ReminderSlot slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(slot);
        var now = time.GetUtcNow().UtcDateTime;
        var agencies = await status.AgenciesAsync(round, null, cancellationToken).ConfigureAwait(false);
        var open = agencies.Where(a => !a.Submitted).ToList();
        if (slot.Kind == SlotKind.Reminder)
        {
            var byId = open.ToDictionary(a => a.AgencyId);
            var staff = await Reachable(UserRole.Staff, [.. byId.Keys], cancellationToken).ConfigureAwait(false);
            var left = TimeLeft(round.DeadlineUtc - now);
            var deadline = Deadlines.Display(round.DeadlineUtc);
            return [.. staff.Select(u =>
            {
                var agency = byId[u.AgencyId!.Value];
                var text = Messages.Format("reminder_text", left, deadline, agency.Name, agency.Answered, agency.Total);
                return new PlannedMessage(u.Id, u.DisplayName, u.Channel, u.ChatId, agency.Code, agency.Province, OutboxKind.Reminder, text, true);
            })];
        }

        var officers = await Reachable(UserRole.Officer, null, cancellationToken).ConfigureAwait(false);
        var provinceOf = agencies.ToDictionary(a => a.AgencyId, a => a.Province);
        return [.. officers
            .Where(o => provinceOf.ContainsKey(o.AgencyId!.Value))
            .Select(o =>
            {
                var province = provinceOf[o.AgencyId!.Value];
                var code = agencies.First(a => a.AgencyId == o.AgencyId).Code;
                return new PlannedMessage(o.Id, o.DisplayName, o.Channel, o.ChatId, code, province, OutboxKind.Digest, Digest(round, province, open), false);
            })];
    }

    /// <summary>Writes the messages of <paramref name="slot"/> to the outbox; returns how many were new.</summary>
    public async Task<int> EnqueueAsync(SurveyRound round, ReminderSlot slot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        ArgumentNullException.ThrowIfNull(slot);
        var planned = await PlanAsync(round, slot, cancellationToken).ConfigureAwait(false);
        var kind = slot.Kind == SlotKind.Reminder ? OutboxKind.Reminder : OutboxKind.Digest;
        return await WriteAsync(round, slot.Key, kind, planned, round.SendWindow, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The recipients of a broadcast (nothing is written).</summary>
    public async Task<IReadOnlyList<PlannedMessage>> PlanBroadcastAsync(SurveyRound round, BroadcastAudience audience, string? province, string message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        var agencies = await status.AgenciesAsync(round, province, cancellationToken).ConfigureAwait(false);
        var chosen = agencies.Where(a => audience == BroadcastAudience.All || !a.Submitted).ToDictionary(a => a.AgencyId);
        var people = await Reachable(UserRole.Staff, [.. chosen.Keys], cancellationToken).ConfigureAwait(false);
        if (audience == BroadcastAudience.All)
        {
            people = [.. people, .. await Reachable(UserRole.Officer, [.. chosen.Keys], cancellationToken).ConfigureAwait(false)];
        }

        return [.. people.Select(u =>
        {
            var agency = chosen[u.AgencyId!.Value];
            return new PlannedMessage(u.Id, u.DisplayName, u.Channel, u.ChatId, agency.Code, agency.Province, OutboxKind.Broadcast, message, u.Role == UserRole.Staff && !agency.Submitted);
        })];
    }

    /// <summary>Writes a broadcast under <paramref name="slot"/> ("b:…"); returns how many were new.</summary>
    public async Task<int> EnqueueBroadcastAsync(SurveyRound round, string slot, IReadOnlyList<PlannedMessage> planned, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(round);
        return await WriteAsync(round, slot, OutboxKind.Broadcast, planned, null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>"2 วัน 5 ชั่วโมง" (Humanizer, Thai).</summary>
    public static string TimeLeft(TimeSpan left) =>
        (left < TimeSpan.FromHours(1) ? TimeSpan.FromHours(1) : left).Humanize(precision: 2, culture: ThaiDates.Thai, maxUnit: TimeUnit.Day, minUnit: TimeUnit.Hour, collectionSeparator: " ");

    /// <summary>The officers' digest for one province: the agencies that have not submitted, with their progress.</summary>
    public static string Digest(SurveyRound round, string province, IEnumerable<AgencyStatus> notSubmitted)
    {
        ArgumentNullException.ThrowIfNull(round);
        var list = notSubmitted.Where(a => a.Province == province).OrderBy(a => a.Code, StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            return Messages.Format("reminder_digest_all_done", province, Deadlines.Display(round.DeadlineUtc));
        }

        var text = new StringBuilder(Messages.Format("reminder_digest_header", province, list.Count, Deadlines.Display(round.DeadlineUtc)));
        foreach (var agency in list)
        {
            text.Append('\n').Append(Messages.Format("reminder_digest_line", agency.Name, agency.Answered, agency.Total, agency.StaffReachable));
        }

        var result = text.ToString();
        return result.Length <= OutboxMessage.MaxTextLength ? result : result[..(OutboxMessage.MaxTextLength - 1)] + "…";
    }

    private async Task<List<ChatUser>> Reachable(UserRole role, List<int>? agencyIds, CancellationToken cancellationToken)
    {
        var query = db.ChatUsers.AsNoTracking()
            .Where(u => u.Role == role && u.JoinedUtc != null && u.AgencyId != null && !u.Unreachable && u.Channel != ChannelKind.Console);
        if (agencyIds is not null)
        {
            query = query.Where(u => agencyIds.Contains(u.AgencyId!.Value));
        }

        return await query.OrderBy(u => u.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> WriteAsync(SurveyRound round, string slot, OutboxKind kind, IReadOnlyList<PlannedMessage> planned, string? window, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var existing = (await db.Outbox.AsNoTracking()
            .Where(m => m.RoundId == round.Id && m.Slot == slot)
            .Select(m => m.RecipientUserId)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false)).ToHashSet();
        var added = 0;
        foreach (var p in planned.Where(p => existing.Add(p.UserId)))
        {
            db.Outbox.Add(new OutboxMessage(round.Id, slot, kind, p.UserId, p.Channel, p.ChatId, p.Text, p.ResumeButton, window, now));
            added++;
        }

        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another process enqueued the same slot at the same moment: the unique index kept one copy each. Write the
            // rest one by one so nothing is lost and nothing is doubled.
            db.ChangeTracker.Clear();
            return await WriteOneByOneAsync(round, slot, kind, planned, window, now, cancellationToken).ConfigureAwait(false);
        }

        return added;
    }

    private async Task<int> WriteOneByOneAsync(SurveyRound round, string slot, OutboxKind kind, IReadOnlyList<PlannedMessage> planned, string? window, DateTime now, CancellationToken cancellationToken)
    {
        var added = 0;
        foreach (var p in planned)
        {
            var sql = db.Database.ExecuteSqlInterpolatedAsync($@"INSERT OR IGNORE INTO Outbox (RoundId, Slot, Kind, RecipientUserId, Channel, ChatId, Text, ResumeButton, SendWindow, Status, Attempts, CreatedUtc, NextAttemptUtc)
VALUES ({round.Id}, {slot}, {kind.ToString()}, {p.UserId}, {p.Channel.ToString()}, {p.ChatId}, {p.Text}, {p.ResumeButton}, {window}, {nameof(OutboxStatus.Pending)}, 0, {now}, {now})", cancellationToken);
            added += await sql.ConfigureAwait(false);
        }

        return added;
    }

}
