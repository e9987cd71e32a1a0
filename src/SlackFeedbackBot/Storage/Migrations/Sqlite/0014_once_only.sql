-- One store for every effect that must happen once: a key per effect, claimed before it happens. Feedback's alert keys
-- and its "reporter told" marks move here from the tables each kept of its own, so nothing is raised or told again.
CREATE TABLE once_only (
    key         TEXT    PRIMARY KEY,
    claimed_at  INTEGER NOT NULL
) WITHOUT ROWID;

-- The digest reads the keys claimed in a period (alerts raised that week).
CREATE INDEX ix_once_only_claimed_at ON once_only(claimed_at);

-- "reports:42:10" raised for item 42 becomes feedback:alert:42:reports:42:10 (the item first, so one item's keys are one range).
INSERT INTO once_only (key, claimed_at)
SELECT 'feedback:alert:' || item_id || ':' || alert_key, created_at FROM feedback_alerts;

-- Reporter U1 told about item 42's resolution becomes feedback:told:42:U1.
INSERT INTO once_only (key, claimed_at)
SELECT 'feedback:told:' || item_id || ':' || reporter_id, notified_at FROM feedback_notifications;

DROP TABLE feedback_alerts;
DROP TABLE feedback_notifications;
