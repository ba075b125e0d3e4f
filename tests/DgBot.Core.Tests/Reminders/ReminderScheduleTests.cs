using DgBot.Core.Data.Entities;
using DgBot.Core.Reminders;
using DgBot.Core.Rounds;
using static DgBot.Core.Tests.Reminders.ReminderWorld;

namespace DgBot.Core.Tests.Reminders;

public sealed class ReminderScheduleTests
{
    private static SurveyRound Round(string days = "7,3,1", string window = "09:00-16:00") =>
        new("2569", Deadlines.EndOfDayUtc(new DateOnly(2026, 12, 15)), "2569", Bangkok(2026, 11, 1, 9).UtcDateTime, days, window);

    private static string[] DueAt(SurveyRound round, DateTimeOffset at) => [.. ReminderSchedule.Due(round, at.UtcDateTime).Select(s => s.Key)];

    [Fact]
    public void SlotsFallOnEachOffsetAndTheDeadlineMorningAtTheWindowOpening()
    {
        var slots = ReminderSchedule.Slots(Round());
        Assert.Equal(["d7", "d3", "d1", "digest", "d0"], slots.Select(s => s.Key));
        Assert.Equal(Bangkok(2026, 12, 8, 9).UtcDateTime, slots.Single(s => s.Key == "d7").DueUtc);
        Assert.Equal(Bangkok(2026, 12, 12, 9).UtcDateTime, slots.Single(s => s.Key == "d3").DueUtc);
        Assert.Equal(Bangkok(2026, 12, 14, 9).UtcDateTime, slots.Single(s => s.Key == "digest").DueUtc);
        Assert.Equal(Bangkok(2026, 12, 15, 9).UtcDateTime, slots.Single(s => s.Key == "d0").DueUtc);
    }

    [Fact]
    public void NothingIsDueBeforeTheFirstOffset()
    {
        Assert.Empty(DueAt(Round(), Bangkok(2026, 12, 7, 12)));
    }

    [Fact]
    public void AReminderFallingDueAtNightWaitsForTheWindowToOpen()
    {
        var round = Round();
        Assert.Empty(DueAt(round, Bangkok(2026, 12, 8, 0, 1)));
        Assert.Empty(DueAt(round, Bangkok(2026, 12, 8, 8, 59)));
        Assert.Equal(["d7"], DueAt(round, Bangkok(2026, 12, 8, 9)));
    }

    [Fact]
    public void NothingIsDueOutsideTheSendWindow()
    {
        var round = Round();
        Assert.Equal(["d7"], DueAt(round, Bangkok(2026, 12, 8, 15, 59)));
        Assert.Empty(DueAt(round, Bangkok(2026, 12, 8, 16)));
        Assert.Empty(DueAt(round, Bangkok(2026, 12, 8, 22)));

        // The next morning the same slot is still the current one (a bot that was down sends it late, once).
        Assert.Equal(["d7"], DueAt(round, Bangkok(2026, 12, 9, 9, 30)));
        Assert.Null(SendWindow.TryParse("16:00-09:00"));
        Assert.Equal(Bangkok(2026, 12, 9, 9).UtcDateTime, SendWindow.Parse("09:00-16:00").NextOpen(Bangkok(2026, 12, 8, 22).UtcDateTime));
    }

    [Fact]
    public void ALaterSlotSupersedesAnEarlierOne()
    {
        var round = Round();
        Assert.Equal(["d3"], DueAt(round, Bangkok(2026, 12, 12, 10)));
        Assert.Equal(["d1", "digest"], DueAt(round, Bangkok(2026, 12, 14, 10)));
        Assert.Equal(["d0"], DueAt(round, Bangkok(2026, 12, 15, 9)));
    }

    [Fact]
    public void TheDigestIsOnlyDueTheDayBeforeTheDeadline()
    {
        Assert.DoesNotContain("digest", DueAt(Round(), Bangkok(2026, 12, 13, 10)));
        Assert.DoesNotContain("digest", DueAt(Round(), Bangkok(2026, 12, 15, 10)));
    }

    [Fact]
    public void NothingIsDueAfterTheDeadlineOrForAClosedRound()
    {
        var round = Round();
        Assert.Empty(DueAt(round, Bangkok(2026, 12, 16, 10)));
        Assert.Null(ReminderSchedule.NextDue(round, Bangkok(2026, 12, 15, 10).UtcDateTime));
        round.Close(Bangkok(2026, 12, 10, 0).UtcDateTime);
        Assert.Empty(DueAt(round, Bangkok(2026, 12, 12, 10)));
    }

    [Fact]
    public void OffsetsComeFromTheRoundAndBadOnesAreRefused()
    {
        Assert.Equal([14, 2], ReminderSchedule.ParseOffsets("2, 14,2"));
        Assert.Equal(["d14", "d2", "digest", "d0"], ReminderSchedule.Slots(Round("14,2")).Select(s => s.Key));
        var error = Assert.Throws<FormatException>(() => ReminderSchedule.ParseOffsets("7,x"));
        Assert.Contains("7,x", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnAllDayWindowRunsToMidnight()
    {
        var window = SendWindow.Parse("00:00-24:00");
        Assert.True(window.Contains(Bangkok(2026, 12, 8, 23, 59).UtcDateTime));
        Assert.True(window.Contains(Bangkok(2026, 12, 8, 0, 0).UtcDateTime));
        Assert.Equal("00:00-24:00", window.ToString());
    }
}
