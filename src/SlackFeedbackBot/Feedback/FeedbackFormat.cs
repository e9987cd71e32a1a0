namespace SlackFeedbackBot.Feedback;

/// <summary>How replies, DMs and alerts write a date.</summary>
public static class FeedbackFormat
{
    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
