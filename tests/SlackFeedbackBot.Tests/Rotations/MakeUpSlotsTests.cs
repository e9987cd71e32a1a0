using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Rotations.People;
using SlackFeedbackBot.Rotations.Planning;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>The free times offered to make up a missed shift: the person's hours and zone, time off and other shifts.</summary>
public sealed class MakeUpSlotsTests
{
    private const string Ana = "UANA";
    private static readonly TimeZoneInfo NewYork = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>Tuesday 3 Nov 2026, 10:30 in New York (UTC-5 since the 1st).</summary>
    private static readonly DateTimeOffset TuesdayMorning = new(2026, 11, 3, 15, 30, 0, TimeSpan.Zero);

    private static readonly RotationSettings Rotation = new() { Name = "support", SupportChannel = "CSUPPORT", TimeZone = "UTC", ShiftLength = TimeSpan.FromHours(1) };

    private static RotationMember Member(string zone = "America/New_York") =>
        new(Ana, zone, new DailyHours(new TimeOnly(9, 0), new TimeOnly(17, 0)), RotationDefinition.MondayToFriday, TuesdayMorning.AddDays(-30));

    private static DateTimeOffset NewYorkTime(int day, int hour) => new DateTimeOffset(2026, 11, day, hour, 0, 0, TimeSpan.FromHours(-5));

    [Test]
    public void Find_ThreeSlots_OnePerWorkingDay_InsideTheirOwnHours_AtLeastAnHourAhead()
    {
        var slots = MakeUpSlots.Find(Member(), Rotation, [], [], TuesdayMorning);

        Assert.That(slots, Is.EqualTo(new[] { NewYorkTime(3, 12), NewYorkTime(4, 9), NewYorkTime(5, 9) }));
        Assert.That(slots.Select(s => TimeZoneInfo.ConvertTime(s, NewYork).Hour), Has.All.InRange(9, 16), "every slot starts and ends inside 09:00-17:00 New York");
    }

    [Test]
    public void Find_SkipsTimeOff_OtherShiftsOnAnyRotation_AndTheWeekend()
    {
        var busy = new[] { new BusySpan(NewYorkTime(4, 9), NewYorkTime(4, 10)), new BusySpan(NewYorkTime(3, 12).AddMinutes(30), NewYorkTime(3, 17)) };
        var timeOff = new[] { TimeOff.ForDays(Ana, new DateOnly(2026, 11, 5), new DateOnly(2026, 11, 6), "America/New_York") };

        var slots = MakeUpSlots.Find(Member(), Rotation, timeOff, busy, TuesdayMorning);

        Assert.That(slots, Is.EqualTo(new[] { NewYorkTime(4, 10), NewYorkTime(9, 9), NewYorkTime(10, 9) }),
            "Tuesday is taken from 12:30, Wednesday 09:00 is another shift, Thursday and Friday are time off, then the weekend");
    }

    [Test]
    public void Find_RotationHolidaysAreSkipped()
    {
        var rotation = Rotation with { Holidays = new HashSet<DateOnly> { new(2026, 11, 4) } };

        var slots = MakeUpSlots.Find(Member(), rotation, [], [], TuesdayMorning);

        Assert.That(slots.Select(s => TimeZoneInfo.ConvertTime(s, NewYork).Day), Is.EqualTo(new[] { 3, 5, 6 }));
    }

    [Test]
    public void IsFree_ASlotBookedMeanwhile_OrTooSoon_IsNotFree()
    {
        var member = Member();
        var slot = NewYorkTime(4, 9);

        Assert.That(MakeUpSlots.IsFree(slot, member, Rotation, [], [], TuesdayMorning), Is.True);
        Assert.That(MakeUpSlots.IsFree(slot, member, Rotation, [], [new BusySpan(slot.AddMinutes(30), slot.AddHours(2))], TuesdayMorning), Is.False);
        Assert.That(MakeUpSlots.IsFree(TuesdayMorning.AddMinutes(30), member, Rotation, [], [], TuesdayMorning), Is.False, "less than an hour ahead");
        Assert.That(MakeUpSlots.IsFree(NewYorkTime(4, 17), member, Rotation, [], [], TuesdayMorning), Is.False, "after their hours");
    }

    [Test]
    public void SlotValue_RoundTrips_AndRefusesAnythingElse()
    {
        var value = MakeUpShifts.SlotValue("support:2026-11-03T14:00Z", NewYorkTime(4, 9));

        Assert.That(MakeUpShifts.TryReadSlot(value, out var key, out var start), Is.True);
        Assert.That((key, start), Is.EqualTo(("support:2026-11-03T14:00Z", NewYorkTime(4, 9))));
        Assert.That(MakeUpShifts.TryReadSlot("support:2026-11-03T14:00Z|soon", out _, out _), Is.False);
        Assert.That(MakeUpShifts.TryReadSlot("|1", out _, out _), Is.False);
        Assert.That(MakeUpShifts.TryReadSlot(null, out _, out _), Is.False);
        Assert.That(MakeUpShifts.TryReadSlot("x|99999999999999999", out _, out _), Is.False);
    }
}
