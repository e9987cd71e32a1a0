using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Feedback;

/// <summary>Reads one message by channel and ts (conversations.history for top-level messages, conversations.replies for thread
/// replies). Its permalink comes later, through the outbox (<see cref="MessagePermalinks"/>).</summary>
public sealed class SlackMessageReader(ISlackApiClient slack, ILogger<SlackMessageReader> log)
{
    /// <summary>The message, or null when it is gone or the bot may not read it (it is not in the channel, ...).</summary>
    public async Task<SlackMessageItem?> ReadAsync(string channel, string ts, CancellationToken ct)
    {
        try
        {
            return await FetchAsync(channel, ts, ct);
        }
        catch (SlackApiException ex)
        {
            // A reaction or shortcut capture that cannot read its message captures nothing; whoever runs the bot needs
            // to see why (the bot left the channel, a missing history scope...).
            log.LogWarning("Could not read the message {Channel}/{Ts}: Slack {Method} failed with {Error}", channel, ts, ex.Method, ex.ErrorCode);
            return null;
        }
    }

    private async Task<SlackMessageItem?> FetchAsync(string channel, string ts, CancellationToken ct)
    {
        var history = await slack.CallAsync("conversations.history", new JsonObject
        {
            ["channel"] = channel,
            ["latest"] = ts,
            ["inclusive"] = true,
            ["limit"] = 1,
        }, ct);
        if (Find(history, ts) is { } topLevel)
        {
            return topLevel;
        }

        // A thread reply is not in the channel's history; replies() finds it by its own ts. Starting the window at
        // that ts keeps it on the first page however long the thread is (Slack may put the parent first).
        var replies = await slack.CallAsync("conversations.replies", new JsonObject
        {
            ["channel"] = channel,
            ["ts"] = ts,
            ["oldest"] = ts,
            ["inclusive"] = true,
            ["limit"] = 10,
        }, ct);
        return Find(replies, ts);
    }

    private static SlackMessageItem? Find(JsonObject response, string ts)
    {
        if (response["messages"] is not JsonArray messages)
        {
            return null;
        }

        foreach (var message in messages.OfType<JsonObject>())
        {
            if ((string?)message["ts"] == ts)
            {
                return new SlackMessageItem
                {
                    Type = (string?)message["type"],
                    Subtype = (string?)message["subtype"],
                    User = (string?)message["user"],
                    BotId = (string?)message["bot_id"],
                    Text = (string?)message["text"],
                    Ts = ts,
                    ThreadTs = (string?)message["thread_ts"],
                };
            }
        }

        return null;
    }
}
