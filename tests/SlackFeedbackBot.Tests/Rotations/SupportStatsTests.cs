using Dapper;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Rotations.Planning;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>/support stats and the digest's kind list, on a real SQLite file with the ledger and feedback in it.</summary>
public sealed class SupportStatsTests
{
    /// <summary>Thursday 3 Dec 2026, 10:00 UTC.</summary>
    private static readonly DateTimeOffset December3 = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    private static async Task SeedAsync(RotationTestHost host)
    {
        var rotation = await host.RotationAsync();
        var shifts = host.Get<ShiftRepository>();
        // November: UANN served one and missed one; UBO swapped in; UCAL is on the rotation and heard nobody.
        await shifts.RecordAsync(rotation.Id, "support:2026-11-03T14:00Z", "UANN", new DateTimeOffset(2026, 11, 3, 14, 0, 0, TimeSpan.Zero), ShiftOutcome.Served, December3);
        await shifts.RecordAsync(rotation.Id, "support:2026-11-17T14:00Z", "UANN", new DateTimeOffset(2026, 11, 17, 14, 0, 0, TimeSpan.Zero), ShiftOutcome.Missed, December3);
        await shifts.RecordAsync(rotation.Id, "support:2026-11-20T14:00Z", "UBO", new DateTimeOffset(2026, 11, 20, 14, 0, 0, TimeSpan.Zero), ShiftOutcome.SwappedIn, December3);
        // A shift served late on 30 November UTC is already December in Sydney: months are read in the caller's zone.
        await shifts.RecordAsync(rotation.Id, "support:2026-11-30T20:00Z", "UCAL", new DateTimeOffset(2026, 11, 30, 20, 0, 0, TimeSpan.Zero), ShiftOutcome.Served, December3);

        using var connection = host.Get<Database>().Open();
        foreach (var (id, reporter, source, day) in new[] { (1, "UBO", "research", 5), (2, "UBO", "sales", 6), (3, "USALES", "sales", 7), (4, "UANN", "support", 36) })
        {
            var at = new DateTimeOffset(2026, 10, 27, 12, 0, 0, TimeSpan.Zero).AddDays(day).ToUnixTimeMilliseconds();
            await connection.ExecuteAsync(
                """
                INSERT INTO feedback_items (id, text, source, reporter_id, capture_path, bucket, status, created_at, updated_at) VALUES (@id, 'heard', @source, @reporter, 'command', 'unclassified', 'open', @at, @at);
                INSERT INTO feedback_reports (item_id, reporter_id, text, source, created_at) VALUES (@id, @reporter, 'heard', @source, @at);
                """,
                new { id, reporter, source, at });
        }
    }

    private static async Task<RotationTestHost> StartAsync(TempDirectory dir, RotationSlackFake slack)
    {
        var host = await RotationTestHost.StartAsync(dir.File("bot.db"), new FakeTimeProvider(December3), slack, RotationTestHost.Config(members: ["UANN", "UBO", "UCAL"]));
        await SeedAsync(host);
        return host;
    }

    [Test]
    public async Task Stats_AMonth_ShowsShiftsFeedbackAndResearchPerPerson_InTheCallersZone()
    {
        using var dir = new TempDirectory();
        var slack = new RotationSlackFake();
        slack.TimeZones["UADMIN"] = "Europe/Dublin";
        slack.TimeZones["USYD"] = "Australia/Sydney";
        using var host = await StartAsync(dir, slack);

        var november = (await host.SupportAsync(RotationTestHost.Admin, "stats 2026-11"))!.Text;

        Assert.That(november, Does.StartWith("*Who has talked to a customer in November 2026* (Europe/Dublin)"));
        Assert.That(november, Does.Contain("• <@UBO>: 1 shift served, 2 pieces of feedback, 1 research conversation"));
        Assert.That(november, Does.Contain("• <@UANN>: 1 shift served, 0 pieces of feedback, 0 research conversations"));
        Assert.That(november, Does.Contain("• <@UCAL>: 1 shift served"));
        Assert.That(november, Does.Contain("• <@USALES>: 0 shifts served, 1 piece of feedback"), "feedback by anyone counts, on a rotation or not");

        var sydney = (await host.SupportAsync("USYD", "stats 2026-11"))!.Text;
        Assert.That(sydney, Does.Contain("Still to hear a customer: <@UCAL>."), "in Sydney the 30 November evening shift fell in December");

        var thisMonth = (await host.SupportAsync(RotationTestHost.Admin, "stats"))!.Text;
        Assert.That(thisMonth, Does.StartWith("*Who has talked to a customer in December 2026*"));
        Assert.That(thisMonth, Does.Contain("• <@UANN>: 0 shifts served, 1 piece of feedback"));
        Assert.That(thisMonth, Does.Contain("Still to hear a customer: <@UBO>, <@UCAL>."));
        await host.StopAsync();
    }

    [TestCase("stats november", "`november`")]
    [TestCase("stats 2027-01", "`2027-01`")]
    [TestCase("stats <!channel>", "`@channel`")]
    public async Task Stats_BadMonth_IsAnsweredWithTheFix(string text, string echoed)
    {
        using var dir = new TempDirectory();
        using var host = await StartAsync(dir, new RotationSlackFake());

        var reply = (await host.SupportAsync(RotationTestHost.Admin, text))!.Text;

        Assert.That(reply, Is.EqualTo($"I couldn't read {echoed} as a month. Try `/support stats` for this month, or a month as year-month, e.g. `/support stats 2026-11`."));
        await host.StopAsync();
    }

    [Test]
    public async Task Digest_NamesKindly_TheMembersWhoHaveNotHeardACustomerInItsMonth()
    {
        using var dir = new TempDirectory();
        var slack = new RotationSlackFake();
        using var host = await StartAsync(dir, slack);
        var quiet = new DigestQuietPeople(host.Get<ICustomerContactLookup>(), new DigestPeopleNames(slack, NullLogger<DigestPeopleNames>.Instance));
        var week = DigestQuery.LastComplete(DigestPeriodKind.Week, TimeZoneInfo.Utc, December3).Period;

        // The last complete week before 3 December is 23-29 November: its month is November, up to the week's end.
        var input = await quiet.AddAsync(new DigestInput { Period = week }, TimeZoneInfo.Utc, CancellationToken.None);
        var digest = new DigestBuilder().Build(input);

        Assert.That(input.NotHeardThisMonth.Select(p => p.UserId), Is.EqualTo(new[] { "UCAL" }), "UCAL's shift was on the 30th, after the week");
        var text = DigestTextRenderer.Render(digest);
        Assert.That(text, Does.Contain("Still to hear a customer in November: ucal. One support shift, a customer call or a piece of feedback does it"));
        var blocks = System.Text.Json.JsonSerializer.Serialize(DigestBlockRenderer.Render(digest).Blocks, SlackFeedbackBot.Slack.SlackJson.Options);
        Assert.That(blocks, Does.Contain("_Still to hear a customer in November:_ ucal."));
        await host.StopAsync();
    }
}
