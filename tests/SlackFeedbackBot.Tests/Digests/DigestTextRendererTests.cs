using SlackFeedbackBot.Digests;

namespace SlackFeedbackBot.Tests.Digests;

public class DigestTextRendererTests
{
    [Test]
    public void Render_AWeek_ShowsEverySection()
    {
        var text = DigestTextRenderer.Render(new DigestBuilder().Build(SampleDigest.Week()));

        Assert.That(text.ReplaceLineEndings("\n"), Is.EqualTo("""
            Feedback digest 2026-W48
            2026-11-23 00:00 to 2026-11-30 00:00 UTC

            Reports by bucket (change since the previous week)
              User experience: 6 (+3)
              Product marketing: 1 (−2)
              Positioning: 1 (new)
              Unclassified: 1 (0)

            Top User experience issues
              1. integrate trello: 5 reports, 3 customers
                 "How do I integrate this with Trello?" https://example.slack.com/archives/C1/p1001
              2. export reports csv: 1 report, 1 customer
                 "How do I export reports to CSV?" https://example.slack.com/archives/C1/p1010

            Top Product marketing issues
              1. sso okta: 1 report, 1 customer
                 "Can you do SSO with Okta?" https://example.slack.com/archives/C1/p1011

            Top Positioning issues
              1. probably plan schools: 1 report, 1 customer
                 "I'm probably not your target customer, but is there a plan for schools?" https://example.slack.com/archives/C1/p1012

            Waiting for triage: 1 unclassified item
              - "The app crashed & burned <!channel>" https://example.slack.com/archives/C1/p1013

            Closed the loop
              We closed the loop on 1 item; 3 reporters told.
              - "How do I rename a board?" -> Rename is now in the board menu https://example.slack.com/archives/C1/p1040

            Thresholds reached
              - "integrate trello" heard 5 times (item 1, 2026-11-26) https://example.slack.com/archives/C1/p1001

            Support rotation
              3 served, 1 missed, 1 swapped, 4 feedback captured
              Ana: 2 served, 0 missed, 1 swapped, 4 captured
              U2: 1 served, 1 missed, 0 swapped, 0 captured

            """));
    }

    [Test]
    public void Render_AQuietWeek_SaysNothingHappened()
    {
        var text = DigestTextRenderer.Render(new DigestBuilder().Build(new DigestInput { Period = DigestData.Week48, Buckets = DigestData.Buckets }));

        Assert.That(text, Does.Contain("User experience: 0 (0)"));
        Assert.That(text, Does.Contain("Waiting for triage: 0 unclassified items"));
        Assert.That(text, Does.Contain("No items were closed this period."));
        Assert.That(text, Does.Not.Contain("Top "));
        Assert.That(text, Does.Not.Contain("Support rotation"));
    }
}
