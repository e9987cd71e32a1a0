using System.Text.Json;
using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Tests.Support;

/// <summary>Every string value of a JSON document, one per line, unescaped: what a message says, for assertions on its words.</summary>
public static class JsonText
{
    public static string Of(string json) => Of(JsonNode.Parse(json));

    public static string Of(JsonNode? node) => string.Join("\n", Strings(node));

    private static IEnumerable<string> Strings(JsonNode? node) => node switch
    {
        JsonObject o => o.SelectMany(p => Strings(p.Value)),
        JsonArray a => a.SelectMany(Strings),
        JsonValue v when v.GetValueKind() == JsonValueKind.String => [v.GetValue<string>()],
        _ => [],
    };
}
