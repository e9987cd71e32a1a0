namespace SlackFeedbackBot.Feedback.Issues;

/// <summary>
/// Lists and search results as issues: each hit stands for its issue's root, shown once, with the reports of the whole
/// issue and the numbers of the items merged into it (a merged item points to its root instead of showing itself).
/// </summary>
public sealed class IssueView(IssueRepository issues, FeedbackRepository items)
{
    public IReadOnlyList<FeedbackItem> Roots(IEnumerable<FeedbackItem> hits, int limit)
    {
        var roots = new List<FeedbackItem>();
        var seen = new HashSet<long>();
        foreach (var hit in hits)
        {
            if (roots.Count == limit)
            {
                break;
            }

            if (!seen.Add(hit.RootId) || (hit.MergedIntoId is { } rootId ? items.Get(rootId) : hit) is not { } root)
            {
                continue;
            }

            var merged = issues.Members(root.Id).Skip(1).ToList();
            roots.Add(merged.Count == 0 ? root : root with { ReportCount = issues.Size(root.Id).Reports, MergedIds = merged });
        }

        return roots;
    }
}
