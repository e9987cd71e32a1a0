using SlackFeedbackBot.Slack.BlockKit;

namespace SlackFeedbackBot.AppHome;

/// <summary>
/// A part of the App Home tab that a feature adds, above the support shifts the Home tab always shows. A part that is
/// not for this person (the feedback triage for someone who acts on no feedback) returns no blocks.
/// </summary>
public interface IHomeTabSection
{
    /// <summary>Lower comes first.</summary>
    int Order { get; }

    Task<IReadOnlyList<Block>> BuildAsync(string userId, CancellationToken ct);
}

/// <summary>Publishes people's Home tabs again after what they show changed, through the outbox (<c>home:&lt;user&gt;:&lt;change&gt;</c>).</summary>
public interface IHomeTabRefresh
{
    Task RefreshAsync(IEnumerable<string> userIds, string change, CancellationToken ct);
}

/// <summary>Used when no feature publishes a Home tab: nothing to refresh.</summary>
public sealed class NoHomeTabRefresh : IHomeTabRefresh
{
    public Task RefreshAsync(IEnumerable<string> userIds, string change, CancellationToken ct) => Task.CompletedTask;
}
