namespace SlackFeedbackBot.Feedback;

/// <summary>
/// Who may resolve, reopen and reclassify an item: the people who reported it, the owners of its product area, and
/// the feedback admins. Everyone else is told who may.
/// </summary>
public sealed class FeedbackPermissions(FeedbackRepository repository, IProductAreaOwners areas, FeedbackAdmins admins)
{
    /// <summary>Null when <paramref name="userId"/> may <paramref name="verb"/> item <paramref name="itemId"/> (or there is no such item); else the refusal.</summary>
    public async Task<string?> RefusalAsync(long itemId, string userId, string verb, CancellationToken ct)
    {
        if (repository.Get(itemId) is not { } item)
        {
            return null;
        }

        var reporters = repository.Reports(itemId).Select(r => r.ReporterId).Append(item.ReporterId).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var area = areas.OwnersOf(item);
        if (reporters.Contains(userId) || area?.Owners.Contains(userId, StringComparer.Ordinal) == true || await admins.IsAdminAsync(userId, ct))
        {
            return null;
        }

        var who = new List<string> { "the people who reported it" };
        if (area is { Owners.Count: > 0 })
        {
            who.Add($"the owners of its product area {area.Area} ({string.Join(", ", area.Owners.Select(o => $"<@{o}>"))})");
        }

        who.Add(await admins.DescribeAsync(ct) ?? "feedback admins (none are set: `Feedback:Admins` or `Feedback:AdminGroup`)");
        return $"Only {string.Join(", ", who.Take(who.Count - 1))} and {who[^1]} may {verb} feedback #{itemId}. Ask one of them, or add what you heard with `/feedback same {itemId} ...`.";
    }
}
