using System.Text.Json;
using SlackFeedbackBot.Digests;

namespace SlackFeedbackBot.Tests.Digests;

public class DigestBlockRendererTests
{
    private static readonly DigestBuilder Builder = new();

    private static JsonElement Payload(DigestInput input, string? chartUrl = null) =>
        JsonDocument.Parse(DigestJsonRenderer.Render(Builder.Build(input), chartUrl)).RootElement;

    private static List<JsonElement> Blocks(JsonElement payload) => payload.GetProperty("blocks").EnumerateArray().ToList();

    [Test]
    public void Render_AWeek_IsAPostMessageBodyWithTextAndBlocks()
    {
        var payload = Payload(SampleDigest.Week());

        Assert.That(payload.EnumerateObject().Select(property => property.Name), Is.EqualTo(new[] { "text", "blocks" }));
        Assert.That(payload.GetProperty("text").GetString(), Is.EqualTo(
            "Feedback digest 2026-W48: 9 reports (User experience 6 (+3), Product marketing 1 (−2), Positioning 1 (new), "
            + "Unclassified 1 (0)). We closed the loop on 1 item; 3 reporters told. 1 item waiting for triage."));
        var blocks = Blocks(payload);
        Assert.That(blocks.Select(block => block.GetProperty("type").GetString()), Is.EqualTo(new[]
        {
            "header", "context", "section",
            "divider", "section", "divider", "section", "divider", "section",
            "divider", "section", "section", "section", "section",
        }));
        Assert.That(blocks[0].GetProperty("text").GetProperty("text").GetString(), Is.EqualTo("Feedback digest 2026-W48"));
        Assert.That(blocks[2].GetProperty("fields")[0].GetProperty("text").GetString(), Is.EqualTo("*User experience*\n6 (+3)"));
        Assert.That(blocks[4].GetProperty("text").GetProperty("text").GetString(), Does.StartWith(
            "*Top User experience issues*\n1. *integrate trello*: 5 reports, 3 customers\n"
            + ">How do I integrate this with Trello? <https://example.slack.com/archives/C1/p1001|view>"));
    }

    [Test]
    public void Render_QuotedMarkup_PingsNoOneAndIsEscaped()
    {
        var json = DigestJsonRenderer.Render(Builder.Build(SampleDigest.Week()));
        var triage = Blocks(JsonDocument.Parse(json).RootElement)
            .Select(block => block.TryGetProperty("text", out var text) ? text.GetProperty("text").GetString() : null)
            .Single(text => text?.StartsWith("*Waiting for triage:*", StringComparison.Ordinal) == true);

        Assert.That(triage, Does.Contain("• The app crashed &amp; burned @channel <https://example.slack.com/archives/C1/p1013|view>"));
        Assert.That(json, Does.Not.Contain("<!channel>"));
    }

    [Test]
    public void Render_RotationWithoutNames_MentionsTheUser()
    {
        var payload = Payload(SampleDigest.Week());

        var rotation = Blocks(payload).Last().GetProperty("text").GetProperty("text").GetString();

        Assert.That(rotation, Is.EqualTo(
            "*Support rotation:* 3 served, 1 missed, 1 swapped, 4 feedback captured\n"
            + "• Ana: 2 served, 0 missed, 1 swapped, 4 captured\n"
            + "• <@U2>: 1 served, 1 missed, 0 swapped, 0 captured"));
    }

    [Test]
    public void Render_WithAHostedChart_ShowsItUnderTheCounts()
    {
        var input = SampleDigest.Week() with { WeeklyCounts = [new(new DateOnly(2026, 11, 23), "user_experience", 6)] };

        var blocks = Blocks(Payload(input, "https://files.example/chart.png"));

        Assert.That(blocks[3].GetProperty("type").GetString(), Is.EqualTo("image"));
        Assert.That(blocks[3].GetProperty("image_url").GetString(), Is.EqualTo("https://files.example/chart.png"));
        Assert.That(blocks[3].GetProperty("alt_text").GetString(), Does.Contain("12 weeks up to 2026-W48"));
    }

    [Test]
    public void Render_WithoutChartData_LeavesTheImageOut()
    {
        var blocks = Blocks(Payload(SampleDigest.Week(), "https://files.example/chart.png"));

        Assert.That(blocks.Select(block => block.GetProperty("type").GetString()), Does.Not.Contain("image"));
    }

    [Test]
    public void Render_AHugeDigest_StaysWithinSlacksLimits()
    {
        var payload = Payload(SampleDigest.Huge(), "https://files.example/chart.png");

        var blocks = Blocks(payload);
        Assert.That(payload.GetProperty("text").GetString()!, Has.Length.InRange(1, 4000));
        Assert.That(blocks, Has.Count.InRange(40, 50));
        foreach (var block in blocks)
        {
            switch (block.GetProperty("type").GetString())
            {
                case "header":
                    Assert.That(block.GetProperty("text").GetProperty("text").GetString()!, Has.Length.InRange(1, 150));
                    break;
                case "section":
                    if (block.TryGetProperty("text", out var text))
                    {
                        AssertWellFormedMarkdown(text.GetProperty("text").GetString()!, 3000);
                    }
                    if (block.TryGetProperty("fields", out var fields))
                    {
                        Assert.That(fields.GetArrayLength(), Is.LessThanOrEqualTo(10));
                        foreach (var field in fields.EnumerateArray())
                        {
                            AssertWellFormedMarkdown(field.GetProperty("text").GetString()!, 2000);
                        }
                    }
                    break;
                case "context":
                    Assert.That(block.GetProperty("elements").GetArrayLength(), Is.InRange(1, 10));
                    break;
            }
        }
        Assert.That(blocks[^1].GetProperty("type").GetString(), Is.EqualTo("context"));
    }

    [Test]
    public void Layout_AHugeDigest_KeepsItsSectionsFullRatherThanCut()
    {
        var digest = Builder.Build(SampleDigest.Huge());
        var parts = DigestLayout.Parts(digest);

        Assert.That(digest.Buckets.Sum(bucket => bucket.TopIssues.Count), Is.EqualTo(500));

        var sections = parts.Where(part => part.Kind == DigestPartKind.Text).ToList();
        Assert.That(parts, Has.Count.EqualTo(DigestLayout.MaxParts));
        Assert.That(sections.Select(section => section.Text.Length), Has.All.InRange(1, DigestLayout.MaxSection));
        Assert.That(sections.Count(section => section.Text.Length > 2000), Is.GreaterThan(10));
        Assert.That(parts.Single(part => part.Kind == DigestPartKind.Fields).Fields, Has.Count.EqualTo(10));
        Assert.That(parts[^1].Text, Does.Contain("digest --text"));
    }

    private static void AssertWellFormedMarkdown(string text, int max)
    {
        Assert.That(text, Has.Length.InRange(1, max));
        var opened = 0;
        for (var index = 0; index < text.Length; index++)
        {
            var blockQuote = text[index] == '>' && (index == 0 || text[index - 1] == '\n');
            opened += text[index] switch { '<' => 1, '>' when !blockQuote => -1, _ => 0 };
            Assert.That(opened, Is.InRange(0, 1), "every < is closed by a > before the next one opens");
        }
        Assert.That(opened, Is.Zero, text[^Math.Min(80, text.Length)..]);
    }
}
