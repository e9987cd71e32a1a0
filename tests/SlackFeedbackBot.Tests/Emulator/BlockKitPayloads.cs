using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Tests.Emulator;

/// <summary>Block Kit JSON written by hand, as Slack's reference shows it, for checking the emulator's validator.</summary>
internal static class BlockKitPayloads
{
    public static JsonObject Plain(string text) => new() { ["type"] = "plain_text", ["text"] = text };

    public static JsonObject Markdown(string text) => new() { ["type"] = "mrkdwn", ["text"] = text };

    public static JsonObject Option(string text, string value) => new() { ["text"] = Plain(text), ["value"] = value };

    public static JsonArray Options(int count) => new([.. Enumerable.Range(1, count).Select(i => (JsonNode)Option($"Option {i}", $"v{i}"))]);

    public static JsonObject Section(string text) => new() { ["type"] = "section", ["text"] = Markdown(text) };

    public static JsonObject Button(string text, string actionId = "go") => new() { ["type"] = "button", ["text"] = Plain(text), ["action_id"] = actionId };

    public static JsonObject Actions(params JsonNode[] elements) => new() { ["type"] = "actions", ["elements"] = new JsonArray(elements) };

    public static JsonObject Input(string blockId, JsonObject element, string label = "Label") =>
        new() { ["type"] = "input", ["block_id"] = blockId, ["label"] = Plain(label), ["element"] = element };

    public static JsonObject TextInput(string actionId = "text") => new() { ["type"] = "plain_text_input", ["action_id"] = actionId };

    public static JsonArray Blocks(params JsonNode[] blocks) => new(blocks);

    public static JsonArray Repeat(int count, Func<int, JsonNode> block) => new([.. Enumerable.Range(0, count).Select(block)]);

    public static JsonObject Modal(JsonArray blocks, string title = "Feedback", string? submit = "Send")
    {
        var modal = new JsonObject { ["type"] = "modal", ["title"] = Plain(title), ["blocks"] = blocks };
        if (submit is not null) modal["submit"] = Plain(submit);
        return modal;
    }

    public static JsonObject Home(JsonArray blocks) => new() { ["type"] = "home", ["blocks"] = blocks };

    /// <summary>Elements Slack takes in an actions block or as a section accessory, one valid instance each.</summary>
    public static IEnumerable<JsonObject> InteractiveElements() =>
    [
        new() { ["type"] = "button", ["text"] = Plain("Open"), ["action_id"] = "b", ["value"] = "v", ["style"] = "primary", ["url"] = "https://example.com/x",
            ["confirm"] = new JsonObject { ["title"] = Plain("Sure?"), ["text"] = Markdown("*Really*"), ["confirm"] = Plain("Yes"), ["deny"] = Plain("No") } },
        new() { ["type"] = "static_select", ["action_id"] = "s", ["placeholder"] = Plain("Pick"), ["options"] = Options(3), ["initial_option"] = Option("Option 1", "v1") },
        new() { ["type"] = "static_select", ["action_id"] = "g", ["option_groups"] = new JsonArray(new JsonObject { ["label"] = Plain("Group"), ["options"] = Options(2) }) },
        new() { ["type"] = "multi_static_select", ["action_id"] = "m", ["placeholder"] = Plain("Pick some"), ["options"] = Options(4), ["max_selected_items"] = 2 },
        new() { ["type"] = "overflow", ["action_id"] = "o", ["options"] = Options(2) },
        new() { ["type"] = "datepicker", ["action_id"] = "d", ["initial_date"] = "2025-01-31", ["placeholder"] = Plain("Day") },
        new() { ["type"] = "timepicker", ["action_id"] = "t", ["initial_time"] = "09:30", ["timezone"] = "Europe/Berlin" },
        new() { ["type"] = "checkboxes", ["action_id"] = "c", ["options"] = new JsonArray(new JsonObject { ["text"] = Markdown("*One*"), ["value"] = "1", ["description"] = Markdown("_first_") }) },
        new() { ["type"] = "radio_buttons", ["action_id"] = "r", ["options"] = Options(2), ["initial_option"] = Option("Option 2", "v2") },
        new() { ["type"] = "users_select", ["action_id"] = "u", ["initial_user"] = "U0ANA00001", ["placeholder"] = Plain("Who") },
        new() { ["type"] = "conversations_select", ["action_id"] = "cv", ["default_to_current_conversation"] = true,
            ["filter"] = new JsonObject { ["include"] = new JsonArray("public", "private"), ["exclude_bot_users"] = true } },
        new() { ["type"] = "channels_select", ["action_id"] = "ch", ["initial_channel"] = "C0GENERAL01" },
        new() { ["type"] = "multi_users_select", ["action_id"] = "mu", ["initial_users"] = new JsonArray("U0ANA00001") },
    ];

    /// <summary>Elements Slack takes in an input block, one valid instance each.</summary>
    public static IEnumerable<JsonObject> InputElements() =>
    [
        new() { ["type"] = "plain_text_input", ["action_id"] = "p", ["multiline"] = true, ["initial_value"] = "", ["min_length"] = 0, ["max_length"] = 3000, ["placeholder"] = Plain("Type") },
        new() { ["type"] = "static_select", ["action_id"] = "s", ["options"] = Options(100) },
        new() { ["type"] = "multi_static_select", ["action_id"] = "m", ["options"] = Options(2), ["initial_options"] = new JsonArray(Option("Option 1", "v1")) },
        new() { ["type"] = "datepicker", ["action_id"] = "d" },
        new() { ["type"] = "timepicker", ["action_id"] = "t" },
        new() { ["type"] = "checkboxes", ["action_id"] = "c", ["options"] = Options(10) },
        new() { ["type"] = "radio_buttons", ["action_id"] = "r", ["options"] = Options(10) },
        new() { ["type"] = "users_select", ["action_id"] = "u" },
        new() { ["type"] = "conversations_select", ["action_id"] = "cv" },
        new() { ["type"] = "channels_select", ["action_id"] = "ch" },
        new() { ["type"] = "number_input", ["action_id"] = "n", ["is_decimal_allowed"] = false },
        new() { ["type"] = "email_text_input", ["action_id"] = "e" },
    ];
}
