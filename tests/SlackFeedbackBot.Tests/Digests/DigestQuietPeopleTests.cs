using System.Text.Json;
using SlackFeedbackBot.Digests;
using SlackFeedbackBot.Slack;
using static SlackFeedbackBot.Tests.Digests.DigestData;

namespace SlackFeedbackBot.Tests.Digests;

/// <summary>The digest's kind line for people who have not heard a customer yet in its month.</summary>
public sealed class DigestQuietPeopleTests
{
    [Test]
    public void MonthOf_IsTheMonthOfThePeriodsLastDay_InTheDigestsZone()
    {
        var sydney = TimeZoneInfo.FindSystemTimeZoneById("Australia/Sydney");
        var week = new DigestPeriod(new DateTimeOffset(2026, 11, 22, 13, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 29, 13, 0, 0, TimeSpan.Zero), "2026-W48", DigestPeriodKind.Week);

        var (start, name) = DigestQuietPeople.MonthOf(week, sydney);

        Assert.That((start, name), Is.EqualTo((new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.FromHours(11)), "November")));
    }

    [Test]
    public void Render_AWholeCompanyStillToHear_NamesTheFirstAndCountsTheRest_InsideSlacksLimits()
    {
        var quiet = Enumerable.Range(0, 200).Select(i => new QuietPerson($"U{i:D4}", new string('n', 90) + i)).ToList();
        var digest = new DigestBuilder().Build(new DigestInput { Period = Week48, Buckets = Buckets, NotHeardThisMonth = quiet, MonthName = "November" });

        var blocks = JsonSerializer.SerializeToNode(DigestBlockRenderer.Render(digest).Blocks, SlackJson.Options)!.AsArray();
        var line = blocks.Select(b => (string?)b?["text"]?["text"]).OfType<string>().Single(t => t.Contains("Still to hear a customer", StringComparison.Ordinal));

        Assert.That(line, Does.Contain("_Still to hear a customer in November:_ ").And.Contain($" and {200 - DigestLayout.MaxNotHeardNames} more."));
        Assert.That(line.Length, Is.LessThanOrEqualTo(3000), "a section's text limit");
        Assert.That(DigestTextRenderer.Render(digest), Does.Contain("Still to hear a customer in November:"));
    }
}
