namespace SlackFeedbackBot.Feedback;

/// <summary>Small text helpers shared by replies, DMs and alerts.</summary>
public static class FeedbackFormat
{
    public static string Shorten(string text, int max) => text.Length <= max ? text : text[..(max - 1)].TrimEnd() + "…";

    /// <summary>A Slack block quote of every line.</summary>
    public static string Quote(string text) => string.Join('\n', text.Split('\n').Select(line => "> " + line));

    public static string Date(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
}
