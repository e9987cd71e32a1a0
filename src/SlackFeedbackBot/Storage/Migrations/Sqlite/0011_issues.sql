-- Issues: items that say the same thing are merged into one issue. An issue's root is the item nobody merged it into;
-- merged items always point straight at their root (merging an issue moves its merged items along), so the root of any
-- item is COALESCE(merged_into_id, id).
ALTER TABLE feedback_items ADD COLUMN merged_into_id INTEGER REFERENCES feedback_items(id) ON DELETE SET NULL;

CREATE INDEX ix_feedback_items_merged_into ON feedback_items(merged_into_id) WHERE merged_into_id IS NOT NULL;

-- Every merge and its undoing, with who did them: the history `/feedback show` tells.
CREATE TABLE feedback_merges (
    id          INTEGER PRIMARY KEY,
    item_id     INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
    into_id     INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
    merged_by   TEXT    NOT NULL,
    merged_at   INTEGER NOT NULL,
    undone_by   TEXT,
    undone_at   INTEGER
);

CREATE INDEX ix_feedback_merges_item ON feedback_merges(item_id, merged_at);
CREATE INDEX ix_feedback_merges_into ON feedback_merges(into_id, merged_at);

-- "Looks like #12": one offer per (new item, existing issue), with its shared words and the answer a person gave.
-- answer NULL: not answered yet (the owners' triage queue); 'same' merged them; 'different' is never offered again.
CREATE TABLE feedback_issue_offers (
    item_id       INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
    candidate_id  INTEGER NOT NULL REFERENCES feedback_items(id) ON DELETE CASCADE,
    score         REAL    NOT NULL,
    shared_words  TEXT    NOT NULL,
    offered_at    INTEGER NOT NULL,
    answer        TEXT CHECK (answer IN ('same', 'different')),
    answered_by   TEXT,
    answered_at   INTEGER,
    PRIMARY KEY (item_id, candidate_id)
);

CREATE INDEX ix_feedback_issue_offers_pending ON feedback_issue_offers(offered_at) WHERE answer IS NULL;
