using System.Text.Json;
using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Emulator.BlockKit;

/// <summary>Which text object types a field takes: headers, buttons, labels and titles take plain_text only.</summary>
internal enum TextKind { PlainOnly, PlainOrMarkdown }

/// <summary>
/// Collects what is wrong with a payload in Slack's wording, each reason ending in the JSON pointer of the offending
/// value (e.g. "must be less than 151 characters [json-pointer:/blocks/0/text/text]"), and reads typed fields.
/// A present field of the wrong JSON type is a reason; an explicit null counts as present, as in Slack.
/// </summary>
internal sealed class BlockKitCheck
{
    private readonly List<string> _reasons = [];

    public IReadOnlyList<string> Reasons => _reasons;

    public void Fail(string pointer, string message) => _reasons.Add($"{message} [json-pointer:{pointer}]");

    /// <summary>A member's pointer; '~' and '/' are escaped as RFC 6901 asks.</summary>
    public static string Child(string pointer, string name) => $"{pointer}/{name.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)}";

    public static string Item(string pointer, int index) => $"{pointer}/{index}";

    public JsonObject? Object(JsonObject parent, string pointer, string field, bool required = false)
    {
        if (!Present(parent, pointer, field, required, out var node)) return null;
        if (node is JsonObject value) return value;
        Fail(Child(pointer, field), "must provide an object");
        return null;
    }

    public JsonArray? Array(JsonObject parent, string pointer, string field, bool required = false, int min = 0, int max = int.MaxValue)
    {
        if (!Present(parent, pointer, field, required, out var node)) return null;
        if (node is not JsonArray value)
        {
            Fail(Child(pointer, field), "must provide an array");
            return null;
        }
        Count(value, Child(pointer, field), min, max);
        return value;
    }

    public void Count(JsonArray items, string pointer, int min, int max)
    {
        if (items.Count > max) Fail(pointer, $"no more than {max} items allowed");
        else if (items.Count < min) Fail(pointer, $"must provide at least {min} items");
    }

    /// <summary>A string field within <paramref name="max"/> characters and, unless <paramref name="allowEmpty"/>, not empty.</summary>
    public string? String(JsonObject parent, string pointer, string field, bool required = false, int max = int.MaxValue, bool allowEmpty = false)
    {
        if (!Present(parent, pointer, field, required, out var node)) return null;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.String)
        {
            Fail(Child(pointer, field), "must provide a string");
            return null;
        }
        var text = v.GetValue<string>();
        if (text.Length == 0 && !allowEmpty) Fail(Child(pointer, field), "must be more than 0 characters");
        else if (text.Length > max) Fail(Child(pointer, field), $"must be less than {max + 1} characters");
        return text;
    }

    /// <summary>A string field that must be one of <paramref name="allowed"/>.</summary>
    public string? Enum(JsonObject parent, string pointer, string field, IReadOnlyCollection<string> allowed, bool required = false)
    {
        var value = String(parent, pointer, field, required);
        if (value is { Length: > 0 } && !allowed.Contains(value)) Fail(Child(pointer, field), "must be a valid enum value");
        return value;
    }

    public bool? Bool(JsonObject parent, string pointer, string field, bool required = false)
    {
        if (!Present(parent, pointer, field, required, out var node)) return null;
        if (node is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False) return v.GetValue<bool>();
        Fail(Child(pointer, field), "must provide a boolean");
        return null;
    }

    public long? Integer(JsonObject parent, string pointer, string field, long min = long.MinValue, long max = long.MaxValue, bool required = false)
    {
        if (!Present(parent, pointer, field, required, out var node)) return null;
        // Read from the JSON text: a value built in code (an int) and one parsed off the wire both read the same way.
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number
            || !long.TryParse(v.ToJsonString(), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            Fail(Child(pointer, field), "must provide an integer");
            return null;
        }
        if (number < min) Fail(Child(pointer, field), $"must be at least {min}");
        else if (number > max) Fail(Child(pointer, field), $"must be at most {max}");
        return number;
    }

    /// <summary>A text object field: {"type": "plain_text"|"mrkdwn", "text": 1..max characters}.</summary>
    public void Text(JsonObject parent, string pointer, string field, int max, TextKind kind, bool required = false)
    {
        if (!Present(parent, pointer, field, required, out var node)) return;
        TextObject(node, Child(pointer, field), max, kind);
    }

    public void TextObject(JsonNode? node, string pointer, int max, TextKind kind)
    {
        if (node is not JsonObject text)
        {
            Fail(pointer, "must provide an object");
            return;
        }
        var type = String(text, pointer, "type", required: true);
        var plain = type == "plain_text";
        if (type is not null && !plain && (type != "mrkdwn" || kind == TextKind.PlainOnly)) Fail(Child(pointer, "type"), $"unsupported type: {type}");
        String(text, pointer, "text", required: true, max: max);
        if (plain) Bool(text, pointer, "emoji");
        else Bool(text, pointer, "verbatim");
    }

    /// <summary>Whether the field is there to check; a missing required one is reported at its parent, as Slack does.</summary>
    private bool Present(JsonObject parent, string pointer, string field, bool required, out JsonNode? node)
    {
        if (parent.TryGetPropertyValue(field, out node)) return true;
        if (required) Fail(pointer, $"missing required field: {field}");
        return false;
    }
}
