-- The request a capture came from (cmd:<trigger_id> for /feedback, view:<view id> for a form): a slash command or
-- submission handled again after a crash finds its item instead of saving a second one.
ALTER TABLE feedback_items ADD COLUMN capture_key TEXT;
CREATE UNIQUE INDEX ux_feedback_items_capture_key ON feedback_items(capture_key) WHERE capture_key IS NOT NULL;

-- Effects that must happen once now go through the Slack layer's outbox (slack_outbox, keyed the same way).
DROP TABLE once_only;
