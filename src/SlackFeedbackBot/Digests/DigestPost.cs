using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.Outbox;

namespace SlackFeedbackBot.Digests;

/// <summary>
/// The outbox task that posts a rendered digest and uploads its chart into the message's thread. The post is the
/// effect that counts; the chart is a companion, so its upload failing is logged and does not post the digest again.
/// </summary>
public sealed class DigestPost(ISlackApiClient slack, ILogger<DigestPost> log) : IOutboxTaskHandler
{
    public const string TaskKind = "digest.post";

    public string Kind => TaskKind;

    public static OutboxTask Task(string channel, SlackMessage message, FileUpload? chart)
    {
        var payload = new JsonObject { ["channel"] = channel, ["message"] = StoredMessage.ToJson(message) };
        if (chart is not null)
        {
            payload["chart"] = new JsonObject
            {
                ["file_name"] = chart.FileName,
                ["content"] = Convert.ToBase64String(chart.Content),
                ["title"] = chart.Title,
                ["alt_text"] = chart.AltText,
            };
        }

        return new OutboxTask(TaskKind, payload, channel);
    }

    public async Task<string?> RunAsync(OutboxTaskContext task, CancellationToken ct)
    {
        var channel = (string)task.Payload["channel"]!;
        // A digest in doubt after a crash is found by its key rather than posted twice; its chart is uploaded again.
        var postTs = await new OutboxPost(slack).PostOnceAsync(task, channel, StoredMessage.FromJson(task.Payload["message"]), ct);
        if (task.Payload["chart"] is JsonObject chart)
        {
            try
            {
                await slack.UploadFileAsync(new FileUpload((string)chart["file_name"]!, Convert.FromBase64String((string)chart["content"]!))
                {
                    Title = (string?)chart["title"],
                    AltText = (string?)chart["alt_text"],
                    ChannelId = channel,
                    ThreadTs = postTs,
                }, ct);
            }
            catch (SlackApiException ex)
            {
                log.LogWarning("The digest chart ({Key}) could not be uploaded to {Channel}: {Error}", task.Key, channel, ex.ErrorCode);
            }
        }

        return postTs;
    }
}
