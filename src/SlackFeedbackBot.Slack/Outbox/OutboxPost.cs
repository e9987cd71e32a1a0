using System.Globalization;
using System.Text.Json.Nodes;
using SlackFeedbackBot.Slack.Api;

namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>
/// Posts an outbox message at most once. chat.postMessage takes no idempotency key, so every post carries its task's key in
/// Slack message metadata; a task in doubt (an earlier attempt may have reached Slack) first looks for a message carrying
/// its key in the channel, or the thread, since that attempt started, and takes it instead of posting again.
/// </summary>
public sealed class OutboxPost(ISlackApiClient slack)
{
    /// <summary>The metadata event type of outbox posts (Slack's rule: letters, digits and underscores).</summary>
    public const string EventType = "slack_outbox_post";

    // Slack stamps a message with its own clock; this covers the difference to ours.
    private static readonly TimeSpan ClockMargin = TimeSpan.FromMinutes(1);
    private const int PageSize = 200;

    public static SlackMessageMetadata Metadata(string key) => new(EventType, new JsonObject { ["key"] = key });

    public async Task<string?> PostOnceAsync(OutboxTaskContext task, string channel, SlackMessage message, CancellationToken ct)
    {
        if (task.InDoubtSince is { } since && await FindAsync(channel, message.ThreadTs, task.Key, since - ClockMargin, ct) is { } posted)
        {
            return posted;
        }

        var response = await slack.PostMessageAsync(channel, message with { Metadata = Metadata(task.Key) }, ct);
        return response.Ts;
    }

    /// <summary>The ts of the message carrying <paramref name="key"/> posted after <paramref name="oldest"/>, or null.</summary>
    public async Task<string?> FindAsync(string channel, string? threadTs, string key, DateTimeOffset oldest, CancellationToken ct)
    {
        var method = threadTs is null ? "conversations.history" : "conversations.replies";
        string? cursor = null;
        do
        {
            var args = new JsonObject
            {
                ["channel"] = channel,
                ["oldest"] = SlackTs(oldest),
                ["include_all_metadata"] = true,
                ["limit"] = PageSize,
            };
            if (threadTs is not null) args["ts"] = threadTs;
            if (cursor is not null) args["cursor"] = cursor;
            var page = await slack.CallAsync(method, args, ct);
            foreach (var found in (page["messages"] as JsonArray ?? []).OfType<JsonObject>())
            {
                if (found["metadata"] is JsonObject metadata && (string?)metadata["event_type"] == EventType
                    && metadata["event_payload"] is JsonObject payload && (string?)payload["key"] == key
                    && (string?)found["ts"] is { Length: > 0 } ts)
                {
                    return ts;
                }
            }

            cursor = (string?)page["response_metadata"]?["next_cursor"];
        }
        while (!string.IsNullOrEmpty(cursor));

        return null;
    }

    private static string SlackTs(DateTimeOffset at)
    {
        var micros = Math.Max(0, at.ToUnixTimeMilliseconds()) * 1000;
        return string.Create(CultureInfo.InvariantCulture, $"{micros / 1_000_000}.{micros % 1_000_000:D6}");
    }
}
