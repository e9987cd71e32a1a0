-- Every move of an item between open, planned, not_yet and resolved: who moved it, when, why (the reason people are
-- told, or what changed), whether the mover chose to tell the reporters and how many were told. The newest row is
-- what `show` tells; the row's id names the move in the outbox keys of its messages, so each reporter hears of it once.
CREATE TABLE feedback_status_changes (
    id           INTEGER PRIMARY KEY,
    item_id      INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
    from_status  TEXT    NOT NULL,
    to_status    TEXT    NOT NULL,
    reason       TEXT,
    changed_by   TEXT    NOT NULL,
    changed_at   INTEGER NOT NULL,
    tell         INTEGER NOT NULL DEFAULT 0,
    told         INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX ix_feedback_status_changes_item ON feedback_status_changes(item_id, id);

-- `/feedback list status:planned older:30d`: the status filter reads the index before the age.
CREATE INDEX ix_feedback_items_status_created_at ON feedback_items(status, created_at);
