using SlackFeedbackBot.Slack.Hosting;
using SlackFeedbackBot.Storage;

namespace SlackFeedbackBot.Tests.Support;

/// <summary>The Slack layer's inbox and outbox in a test host's database, as the bot puts them: same provider, same database.</summary>
public static class SlackStorageOf
{
    public static SlackStorage Database(Database database) =>
        database.Provider == StorageProvider.Postgres
            ? SlackStorage.Postgres(_ => database.ConnectionString)
            : SlackStorage.Sqlite(_ => database.ConnectionString);
}
