using System.Collections.Concurrent;
using SlackFeedbackBot.Emulator.Workspace;

namespace SlackFeedbackBot.Emulator.WebApi;

/// <summary>Issues trigger ids ("123456.7890123.abcdef") with user interactions and lets each be exchanged once.</summary>
public sealed class TriggerIds(TimeProvider time, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, Issued> _issued = new(StringComparer.Ordinal);

    public string Issue(string userId)
    {
        var id = $"{SlackIds.RandomDigits(13)}.{SlackIds.RandomDigits(12)}.{SlackIds.RandomHex(32)}";
        _issued[id] = new Issued(userId, time.GetUtcNow());
        return id;
    }

    /// <summary>Null when the trigger may be used (it is then spent), otherwise the Slack error code.</summary>
    public string? Exchange(string? triggerId, out string? userId)
    {
        userId = null;
        if (string.IsNullOrEmpty(triggerId) || !_issued.TryGetValue(triggerId, out var issued)) return "invalid_trigger_id";
        userId = issued.UserId;
        if (time.GetUtcNow() - issued.At > lifetime) return "expired_trigger_id";
        return _issued.TryUpdate(triggerId, issued with { Used = true }, issued) && !issued.Used ? null : "exchanged_trigger_id";
    }

    private sealed record Issued(string UserId, DateTimeOffset At, bool Used = false);
}
