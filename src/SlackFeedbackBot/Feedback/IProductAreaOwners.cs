namespace SlackFeedbackBot.Feedback;

/// <summary>The product area an item belongs to and the people who own that area (user ids), if any.</summary>
public sealed record AreaOwners(string Area, IReadOnlyList<string> Owners);

/// <summary>Who owns the product area of a feedback item; the feature that tags areas registers its own.</summary>
public interface IProductAreaOwners
{
    AreaOwners? OwnersOf(FeedbackItem item);

    /// <summary>Whether the person owns any product area (they see the feedback triage on their Home tab).</summary>
    bool OwnsAnArea(string userId) => false;
}

/// <summary>Used until product areas are configured: no item has area owners.</summary>
public sealed class NoProductAreaOwners : IProductAreaOwners
{
    public AreaOwners? OwnersOf(FeedbackItem item) => null;
}
