using System.Text.Json;
using System.Text.Json.Nodes;
using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.Slack.Api;

/// <summary>
/// The view objects views.open, views.update, views.publish and view submission acks take: every view reaches Slack
/// through here, so none can leave with a plain-string title or without its type.
/// </summary>
internal static class SlackViewJson
{
    /// <summary>The body of a view submission ack (<c>response_action</c> errors, update, push or clear).</summary>
    public static JsonObject SubmissionAck(SlackFeedbackBot.Slack.Dispatch.ViewSubmissionResponse response)
    {
        var json = new JsonObject { ["response_action"] = response.ResponseAction };
        if (response.Errors is not null)
        {
            var errors = new JsonObject();
            foreach (var (block, message) in response.Errors)
            {
                errors[block] = message;
            }

            json["errors"] = errors;
        }

        if (response.View is not null)
        {
            json["view"] = Modal(response.View);
        }

        return json;
    }

    public static JsonObject Modal(ModalView view)
    {
        view = ModalBuilder.Normalize(view);
        var json = new JsonObject
        {
            ["type"] = "modal",
            ["title"] = PlainText(view.Title),
        };
        if (view.Submit is not null) json["submit"] = PlainText(view.Submit);
        if (view.Close is not null) json["close"] = PlainText(view.Close);
        if (view.CallbackId is not null) json["callback_id"] = view.CallbackId;
        if (view.PrivateMetadata is not null) json["private_metadata"] = view.PrivateMetadata;
        if (view.ExternalId is not null) json["external_id"] = view.ExternalId;
        if (view.NotifyOnClose) json["notify_on_close"] = true;
        json["blocks"] = Blocks(view.Blocks);
        return json;
    }

    public static JsonObject Home(IReadOnlyList<Block> blocks) => new()
    {
        ["type"] = "home",
        ["blocks"] = Blocks(BlockTrimmer.Trim(blocks, SlackLimits.ViewBlocks)),
    };

    public static JsonNode Blocks(IReadOnlyList<Block> blocks) => JsonSerializer.SerializeToNode(blocks, SlackJson.Options)!;

    private static JsonNode PlainText(string text) => JsonSerializer.SerializeToNode(TextObject.Plain(text), SlackJson.Options)!;
}
