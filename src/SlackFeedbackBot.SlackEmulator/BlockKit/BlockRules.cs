using System.Text.Json.Nodes;
using static SlackFeedbackBot.Emulator.BlockKit.BlockKitCheck;

namespace SlackFeedbackBot.Emulator.BlockKit;

/// <summary>The surface blocks are shown on: some blocks (file) exist only in messages.</summary>
internal enum Surface { Message, Modal, Home }

/// <summary>Slack's rules for layout blocks, including block_id and action_id uniqueness.</summary>
internal static class BlockRules
{
    public const int MessageBlocksMax = 50;
    public const int ViewBlocksMax = 100;
    public const int BlockIdMax = 255;
    public const int SectionTextMax = 3000;
    public const int SectionFieldsMax = 10;
    public const int SectionFieldMax = 2000;
    public const int HeaderTextMax = 150;
    public const int ContextElementsMax = 10;
    public const int ActionsElementsMax = 25;
    public const int InputLabelMax = 2000;
    public const int InputHintMax = 2000;
    public const int ImageTitleMax = 2000;
    public const int TextMax = 3000;

    public static void Blocks(BlockKitCheck check, JsonArray blocks, string pointer, Surface surface)
    {
        check.Count(blocks, pointer, 0, surface == Surface.Message ? MessageBlocksMax : ViewBlocksMax);
        var blockIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < blocks.Count; i++) Block(check, blocks[i], Item(pointer, i), surface, blockIds);
    }

    private static void Block(BlockKitCheck check, JsonNode? node, string pointer, Surface surface, HashSet<string> blockIds)
    {
        if (node is not JsonObject block)
        {
            check.Fail(pointer, "must provide an object");
            return;
        }
        if (check.String(block, pointer, "block_id", max: BlockIdMax) is { Length: > 0 } blockId && !blockIds.Add(blockId))
            check.Fail(Child(pointer, "block_id"), $"`block_id` \"{blockId}\" already exists");
        var type = check.String(block, pointer, "type", required: true);
        switch (type)
        {
            case null:
                return;
            case "section":
                Section(check, block, pointer);
                break;
            case "header":
                check.Text(block, pointer, "text", HeaderTextMax, TextKind.PlainOnly, required: true);
                break;
            case "divider":
                break;
            case "context":
                Context(check, block, pointer);
                break;
            case "actions":
                Actions(check, block, pointer);
                break;
            case "input":
                check.Text(block, pointer, "label", InputLabelMax, TextKind.PlainOnly, required: true);
                check.Text(block, pointer, "hint", InputHintMax, TextKind.PlainOnly);
                check.Bool(block, pointer, "optional");
                check.Bool(block, pointer, "dispatch_action");
                if (block.ContainsKey("element")) ElementRules.Element(check, block["element"], Child(pointer, "element"), ElementSlot.Input);
                else check.Fail(pointer, "missing required field: element");
                break;
            case "image":
                ElementRules.Image(check, block, pointer);
                check.Text(block, pointer, "title", ImageTitleMax, TextKind.PlainOnly);
                break;
            case "file" when surface == Surface.Message:
                check.String(block, pointer, "external_id", required: true);
                check.Enum(block, pointer, "source", ["remote"], required: true);
                break;
            case "rich_text":
                // Rich text has a deep grammar of its own; Slack's shape (an array of elements) is what is checked here.
                check.Array(block, pointer, "elements", required: true);
                break;
            case "video":
                check.String(block, pointer, "alt_text", required: true);
                check.Text(block, pointer, "title", 200, TextKind.PlainOnly, required: true);
                check.String(block, pointer, "thumbnail_url", required: true);
                check.String(block, pointer, "video_url", required: true);
                break;
            case "markdown":
                check.String(block, pointer, "text", required: true, max: 12_000);
                break;
            // Newer blocks the bot does not build: their required fields are checked, their insides taken as they come.
            case "context_actions":
                check.Array(block, pointer, "elements", required: true, min: 1, max: 5);
                break;
            case "table":
                check.Array(block, pointer, "rows", required: true, min: 1);
                break;
            case "call":
                check.String(block, pointer, "call_id", required: true);
                break;
            default:
                check.Fail(Child(pointer, "type"), $"unsupported type: {type}");
                break;
        }
    }

    private static void Section(BlockKitCheck check, JsonObject block, string pointer)
    {
        if (!block.ContainsKey("text") && !block.ContainsKey("fields"))
        {
            check.Fail(pointer, "must define either `text` or `fields`");
        }
        check.Text(block, pointer, "text", SectionTextMax, TextKind.PlainOrMarkdown);
        var fields = check.Array(block, pointer, "fields", min: 1, max: SectionFieldsMax);
        for (var i = 0; i < (fields?.Count ?? 0); i++) check.TextObject(fields![i], Item(Child(pointer, "fields"), i), SectionFieldMax, TextKind.PlainOrMarkdown);
        check.Bool(block, pointer, "expand");
        if (block.ContainsKey("accessory")) ElementRules.Element(check, block["accessory"], Child(pointer, "accessory"), ElementSlot.Accessory);
    }

    private static void Context(BlockKitCheck check, JsonObject block, string pointer)
    {
        var elements = check.Array(block, pointer, "elements", required: true, min: 1, max: ContextElementsMax);
        for (var i = 0; i < (elements?.Count ?? 0); i++)
        {
            var at = Item(Child(pointer, "elements"), i);
            if (elements![i] is JsonObject { } element && element["type"]?.ToString() == "image") ElementRules.Image(check, element, at);
            else check.TextObject(elements[i], at, TextMax, TextKind.PlainOrMarkdown);
        }
    }

    private static void Actions(BlockKitCheck check, JsonObject block, string pointer)
    {
        var elements = check.Array(block, pointer, "elements", required: true, min: 1, max: ActionsElementsMax);
        var actionIds = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < (elements?.Count ?? 0); i++)
        {
            var at = Item(Child(pointer, "elements"), i);
            if (ElementRules.Element(check, elements![i], at, ElementSlot.Actions) is { Length: > 0 } actionId && !actionIds.Add(actionId))
                check.Fail(Child(at, "action_id"), $"`action_id` \"{actionId}\" already exists");
        }
    }
}
