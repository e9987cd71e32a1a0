namespace SlackFeedbackBot.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The SQLite file; created with its folder when missing.</summary>
    public string DatabasePath { get; set; } = "data/slackfeedbackbot.db";

    /// <summary>Seconds a writer waits for the database lock before failing.</summary>
    public int BusyTimeoutSeconds { get; set; } = 30;
}
