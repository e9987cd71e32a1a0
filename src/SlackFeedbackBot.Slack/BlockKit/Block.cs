using System.Text.Json.Serialization;

namespace SlackFeedbackBot.Slack.BlockKit;

/// <summary>A Block Kit layout block. Concrete blocks are built with the builders in this namespace,
/// which keep every block inside Slack's limits.</summary>
[JsonDerivedType(typeof(HeaderBlock))]
[JsonDerivedType(typeof(SectionBlock))]
[JsonDerivedType(typeof(ContextBlock))]
[JsonDerivedType(typeof(DividerBlock))]
[JsonDerivedType(typeof(ActionsBlock))]
[JsonDerivedType(typeof(ImageBlock))]
[JsonDerivedType(typeof(InputBlock))]
[JsonDerivedType(typeof(StoredBlock))]
public abstract record Block([property: JsonPropertyOrder(-2)] string Type)
{
    private readonly string? _blockId;

    [JsonPropertyOrder(-1)]
    public string? BlockId
    {
        get => _blockId;
        init => _blockId = SlackLimits.Require(value, SlackLimits.Id, "block_id");
    }
}
