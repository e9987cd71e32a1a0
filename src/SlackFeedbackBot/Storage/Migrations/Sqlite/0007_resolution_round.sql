-- Counts how often an item was reopened: each resolution after a reopen tells the reporters again, so the outbox
-- keys of its messages carry the round.
ALTER TABLE feedback_items ADD COLUMN resolution_round INTEGER NOT NULL DEFAULT 0;
