-- Feedback items: one row per piece of feedback, however it was captured. Times are unix milliseconds (UTC).
CREATE TABLE feedback_items (
    id             INTEGER PRIMARY KEY,
    text           TEXT    NOT NULL,
    customer       TEXT,
    source         TEXT,
    importance     TEXT,
    link           TEXT,
    reporter_id    TEXT,
    reporter_name  TEXT,
    author_id      TEXT,
    channel_id     TEXT,
    message_ts     TEXT,
    permalink      TEXT,
    capture_path   TEXT    NOT NULL,
    bucket         TEXT    NOT NULL,
    rule           TEXT,
    status         TEXT    NOT NULL DEFAULT 'open',
    created_at     INTEGER NOT NULL,
    updated_at     INTEGER NOT NULL,
    resolved_at    INTEGER,
    resolved_by    TEXT,
    resolution     TEXT,
    shift_key      TEXT,
    import_key     TEXT,
    -- A captured Slack message is one item whatever the path (NULLs never collide).
    UNIQUE (channel_id, message_ts),
    UNIQUE (import_key)
);

-- Covers the digest's per-period counts (bucket and status read from the index, not the table).
CREATE INDEX ix_feedback_items_created_at ON feedback_items(created_at, bucket, status);
CREATE INDEX ix_feedback_items_bucket_created_at ON feedback_items(bucket, created_at);
CREATE INDEX ix_feedback_items_status_resolved_at ON feedback_items(status, resolved_at);
CREATE INDEX ix_feedback_items_shift_key ON feedback_items(shift_key) WHERE shift_key IS NOT NULL;

-- Every conversation behind an item, the first one included: "me too" is recorded with its own words and customer.
CREATE TABLE feedback_reports (
    id             INTEGER PRIMARY KEY,
    item_id        INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
    reporter_id    TEXT,
    reporter_name  TEXT,
    text           TEXT    NOT NULL,
    customer       TEXT,
    source         TEXT,
    channel_id     TEXT,
    message_ts     TEXT,
    permalink      TEXT,
    created_at     INTEGER NOT NULL,
    -- Set for captures of a Slack message, so one person capturing one message twice stays one report.
    dedupe_key     TEXT,
    UNIQUE (dedupe_key)
);

CREATE INDEX ix_feedback_reports_item ON feedback_reports(item_id, created_at);
CREATE INDEX ix_feedback_reports_created_at ON feedback_reports(created_at);

-- Who moved an item to another bucket, and when.
CREATE TABLE feedback_bucket_changes (
    id           INTEGER PRIMARY KEY,
    item_id      INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
    from_bucket  TEXT    NOT NULL,
    to_bucket    TEXT    NOT NULL,
    changed_by   TEXT    NOT NULL,
    changed_at   INTEGER NOT NULL
);

CREATE INDEX ix_feedback_bucket_changes_item ON feedback_bucket_changes(item_id, changed_at);

-- Closing the loop: one row per (item, reporter) told; the key makes a second resolve send nothing twice.
CREATE TABLE feedback_notifications (
    item_id      INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
    reporter_id  TEXT    NOT NULL,
    notified_at  INTEGER NOT NULL,
    PRIMARY KEY (item_id, reporter_id)
);

-- The one follow-up question asked in a captured message's thread, and the reporter's answer.
CREATE TABLE feedback_follow_ups (
    item_id      INTEGER PRIMARY KEY REFERENCES feedback_items(id) ON DELETE CASCADE,
    channel_id   TEXT    NOT NULL,
    thread_ts    TEXT    NOT NULL,
    user_id      TEXT    NOT NULL,
    asked_at     INTEGER NOT NULL,
    answer       TEXT,
    answered_at  INTEGER
);

CREATE INDEX ix_feedback_follow_ups_thread ON feedback_follow_ups(channel_id, thread_ts, user_id);

-- Threshold alerts already posted; the key ("reports:42:10", "customer:42:acme") makes each one happen once.
CREATE TABLE feedback_alerts (
    alert_key    TEXT    PRIMARY KEY,
    item_id      INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
    created_at   INTEGER NOT NULL
);

-- Full-text search over the words and the customer, kept in sync by triggers.
CREATE VIRTUAL TABLE feedback_fts USING fts5(
    text, customer,
    content='feedback_items', content_rowid='id',
    tokenize='unicode61 remove_diacritics 2'
);

CREATE TRIGGER feedback_items_ai AFTER INSERT ON feedback_items BEGIN
    INSERT INTO feedback_fts(rowid, text, customer) VALUES (new.id, new.text, new.customer);
END;

CREATE TRIGGER feedback_items_ad AFTER DELETE ON feedback_items BEGIN
    INSERT INTO feedback_fts(feedback_fts, rowid, text, customer) VALUES ('delete', old.id, old.text, old.customer);
END;

CREATE TRIGGER feedback_items_au AFTER UPDATE OF text, customer ON feedback_items BEGIN
    INSERT INTO feedback_fts(feedback_fts, rowid, text, customer) VALUES ('delete', old.id, old.text, old.customer);
    INSERT INTO feedback_fts(rowid, text, customer) VALUES (new.id, new.text, new.customer);
END;
