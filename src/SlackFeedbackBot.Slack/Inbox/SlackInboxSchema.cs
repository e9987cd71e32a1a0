using Dapper;
using Microsoft.Data.Sqlite;

namespace SlackFeedbackBot.Slack.Inbox;

/// <summary>The inbox owns its table, so the Slack layer works in any SQLite file the host gives it.</summary>
internal static class SlackInboxSchema
{
    public static void Ensure(SqliteConnection connection)
    {
        connection.Execute("PRAGMA journal_mode=WAL;");
        connection.Execute(
            """
            CREATE TABLE IF NOT EXISTS slack_inbox (
                id            INTEGER PRIMARY KEY,
                dedupe_key    TEXT    NOT NULL UNIQUE,
                secondary_key TEXT    UNIQUE,
                kind          TEXT    NOT NULL,
                payload       TEXT    NOT NULL,
                retry_num     INTEGER NOT NULL,
                received_at   INTEGER NOT NULL,
                status        INTEGER NOT NULL,
                attempts      INTEGER NOT NULL,
                last_error    TEXT,
                handled_at    INTEGER
            );
            CREATE INDEX IF NOT EXISTS slack_inbox_by_status ON slack_inbox (status, id);
            """);
    }
}
