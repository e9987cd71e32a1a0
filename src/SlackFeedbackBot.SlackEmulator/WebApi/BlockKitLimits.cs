using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Emulator.WebApi;

/// <summary>Checks the Block Kit limits Slack enforces (block counts, text lengths); any breach answers invalid_blocks.</summary>
public static class BlockKitLimits
{
    public const int MessageBlocks = 50;
    public const int ViewBlocks = 100;

    private static readonly HashSet<string> KnownBlockTypes =
    [
        "section", "header", "divider", "actions", "context", "image", "input", "rich_text", "file", "video", "markdown", "call",
    ];

    /// <summary>Null when valid, otherwise the reason (returned to the app in response_metadata.messages).</summary>
    public static string? Check(JsonArray blocks, int maxBlocks)
    {
        if (blocks.Count > maxBlocks) return $"no more than {maxBlocks} items allowed [json-pointer:/blocks]";
        for (var i = 0; i < blocks.Count; i++)
        {
            var problem = CheckBlock(blocks[i] as JsonObject);
            if (problem is not null) return $"{problem} [json-pointer:/blocks/{i}]";
        }
        return null;
    }

    private static string? CheckBlock(JsonObject? block)
    {
        if (block is null) return "block must be an object";
        var type = block["type"]?.ToString();
        if (type is null || !KnownBlockTypes.Contains(type)) return $"unknown block type '{type}'";
        if (block["block_id"]?.ToString() is { Length: > 255 }) return "block_id must be at most 255 characters";
        switch (type)
        {
            case "section":
                var text = TextOf(block["text"]);
                if (text is null && block["fields"] is null) return "section needs text or fields";
                if (text is { Length: 0 or > 3000 }) return "section text must be 1-3000 characters";
                if (block["fields"] is JsonArray fields)
                {
                    if (fields.Count > 10) return "section allows at most 10 fields";
                    if (fields.Any(f => TextOf(f) is { Length: > 2000 })) return "section field must be at most 2000 characters";
                }
                return CheckElement(block["accessory"] as JsonObject);
            case "header":
                var header = TextOf(block["text"]);
                return header is null or { Length: 0 or > 150 } ? "header text must be 1-150 characters" : null;
            case "actions":
                if (block["elements"] is not JsonArray actions || actions.Count is 0 or > 25) return "actions needs 1-25 elements";
                return actions.Select(a => CheckElement(a as JsonObject)).FirstOrDefault(p => p is not null);
            case "context":
                return block["elements"] is not JsonArray context || context.Count is 0 or > 10 ? "context needs 1-10 elements" : null;
            case "input":
                return TextOf(block["label"]) is null or { Length: 0 or > 2000 } ? "input label must be 1-2000 characters" : null;
            default:
                return null;
        }
    }

    private static string? CheckElement(JsonObject? element)
    {
        if (element is null || element["type"]?.ToString() != "button") return null;
        if (TextOf(element["text"]) is null or { Length: 0 or > 75 }) return "button text must be 1-75 characters";
        if (element["value"]?.ToString() is { Length: > 2000 }) return "button value must be at most 2000 characters";
        if (element["action_id"]?.ToString() is { Length: > 255 }) return "action_id must be at most 255 characters";
        return null;
    }

    private static string? TextOf(JsonNode? textObject) => textObject switch
    {
        JsonObject o => o["text"]?.ToString() ?? "",
        JsonValue v => v.ToString(),
        _ => null,
    };
}
