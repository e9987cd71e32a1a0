using SlackFeedbackBot.Rotations.Planning;
using static SlackFeedbackBot.Tests.Rotations.RotationFixtures;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>Public holidays per member's country, company days off, and the days the schedule says were skipped.</summary>
public sealed class HolidayPlanningTests
{
    private const int Year = 2026;
    private static readonly DateOnly ChristmasDay = new(Year, 12, 25);

    [Test]
    public void MembersOwnCountry_TheirPublicHolidaysHaveNoShiftsForThem()
    {
        // Eight Berliners and a Dubliner at four a month: every working day of December is wanted.
        var rotation = DriftStyle(Dublin) with { Cadence = new PerMemberCadence(4, CadencePeriod.Month), HolidayCountry = "IE" };
        var members = Team(Berlin, 8).Select(m => m with { HolidayCountry = "DE" }).Append(Member("UDUB", Dublin)).ToArray();

        var result = Plan(rotation, members, Month(Year, 12, Dublin));

        var berlin = TimeZoneInfo.FindSystemTimeZoneById(Berlin);
        var germanDays = result.Shifts.Where(s => s.Assignees.Any(a => a != "UDUB"))
            .Select(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(s.Start.UtcDateTime, berlin))).ToHashSet();
        Assert.Multiple(() =>
        {
            Assert.That(germanDays, Does.Not.Contain(ChristmasDay));
            Assert.That(result.Shifts, Is.Not.Empty);
        });
    }

    [Test]
    public void CountryOfEachZone_GivesDublinAndBerlinTheirOwnHolidays()
    {
        var rotation = DriftStyle(Dublin) with { Cadence = new PerMemberCadence(8, CadencePeriod.Month), HolidayCountry = RotationDefinition.CountryOfEachZone };
        var members = new[] { Member("UDUB", Dublin), Member("UBER", Berlin), Member("UNY", NewYork) };

        var result = Plan(rotation, members, Month(Year, 12, Dublin));

        var days = DaysOf(result.Shifts, Dublin);
        Assert.Multiple(() =>
        {
            Assert.That(days, Does.Not.Contain(ChristmasDay));
            Assert.That(result.Shifts.Where(s => s.Assignees.Contains("UBER")).Select(s => s.Start.UtcDateTime.Date), Does.Not.Contain(new DateTime(Year, 12, 25)));
            Assert.That(ShiftCounts(result.Shifts).Keys, Is.EquivalentTo(new[] { "UDUB", "UBER", "UNY" }));
        });
    }

    [TestCase("Europe/Dublin", "IE")]
    [TestCase("America/Detroit", "US")]
    [TestCase("Europe/Istanbul", "TR")]
    [TestCase("Asia/Kolkata", "IN")]
    public void CountryOfAZone_ComesFromTzdataBeyondTheShortList(string zone, string country)
    {
        Assert.That(PublicHolidayCalendar.CountryOfZone(zone), Is.EqualTo(country));
    }

    [Test]
    public void ZoneTab_IsReadColumnByColumn_SkippingComments()
    {
        using var dir = new SlackFeedbackBot.Tests.Support.TempDirectory();
        var path = dir.File("zone.tab");
        File.WriteAllLines(path, ["# tzdata", "TR\t+4101+02858\tEurope/Istanbul", "in\t+2232+08822\tAsia/Kolkata\tmost of India", "bad line"]);

        var zones = PublicHolidayCalendar.ReadZoneTab(path);

        Assert.That(zones, Is.EquivalentTo(new Dictionary<string, string> { ["Europe/Istanbul"] = "TR", ["Asia/Kolkata"] = "IN" }));
        Assert.That(PublicHolidayCalendar.ReadZoneTab(dir.File("absent.tab")), Is.Empty);
    }

    [Test]
    public void TurkeysPublicHolidays_AreKnown_ButIndiasAreNot()
    {
        Assert.That(PublicHolidayCalendar.Between("TR", new DateOnly(Year, 1, 1), new DateOnly(Year, 1, 1)).Keys, Is.EqualTo(new[] { new DateOnly(Year, 1, 1) }));
        Assert.That(PublicHolidayCalendar.Supports("IN"), Is.False);
    }

    [Test]
    public void NoCountry_PublicHolidaysAreWorkingDays()
    {
        var rotation = DriftStyle(Dublin) with { Cadence = new PerMemberCadence(5, CadencePeriod.Month) };

        var result = Plan(rotation, Team(Dublin, 5), Month(Year, 12, Dublin));

        Assert.That(DaysOf(result.Shifts, Dublin), Does.Contain(ChristmasDay));
    }

    [Test]
    public void CompanyDayOff_NobodyHasAShift()
    {
        var dayOff = new DateOnly(Year, 12, 24);
        var rotation = DriftStyle(Dublin) with { Cadence = new PerMemberCadence(5, CadencePeriod.Month), CompanyDaysOff = new HashSet<DateOnly> { dayOff } };

        var result = Plan(rotation, Team(Dublin, 5), Month(Year, 12, Dublin));

        Assert.That(DaysOf(result.Shifts, Dublin), Does.Not.Contain(dayOff));
    }

    [Test]
    public void SkippedDays_SayWhichAndWhyAndForWhom()
    {
        var rotation = DriftStyle(Dublin) with
        {
            HolidayCountry = "IE",
            CompanyDaysOff = new HashSet<DateOnly> { new(Year, 12, 24) },
            Holidays = new HashSet<DateOnly> { new(Year, 12, 31) },
        };
        var members = new[] { Member("UDUB", Dublin), Member("UBER", Berlin) with { HolidayCountry = "DE" } };

        var skipped = SkippedDays.Between(rotation, members, new DateOnly(Year, 12, 21), new DateOnly(Year, 12, 31));

        Assert.That(skipped.Select(s => s.Day), Is.EqualTo(new[] { new DateOnly(Year, 12, 24), ChristmasDay, new DateOnly(Year, 12, 31) }));
        Assert.Multiple(() =>
        {
            Assert.That(skipped[0].Reason, Is.EqualTo("company day off"));
            Assert.That(skipped[1].Reason, Does.Contain("(DE)").And.Contain("(IE)").And.StartWith("public holiday"));
            Assert.That(skipped[1].Everyone, Is.True);
            Assert.That(skipped[2].Reason, Does.Contain("holiday of this rotation"));
        });
    }

    private static HashSet<DateOnly> DaysOf(IEnumerable<PlannedShift> shifts, string zoneId)
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(zoneId);
        return shifts.Select(s => DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(s.Start.UtcDateTime, zone))).ToHashSet();
    }
}
