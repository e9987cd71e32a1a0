-- Workspace facts the bot learns from Slack and keeps between restarts.
CREATE TABLE IF NOT EXISTS bot_state (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
