using Microsoft.Extensions.Options;
using SlackFeedbackBot.Feedback;

namespace SlackFeedbackBot.Digests;

/// <summary>An item's product area (as the tagger reads its text) and the owners configured for that area.</summary>
public sealed class ProductAreaOwners(ProductAreaTagger tagger, IOptions<ProductAreaOptions> options) : IProductAreaOwners
{
    public AreaOwners? OwnersOf(FeedbackItem item)
    {
        if (tagger.Tag(item.Text) is not { } area)
        {
            return null;
        }

        var owners = options.Value.Areas
            .Where(rule => string.Equals(rule.Id.Trim(), area, StringComparison.Ordinal))
            .SelectMany(rule => rule.Owners)
            .Where(owner => !string.IsNullOrWhiteSpace(owner))
            .Select(owner => owner.Trim())
            .Distinct(StringComparer.Ordinal)
            .ToList();
        return new AreaOwners(area, owners);
    }

    public bool OwnsAnArea(string userId) =>
        options.Value.Areas.Any(rule => rule.Owners.Any(owner => string.Equals(owner?.Trim(), userId, StringComparison.Ordinal)));
}
