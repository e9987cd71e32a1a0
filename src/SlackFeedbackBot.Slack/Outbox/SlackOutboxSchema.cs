using Dapper;
using Microsoft.Data.Sqlite;

namespace SlackFeedbackBot.Slack.Outbox;

/// <summary>The outbox owns its table, like the inbox, so it works in any SQLite file the host gives it.</summary>
internal static class SlackOutboxSchema
{
    public static void Ensure(SqliteConnection connection)
    {
        connection.Execute("PRAGMA journal_mode=WAL;");
        connection.Execute(
            """
            CREATE TABLE IF NOT EXISTS slack_outbox (
                id              INTEGER PRIMARY KEY,
                idempotency_key TEXT    NOT NULL UNIQUE,
                kind            TEXT    NOT NULL,
                payload         TEXT    NOT NULL,
                pacing_channel  TEXT,
                status          TEXT    NOT NULL CHECK (status IN ('pending', 'done', 'failed')),
                attempts        INTEGER NOT NULL,
                next_attempt_at INTEGER NOT NULL,
                last_error      TEXT,
                result          TEXT,
                created_at      INTEGER NOT NULL,
                done_at         INTEGER,
                sending_since   INTEGER
            );
            CREATE INDEX IF NOT EXISTS slack_outbox_due ON slack_outbox (status, next_attempt_at);
            """);

        // Tables made before posts were checked after a crash lack sending_since.
        if (connection.ExecuteScalar<long>("SELECT COUNT(*) FROM pragma_table_info('slack_outbox') WHERE name = 'sending_since'") == 0)
        {
            connection.Execute("ALTER TABLE slack_outbox ADD COLUMN sending_since INTEGER");
        }
    }
}
