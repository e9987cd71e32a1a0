namespace SlackFeedbackBot.Feedback.Issues;

/// <summary>A suggested merge nobody has answered: the new item, the issue it looks like, and why.</summary>
public sealed record IssueSuggestion(FeedbackItem Item, FeedbackItem Issue, IssueSize Size, double Score, IReadOnlyList<string> SharedWords, DateTimeOffset OfferedAt);

/// <summary>
/// The "Looks like" offers still waiting for a person, oldest first, for the owners' triage queue (Home tab). An offer
/// leaves the list when someone answers it, merges the two by command, or either item is merged or closed.
/// </summary>
public sealed class IssueSuggestions(IssueRepository issues, FeedbackRepository items)
{
    public IReadOnlyList<IssueSuggestion> Pending(int limit = 20)
    {
        var list = new List<IssueSuggestion>();
        foreach (var offer in issues.PendingOffers(limit))
        {
            if (items.Get(offer.ItemId) is { } item && items.Get(offer.CandidateId) is { } issue)
            {
                list.Add(new IssueSuggestion(item, issue, issues.Size(issue.Id), offer.Score, offer.Words, offer.OfferedAt));
            }
        }

        return list;
    }

    /// <summary>The same offer as the capture reply made, to show again with its *Same issue* / *Different* buttons.</summary>
    public static IssueOffer AsOffer(IssueSuggestion suggestion) =>
        new(suggestion.Item.Id, suggestion.Issue.Id, suggestion.Size, suggestion.Score, suggestion.SharedWords);
}
