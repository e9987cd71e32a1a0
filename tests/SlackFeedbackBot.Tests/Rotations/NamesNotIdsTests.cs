using Ical.Net;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Hosting;
using SlackFeedbackBot.Rotations;
using SlackFeedbackBot.Rotations.Calendar;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Slack.Directory;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>Where people read a rotation outside Slack (the terminal, a calendar), they see names; machines keep the ids.</summary>
public sealed class NamesNotIdsTests
{
    private static readonly DateTimeOffset Monday = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private static readonly KnownPersonNames Names = new(new Dictionary<string, string> { ["UANN"] = "Ann Lee", ["UBO"] = "Bo Sand" });

    private static async Task<(TempDirectory Dir, RotationTestHost Host, FakeTimeProvider Time)> StartAsync()
    {
        var dir = new TempDirectory();
        var time = new FakeTimeProvider(Monday);
        var host = await RotationTestHost.StartAsync(dir.File("bot.db"), time, new RotationSlackFake(), RotationTestHost.Config("support", "UTC", "UANN", "UBO"));
        await host.WaitForPlanAsync();
        return (dir, host, time);
    }

    /// <summary>The feed's content lines, unfolded (RFC 5545 folds long lines with CRLF and a space).</summary>
    private static List<string> Lines(string ics) => ics.Replace("\r\n ", "", StringComparison.Ordinal).Split("\r\n").ToList();

    [Test]
    public async Task RotationShow_NamesThePeopleOnEachShift()
    {
        var (dir, host, time) = await StartAsync();
        using (dir)
        using (host)
        {
            var output = new StringWriter();

            var code = await RotationCli.ShowAsync(host.Get<Database>(), "support", output, time, Names);

            Assert.That(code, Is.Zero);
            var shiftLines = output.ToString().Split('\n').Skip(1).Where(l => l.Length > 0).ToList();
            Assert.That(shiftLines, Is.Not.Empty);
            Assert.That(shiftLines, Has.All.Matches<string>(l => l.Contains("Ann Lee") || l.Contains("Bo Sand")));
            Assert.That(shiftLines, Has.None.Matches<string>(l => l.Contains("  UANN") || l.Contains("  UBO")), "no ids where names are known");
            await host.StopAsync();
        }
    }

    [Test]
    public async Task RotationIcs_ForAMemberGivenByName_NamesThemInSummaryDescriptionAndAttendee_WithTheIdInTheAddress()
    {
        var (dir, host, time) = await StartAsync();
        using (dir)
        using (host)
        {
            var output = new StringWriter();

            var code = await RotationCli.IcsAsync(host.Get<Database>(), "support", "ann lee", output, time, new StringWriter(), Names);

            Assert.That(code, Is.Zero);
            var calendar = Calendar.Load(output.ToString())!;
            Assert.That(calendar.Events, Is.Not.Empty);
            foreach (var shift in calendar.Events)
            {
                Assert.That(shift.Summary, Is.EqualTo("Support shift: support (Ann Lee)"));
                Assert.That(shift.Description, Does.Contain("On shift: Ann Lee").And.Not.Contain("UANN"));
            }

            var lines = Lines(output.ToString());
            Assert.That(lines, Does.Contain("X-WR-CALNAME:Support: support (Ann Lee)"));
            var attendees = lines.Where(l => l.StartsWith("ATTENDEE", StringComparison.Ordinal)).ToList();
            Assert.That(attendees, Has.Count.EqualTo(calendar.Events.Count), "one attendee per shift: Ann");
            Assert.That(attendees, Has.All.Contains("Ann Lee").And.All.EndsWith(":" + RotationCalendar.AttendeeAddress("UANN")), "the name for people, the id for machines");

            await host.StopAsync();
        }
    }

    [Test]
    public async Task RotationIcs_ForNoMember_ListsTheMembersByNameAndId()
    {
        var (dir, host, time) = await StartAsync();
        using (dir)
        using (host)
        {
            var error = new StringWriter();

            var code = await RotationCli.IcsAsync(host.Get<Database>(), "support", "ana", new StringWriter(), time, error, Names);

            Assert.That(code, Is.EqualTo(2));
            Assert.That(error.ToString(), Does.Contain("--member takes a member's name or Slack user id: Ann Lee (UANN), Bo Sand (UBO)."));
            await host.StopAsync();
        }
    }

    [Test]
    public void ToIcs_WithoutANameForSomeone_ShowsTheirId()
    {
        var shift = new PlannedShift(PlannedShift.KeyFor("support", Monday), Monday, Monday.AddHours(1), ["UANN", "UNEW"], "UBO");

        var ics = RotationCalendar.ToIcs(RotationFixtures.DriftStyle(), [shift], Monday, names: new Dictionary<string, string> { ["UANN"] = "Ann Lee", ["UBO"] = "Bo Sand" });

        var only = Calendar.Load(ics)!.Events.Single();
        Assert.That(only.Summary, Does.EndWith("(Ann Lee, UNEW)"));
        Assert.That(only.Description, Does.Contain("On shift: Ann Lee, UNEW with support pro Bo Sand."));
        var attendees = Lines(ics).Where(l => l.StartsWith("ATTENDEE", StringComparison.Ordinal)).ToList();
        Assert.That(attendees, Has.Count.EqualTo(3));
        Assert.That(attendees[0], Does.Contain("Ann Lee").And.EndWith(":" + RotationCalendar.AttendeeAddress("UANN")));
        Assert.That(attendees[1], Does.Contain("CN=UNEW").And.EndWith(":" + RotationCalendar.AttendeeAddress("UNEW")));
        Assert.That(attendees[2], Does.Contain("Bo Sand").And.EndWith(":" + RotationCalendar.AttendeeAddress("UBO")));
    }

    [Test]
    public async Task LocalMode_TheCliNamesTheDemoWorkspacesPeople()
    {
        var demo = LocalSlack.DemoPeople();

        Assert.That(await new KnownPersonNames(demo).NameOrIdAsync("U0ANA00001", CancellationToken.None), Is.EqualTo("ana"));
        Assert.That(await new KnownPersonNames(demo).NameOrIdAsync("U0NOBODY01", CancellationToken.None), Is.EqualTo("U0NOBODY01"));
    }
}
