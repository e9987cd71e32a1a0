using Ical.Net;
using SlackFeedbackBot.Rotations.Calendar;
using SlackFeedbackBot.Rotations.Planning;
using static SlackFeedbackBot.Tests.Rotations.RotationFixtures;

namespace SlackFeedbackBot.Tests.Rotations;

public class RotationCalendarTests
{
    private static readonly DateTimeOffset GeneratedAt = Utc(2026, 2, 20, 8, 15);

    private static readonly PlannedShift[] Shifts =
    [
        new(PlannedShift.KeyFor("support-hour", Utc(2026, 3, 9, 13)), Utc(2026, 3, 9, 13), Utc(2026, 3, 9, 14), ["U01"], "UPRO"),
        new(PlannedShift.KeyFor("support-hour", Utc(2026, 3, 2, 14)), Utc(2026, 3, 2, 14), Utc(2026, 3, 2, 15), ["U02", "U03"], null),
    ];

    [Test]
    public void ToIcs_ParsesBackWithOneEventPerShiftInUtc()
    {
        var ics = RotationCalendar.ToIcs(DriftStyle(), Shifts, GeneratedAt);

        var calendar = Calendar.Load(ics)!;
        var events = calendar.Events.OrderBy(e => e.DtStart!.AsUtc).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(calendar.Method, Is.EqualTo("PUBLISH"));
            Assert.That(calendar.Version, Is.EqualTo("2.0"));
            Assert.That(calendar.ProductId, Is.EqualTo(RotationCalendar.ProductId));
            Assert.That(events, Has.Length.EqualTo(2));
            Assert.That(events.Select(e => e.DtStart!.AsUtc), Is.EqualTo(new[] { Utc(2026, 3, 2, 14).UtcDateTime, Utc(2026, 3, 9, 13).UtcDateTime }));
            Assert.That(events.Select(e => e.DtEnd!.AsUtc), Is.EqualTo(new[] { Utc(2026, 3, 2, 15).UtcDateTime, Utc(2026, 3, 9, 14).UtcDateTime }));
            Assert.That(events.Select(e => e.DtStart!.IsUtc), Is.All.True);
            Assert.That(events.Select(e => e.Summary), Is.EqualTo(new[] { "Support shift: support-hour (U02, U03)", "Support shift: support-hour (U01)" }));
            Assert.That(events.Select(e => e.Description), Is.All.Contains("#support"));
            Assert.That(events.Select(e => e.Uid), Is.EqualTo(new[] { RotationCalendar.UidFor(Shifts[1]), RotationCalendar.UidFor(Shifts[0]) }));
            Assert.That(events.Select(e => e.DtStamp!.AsUtc), Is.All.EqualTo(GeneratedAt.UtcDateTime));
        });
    }

    [Test]
    public void ToIcs_UsesCrlfAndCarriesTheRequiredProperties()
    {
        var ics = RotationCalendar.ToIcs(DriftStyle(), Shifts, GeneratedAt);

        var lines = ics.Split("\r\n");
        Assert.Multiple(() =>
        {
            Assert.That(ics.Replace("\r\n", ""), Does.Not.Contain("\n"), "every line ends with CRLF");
            Assert.That(lines[0], Is.EqualTo("BEGIN:VCALENDAR"));
            Assert.That(lines, Does.Contain("VERSION:2.0"));
            Assert.That(lines, Does.Contain("METHOD:PUBLISH"));
            Assert.That(lines, Does.Contain($"PRODID:{RotationCalendar.ProductId}"));
            Assert.That(lines, Does.Contain("X-WR-CALNAME:Support: support-hour"));
            Assert.That(lines, Does.Contain("DTSTART:20260309T130000Z"));
            Assert.That(lines, Does.Contain("DTEND:20260309T140000Z"));
            Assert.That(lines, Does.Contain("DTSTAMP:20260220T081500Z"));
            Assert.That(lines.Count(l => l == "BEGIN:VEVENT"), Is.EqualTo(2));
            Assert.That(lines.Where(l => l.Length > 0).Select(l => l.Length), Is.All.LessThanOrEqualTo(75), "long lines are folded");
        });
    }

    [Test]
    public void ToIcs_FilteredByUser_KeepsOnlyTheirShiftsIncludingAsPro()
    {
        var forU03 = Calendar.Load(RotationCalendar.ToIcs(DriftStyle(), Shifts, GeneratedAt, "U03"))!;
        var forPro = Calendar.Load(RotationCalendar.ToIcs(DriftStyle(), Shifts, GeneratedAt, "UPRO"))!;
        var forStranger = Calendar.Load(RotationCalendar.ToIcs(DriftStyle(), Shifts, GeneratedAt, "UNOBODY"))!;

        Assert.Multiple(() =>
        {
            Assert.That(forU03.Events.Select(e => e.Uid), Is.EqualTo(new[] { RotationCalendar.UidFor(Shifts[1]) }));
            Assert.That(forPro.Events.Select(e => e.Uid), Is.EqualTo(new[] { RotationCalendar.UidFor(Shifts[0]) }));
            Assert.That(forStranger.Events, Is.Empty);
        });
    }

    [Test]
    public void ToIcs_SamePlanTwice_SameUids()
    {
        var plan = Plan(DriftStyle(), TwelveAroundTheWorld(), Month(2026, 3, NewYork));

        var first = Calendar.Load(RotationCalendar.ToIcs(DriftStyle(), plan.Shifts, GeneratedAt))!.Events.Select(e => e.Uid).ToArray();
        var second = Calendar.Load(RotationCalendar.ToIcs(DriftStyle(), plan.Shifts, GeneratedAt.AddDays(1)))!.Events.Select(e => e.Uid).ToArray();

        Assert.Multiple(() =>
        {
            Assert.That(first, Has.Length.EqualTo(12));
            Assert.That(second, Is.EqualTo(first));
            Assert.That(first, Is.Unique);
        });
    }
}
