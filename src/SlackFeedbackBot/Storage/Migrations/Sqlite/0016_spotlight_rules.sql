-- Spotlight rules people added in Slack (an admin accepted a rule proposed when an item was reclassified).
-- They join the configured rules of their bucket, after them. Times are unix milliseconds (UTC).
CREATE TABLE spotlight_rules (
    id           INTEGER PRIMARY KEY,
    bucket       TEXT    NOT NULL,
    phrase       TEXT    NOT NULL,
    added_by     TEXT    NOT NULL,
    added_at     INTEGER NOT NULL,
    -- The item whose reclassification suggested the rule.
    from_item_id INTEGER,
    UNIQUE (bucket, phrase)
);
