namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// A rule a person added in Slack: plain words that put a message in <paramref name="Bucket"/>, with who accepted it,
/// when, and the item whose reclassification suggested it; and, once taken back, who removed it and when.
/// </summary>
public sealed record SpotlightLearnedRule(
    long Id,
    string Bucket,
    string Phrase,
    string AddedBy,
    DateTimeOffset AddedAt,
    long? FromItemId,
    string? RemovedBy = null,
    DateTimeOffset? RemovedAt = null)
{
    /// <summary>How classification reports it, like every other rule: <c>user_experience: "any pointers on"</c>.</summary>
    public string RuleText => $"{Bucket}: \"{Phrase}\"";

    /// <summary>Taken back: kept for the record, no longer used to classify.</summary>
    public bool IsRemoved => RemovedAt is not null;
}
