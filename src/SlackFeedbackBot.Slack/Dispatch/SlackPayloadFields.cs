using System.Text.Json;
using SlackFeedbackBot.Slack.Inbound;

namespace SlackFeedbackBot.Slack.Dispatch;

/// <summary>
/// Where each kind of payload keeps the fields the middleware needs. Events API envelopes and slash commands carry
/// <c>team_id</c> at the top; interaction payloads carry a <c>team</c> object and the user's <c>team_id</c>.
/// </summary>
internal static class SlackPayloadFields
{
    public static string? TeamId(SlackRequestKind kind, JsonElement root) => kind switch
    {
        SlackRequestKind.Event or SlackRequestKind.SlashCommand => Text(root, "team_id"),
        SlackRequestKind.Unknown => Text(root, "team_id") ?? InteractionTeamId(root),
        _ => InteractionTeamId(root),
    };

    public static string? UserId(SlackRequestKind kind, JsonElement root) => kind switch
    {
        SlackRequestKind.Event => Object(root, "event") is { } evt ? Text(evt, "user") ?? (Object(evt, "user") is { } user ? Text(user, "id") : null) : null,
        SlackRequestKind.SlashCommand => Text(root, "user_id"),
        _ => Object(root, "user") is { } user ? Text(user, "id") : null,
    };

    public static string HandlerKey(SlackRequestKind kind, JsonElement root) => kind switch
    {
        SlackRequestKind.Event => Object(root, "event") is { } evt ? Text(evt, "type") ?? "" : "",
        SlackRequestKind.SlashCommand => Text(root, "command") ?? "",
        SlackRequestKind.GlobalShortcut or SlackRequestKind.MessageShortcut => Text(root, "callback_id") ?? "",
        SlackRequestKind.BlockActions => string.Join(",", ActionIds(root)),
        SlackRequestKind.ViewSubmission or SlackRequestKind.ViewClosed => Object(root, "view") is { } view ? Text(view, "callback_id") ?? "" : "",
        SlackRequestKind.BlockSuggestion => Text(root, "action_id") ?? "",
        _ => Text(root, "type") ?? "",
    };

    public static string? Id(SlackRequestKind kind, JsonElement root) =>
        kind == SlackRequestKind.Event ? Text(root, "event_id") : Text(root, "trigger_id");

    /// <summary>A string at the end of a path of objects, e.g. <c>event.message.bot_id</c>; null when any step is missing.</summary>
    public static string? At(JsonElement root, params string[] path)
    {
        var current = root;
        for (var i = 0; i < path.Length - 1; i++)
        {
            if (Object(current, path[i]) is not { } child)
            {
                return null;
            }

            current = child;
        }

        return Text(current, path[^1]);
    }

    private static string? InteractionTeamId(JsonElement root) =>
        (Object(root, "team") is { } team ? Text(team, "id") : null)
        ?? (Object(root, "user") is { } user ? Text(user, "team_id") : null);

    private static IEnumerable<string> ActionIds(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object || !root.TryGetProperty("actions", out var actions) || actions.ValueKind != JsonValueKind.Array)
        {
            yield break;
        }

        foreach (var action in actions.EnumerateArray())
        {
            if (Text(action, "action_id") is { } id)
            {
                yield return id;
            }
        }
    }

    private static JsonElement? Object(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object ? value : null;

    // An empty string says no more than a missing field: both read as null.
    private static string? Text(JsonElement parent, string name) =>
        parent.ValueKind == JsonValueKind.Object && parent.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String && value.GetString() is { Length: > 0 } text
            ? text
            : null;
}
