using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Rotations.People;
using SlackFeedbackBot.Rotations.Slack;

namespace SlackFeedbackBot.Tests.Rotations;

/// <summary>"Who has talked to a customer?": the table behind /support stats, and the month it reads.</summary>
public sealed class CustomerContactsTests
{
    private static readonly DateOnly December3 = new(2026, 12, 3);

    [Test]
    public void Combine_OneRowPerPerson_MembersWithNothingIncluded_MostContactFirst()
    {
        var rows = CustomerContacts.Combine(
            members: ["UQUIET", "UANA", "UBEN"],
            served: [("UANA", 1), ("UBEN", 2)],
            captured: [new PersonFeedbackCount("UANA", 3, 1), new PersonFeedbackCount("USALES", 2, 0)]);

        Assert.That(rows, Is.EqualTo(new[]
        {
            new CustomerContact("UANA", 1, 3, 1),
            new CustomerContact("UBEN", 2, 0, 0),
            new CustomerContact("USALES", 0, 2, 0),
            new CustomerContact("UQUIET", 0, 0, 0),
        }));
        Assert.That(rows.Where(r => !r.HasHeardCustomer).Select(r => r.UserId), Is.EqualTo(new[] { "UQUIET" }));
    }

    [TestCase("", 2026, 12)]
    [TestCase("  2026-11 ", 2026, 11)]
    [TestCase("2025-01", 2025, 1)]
    public void TryParseMonth_NothingOrYearMonth(string text, int year, int month)
    {
        Assert.That(StatsSubcommand.TryParseMonth(text, December3, out var parsed), Is.True);
        Assert.That(parsed, Is.EqualTo(new DateOnly(year, month, 1)));
    }

    [TestCase("november")]
    [TestCase("2026-13")]
    [TestCase("2026-1")]
    [TestCase("2027-01")]
    [TestCase("11/2026")]
    public void TryParseMonth_AnythingElse_OrAMonthStillAhead_IsRefused(string text) =>
        Assert.That(StatsSubcommand.TryParseMonth(text, December3, out _), Is.False);

    [Test]
    public void Render_NamesTheHeard_ThenKindlyTheNotYet()
    {
        var text = StatsSubcommand.Render(
            [new CustomerContact("UANA", 1, 2, 1), new CustomerContact("UQUIET", 0, 0, 0)],
            new DateOnly(2026, 11, 1),
            TimeZoneInfo.FindSystemTimeZoneById("Europe/Dublin"));

        Assert.That(text, Does.StartWith("*Who has talked to a customer in November 2026* (Europe/Dublin)"));
        Assert.That(text, Does.Contain("• <@UANA>: 1 shift served, 2 pieces of feedback, 1 research conversation"));
        Assert.That(text, Does.Contain("Still to hear a customer: <@UQUIET>. One support shift or one customer call does it."));
    }
}
