using System.Text.Json.Nodes;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Outbox;

namespace SlackFeedbackBot.Feedback;

/// <summary>
/// A captured message's permalink, fetched after the capture through the outbox (key <c>permalink:&lt;item&gt;</c>), so
/// a Slack outage delays the link instead of losing it.
/// </summary>
public sealed class MessagePermalinks(ISlackOutbox outbox)
{
    public static string Key(long itemId) => $"permalink:{itemId}";

    public Task RequestAsync(long itemId, string channel, string ts, CancellationToken ct) =>
        outbox.EnqueueAsync(Key(itemId), StorePermalink.Task(itemId, channel, ts), ct);
}

/// <summary>The outbox task behind <see cref="MessagePermalinks"/>: chat.getPermalink, then stored on the item and its reports.</summary>
public sealed class StorePermalink(ISlackApiClient slack, FeedbackRepository repository) : IOutboxTaskHandler
{
    public const string TaskKind = "feedback.permalink";

    public string Kind => TaskKind;

    public static OutboxTask Task(long itemId, string channel, string ts) =>
        new(TaskKind, new JsonObject { ["item"] = itemId, ["channel"] = channel, ["ts"] = ts });

    public async Task<string?> RunAsync(OutboxTaskContext task, CancellationToken ct)
    {
        var itemId = (long)task.Payload["item"]!;
        var channel = (string)task.Payload["channel"]!;
        var ts = (string)task.Payload["ts"]!;
        var permalink = await slack.GetPermalinkAsync(channel, ts, ct);
        repository.SetPermalink(itemId, channel, ts, permalink);
        return permalink;
    }
}
