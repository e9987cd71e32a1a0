using System.Text.Json;
using System.Text.Json.Nodes;
using SlackFeedbackBot.Slack.Api;
using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>A <see cref="SlackMessage"/> as outbox payload JSON and back (its blocks come back as <see cref="StoredBlock"/>s).</summary>
public static class StoredMessage
{
    public static JsonObject ToJson(SlackMessage message) =>
        JsonSerializer.SerializeToNode(MessageBuilder.Normalize(message), SlackJson.Options)!.AsObject();

    public static SlackMessage FromJson(JsonNode? node)
    {
        if (node is not JsonObject json)
        {
            throw new JsonException("A stored message is not a JSON object.");
        }

        return new SlackMessage
        {
            Text = (string?)json["text"] ?? "",
            Blocks = json["blocks"] is JsonArray blocks ? [.. blocks.OfType<JsonObject>().Select(b => new StoredBlock(b))] : null,
            ResponseType = (string?)json["response_type"],
            ReplaceOriginal = (bool?)json["replace_original"],
            DeleteOriginal = (bool?)json["delete_original"],
            ThreadTs = (string?)json["thread_ts"],
        };
    }
}
