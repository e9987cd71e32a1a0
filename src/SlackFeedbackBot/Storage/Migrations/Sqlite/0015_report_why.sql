-- Why it matters, per report: each conversation (the first capture and every "me too") keeps how important it is to
-- its customer and why, in the reporter's words (the /feedback form, inline importance: and why:, the follow-up answer).
ALTER TABLE feedback_reports ADD COLUMN importance TEXT;
ALTER TABLE feedback_reports ADD COLUMN why TEXT;

-- Until now the importance was the item's, given with its first capture: the first report takes it.
UPDATE feedback_reports SET importance = (SELECT i.importance FROM feedback_items i WHERE i.id = feedback_reports.item_id)
WHERE id IN (SELECT MIN(id) FROM feedback_reports GROUP BY item_id);

-- Follow-up answers given so far become the why of the report of the person who answered (else of the first report).
UPDATE feedback_reports SET why = (SELECT f.answer FROM feedback_follow_ups f WHERE f.item_id = feedback_reports.item_id)
WHERE id IN (
    SELECT (SELECT r.id FROM feedback_reports r WHERE r.item_id = f.item_id
            ORDER BY COALESCE(r.reporter_id = f.user_id, 0) DESC, r.created_at, r.id LIMIT 1)
    FROM feedback_follow_ups f WHERE f.answer IS NOT NULL
);
