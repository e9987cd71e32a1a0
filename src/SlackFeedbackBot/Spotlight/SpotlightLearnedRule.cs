namespace SlackFeedbackBot.Spotlight;

/// <summary>
/// A rule a person added in Slack: plain words that put a message in <paramref name="Bucket"/>, with who accepted it,
/// when, and the item whose reclassification suggested it.
/// </summary>
public sealed record SpotlightLearnedRule(long Id, string Bucket, string Phrase, string AddedBy, DateTimeOffset AddedAt, long? FromItemId)
{
    /// <summary>How classification reports it, like every other rule: <c>user_experience: "any pointers on"</c>.</summary>
    public string RuleText => $"{Bucket}: \"{Phrase}\"";
}
