using System.Text;
using Dapper;
using SlackFeedbackBot.Slack;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Integration;

/// <summary>
/// Signed but malformed bodies, through the real HTTP endpoint and inbox: each is a 400 (Slack would re-send a 500 forever),
/// nothing is stored, and the bot goes on answering.
/// </summary>
public sealed class MalformedPayloadTests
{
    private BotTestHost _host = null!;

    [OneTimeSetUp]
    public async Task SetUp() => _host = await BotTestHost.StartAsync(new BotTestHostOptions { Mode = SlackMode.Http, SeedDemoWorkspace = false });

    [OneTimeTearDown]
    public async Task TearDown() => await _host.DisposeAsync();

    private static IEnumerable<TestCaseData> MalformedJsonBodies()
    {
        yield return Case("event.type is a number", """{"type":"event_callback","event_id":"EvN1","team_id":"T1","event":{"type":42,"channel":"C1","ts":"1.1"}}""");
        yield return Case("event.type is an array", """{"type":"event_callback","event_id":"EvN2","team_id":"T1","event":{"type":["message"],"channel":"C1","ts":"1.1"}}""");
        yield return Case("type is a number", """{"type":7,"event_id":"EvN3"}""");
        yield return Case("lone surrogate in event_id", """{"type":"event_callback","event_id":"Ev\ud800","event":{"type":"message"}}""");
        yield return Case("lone surrogate in the event text", """{"type":"event_callback","event_id":"EvN4","event":{"type":"message","text":"a\udc00b","channel":"C1","ts":"1.1"}}""");
        yield return Case("trailing garbage", """{"type":"event_callback","event_id":"EvN5","event":{"type":"message"}}garbage""");
        yield return Case("two JSON objects", """{"type":"event_callback","event_id":"EvN6","event":{"type":"message"}}{"type":"event_callback","event_id":"EvN7","event":{"type":"message"}}""");
        yield return new TestCaseData("invalid UTF-8 in type", Utf8Around("""{"type":"event_""", [0xFF, 0xFE], """callback","event_id":"EvN8","event":{"type":"message"}}""")).SetName("Malformed_invalid UTF-8 in type");
        yield return new TestCaseData("invalid UTF-8 in event_id", Utf8Around("""{"type":"event_callback","event_id":"Ev""", [0xC3, 0x28], "\",\"event\":{\"type\":\"message\"}}")).SetName("Malformed_invalid UTF-8 in event_id");
        yield return new TestCaseData("invalid UTF-8 in event.type", Utf8Around("""{"type":"event_callback","event_id":"EvN9","event":{"type":"mess""", [0xE2, 0x82], """age"}}""")).SetName("Malformed_invalid UTF-8 in event.type");
    }

    private static TestCaseData Case(string name, string body) => new TestCaseData(name, Encoding.UTF8.GetBytes(body)).SetName("Malformed_" + name);

    private static byte[] Utf8Around(string before, byte[] bad, string after) =>
        [.. Encoding.UTF8.GetBytes(before), .. bad, .. Encoding.UTF8.GetBytes(after)];

    [TestCaseSource(nameof(MalformedJsonBodies))]
    public async Task SignedMalformedEvent_Is400_AndNothingIsStored(string name, byte[] body)
    {
        var before = InboxRowCount();

        var result = await _host.Slack.SendSignedRawAsync(body, "application/json");

        Assert.That(result.HttpStatus, Is.EqualTo(400), name);
        Assert.That(InboxRowCount(), Is.EqualTo(before), "nothing stored");
    }

    [Test]
    public async Task SignedInteractionWithInvalidUtf8TriggerId_Is400()
    {
        byte[] body = [.. Encoding.ASCII.GetBytes("payload=" + Uri.EscapeDataString("""{"type":"block_actions","team":{"id":"T1"},"user":{"id":"U1"},"trigger_id":"1.2.""")),
            0xFF, 0xFE, .. Encoding.ASCII.GetBytes(Uri.EscapeDataString("\",\"actions\":[]}"))];
        var before = InboxRowCount();

        var result = await _host.Slack.SendSignedRawAsync(body, "application/x-www-form-urlencoded");

        Assert.That(result.HttpStatus, Is.EqualTo(400));
        Assert.That(InboxRowCount(), Is.EqualTo(before));
    }

    [Test]
    public async Task SignedInteractionWithALoneSurrogate_Is400()
    {
        var payload = Uri.EscapeDataString("""{"type":"view_submission","team":{"id":"T1"},"user":{"id":"U1"},"trigger_id":"1.2.\ud800","view":{"id":"V1"}}""");

        var result = await _host.Slack.SendSignedRawAsync(Encoding.ASCII.GetBytes("payload=" + payload), "application/x-www-form-urlencoded");

        Assert.That(result.HttpStatus, Is.EqualTo(400));
    }

    [Test]
    public async Task AfterMalformedBodies_AWellFormedEventIsStillAccepted()
    {
        foreach (var data in MalformedJsonBodies())
        {
            await _host.Slack.SendSignedRawAsync((byte[])data.Arguments[1]!, "application/json");
        }

        var result = await _host.Slack.SendSignedRawAsync("""{"type":"event_callback","event_id":"EvGOOD1","team_id":"T1","event":{"type":"channel_created","channel":{"id":"C9","name":"new"}}}""", "application/json");

        Assert.That(result.HttpStatus, Is.EqualTo(200));
    }

    private long InboxRowCount()
    {
        using var connection = _host.Database.Open();
        return connection.ExecuteScalar<long>("SELECT COUNT(*) FROM slack_inbox");
    }
}
