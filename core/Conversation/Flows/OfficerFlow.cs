using DgBot.Core.Access;
using DgBot.Core.Content;
using DgBot.Core.Conversation.Prompts;
using DgBot.Core.Data;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Conversation.Flows;

/// <summary>What provincial officers and administrators pick from: a province's agencies and its average; administrators pick a province first.</summary>
public sealed class OfficerFlow(DgBotDbContext db, SurveyLoader loader, Reports.ResultsService results)
{
    /// <summary>The province average and each agency of the province, as buttons.</summary>
    public async Task PickAgencyAsync(Turn turn, string province, char what, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var agencies = await db.Agencies.AsNoTracking()
            .Where(a => a.Province == province)
            .OrderBy(a => a.Code)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        if (agencies.Count == 0)
        {
            turn.Say(Messages.Format(MessageKeys.NoProvinceResults, province));
            return;
        }

        turn.Replies.Add(MenuPrompts.PickAgency(province, agencies, what));
    }

    /// <summary>Administrators: one button per province (named by any agency of it: payloads carry ids, never Thai text).</summary>
    public async Task PickProvinceAsync(Turn turn, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var provinces = await db.Agencies.AsNoTracking()
            .GroupBy(a => a.Province)
            .Select(g => new { Province = g.Key, AgencyId = g.Min(a => a.Id) })
            .OrderBy(p => p.Province)
            .ToListAsync(cancellationToken)
            .ConfigureAwait(false);
        var visible = provinces.Where(p => ResultsAccess.CanSeeProvince(turn.Viewer, p.Province)).ToList();
        if (visible.Count == 0 && !turn.IsAdmin)
        {
            // Someone with neither an agency of their own nor a province (a staff member whose agency is gone).
            turn.Say(Messages.Get(MessageKeys.NotAllowed));
            return;
        }

        turn.Replies.Add(new PromptReply(
            Messages.Get(MessageKeys.AdminPickProvince),
            visible.Select(p => new Choice(p.Province, Payload.PickProvince(p.AgencyId))).ToArray()));
    }

    /// <summary>The province's average (the caller checked <see cref="ResultsAccess.CanSeeProvince"/>).</summary>
    public async Task ProvinceResultsAsync(Turn turn, string province, bool improve, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(turn);
        var round = await loader.RoundAsync(turn, cancellationToken).ConfigureAwait(false);
        var result = await results.ProvinceReportAsync(province, round, cancellationToken).ConfigureAwait(false);
        if (result is null)
        {
            turn.Say(Messages.Format(MessageKeys.NoProvinceResults, province));
            return;
        }

        turn.Replies.Add(MenuPrompts.ProvinceReport(result, improve));
    }
}
