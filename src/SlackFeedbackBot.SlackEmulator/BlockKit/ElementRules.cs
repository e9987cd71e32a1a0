using System.Globalization;
using System.Text.Json.Nodes;
using static SlackFeedbackBot.Emulator.BlockKit.BlockKitCheck;

namespace SlackFeedbackBot.Emulator.BlockKit;

/// <summary>Where an element sits decides which element types Slack takes there.</summary>
internal enum ElementSlot { Actions, Accessory, Input }

/// <summary>Slack's rules for block elements (buttons, menus, pickers, inputs, images) and the option and confirm objects in them.</summary>
internal static class ElementRules
{
    public const int ActionIdMax = 255;
    public const int ButtonTextMax = 75;
    public const int ButtonValueMax = 2000;
    public const int UrlMax = 3000;
    public const int PlaceholderMax = 150;
    public const int OptionTextMax = 75;
    public const int OptionValueMax = 150;
    public const int OptionDescriptionMax = 75;
    public const int SelectOptionsMax = 100;
    public const int ChoiceOptionsMax = 10;
    public const int OverflowOptionsMin = 2;
    public const int OverflowOptionsMax = 5;
    public const int AltTextMax = 2000;
    public const int TextInputLengthMax = 3000;

    private static readonly string[] Selects = ["static_select", "external_select", "users_select", "conversations_select", "channels_select"];
    private static readonly string[] MultiSelects = ["multi_static_select", "multi_external_select", "multi_users_select", "multi_conversations_select", "multi_channels_select"];
    private static readonly string[] ButtonStyles = ["primary", "danger"];
    private static readonly string[] ConversationTypes = ["im", "mpim", "private", "public"];

    private static readonly Dictionary<ElementSlot, HashSet<string>> Allowed = new()
    {
        [ElementSlot.Actions] = [.. Selects, .. MultiSelects, "button", "checkboxes", "datepicker", "datetimepicker", "overflow", "radio_buttons", "timepicker", "workflow_button"],
        [ElementSlot.Accessory] = [.. Selects, .. MultiSelects, "button", "checkboxes", "datepicker", "image", "overflow", "radio_buttons", "timepicker", "workflow_button"],
        [ElementSlot.Input] = [.. Selects, .. MultiSelects, "checkboxes", "datepicker", "datetimepicker", "email_text_input", "file_input", "number_input",
            "plain_text_input", "radio_buttons", "rich_text_input", "timepicker", "url_text_input"],
    };

    /// <summary>Checks one element; returns its action_id, if it has one, so the block can check they are unique.</summary>
    public static string? Element(BlockKitCheck check, JsonNode? node, string pointer, ElementSlot slot)
    {
        if (node is not JsonObject element)
        {
            check.Fail(pointer, "must provide an object");
            return null;
        }
        var type = check.String(element, pointer, "type", required: true);
        if (type is null) return null;
        if (!Allowed[slot].Contains(type))
        {
            check.Fail(Child(pointer, "type"), $"unsupported type: {type}");
            return null;
        }
        if (type == "image")
        {
            Image(check, element, pointer);
            return null;
        }
        var actionId = check.String(element, pointer, "action_id", max: ActionIdMax);
        if (element.ContainsKey("confirm")) Confirm(check, element, pointer);
        check.Bool(element, pointer, "focus_on_load");
        switch (type)
        {
            case "button":
                check.Text(element, pointer, "text", ButtonTextMax, TextKind.PlainOnly, required: true);
                check.String(element, pointer, "value", max: ButtonValueMax);
                check.String(element, pointer, "url", max: UrlMax);
                check.Enum(element, pointer, "style", ButtonStyles);
                check.String(element, pointer, "accessibility_label", max: ButtonTextMax);
                break;
            case "workflow_button":
                check.Text(element, pointer, "text", ButtonTextMax, TextKind.PlainOnly, required: true);
                check.Object(element, pointer, "workflow", required: true);
                check.Enum(element, pointer, "style", ButtonStyles);
                break;
            case "static_select" or "multi_static_select":
                Placeholder(check, element, pointer);
                StaticOptions(check, element, pointer);
                if (type == "static_select") OptionField(check, element, pointer, "initial_option", TextKind.PlainOnly);
                else OptionList(check, element, pointer, "initial_options", TextKind.PlainOnly);
                break;
            case "external_select" or "multi_external_select":
                Placeholder(check, element, pointer);
                check.Integer(element, pointer, "min_query_length", min: 0);
                if (type == "external_select") OptionField(check, element, pointer, "initial_option", TextKind.PlainOnly);
                else OptionList(check, element, pointer, "initial_options", TextKind.PlainOnly);
                break;
            case "users_select" or "channels_select":
                Placeholder(check, element, pointer);
                check.String(element, pointer, type == "users_select" ? "initial_user" : "initial_channel");
                check.Bool(element, pointer, "response_url_enabled");
                break;
            case "conversations_select" or "multi_conversations_select":
                Placeholder(check, element, pointer);
                if (type == "conversations_select") check.String(element, pointer, "initial_conversation");
                else Strings(check, element, pointer, "initial_conversations");
                check.Bool(element, pointer, "default_to_current_conversation");
                check.Bool(element, pointer, "response_url_enabled");
                ConversationFilter(check, element, pointer);
                break;
            case "multi_users_select" or "multi_channels_select":
                Placeholder(check, element, pointer);
                Strings(check, element, pointer, type == "multi_users_select" ? "initial_users" : "initial_channels");
                break;
            case "overflow":
                Options(check, element, pointer, "options", OverflowOptionsMin, OverflowOptionsMax, TextKind.PlainOnly, urlAllowed: true, required: true);
                break;
            case "checkboxes":
                Options(check, element, pointer, "options", 1, ChoiceOptionsMax, TextKind.PlainOrMarkdown, urlAllowed: false, required: true);
                OptionList(check, element, pointer, "initial_options", TextKind.PlainOrMarkdown);
                break;
            case "radio_buttons":
                Options(check, element, pointer, "options", 1, ChoiceOptionsMax, TextKind.PlainOrMarkdown, urlAllowed: false, required: true);
                OptionField(check, element, pointer, "initial_option", TextKind.PlainOrMarkdown);
                break;
            case "datepicker":
                Placeholder(check, element, pointer);
                Formatted(check, element, pointer, "initial_date", "yyyy-MM-dd");
                break;
            case "timepicker":
                Placeholder(check, element, pointer);
                Formatted(check, element, pointer, "initial_time", "HH:mm");
                check.String(element, pointer, "timezone");
                break;
            case "datetimepicker":
                check.Integer(element, pointer, "initial_date_time", min: 0);
                break;
            case "plain_text_input":
                Placeholder(check, element, pointer);
                check.String(element, pointer, "initial_value", allowEmpty: true);
                check.Bool(element, pointer, "multiline");
                var min = check.Integer(element, pointer, "min_length", min: 0, max: TextInputLengthMax);
                var max = check.Integer(element, pointer, "max_length", min: 1, max: TextInputLengthMax);
                if (min is not null && max is not null && min > max) check.Fail(Child(pointer, "min_length"), "must be less than or equal to max_length");
                check.Object(element, pointer, "dispatch_action_config");
                break;
            case "number_input":
                Placeholder(check, element, pointer);
                check.Bool(element, pointer, "is_decimal_allowed", required: true);
                break;
            case "email_text_input" or "url_text_input" or "rich_text_input":
                Placeholder(check, element, pointer);
                break;
        }
        return actionId;
    }

    /// <summary>An image element: alt_text and either image_url or slack_file, never both.</summary>
    public static void Image(BlockKitCheck check, JsonObject image, string pointer)
    {
        check.String(image, pointer, "alt_text", required: true, max: AltTextMax);
        var hasUrl = image.ContainsKey("image_url");
        var hasFile = image.ContainsKey("slack_file");
        if (hasUrl == hasFile)
        {
            check.Fail(pointer, hasUrl ? "must provide only one of `image_url` or `slack_file`" : "missing required field: image_url");
            return;
        }
        if (hasUrl) check.String(image, pointer, "image_url", max: UrlMax);
        else check.Object(image, pointer, "slack_file");
    }

    private static void Placeholder(BlockKitCheck check, JsonObject element, string pointer) =>
        check.Text(element, pointer, "placeholder", PlaceholderMax, TextKind.PlainOnly);

    /// <summary>A static menu takes options or option_groups: exactly one of them, each within 100.</summary>
    private static void StaticOptions(BlockKitCheck check, JsonObject element, string pointer)
    {
        var hasOptions = element.ContainsKey("options");
        var hasGroups = element.ContainsKey("option_groups");
        if (hasOptions == hasGroups)
        {
            check.Fail(pointer, hasOptions ? "must provide only one of `options` or `option_groups`" : "must provide either `options` or `option_groups`");
            if (!hasOptions) return;
        }
        if (hasOptions) Options(check, element, pointer, "options", 1, SelectOptionsMax, TextKind.PlainOnly, urlAllowed: false, required: true);
        if (!hasGroups) return;
        var groups = check.Array(element, pointer, "option_groups", min: 1, max: SelectOptionsMax);
        for (var i = 0; i < (groups?.Count ?? 0); i++)
        {
            var at = Item(Child(pointer, "option_groups"), i);
            if (groups![i] is not JsonObject group)
            {
                check.Fail(at, "must provide an object");
                continue;
            }
            check.Text(group, at, "label", OptionTextMax, TextKind.PlainOnly, required: true);
            Options(check, group, at, "options", 1, SelectOptionsMax, TextKind.PlainOnly, urlAllowed: false, required: true);
        }
    }

    private static void Options(BlockKitCheck check, JsonObject parent, string pointer, string field, int min, int max, TextKind kind, bool urlAllowed, bool required)
    {
        var options = check.Array(parent, pointer, field, required, min, max);
        for (var i = 0; i < (options?.Count ?? 0); i++) Option(check, options![i], Item(Child(pointer, field), i), kind, urlAllowed);
    }

    private static void OptionList(BlockKitCheck check, JsonObject parent, string pointer, string field, TextKind kind)
    {
        var options = check.Array(parent, pointer, field);
        for (var i = 0; i < (options?.Count ?? 0); i++) Option(check, options![i], Item(Child(pointer, field), i), kind, urlAllowed: false);
    }

    private static void OptionField(BlockKitCheck check, JsonObject parent, string pointer, string field, TextKind kind)
    {
        if (check.Object(parent, pointer, field) is not null) Option(check, parent[field], Child(pointer, field), kind, urlAllowed: false);
    }

    /// <summary>An option: text (75), value (150) and an optional description; url only in overflow menus.</summary>
    private static void Option(BlockKitCheck check, JsonNode? node, string pointer, TextKind kind, bool urlAllowed)
    {
        if (node is not JsonObject option)
        {
            check.Fail(pointer, "must provide an object");
            return;
        }
        check.Text(option, pointer, "text", OptionTextMax, kind, required: true);
        check.String(option, pointer, "value", required: true, max: OptionValueMax);
        check.Text(option, pointer, "description", OptionDescriptionMax, kind);
        if (!option.ContainsKey("url")) return;
        if (urlAllowed) check.String(option, pointer, "url", max: UrlMax);
        else check.Fail(Child(pointer, "url"), "url is only allowed in overflow menu options");
    }

    /// <summary>A confirmation dialog: title (100), text (300), confirm and deny (30 each), all required.</summary>
    private static void Confirm(BlockKitCheck check, JsonObject element, string pointer)
    {
        var confirm = check.Object(element, pointer, "confirm");
        if (confirm is null) return;
        var at = Child(pointer, "confirm");
        check.Text(confirm, at, "title", 100, TextKind.PlainOnly, required: true);
        check.Text(confirm, at, "text", 300, TextKind.PlainOrMarkdown, required: true);
        check.Text(confirm, at, "confirm", 30, TextKind.PlainOnly, required: true);
        check.Text(confirm, at, "deny", 30, TextKind.PlainOnly, required: true);
        check.Enum(confirm, at, "style", ButtonStyles);
    }

    private static void ConversationFilter(BlockKitCheck check, JsonObject element, string pointer)
    {
        var filter = check.Object(element, pointer, "filter");
        if (filter is null) return;
        var at = Child(pointer, "filter");
        var include = check.Array(filter, at, "include", min: 1);
        for (var i = 0; i < (include?.Count ?? 0); i++)
        {
            if (include![i]?.ToString() is not { } kind || !ConversationTypes.Contains(kind)) check.Fail(Item(Child(at, "include"), i), "must be a valid enum value");
        }
        check.Bool(filter, at, "exclude_external_shared_channels");
        check.Bool(filter, at, "exclude_bot_users");
    }

    private static void Strings(BlockKitCheck check, JsonObject element, string pointer, string field)
    {
        var values = check.Array(element, pointer, field);
        for (var i = 0; i < (values?.Count ?? 0); i++)
        {
            if (values![i] is not JsonValue v || v.GetValueKind() != System.Text.Json.JsonValueKind.String) check.Fail(Item(Child(pointer, field), i), "must provide a string");
        }
    }

    /// <summary>A date or time that must parse in the given format, e.g. initial_date "2025-01-31".</summary>
    private static void Formatted(BlockKitCheck check, JsonObject element, string pointer, string field, string format)
    {
        var value = check.String(element, pointer, field);
        if (value is { Length: > 0 } && !DateTime.TryParseExact(value, format, CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            check.Fail(Child(pointer, field), $"must match the format {format}");
    }
}
