using System.Text.Json;
using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Spotlight;

public class SpotlightCliTests
{
    private readonly SpotlightCli cli = new(SpotlightClassifier.CreateDefault());

    [Test]
    public void ClassifyOne_MatchingText_PrintsBucketTabRule()
    {
        var output = new StringWriter();

        var exitCode = cli.ClassifyOne("How do I export?", output);

        Assert.That(exitCode, Is.EqualTo(SpotlightCli.Success));
        Assert.That(output.ToString(), Is.EqualTo("user_experience\tuser_experience: \"how do i\"" + Environment.NewLine));
    }

    [Test]
    public void ClassifyOne_NoRuleMatches_PrintsUnclassifiedWithADash()
    {
        var output = new StringWriter();

        cli.ClassifyOne("The export is broken", output);

        Assert.That(output.ToString(), Is.EqualTo("unclassified\t-" + Environment.NewLine));
    }

    [TestCase("")]
    [TestCase("   ")]
    [TestCase(null)]
    public void ClassifyOne_BlankText_ExplainsAndFails(string? text)
    {
        var output = new StringWriter();

        var exitCode = cli.ClassifyOne(text, output);

        Assert.That(exitCode, Is.EqualTo(SpotlightCli.NothingToClassify));
        Assert.That(output.ToString(), Does.StartWith("Nothing to classify"));
    }

    [Test]
    public void ClassifyJsonLines_EachNonBlankLine_BecomesOneJsonObject()
    {
        var input = new StringReader("How do I export?\n\n   \nI’m probably not your target customer\nThe app is down \"again\"\n");
        var output = new StringWriter();

        var count = cli.ClassifyJsonLines(input, output);

        var lines = output.ToString().Split(Environment.NewLine, StringSplitOptions.RemoveEmptyEntries);
        Assert.That(count, Is.EqualTo(3));
        Assert.That(lines, Has.Length.EqualTo(3));

        var objects = lines.Select(line => JsonDocument.Parse(line).RootElement).ToArray();
        Assert.Multiple(() =>
        {
            Assert.That(objects[0].GetProperty("text").GetString(), Is.EqualTo("How do I export?"));
            Assert.That(objects[0].GetProperty("bucket").GetString(), Is.EqualTo("user_experience"));
            Assert.That(objects[0].GetProperty("rule").GetString(), Is.EqualTo("user_experience: \"how do i\""));
            Assert.That(objects[1].GetProperty("bucket").GetString(), Is.EqualTo("positioning"));
            Assert.That(objects[2].GetProperty("text").GetString(), Is.EqualTo("The app is down \"again\""));
            Assert.That(objects[2].GetProperty("bucket").GetString(), Is.EqualTo("unclassified"));
            Assert.That(objects[2].GetProperty("rule").ValueKind, Is.EqualTo(JsonValueKind.Null));
        });
        Assert.That(lines[1], Does.Contain("I’m probably"), "non-ASCII text stays readable, not \\u-escaped");
    }

    [Test]
    public void ClassifyJsonLines_EmptyInput_WritesNothing()
    {
        var output = new StringWriter();

        Assert.That(cli.ClassifyJsonLines(new StringReader(""), output), Is.Zero);
        Assert.That(output.ToString(), Is.Empty);
    }
}
