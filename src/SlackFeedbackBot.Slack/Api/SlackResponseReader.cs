using System.Text.Json.Nodes;

namespace SlackFeedbackBot.Slack.Api;

/// <summary>Maps the JSON objects of Slack's responses onto the client's models.</summary>
internal static class SlackResponseReader
{
    public static string? String(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value && value.TryGetValue<string>(out var s) ? s : null;

    public static string RequiredString(JsonNode? node, string name, string method) =>
        String(node, name) ?? throw new SlackApiException(method, "invalid_response", $"the response has no {name}");

    public static bool Bool(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value && value.TryGetValue<bool>(out var b) && b;

    public static int Int(JsonNode? node, string name) =>
        node is JsonObject obj && obj[name] is JsonValue value && value.TryGetValue<int>(out var i) ? i : 0;

    public static JsonObject Object(JsonNode? node, string name, string method) =>
        (node as JsonObject)?[name] as JsonObject ?? throw new SlackApiException(method, "invalid_response", $"the response has no {name}");

    public static IReadOnlyList<string> Strings(JsonNode? node, string name) =>
        [.. (((node as JsonObject)?[name] as JsonArray) ?? []).OfType<JsonValue>().Select(v => v.TryGetValue<string>(out var s) ? s : null).OfType<string>()];

    public static IEnumerable<JsonObject> Objects(JsonNode? node, string name) =>
        ((node as JsonObject)?[name] as JsonArray)?.OfType<JsonObject>() ?? [];

    public static AuthTestResponse AuthTest(JsonObject r) => new(
        RequiredString(r, "user_id", "auth.test"),
        String(r, "bot_id"),
        RequiredString(r, "team_id", "auth.test"),
        String(r, "team"),
        String(r, "url"));

    public static SlackUser User(JsonObject user)
    {
        var profile = user["profile"];
        return new SlackUser(
            RequiredString(user, "id", "users"),
            String(user, "name") ?? "",
            String(user, "real_name") ?? String(profile, "real_name"),
            String(profile, "display_name"),
            String(user, "tz"),
            Int(user, "tz_offset"),
            Bool(user, "is_bot"),
            Bool(user, "deleted"),
            String(user, "team_id"))
        {
            Email = String(profile, "email"),
        };
    }

    public static ConversationInfo Conversation(JsonObject channel) => new(
        RequiredString(channel, "id", "conversations.info"),
        String(channel, "name"),
        Bool(channel, "is_channel"),
        Bool(channel, "is_private"),
        Bool(channel, "is_im"),
        Bool(channel, "is_member"),
        String(channel["topic"], "value"));

    public static UserGroup Group(JsonObject group) => new(
        RequiredString(group, "id", "usergroups.list"),
        String(group, "handle") ?? "",
        String(group, "name"),
        [.. ((group["users"] as JsonArray) ?? []).Select(u => u?.GetValue<string>()).OfType<string>()]);

    public static string? NextCursor(JsonObject r) => String(r["response_metadata"], "next_cursor") is { Length: > 0 } c ? c : null;

    /// <summary>Slack's explanation beside an error code: response_metadata.messages, and for missing_scope the needed scope.</summary>
    public static string? ErrorDetail(JsonObject r)
    {
        var parts = new List<string>();
        if ((r["response_metadata"] as JsonObject)?["messages"] is JsonArray messages)
        {
            parts.AddRange(messages.Select(m => m?.ToString()).OfType<string>());
        }

        if (String(r, "needed") is { } needed)
        {
            parts.Add($"needed: {needed}");
        }

        return parts.Count == 0 ? null : string.Join("; ", parts);
    }
}
