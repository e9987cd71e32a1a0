using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Tests.Emulator;

/// <summary>Slash command text as Slack sends it, escaped or not as the app's manifest says (should_escape).</summary>
public sealed class SlashCommandEscapingTests
{
    private static SlackWorkspace Demo()
    {
        var workspace = new SlackWorkspace(EmulatorIds.TeamId, EmulatorIds.TeamDomain, new FakeTimeProvider());
        WorkspaceSeeder.SeedDemo(workspace);
        return workspace;
    }

    [Test]
    public void Control_characters_are_always_entities()
    {
        Assert.That(SlashCommandText.AsSent("export & import <csv> @ben #general", escape: false, Demo()),
            Is.EqualTo("export &amp; import &lt;csv&gt; @ben #general"));
    }

    [TestCase("ask @ben about it", "ask <@U0BEN00002|ben> about it")]
    [TestCase("members=@ben,@Ciara.", "members=<@U0BEN00002|ben>,<@U0CIARA003|ciara>.")]
    [TestCase("in #support please", "in <#C0SUPPORT1|support> please")]
    [TestCase("@here and @channel", "<!here> and <!channel>")]
    [TestCase("page @support-now", "page <!subteam^S0SUPNOW01|@support-now>")]
    [TestCase("see https://example.com/a?b=1&c=2.", "see <https://example.com/a?b=1&amp;c=2>.")]
    [TestCase("@nobody in #nowhere", "@nobody in #nowhere")]
    [TestCase("mail ana@example.com", "mail ana@example.com")]
    [TestCase("a & b <c> @ben", "a &amp; b &lt;c&gt; <@U0BEN00002|ben>")]
    public void With_escaping_on_mentions_channels_and_links_become_markup(string typed, string sent)
    {
        Assert.That(SlashCommandText.AsSent(typed, escape: true, Demo()), Is.EqualTo(sent));
    }

    [Test]
    public void The_repositorys_manifest_decides_which_commands_are_escaped()
    {
        var escaping = SlashCommandEscaping.From(new EmulatorOptions());

        Assert.That(escaping.ManifestPath, Does.EndWith(Path.Combine("deploy", "slack", "manifest.yml")));
        Assert.That(escaping.ShouldEscape("/feedback"), Is.True);
        Assert.That(escaping.ShouldEscape("/support"), Is.True);
        Assert.That(escaping.ShouldEscape("/unknown"), Is.False, "Slack's default is off");
    }

    [Test]
    public void An_option_per_command_overrides_the_manifest()
    {
        using var dir = new Support.TempDirectory();
        var manifest = dir.File("manifest.yml");
        File.WriteAllText(manifest, """
            features:
              slash_commands:
                - command: /feedback
                  description: x
                  should_escape: true
                - command: /support
                  description: y
            """);

        var escaping = SlashCommandEscaping.From(new EmulatorOptions
        {
            AppManifestPath = manifest,
            SlashCommandEscaping = new Dictionary<string, bool> { ["/feedback"] = false, ["/ping"] = true },
        });

        Assert.That(escaping.ShouldEscape("/feedback"), Is.False);
        Assert.That(escaping.ShouldEscape("/support"), Is.False, "should_escape left out is off");
        Assert.That(escaping.ShouldEscape("/ping"), Is.True);
    }
}
