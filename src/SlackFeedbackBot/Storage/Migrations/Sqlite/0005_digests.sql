-- Digests: the product area of each item, the channels that get a digest, and the indexes the digest's period queries need.

-- Tagged on capture by the product-area rules (section ProductAreas); NULL when no rule matched.
ALTER TABLE feedback_items ADD COLUMN product_area TEXT;

-- The period index gains product_area so a week's counts per bucket and area are read from the index alone;
-- the leading columns are unchanged, so every query that used the old index keeps its plan.
DROP INDEX ix_feedback_items_created_at;
CREATE INDEX ix_feedback_items_created_at ON feedback_items(created_at, bucket, status, product_area);

-- A digest filtered to one product area reads only that area's items.
CREATE INDEX ix_feedback_items_area_created_at ON feedback_items(product_area, created_at) WHERE product_area IS NOT NULL;

-- The rotation summary and the thresholds section read one period across all rotations and items.
CREATE INDEX ix_rotation_ledger_shift_start ON rotation_ledger(shift_start);
CREATE INDEX ix_feedback_alerts_created_at ON feedback_alerts(created_at);

-- One digest subscription per (channel, cadence). Declared ones come from configuration and are kept in step with it.
CREATE TABLE digest_subscriptions (
    id            INTEGER PRIMARY KEY,
    channel_id    TEXT    NOT NULL,
    cadence       TEXT    NOT NULL CHECK (cadence IN ('weekly', 'monthly')),
    time_zone     TEXT    NOT NULL,
    cron          TEXT    NOT NULL,
    bucket        TEXT,
    product_area  TEXT,
    declared      INTEGER NOT NULL DEFAULT 0,
    created_by    TEXT,
    created_at    INTEGER NOT NULL,
    UNIQUE (channel_id, cadence)
);
