using System.Text.Json.Nodes;
using SlackFeedbackBot.AppHome;
using SlackFeedbackBot.Slack.Outbox;

namespace SlackFeedbackBot.Rotations.Slack;

/// <summary>
/// Republishes people's Home tabs after what they show changed (a swap, a re-plan, someone leaving), so an open Home
/// tab never keeps showing a shift that moved. Through the outbox, under a key naming the change; the view is built
/// when the task runs, so it shows the shifts as they are then.
/// </summary>
public sealed class SupportHomeRefresh(ISlackOutbox outbox) : IHomeTabRefresh
{
    public async Task RefreshAsync(IEnumerable<string> userIds, string change, CancellationToken ct)
    {
        foreach (var user in userIds.Distinct(StringComparer.Ordinal))
        {
            await outbox.EnqueueAsync($"home:{user}:{change}", PublishSupportHome.Task(user), ct);
        }
    }
}

/// <summary>The outbox task that publishes one person's Home tab as it is now.</summary>
public sealed class PublishSupportHome(SupportHome home) : IOutboxTaskHandler
{
    public const string TaskKind = "support.home";

    public string Kind => TaskKind;

    public static OutboxTask Task(string userId) => new(TaskKind, new JsonObject { ["user"] = userId });

    public async Task<string?> RunAsync(OutboxTaskContext task, CancellationToken ct)
    {
        var user = (string)task.Payload["user"]!;
        await home.PublishAsync(user, ct);
        return user;
    }
}
