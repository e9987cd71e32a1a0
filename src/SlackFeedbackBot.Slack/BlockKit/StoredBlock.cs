using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace SlackFeedbackBot.Slack.BlockKit;

/// <summary>
/// A block kept as the JSON it was built into: how a message stored in the outbox is sent later exactly as it was
/// built (the builders checked it then; the JSON is written back field for field).
/// </summary>
public sealed record StoredBlock : Block
{
    public StoredBlock(JsonObject json)
        : base((string?)json["type"] ?? throw new JsonException("A stored block has no type."))
    {
        BlockId = (string?)json["block_id"];
        Fields = json.Where(field => field.Key is not "type" and not "block_id")
            .ToDictionary(field => field.Key, field => field.Value.Deserialize<JsonElement>(), StringComparer.Ordinal);
    }

    [JsonExtensionData]
    public Dictionary<string, JsonElement> Fields { get; }
}
