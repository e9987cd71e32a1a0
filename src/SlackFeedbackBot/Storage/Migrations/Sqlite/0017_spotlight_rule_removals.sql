-- A Spotlight rule added in Slack can be taken back (in Slack or on the command line). The row stays, marked with
-- who removed it and when, so the history of what classified items is kept. The same words may become a rule again
-- later, so only the rules in use are unique per bucket. SQLite cannot drop a table's UNIQUE constraint: the table
-- is copied into its new shape, ids kept. Times are unix milliseconds (UTC).
CREATE TABLE spotlight_rules_reshaped (
    id           INTEGER PRIMARY KEY,
    bucket       TEXT    NOT NULL,
    phrase       TEXT    NOT NULL,
    added_by     TEXT    NOT NULL,
    added_at     INTEGER NOT NULL,
    -- The item whose reclassification suggested the rule.
    from_item_id INTEGER,
    removed_by   TEXT,
    removed_at   INTEGER,
    CHECK ((removed_by IS NULL) = (removed_at IS NULL))
);

INSERT INTO spotlight_rules_reshaped (id, bucket, phrase, added_by, added_at, from_item_id)
SELECT id, bucket, phrase, added_by, added_at, from_item_id FROM spotlight_rules;

DROP TABLE spotlight_rules;

ALTER TABLE spotlight_rules_reshaped RENAME TO spotlight_rules;

CREATE UNIQUE INDEX spotlight_rules_in_use ON spotlight_rules (bucket, phrase) WHERE removed_at IS NULL;
