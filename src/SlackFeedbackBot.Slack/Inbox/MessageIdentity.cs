using System.Text.Json;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// The second dedupe key of an event: a new message is the same message whatever event id Slack gave it,
/// so "<type>:<channel>:<ts>" catches the re-sends that carry a fresh event_id.
/// </summary>
internal static class MessageIdentity
{
    public static string? SecondaryKey(string eventCallbackJson)
    {
        // Most events are not messages: skip the parse unless the payload can be one.
        if (!eventCallbackJson.Contains("\"message\"", StringComparison.Ordinal) && !eventCallbackJson.Contains("\"app_mention\"", StringComparison.Ordinal))
        {
            return null;
        }

        using var doc = JsonDocument.Parse(eventCallbackJson);
        if (!doc.RootElement.TryGetProperty("event", out var evt) || evt.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        var type = evt.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type is not ("message" or "app_mention"))
        {
            return null;
        }

        if (evt.TryGetProperty("subtype", out var subtype) && subtype.ValueKind == JsonValueKind.String)
        {
            return null;
        }

        var channel = evt.TryGetProperty("channel", out var c) ? c.GetString() : null;
        var ts = evt.TryGetProperty("ts", out var s) ? s.GetString() : null;
        return channel is null || ts is null ? null : $"{type}:{channel}:{ts}";
    }
}
