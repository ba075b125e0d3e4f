using DgBot.Core.Conversation;
using DgBot.TestDoubles.Seeding;
using Microsoft.EntityFrameworkCore;

namespace DgBot.Core.Tests.Reports;

/// <summary>The seeded survey that report, export and trend tests stand on is what it says it is.</summary>
public sealed class SurveySeedTests
{
    [Fact]
    public async Task ThreeProvincesOfNineteenWithAPreviousRoundOnTheOlderQuestionnaire()
    {
        await using var seeded = await SeededDatabase.CreateAsync();
        await using var db = seeded.NewContext();
        var survey = seeded.Survey;
        Assert.Equal(57, await db.Agencies.CountAsync());
        Assert.Equal(19, (await db.Agencies.Select(a => a.Type).Distinct().ToListAsync()).Count);
        Assert.Equal(3, await db.Agencies.CountAsync(a => a.Type == SurveySeed.AgencyTypes[2]));
        Assert.Equal((45, 3, 54), (survey.SubmittedNow.Count, survey.AnsweredNotSubmitted.Count, survey.SubmittedBefore.Count));
        Assert.Equal(SurveySeed.PreviousVersion, survey.Previous!.QuestionnaireVersion);
        Assert.NotNull(survey.Previous.ClosedUtc);
        Assert.Equal(SurveyCatalog.BuiltIn().Current.Version, survey.Current.QuestionnaireVersion);
        Assert.Equal(45, await db.Responses.CountAsync(r => r.RoundId == survey.Current.Id && r.SubmittedUtc != null));
        Assert.All(await db.Answers.Select(a => a.AnsweredByUserId).Distinct().ToListAsync(), id => Assert.NotNull(id));

        // Answers differ between agencies, so their scores do.
        var current = await db.Responses.Where(r => r.RoundId == survey.Current.Id).Select(r => r.Id).ToListAsync();
        var values = (await db.Answers.Where(a => current.Contains(a.ResponseId)).ToListAsync()).GroupBy(a => a.ResponseId)
            .Select(g => string.Join("|", g.OrderBy(a => a.QuestionId).Select(a => a.Value))).ToList();
        Assert.True(values.Distinct().Count() > 40, "seeded answers should differ by agency");
    }
}
