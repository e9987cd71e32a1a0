using System.Text.Json.Nodes;
using static SlackFeedbackBot.Emulator.BlockKit.BlockKitCheck;

namespace SlackFeedbackBot.Emulator.BlockKit;

/// <summary>Slack's rules for view objects (modals and Home tabs) and for the response_action a view submission is acked with.</summary>
internal static class ViewRules
{
    public const int TitleMax = 24;
    public const int ButtonMax = 24;
    public const int CallbackIdMax = 255;
    public const int ExternalIdMax = 255;
    public const int PrivateMetadataMax = 3000;

    private static readonly string[] ViewTypes = ["modal", "home"];
    private static readonly string[] ResponseActions = ["errors", "update", "push", "clear"];

    /// <param name="expectedType">The one type the method takes (views.publish: home; views.open/push: modal), or null for either.</param>
    public static void View(BlockKitCheck check, JsonObject view, string pointer, string? expectedType)
    {
        var type = check.String(view, pointer, "type", required: true);
        if (type is not null && (!ViewTypes.Contains(type) || (expectedType is not null && type != expectedType)))
        {
            check.Fail(Child(pointer, "type"), $"unsupported type: {type}");
            return;
        }
        var modal = type == "modal";
        if (modal)
        {
            check.Text(view, pointer, "title", TitleMax, TextKind.PlainOnly, required: true);
            check.Text(view, pointer, "submit", ButtonMax, TextKind.PlainOnly);
            check.Text(view, pointer, "close", ButtonMax, TextKind.PlainOnly);
            check.Bool(view, pointer, "clear_on_close");
            check.Bool(view, pointer, "notify_on_close");
            check.Bool(view, pointer, "submit_disabled");
        }
        check.String(view, pointer, "callback_id", max: CallbackIdMax, allowEmpty: true);
        check.String(view, pointer, "external_id", max: ExternalIdMax, allowEmpty: true);
        check.String(view, pointer, "private_metadata", max: PrivateMetadataMax, allowEmpty: true);
        var blocks = check.Array(view, pointer, "blocks", required: true);
        if (blocks is null) return;
        BlockRules.Blocks(check, blocks, Child(pointer, "blocks"), modal ? Surface.Modal : Surface.Home);
        if (!modal || view.ContainsKey("submit")) return;
        var firstInput = blocks.Select((b, i) => (Block: b as JsonObject, Index: i)).FirstOrDefault(b => b.Block?["type"]?.ToString() == "input");
        if (firstInput.Block is not null)
            check.Fail(Child(Item(Child(pointer, "blocks"), firstInput.Index), "input"), "must define `submit` to use an `input` block in modals");
    }

    /// <summary>
    /// A view submission ack: errors (block_id of an input block in <paramref name="submitted"/> → message), update or push
    /// (a full modal view), or clear. An empty ack needs no check.
    /// </summary>
    public static void SubmissionAck(BlockKitCheck check, JsonObject ack, JsonObject submitted)
    {
        var action = check.Enum(ack, "", "response_action", ResponseActions, required: true);
        switch (action)
        {
            case "errors":
                Errors(check, ack, submitted);
                break;
            case "update" or "push":
                if (check.Object(ack, "", "view", required: true) is { } view) View(check, view, "/view", "modal");
                break;
        }
    }

    private static void Errors(BlockKitCheck check, JsonObject ack, JsonObject submitted)
    {
        var errors = check.Object(ack, "", "errors", required: true);
        if (errors is null) return;
        if (errors.Count == 0) check.Fail("/errors", "must provide at least 1 items");
        var inputs = (submitted["blocks"] as JsonArray ?? []).OfType<JsonObject>()
            .Where(b => b["type"]?.ToString() == "input")
            .Select(b => b["block_id"]?.ToString())
            .OfType<string>()
            .ToHashSet(StringComparer.Ordinal);
        foreach (var (blockId, _) in errors)
        {
            check.String(errors, "/errors", blockId, required: true);
            if (!inputs.Contains(blockId)) check.Fail(Child("/errors", blockId), $"no input block with block_id \"{blockId}\" in the view");
        }
    }
}
