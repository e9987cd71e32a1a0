using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Emulator.BlockKit;

/// <summary>
/// Checks Block Kit payloads the way Slack does, independently of how the app built them. Each method returns the
/// reasons Slack would give (empty when Slack would take the payload), e.g.
/// "must be less than 151 characters [json-pointer:/blocks/0/text/text]".
/// </summary>
public static class BlockKitValidator
{
    /// <summary>The blocks of a message (chat.postMessage, chat.update, a response_url post...).</summary>
    public static IReadOnlyList<string> MessageBlocks(JsonArray blocks)
    {
        var check = new BlockKitCheck();
        BlockRules.Blocks(check, blocks, "/blocks", Surface.Message);
        return check.Reasons;
    }

    /// <param name="expectedType">"modal" for views.open/push, "home" for views.publish, null when either will do.</param>
    public static IReadOnlyList<string> View(JsonObject view, string? expectedType)
    {
        var check = new BlockKitCheck();
        ViewRules.View(check, view, "/view", expectedType);
        return check.Reasons;
    }

    /// <summary>The body of a view_submission ack, against the view that was submitted.</summary>
    public static IReadOnlyList<string> SubmissionAck(JsonObject ack, JsonObject submittedView)
    {
        var check = new BlockKitCheck();
        ViewRules.SubmissionAck(check, ack, submittedView);
        return check.Reasons;
    }
}
