using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Health;

/// <summary>The three health endpoints of the running bot: what each runs and what a Slack outage does to them.</summary>
public sealed class HealthEndpointTests
{
    private BotTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await BotTestHost.StartAsync(new BotTestHostOptions { Mode = SlackMode.Http, SeedDemoWorkspace = false });

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task Ready_RunsTheChecksThatSayTheBotCanServe_LiveRunsNone_HealthzRunsEvery()
    {
        var ready = await HealthProbe.WaitForAsync(_host, "/healthz/ready", a => a.Status == "Healthy", "the bot is ready");
        var live = await HealthProbe.GetAsync(_host, "/healthz/live");
        var full = await HealthProbe.GetAsync(_host, "/healthz");

        Assert.That(ready.StatusCode, Is.EqualTo(200), ready.ToString());
        Assert.That(ready.CheckNames, Is.EquivalentTo(new[] { "database", "inbox", "outbox", "scheduler", "slack", "socket_mode" }));
        Assert.That(live.StatusCode, Is.EqualTo(200), live.ToString());
        Assert.That(live.Status, Is.EqualTo("Healthy"));
        Assert.That(live.CheckNames, Is.Empty);
        Assert.That(full.CheckNames, Is.EquivalentTo(ready.CheckNames));
    }

    [Test]
    public async Task SlackOutage_IsDegraded_NotUnhealthy_AndTheProcessStaysLive()
    {
        await HealthProbe.WaitForAsync(_host, "/healthz/ready", a => a.CheckStatus("slack") == "Healthy", "Slack answers");

        _host.Slack.Faults.StartOutage();
        var ready = await HealthProbe.WaitForAsync(_host, "/healthz/ready", a => a.CheckStatus("slack") != "Healthy", "the outage shows");
        var live = await HealthProbe.GetAsync(_host, "/healthz/live");

        Assert.That(ready.CheckStatus("slack"), Is.EqualTo("Degraded"), ready.ToString());
        Assert.That(ready.Description("slack"), Does.StartWith("Slack cannot be reached"));
        Assert.That(ready.StatusCode, Is.EqualTo(200), "a container must not be taken out over Slack's outage");
        Assert.That(ready.Status, Is.EqualTo("Degraded"));
        Assert.That(live.StatusCode, Is.EqualTo(200));
    }
}
