using SlackFeedbackBot.Storage;
using SlackFeedbackBot.Feedback;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Customers;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Delivery;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Customers;

/// <summary>
/// The whole bot against the emulator: a person at a high-value customer's email domain gives feedback, the alert channel
/// hears at once why it matters, and every capture reply says where the issue stands against its threshold.
/// </summary>
[TestFixtureSource(typeof(ProviderDatabase), nameof(ProviderDatabase.Providers))]
public sealed class HighValueEndToEndTests(StorageProvider provider)
{
    private const string Ana = "U0ANA00001";
    private const string Ben = "U0BEN00002";
    private const string Support = EmulatorIds.SupportChannelId;
    private const string Alerts = EmulatorIds.CustomerFeedbackChannelId;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    private BotTestHost _host = null!;

    private SlackEmulator Slack => _host.Slack;

    [SetUp]
    public async Task SetUp()
    {
        _host = await BotTestHost.StartAsync(new BotTestHostOptions
        {
            Provider = provider,
            Settings = new Dictionary<string, string?>
            {
                ["Feedback:Thresholds:AlertChannel"] = Alerts,
                ["Customers:HighValue:AnnualRevenue"] = "100000",
                ["Customers:HighValue:Tiers:0"] = "enterprise",
            },
        });
        _host.Services.GetRequiredService<CustomerImporter>().Import("""
            name,domains,tier,annual_revenue,segment
            Acme,acme.com,business,250000,manufacturing
            Globex,globex.com,enterprise,20000,retail
            Initech,initech.com,starter,5000,
            """);
        Slack.Workspace.AddUser(Slack.Workspace.GetUser(Ana)! with { Email = "ana@acme.com" });
        Slack.Workspace.AddUser(Slack.Workspace.GetUser(Ben)! with { Email = "ben@initech.com" });
    }

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    private async Task<string> ReplyAllAsync(DeliveryResult result) =>
        string.Join('\n', SlackTextAssert.Strings(result.AckPayload ?? (await Slack.ResponseUrlPosts.WaitForAsync(p => p.Url == result.ResponseUrl, Wait)).Payload));

    [Test]
    public async Task FeedbackFromAHighValueCustomersDomain_AlertsAtOnce_SayingWhy()
    {
        var reply = await ReplyAllAsync(await Slack.SendSlashCommandAsync(Ana, Support, "/feedback", "How do I export to Excel?"));

        var alert = await Slack.WaitForCallAsync("chat.postMessage", c => c.Ok && c.Arg("channel") == Alerts, Wait);
        Assert.That(alert.Arg("text"), Does.Contain("High-value customer").And.Contain("Acme: annual revenue $250k ≥ $100k").And.Contain("How do I export to Excel?"));
        Assert.That(reply, Does.Contain("1 of 10 customers: the product team reviews an issue when 10 customers in 30 days report it"));
    }

    [Test]
    public async Task HighValueTier_NamedInTheFeedback_AlertsOnce_AndOthersDoNot()
    {
        await ReplyAllAsync(await Slack.SendSlashCommandAsync(Ben, Support, "/feedback", "customer:globex Can I pay by invoice?"));
        await ReplyAllAsync(await Slack.SendSlashCommandAsync(Ben, Support, "/feedback", "How do I add seats?"));

        var alert = await Slack.WaitForCallAsync("chat.postMessage", c => c.Ok && c.Arg("channel") == Alerts, Wait);
        Assert.That(alert.Arg("text"), Does.Contain("Globex: tier enterprise is a high-value tier"));
        using var connection = _host.Database.Open();
        Assert.That(connection.Query<string>("SELECT key FROM once_only WHERE key LIKE 'feedback:alert:%' ORDER BY key"), Is.EqualTo(new[] { FeedbackOnceKeys.Alert(1, "customer:1:globex") }),
            "both replies came after their checks: Initech (Ben's domain) is not high value");
    }

    [Test]
    public async Task ReactionCapture_ItsConfirmationCard_SaysWhereTheIssueStands()
    {
        var message = await Slack.PostUserMessageAsync(Ben, Support, "How do I reset 2FA for my whole team?");

        await Slack.AddReactionAsync(Ana, Support, message.Ts, "bulb");

        var card = await Slack.WaitForCallAsync("chat.postEphemeral", c => c.Ok && c.Arg("user") == Ana && c.Arg("channel") == Support, Wait);
        Assert.That(string.Join('\n', SlackTextAssert.Texts(card)), Does.Contain("1 of 10 customers: the product team reviews an issue"));
    }
}
