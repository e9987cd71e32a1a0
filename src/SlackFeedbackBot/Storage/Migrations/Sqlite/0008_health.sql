-- The health check's heartbeat: one row, rewritten by every database probe, so the probe proves a real committed write.
CREATE TABLE health_heartbeat (
    id      INTEGER PRIMARY KEY CHECK (id = 1),
    beat_at INTEGER NOT NULL
);
