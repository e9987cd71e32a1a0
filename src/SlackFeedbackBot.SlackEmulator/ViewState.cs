using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Emulator;

/// <summary>Builds view.state.values for a submission, shaping each value the way the input's element type reports it.</summary>
internal static class ViewState
{
    public static JsonObject Build(JsonArray? blocks, IReadOnlyDictionary<string, Dictionary<string, string>> values)
    {
        var state = new JsonObject();
        foreach (var (blockId, actions) in values)
        {
            var block = blocks?.OfType<JsonObject>().FirstOrDefault(b => b["block_id"]?.ToString() == blockId);
            var entry = new JsonObject();
            foreach (var (actionId, value) in actions)
            {
                var element = block?["element"] is JsonObject e && e["action_id"]?.ToString() == actionId ? e : null;
                entry[actionId] = ElementValue(element, value);
            }
            state[blockId] = entry;
        }
        return state;
    }

    private static JsonObject ElementValue(JsonObject? element, string value)
    {
        var type = element?["type"]?.ToString() ?? "plain_text_input";
        var result = new JsonObject { ["type"] = type };
        switch (type)
        {
            case "static_select" or "radio_buttons" or "external_select":
                result["selected_option"] = Option(element, value);
                break;
            case "multi_static_select" or "checkboxes":
                result["selected_options"] = new JsonArray(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                    .Select(v => (JsonNode)Option(element, v)).ToArray());
                break;
            case "users_select": result["selected_user"] = value; break;
            case "conversations_select": result["selected_conversation"] = value; break;
            case "channels_select": result["selected_channel"] = value; break;
            case "multi_users_select":
                result["selected_users"] = new JsonArray(value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(v => (JsonNode)JsonValue.Create(v)!).ToArray());
                break;
            case "datepicker": result["selected_date"] = value; break;
            case "timepicker": result["selected_time"] = value; break;
            default: result["value"] = value; break;
        }
        return result;
    }

    private static JsonObject Option(JsonObject? element, string value)
    {
        var option = (element?["options"] as JsonArray)?.OfType<JsonObject>().FirstOrDefault(o => o["value"]?.ToString() == value);
        return option?.DeepClone() as JsonObject ?? new JsonObject { ["text"] = new JsonObject { ["type"] = "plain_text", ["text"] = value }, ["value"] = value };
    }
}
