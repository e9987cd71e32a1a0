using Dapper;
using Microsoft.Data.Sqlite;
using SlackFeedbackBot.Emulator;
using SlackFeedbackBot.Emulator.Workspace;
using SlackFeedbackBot.Tests.Support;

namespace SlackFeedbackBot.Tests.Integration;

/// <summary>The bot process is killed after Slack took its posts and before it could record them: after the restart each
/// post exists once, because the tasks in doubt find their messages by the key in their metadata.</summary>
public sealed class OutboxCrashTests
{
    private const string Ben = "U0BEN00002";
    private const string Listening = EmulatorIds.CustomerFeedbackChannelId;
    private const string FollowUpText = "How important is this to the customer?";
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(90);

    [Test]
    public async Task BotKilledAfterSlackTookTheFollowUps_BeforeTheyWereRecorded_EachFollowUpExistsOnceAfterRestart()
    {
        using var dir = new TempDirectory();
        var databasePath = dir.File("bot.db");
        await using var slack = await SlackEmulator.StartAsync(new EmulatorOptions { SeedDemoWorkspace = true, MaxEventRetries = 0, AckTimeout = TimeSpan.FromSeconds(5) });
        string[] settings = [$"--Feedback:PassiveChannels:0={Listening}", "--Slack:PostPacing:IntervalPerChannel=0"];
        var messages = new List<string>();

        await using (var first = await BotProcess.StartHttpModeAsync(slack, databasePath, settings))
        {
            slack.HttpDeliveryUrl = new Uri(first.BaseAddress, "slack/events");

            // Slack stores each post but the bot never hears back: the kill lands between the post and "done".
            slack.Faults.HoldAnswers("chat.postMessage");
            for (var i = 0; i < 5; i++)
            {
                messages.Add((await slack.PostUserMessageAsync(Ben, Listening, $"Customer {i} asks: can I export report {i} to Excel?")).Ts);
            }

            await Eventually.ThatAsync(() => messages.All(ts => FollowUps(slack, ts) == 1), "Slack has every follow-up", Wait, () => Describe(slack, messages));
            Assert.That(Query(databasePath, "SELECT COUNT(*) FROM slack_outbox WHERE idempotency_key LIKE 'followup:%' AND status = 'done'"), Is.Zero, "none is recorded done");
            await first.KillAsync();
        }

        slack.Faults.ReleaseAnswers("chat.postMessage");
        await using var second = await BotProcess.StartHttpModeAsync(slack, databasePath, settings);
        slack.HttpDeliveryUrl = new Uri(second.BaseAddress, "slack/events");

        await Eventually.ThatAsync(
            () => Query(databasePath, "SELECT COUNT(*) FROM slack_outbox WHERE idempotency_key LIKE 'followup:%' AND status = 'done'") == messages.Count,
            "every follow-up task is settled after the restart", Wait, () => Describe(slack, messages));
        Assert.That(messages.Select(ts => FollowUps(slack, ts)), Is.All.EqualTo(1), "each follow-up exactly once");
    }

    private static int FollowUps(SlackEmulator slack, string ts) =>
        slack.Workspace.Messages.Count(m => m.Channel == Listening && m.ThreadTs == ts && m.Text.Contains(FollowUpText, StringComparison.Ordinal));

    private static string Describe(SlackEmulator slack, List<string> messages) =>
        "follow-ups per message: " + string.Join(", ", messages.Select(ts => FollowUps(slack, ts)));

    private static long Query(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        return connection.ExecuteScalar<long>(sql);
    }
}
