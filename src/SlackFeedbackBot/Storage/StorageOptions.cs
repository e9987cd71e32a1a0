using System.ComponentModel.DataAnnotations;

namespace SlackFeedbackBot.Storage;

public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The SQLite file; created with its folder when missing.</summary>
    [Required(ErrorMessage = "Storage:DatabasePath is empty. Set it to a file path such as data/slackfeedbackbot.db (env STORAGE__DATABASEPATH).")]
    public string DatabasePath { get; set; } = "data/slackfeedbackbot.db";

    /// <summary>Seconds a writer waits for the database lock before failing.</summary>
    [Range(1, 600)]
    public int BusyTimeoutSeconds { get; set; } = 30;
}
