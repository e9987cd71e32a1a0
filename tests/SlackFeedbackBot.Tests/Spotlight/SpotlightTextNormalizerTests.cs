using SlackFeedbackBot.Spotlight;

namespace SlackFeedbackBot.Tests.Spotlight;

public class SpotlightTextNormalizerTests
{
    [TestCase("I’m sure I’m wrong", "i'm sure i'm wrong", TestName = "Curly apostrophes become straight")]
    [TestCase("“How do I” export?", "how do i export.", TestName = "Curly double quotes are dropped")]
    [TestCase("<@U123> can you help", "can you help", TestName = "User mention is removed")]
    [TestCase("<@U123|ann> can you help", "can you help", TestName = "User mention with name is removed")]
    [TestCase("<!here> heads up", "heads up", TestName = "Special mention is removed")]
    [TestCase("posted in <#C123|general> today", "posted in general today", TestName = "Channel link reads as its name")]
    [TestCase("read <https://example.com/docs|the docs> first", "read the docs first", TestName = "Labelled link reads as its label")]
    [TestCase("see <https://example.com/docs> first", "see first", TestName = "Bare link is removed")]
    [TestCase(":wave: hi :+1::skin-tone-2: there :white_check_mark:", "hi there", TestName = "Emoji and skin tones are removed")]
    [TestCase("*bold* _italic_ ~strike~ `code`", "bold italic strike code", TestName = "Formatting marks are stripped")]
    [TestCase("&gt; how do i export\nthanks", "how do i export. thanks", TestName = "Escaped quote marker is stripped")]
    [TestCase("> how do i export", "how do i export", TestName = "Quote marker is stripped")]
    [TestCase("  lots \t of\r\n\n\n  space  ", "lots of. space", TestName = "Runs of spaces and newlines collapse")]
    [TestCase("HoW Do I", "how do i", TestName = "Mixed case is lowered")]
    [TestCase("can u help r u there pls", "can you help are you there please", TestName = "Chat shorthand is expanded")]
    [TestCase("im new, i m lost, i'm here", "i'm new i'm lost i'm here", TestName = "im and i m mean i'm")]
    [TestCase("cant cannot can not can't", "can't can't can't can't", TestName = "Every spelling of can't is one word")]
    [TestCase("First. Second? Third! fourth", "first. second. third. fourth", TestName = "Sentences are separated")]
    [TestCase("v2.3 on app.example.com", "v2 3 on app example com", TestName = "Dots inside words do not end a sentence")]
    [TestCase("meeting at 10:30 ok", "meeting at 10 30 ok", TestName = "A colon in a time is not an emoji")]
    [TestCase("the 'quoted' word and customers' data", "the quoted word and customers data", TestName = "Quote marks around words are dropped")]
    [TestCase("Crème brûlée ÉCOLE", "crème brûlée école", TestName = "Non-ASCII letters are lowered")]
    [TestCase("a &amp; b &lt;c&gt;", "a b c", TestName = "Slack entities separate words")]
    [TestCase("", "", TestName = "Empty text stays empty")]
    public void Normalize_SlackMessage_ReadsAsTheRulesSeeIt(string text, string expected)
    {
        Assert.That(SpotlightTextNormalizer.Normalize(text), Is.EqualTo(expected));
    }

    [Test]
    public void Normalize_WordLongerThanTheLimit_StaysASeparateUnknownWord()
    {
        var longWord = new string('x', 100);

        var normalized = SpotlightTextNormalizer.Normalize($"how {longWord} do i");

        Assert.That(normalized, Is.EqualTo("how do i"), "the over-long word is dropped from view but still separates 'how' from 'do'");
        Assert.That(SpotlightClassifier.CreateDefault().Classify($"how {longWord} do i").Bucket, Is.EqualTo(SpotlightBuckets.Unclassified));
    }
}
