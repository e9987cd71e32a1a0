using SlackFeedbackBot.Slack.Inbound;
using SlackFeedbackBot.Slack.Text;

namespace SlackFeedbackBot.Tests.Slack;

public class SlackTextTests
{
    [TestCase("How do I stop <!channel> getting pinged?", "How do I stop @channel getting pinged?")]
    [TestCase("<!here> and <!everyone>", "@here and @everyone")]
    [TestCase("<!here|here> now", "@here now")]
    [TestCase("ask <!subteam^S0123|@design>", "ask @design")]
    [TestCase("ask <!subteam^S0123>", "ask @group")]
    [TestCase("see <http://evil.example|https://trusted.example>", "see http://evil.example (https://trusted.example)")]
    [TestCase("see <https://x.example/a|the docs>", "see https://x.example/a (the docs)")]
    [TestCase("see <https://x.example/a|https://x.example/a>", "see https://x.example/a")]
    [TestCase("see <https://y.example>", "see https://y.example")]
    [TestCase("mail <mailto:ann@x.example|ann@x.example>", "mail ann@x.example")]
    [TestCase("hi <@U12|ana> and <@U13>", "hi @ana and @someone")]
    [TestCase("in <#C9|general> or <#C10>", "in #general or #channel")]
    [TestCase("&lt;3 a<b a>b a&b", "&lt;3 a&lt;b a&gt;b a&amp;b")]
    [TestCase("<not markup>", "&lt;not markup&gt;")]
    [TestCase("<!date^1392734382^{date}|Feb 18>", "Feb 18")]
    [TestCase("<https://a.example/?q=1&amp;r=2|x>", "https://a.example/?q=1&amp;r=2 (x)")]
    [TestCase("unclosed <!channel", "unclosed &lt;!channel")]
    public void Defuse_LeavesNoPingAndNoDisguisedLink(string text, string expected)
    {
        var defused = SlackText.Defuse(text);

        Assert.That(defused, Is.EqualTo(expected));
        Assert.That(SlackMarkup.Tokens(defused).Where(t => t.Kind is SlackMarkupKind.Broadcast or SlackMarkupKind.UserGroup or SlackMarkupKind.Link), Is.Empty);
    }

    [TestCase("<!channel>", SlackMarkupKind.Broadcast, "channel", "")]
    [TestCase("<!subteam^S1|@team>", SlackMarkupKind.UserGroup, "subteam^S1", "@team")]
    [TestCase("<@U1|ann>", SlackMarkupKind.User, "U1", "ann")]
    [TestCase("<#C1>", SlackMarkupKind.Channel, "C1", "")]
    [TestCase("<https://x.example|a|b>", SlackMarkupKind.Link, "https://x.example", "a|b")]
    [TestCase("<ftp://x.example>", SlackMarkupKind.Link, "ftp://x.example", "")]
    [TestCase("<!date^1^{date}|d>", SlackMarkupKind.Date, "date^1^{date}", "d")]
    public void Markup_ReadsEachKind(string text, SlackMarkupKind kind, string target, string label)
    {
        Assert.That(SlackMarkup.TryRead(text, 0, out var token), Is.True);
        Assert.That((token.Kind, token.Target(text).ToString(), token.Label(text).ToString(), token.Length), Is.EqualTo((kind, target, label, text.Length)));
    }

    [TestCase("<>")]
    [TestCase("<@>")]
    [TestCase("<@u1>")]
    [TestCase("<!>")]
    [TestCase("<plain words>")]
    [TestCase("<https://x\n>")]
    [TestCase("<a <!here>")]
    [TestCase("<https://x")]
    public void Markup_RefusesWhatIsNotMarkup(string text) =>
        Assert.That(SlackMarkup.TryRead(text, 0, out _), Is.False);

    [TestCase("short", 10, "short")]
    [TestCase("exactly10!", 10, "exactly10!")]
    [TestCase("abcdefghijkl", 5, "abcd…")]
    [TestCase("abc &amp; def", 7, "abc…")]
    [TestCase("abc &amp; def", 10, "abc &amp;…")]
    [TestCase("ab &lt;x", 5, "ab…")]
    [TestCase("see <https://x.example/long|label> then", 12, "see…")]
    [TestCase("see <https://x.example/long|label> then", 36, "see <https://x.example/long|label>…")]
    [TestCase("go 😀😀 now", 5, "go…")]
    [TestCase("go 😀😀 now", 6, "go 😀…")]
    public void Truncate_NeverCutsATokenInHalf(string text, int max, string expected)
    {
        var cut = SlackText.Truncate(text, max);

        Assert.That(cut, Is.EqualTo(expected));
        Assert.That(cut.Length, Is.LessThanOrEqualTo(max));
    }

    [Test]
    public void Truncate_AtEveryLength_KeepsWholeTokensAndPairs()
    {
        const string text = "a 😀 &amp; <!here> <https://x.example/p|the label> &lt;b&gt; <@U1|ann> 🎉 end";
        for (var max = 1; max <= text.Length; max++)
        {
            var cut = SlackText.Truncate(text, max);
            Assert.That(cut.Length, Is.LessThanOrEqualTo(max), $"max {max}");
            var kept = cut.EndsWith(SlackText.Ellipsis, StringComparison.Ordinal) && cut != text ? cut[..^1] : cut;
            Assert.That(text.StartsWith(kept, StringComparison.Ordinal), $"max {max}: {cut}");
            Assert.That(kept.Length == 0 || !char.IsHighSurrogate(kept[^1]), $"max {max}: half a pair");
            Assert.That(SlackText.Defuse(kept), Does.Not.Contain("&amp;amp").And.Not.Contain("&amp;lt"), $"max {max}: half an entity: {cut}");
            var lastOpen = kept.LastIndexOf('<');
            Assert.That(lastOpen < 0 || kept.IndexOf('>', lastOpen) > lastOpen, $"max {max}: half a markup token: {cut}");
        }
    }

    [TestCase("one  two\n three", 40, "one two three")]
    [TestCase("the export button is missing from the page", 20, "the export button…")]
    [TestCase("averyveryverylongwordwithoutspaces", 10, "averyvery…")]
    public void Excerpt_CollapsesSpacesAndCutsAtAWord(string text, int max, string expected) =>
        Assert.That(SlackText.Excerpt(text, max), Is.EqualTo(expected));

    [TestCase("one", "> one")]
    [TestCase("one\ntwo", "> one\n> two")]
    public void Quote_QuotesEveryLine(string text, string expected) =>
        Assert.That(SlackText.Quote(text), Is.EqualTo(expected));

    [TestCase("https://x.example/a", true)]
    [TestCase("http://x.example", true)]
    [TestCase("HTTPS://X.EXAMPLE/", true)]
    [TestCase("javascript:alert(1)", false)]
    [TestCase("ftp://x.example", false)]
    [TestCase("x.example", false)]
    [TestCase("https://x.example/a|b", false)]
    [TestCase("https://x.example/a>b", false)]
    [TestCase("https://x.example/a b", false)]
    [TestCase("https://", false)]
    [TestCase("", false)]
    public void IsWebUrl_AcceptsOnlyHttpAddresses(string url, bool web) =>
        Assert.That(SlackText.IsWebUrl(url), Is.EqualTo(web));

    [TestCase("https://x.example/a", "the <b> label", "<https://x.example/a|the &lt;b&gt; label>")]
    [TestCase("https://x.example/?a=1&b=2", "view", "<https://x.example/?a=1&amp;b=2|view>")]
    [TestCase("javascript:alert(1)", "view", "view")]
    [TestCase("https://x.example/a|b", "view", "view")]
    [TestCase(null, "view", "view")]
    public void Link_LinksOnlySafeAddresses(string? url, string label, string expected) =>
        Assert.That(SlackText.Link(url, label), Is.EqualTo(expected));

    [TestCase("<@UBOT> the export is slow", true, "the export is slow")]
    [TestCase("<@UBOT|feedback>: the export is slow", true, "the export is slow")]
    [TestCase("the export <@UBOT> is slow", true, "the export <@UBOT> is slow")]
    [TestCase("<@UBOTX> the export", false, "<@UBOTX> the export")]
    [TestCase("no mention", false, "no mention")]
    public void Mentions_FindsTheBot(string text, bool mentions, string rest)
    {
        Assert.That(SlackText.Mentions(text, "UBOT"), Is.EqualTo(mentions));
        Assert.That(SlackText.WithoutLeadingMention(text, "UBOT"), Is.EqualTo(rest));
    }

    [TestCase("see <https://x|the docs> and <https://y>, ask <@U1|ann> in <#C1|general> <!here>", "see  the docs  and  , ask   in")]
    [TestCase("a &amp; b &lt;3", "a & b <3")]
    public void WithoutMarkup_KeepsOnlyWhatPeopleWrote(string text, string expected) =>
        Assert.That(SlackText.WithoutMarkup(text).TrimEnd(), Is.EqualTo(expected));

    [TestCase("<!channel> hi", "@channel hi")]
    [TestCase("&lt;!channel&gt; hi", "<!channel> hi")]
    [TestCase("<@U1|ann> <#C1|general> <!subteam^S1|@design> <https://x.example>", "@ann #general @design https://x.example")]
    [TestCase("<@U1> &amp;lt;", "<@U1> &lt;")]
    public void CommandText_AsTyped(string sent, string typed) =>
        Assert.That(SlackCommandText.AsTyped(sent), Is.EqualTo(typed));
}
