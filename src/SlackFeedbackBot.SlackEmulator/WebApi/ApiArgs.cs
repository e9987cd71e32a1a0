using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Emulator.WebApi;

/// <summary>Thrown by a method to answer {"ok":false,"error":Code}.</summary>
public sealed class SlackApiError(string code) : Exception(code)
{
    public string Code { get; } = code;
}

/// <summary>
/// Arguments of one call, whichever way they came (query, form or JSON). Form values are always strings, so structured
/// arguments such as blocks or view may arrive either as JSON or as a JSON-encoded string; the accessors accept both.
/// </summary>
public sealed class ApiArgs(JsonObject values)
{
    public JsonObject Values { get; } = values;

    public string? Str(string name) => Values[name] switch
    {
        null => null,
        JsonValue v when v.TryGetValue<string>(out var s) => s,
        JsonValue v when v.GetValueKind() is JsonValueKind.True or JsonValueKind.False => v.GetValue<bool>() ? "true" : "false",
        var node => node.ToJsonString(),
    };

    public string Required(string name, string error = "invalid_arguments")
    {
        var value = Str(name);
        return string.IsNullOrEmpty(value) ? throw new SlackApiError(error) : value;
    }

    public bool Bool(string name) => Values[name] switch
    {
        JsonValue v when v.GetValueKind() is JsonValueKind.True => true,
        JsonValue v when v.TryGetValue<string>(out var s) => s is "true" or "1",
        JsonValue v when v.GetValueKind() is JsonValueKind.Number => v.GetValue<double>() != 0,
        _ => false,
    };

    public int? Int(string name)
    {
        var text = Str(name);
        if (string.IsNullOrEmpty(text)) return null;
        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value : throw new SlackApiError("invalid_arguments");
    }

    /// <summary>A structured argument (array/object), parsed from a JSON string when it came as form text.</summary>
    public JsonNode? Json(string name, string error = "invalid_arguments")
    {
        var node = Values[name];
        if (node is JsonValue v && v.TryGetValue<string>(out var text))
        {
            if (string.IsNullOrWhiteSpace(text)) return null;
            try { return JsonNode.Parse(text); }
            catch (JsonException) { throw new SlackApiError(error); }
        }
        return node?.DeepClone();
    }

    /// <summary>A list given as "a,b,c" or as a JSON array.</summary>
    public IReadOnlyList<string> List(string name)
    {
        if (Values[name] is JsonArray array) return array.Select(n => n?.ToString() ?? "").Where(s => s.Length > 0).ToList();
        var text = Str(name);
        if (string.IsNullOrWhiteSpace(text)) return [];
        if (text.TrimStart().StartsWith('[') && Json(name) is JsonArray parsed) return parsed.Select(n => n?.ToString() ?? "").ToList();
        return text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
    }
}
