using Dapper;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Integration;

/// <summary>HTTP mode only: requests that fail Slack's signature check never reach the inbox.</summary>
public sealed class HttpSignatureTests
{
    private BotTestHost _host = null!;

    [SetUp]
    public async Task SetUp() => _host = await BotTestHost.StartAsync(new BotTestHostOptions { Mode = SlackMode.Http, SeedDemoWorkspace = false });

    [TearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    [Test]
    public async Task BadSignature_IsRejectedWith401()
    {
        var result = await _host.Slack.SendSignedRawAsync("""{"type":"event_callback","event_id":"EvBAD","event":{"type":"reaction_added"}}""", "application/json", signatureOverride: "v0=" + new string('0', 64));

        Assert.That(result.HttpStatus, Is.EqualTo(401));
        Assert.That(InboxRowCount(), Is.Zero);
    }

    [Test]
    public async Task StaleTimestamp_IsRejectedWith401()
    {
        var stale = DateTimeOffset.UtcNow.AddMinutes(-6).ToUnixTimeSeconds().ToString(System.Globalization.CultureInfo.InvariantCulture);

        var result = await _host.Slack.SendSignedRawAsync("""{"type":"event_callback","event_id":"EvOLD","event":{"type":"reaction_added"}}""", "application/json", timestampOverride: stale);

        Assert.That(result.HttpStatus, Is.EqualTo(401));
        Assert.That(InboxRowCount(), Is.Zero);
    }

    private long InboxRowCount()
    {
        using var connection = _host.Database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM slack_inbox");
    }
}
