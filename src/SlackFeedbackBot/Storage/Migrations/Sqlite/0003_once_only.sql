-- Outbound effects that must happen once per key (reminders, digests, alerts).
CREATE TABLE once_only (
    key        TEXT PRIMARY KEY,
    claimed_at INTEGER NOT NULL,
    done_at    INTEGER,
    result     TEXT
);
