using Dapper;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;
using EmulatedMessage = SlackFeedbackBot.Emulator.Workspace.StoredMessage;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Outbox;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Outbox;

/// <summary>
/// Posts in doubt: a task found "sending" when it is picked up again (the process died, or a call timed out, after it
/// went out) looks for its message in Slack by the key in its metadata before posting, and posts only if it is not there.
/// </summary>
public sealed class OutboxInDoubtTests
{
    private const string Channel = EmulatorIds.GeneralChannelId;
    private const string Ana = "U0ANA00001";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(60);

    [Test]
    public async Task PostInDoubt_WhoseMessageIsInTheChannel_IsDoneWithThatTsAndNotPostedAgain()
    {
        using var dir = new TempDirectory();
        await using var host = await BotTestHost.StartAsync(Options(dir));
        var since = host.Slack.Time.GetUtcNow();
        var message = new SlackMessage { Text = "Already out before the crash" };
        var earlier = await Api(host).PostMessageAsync(Channel, message with { Metadata = OutboxPost.Metadata("indoubt:posted") });

        await host.RestartAsync(() => EnqueueInDoubt(host.DatabasePath, "indoubt:posted", SlackEffects.Post(Channel, message), since));

        await Eventually.ThatAsync(() => Row(host.DatabasePath, "indoubt:posted").Status == "done", "the task in doubt is settled", Wait);
        Assert.That(Row(host.DatabasePath, "indoubt:posted").Result, Is.EqualTo(earlier.Ts), "done with the message Slack already has");
        Assert.That(Posted(host.Slack, Channel, message.Text), Has.Count.EqualTo(1), "no second post");
        Assert.That(
            host.Slack.Calls.All.Any(c => c.Method == "conversations.history" && c.Ok && c.Arg("channel") == Channel && c.Arg("include_all_metadata") == "true"),
            Is.True, "it looked before posting");
    }

    [Test]
    public async Task PostInDoubt_WhoseMessageIsNotThere_IsPostedOnceWithItsKey()
    {
        using var dir = new TempDirectory();
        await using var host = await BotTestHost.StartAsync(Options(dir));
        var since = host.Slack.Time.GetUtcNow();
        var message = new SlackMessage { Text = "Never reached Slack" };

        // The same words without the key are someone else's message, not this task's.
        await Api(host).PostMessageAsync(Channel, message);
        await host.RestartAsync(() => EnqueueInDoubt(host.DatabasePath, "indoubt:lost", SlackEffects.Post(Channel, message), since));

        await Eventually.ThatAsync(() => Row(host.DatabasePath, "indoubt:lost").Status == "done", "the task in doubt is settled", Wait);
        var withKey = Posted(host.Slack, Channel, message.Text).Where(m => Key(m) == "indoubt:lost").ToList();
        Assert.That(withKey, Has.Count.EqualTo(1), "posted once, carrying its key");
        Assert.That(Row(host.DatabasePath, "indoubt:lost").Result, Is.EqualTo(withKey[0].Ts));
        Assert.That(Posted(host.Slack, Channel, message.Text), Has.Count.EqualTo(2), "the keyless message is left alone");
    }

    [Test]
    public async Task ThreadReplyInDoubt_WhoseReplyIsInTheThread_IsNotPostedAgain()
    {
        using var dir = new TempDirectory();
        await using var host = await BotTestHost.StartAsync(Options(dir));
        var parent = await Api(host).PostMessageAsync(Channel, new SlackMessage { Text = "A customer asks for SSO" });
        var since = host.Slack.Time.GetUtcNow();
        var reply = new SlackMessage { Text = "Which identity provider?" };
        await Api(host).PostMessageAsync(Channel, reply with { ThreadTs = parent.Ts, Metadata = OutboxPost.Metadata("indoubt:reply") });

        await host.RestartAsync(() => EnqueueInDoubt(host.DatabasePath, "indoubt:reply", SlackEffects.ThreadReply(Channel, parent.Ts, reply), since));

        await Eventually.ThatAsync(() => Row(host.DatabasePath, "indoubt:reply").Status == "done", "the task in doubt is settled", Wait);
        Assert.That(Posted(host.Slack, Channel, reply.Text), Has.Count.EqualTo(1), "no second reply");
        Assert.That(host.Slack.Calls.All.Any(c => c.Method == "conversations.replies" && c.Ok && c.Arg("ts") == parent.Ts), Is.True, "it looked in the thread");
    }

    [Test]
    public async Task DirectMessage_KeepsItsChannelBeforePosting_AndInDoubtFindsItsMessageThere()
    {
        using var dir = new TempDirectory();
        await using var host = await BotTestHost.StartAsync(Options(dir));
        var message = new SlackMessage { Text = "Your item was resolved" };
        await host.Services.GetRequiredService<ISlackOutbox>().EnqueueAsync("dm:first", SlackEffects.DirectMessage(Ana, message));
        await Eventually.ThatAsync(() => Row(host.DatabasePath, "dm:first").Status == "done", "the DM is sent", Wait);
        var dm = host.Slack.Workspace.Messages.Single(m => Key(m) == "dm:first").Channel;
        Assert.That(Row(host.DatabasePath, "dm:first").Payload, Does.Contain(dm), "the DM channel is kept in the task");

        var since = host.Slack.Time.GetUtcNow();
        var second = new SlackMessage { Text = "A second note" };
        await Api(host).PostMessageAsync(dm, second with { Metadata = OutboxPost.Metadata("dm:second") });
        await host.RestartAsync(() => EnqueueInDoubt(host.DatabasePath, "dm:second", SlackEffects.DirectMessage(Ana, second), since, dmChannel: dm));

        await Eventually.ThatAsync(() => Row(host.DatabasePath, "dm:second").Status == "done", "the DM in doubt is settled", Wait);
        Assert.That(Posted(host.Slack, dm, second.Text), Has.Count.EqualTo(1), "no second DM");
    }

    private static BotTestHostOptions Options(TempDirectory dir) => new()
    {
        Directory = dir,
        Settings = new Dictionary<string, string?>
        {
            ["Slack:PostPacing:IntervalPerChannel"] = "0",
            ["Slack:Outbox:RetryBaseDelay"] = "100ms",
            ["Slack:Outbox:RetryMaxDelay"] = "1s",
        },
    };

    private static ISlackApiClient Api(BotTestHost host) => host.Services.GetRequiredService<ISlackApiClient>();

    // A task as a crash leaves it: its attempt started (and may have reached Slack), its outcome never recorded.
    private static void EnqueueInDoubt(string databasePath, string key, OutboxTask task, DateTimeOffset since, string? dmChannel = null)
    {
        var connectionString = $"Data Source={databasePath};Pooling=False";
        var outbox = new SqliteSlackOutbox(connectionString, new OutboxClock(TimeProvider.System));
        Assert.That(outbox.EnqueueAsync(key, task).GetAwaiter().GetResult(), Is.True);
        using var connection = new SqliteConnection(connectionString);
        connection.Execute(
            "UPDATE slack_outbox SET sending_since = @since, payload = CASE WHEN @dmChannel IS NULL THEN payload ELSE json_set(payload, '$.dm_channel', @dmChannel) END WHERE idempotency_key = @key",
            new { key, since = since.ToUnixTimeMilliseconds(), dmChannel });
    }

    private static (string Status, string? Result, string Payload) Row(string databasePath, string key)
    {
        using var connection = new SqliteConnection($"Data Source={databasePath};Pooling=False");
        return connection.QuerySingle<(string, string?, string)>("SELECT status, result, payload FROM slack_outbox WHERE idempotency_key = @key", new { key });
    }

    private static List<EmulatedMessage> Posted(SlackEmulator slack, string channel, string text) =>
        [.. slack.Workspace.Messages.Where(m => m.Channel == channel && m.Text == text)];

    private static string? Key(EmulatedMessage message) => message.Metadata?["event_payload"]?["key"]?.ToString();
}
