using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Feedback;
using SlackFeedbackBot.Rotations.Storage;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Integration;

/// <summary>
/// /feedback and /support as Slack delivers them with the manifest's should_escape on: entities for &amp; &lt; &gt;,
/// markup for people, channels and links. The bot stores what people typed and reads the markup.
/// </summary>
public sealed class EscapedSlashCommandTests
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string Ciara = "U0CIARA003";
    private const string Support = EmulatorIds.SupportChannelId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private BotTestHost _host = null!;

    private SlackEmulator Slack => _host.Slack;

    [SetUp]
    public async Task SetUp() => _host = await BotTestHost.StartAsync(new BotTestHostOptions
    {
        Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)),
        Settings = new Dictionary<string, string?> { ["Rotations:Admins:0"] = Ana },
    });

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    private async Task<string> ReplyTextAsync(DeliveryResult result) =>
        result.AckPayload?["text"]?.ToString() ?? (await Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait)).Text ?? "";

    [Test]
    public async Task Feedback_text_is_stored_as_typed_not_as_entities()
    {
        Assert.That(Slack.SlashCommands.ShouldEscape("/feedback"), Is.True, "the bot's manifest drives the emulator");

        var result = await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "customer:Acme How do I export & import <csv> files?");

        await ReplyTextAsync(result);
        var item = _host.Services.GetRequiredService<FeedbackRepository>().Get(1)!;
        Assert.That((item.Text, item.Customer), Is.EqualTo(("How do I export & import <csv> files?", "Acme")));
    }

    [Test]
    public async Task Feedback_mentions_links_and_quoted_fields_come_back_as_typed()
    {
        var result = await Slack.SendSlashCommandAsync(Ana, Support, "/feedback",
            "customer:\"AT&T <Wireless>\" link:https://crm.example/1?a=1&b=2 @ben says exports in #support break");

        await ReplyTextAsync(result);
        var item = _host.Services.GetRequiredService<FeedbackRepository>().Get(1)!;
        Assert.That((item.Text, item.Customer, item.Link), Is.EqualTo(("@ben says exports in #support break", "AT&T <Wireless>", "https://crm.example/1?a=1&b=2")));
    }

    [Test]
    public async Task Showing_stored_text_defuses_it_for_mrkdwn()
    {
        await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "How do I export & import <csv> files?"));

        var result = await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "show 1");

        var shown = result.AckPayload ?? (await Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait)).Payload;
        var sections = shown["blocks"]!.AsArray().Select(b => b!["text"]?["text"]?.GetValue<string>()).OfType<string>().Where(t => t.Contains("csv", StringComparison.Ordinal)).ToList();
        Assert.That(sections, Has.Count.EqualTo(2), "the item and its one report");
        Assert.That(sections, Has.All.Contains("export &amp; import &lt;csv&gt; files?"));
    }

    [Test]
    public async Task Support_create_reads_an_escaped_channel_and_escaped_members()
    {
        var result = await Slack.SendSlashCommandAsync(Ana, Support, "/support", "create triage #support shift=1h cadence=1/month members=@ben,@ciara");

        var reply = await ReplyTextAsync(result);
        Assert.That(reply, Does.Contain("Created *triage*").And.Contain($"<#{Support}>").And.Contain("2 member(s)"));
        var rotations = _host.Services.GetRequiredService<RotationRepository>();
        var rotation = await rotations.FindAsync("triage");
        Assert.That(rotation?.SupportChannel, Is.EqualTo(Support));
        Assert.That((await rotations.MembersAsync(rotation!.Id)).Select(m => m.UserId), Is.EquivalentTo(new[] { Ben, Ciara }));
    }

    [Test]
    public async Task Support_create_still_takes_a_channel_id_typed_plainly()
    {
        var result = await Slack.SendSlashCommandAsync(Ana, Support, "/support", $"create triage {Support} shift=1h cadence=1/month members={Ben}");

        var reply = await ReplyTextAsync(result);
        Assert.That(reply, Does.Contain("Created *triage*").And.Contain("1 member(s)"));
    }

    [Test]
    public async Task Support_create_reads_a_plain_channel_and_plain_members_sent_unescaped()
    {
        await _host.DisposeAsync();
        _host = await BotTestHost.StartAsync(new BotTestHostOptions
        {
            Time = new FakeTimeProvider(new DateTimeOffset(2026, 3, 2, 9, 0, 0, TimeSpan.Zero)),
            Settings = new Dictionary<string, string?> { ["Rotations:Admins:0"] = Ana },
            SlashCommandEscaping = new(StringComparer.Ordinal) { ["/support"] = false },
        });

        var created = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/support", "create sales-help #support shift=1h cadence=1/month members=@ben,@Ciara"));
        var unknown = await ReplyTextAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/support", "create other #nowhere members=@ben,@zed"));

        Assert.That(created, Does.Contain("Created *sales-help*").And.Contain($"<#{Support}>").And.Contain("2 member(s)"));
        var rotations = _host.Services.GetRequiredService<RotationRepository>();
        var rotation = await rotations.FindAsync("sales-help");
        Assert.That(rotation?.SupportChannel, Is.EqualTo(Support));
        Assert.That((await rotations.MembersAsync(rotation!.Id)).Select(m => m.UserId), Is.EquivalentTo(new[] { Ben, Ciara }));
        Assert.That(unknown, Does.Contain("I can't find a channel called `#nowhere`").And.Contain("I can't find anyone called `@zed`").And.Contain("Nothing was changed"));
        Assert.That(unknown, Does.EndWith("```/support create other #nowhere members=@ben,@zed```"));
        Assert.That(await rotations.FindAsync("other"), Is.Null);
    }
}
