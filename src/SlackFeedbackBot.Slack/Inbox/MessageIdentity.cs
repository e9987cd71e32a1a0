using System.Text.Json;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>
/// The second dedupe key of an event: a new message is the same message whatever event id Slack gave it,
/// so "<type>:<channel>:<ts>" catches the re-sends that carry a fresh event_id.
/// </summary>
internal static class MessageIdentity
{
    public static string? SecondaryKey(JsonElement evt)
    {
        var type = evt.TryGetProperty("type", out var t) ? t.GetString() : null;
        if (type is not ("message" or "app_mention"))
        {
            return null;
        }

        if (evt.TryGetProperty("subtype", out var subtype) && subtype.ValueKind == JsonValueKind.String)
        {
            return null;
        }

        var channel = evt.TryGetProperty("channel", out var c) && c.ValueKind == JsonValueKind.String ? c.GetString() : null;
        var ts = evt.TryGetProperty("ts", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
        return channel is null || ts is null ? null : $"{type}:{channel}:{ts}";
    }
}
