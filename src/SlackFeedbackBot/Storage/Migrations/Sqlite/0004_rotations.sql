-- Support rotations. Times are unix milliseconds (UTC); lists of Slack ids are comma-separated.
CREATE TABLE rotations (
    id                     INTEGER PRIMARY KEY,
    name                   TEXT    NOT NULL COLLATE NOCASE UNIQUE,
    support_channel        TEXT    NOT NULL,
    owners                 TEXT    NOT NULL,
    time_zone              TEXT    NOT NULL,
    shift_minutes          INTEGER NOT NULL,
    cadence                TEXT    NOT NULL,
    people_per_shift       INTEGER NOT NULL,
    support_hours          TEXT    NOT NULL,
    working_days           TEXT    NOT NULL,
    holidays               TEXT    NOT NULL,
    support_pros           TEXT    NOT NULL,
    reminder_offsets       TEXT    NOT NULL,
    nudge_after_minutes    INTEGER NOT NULL,
    escalate_after_minutes INTEGER NOT NULL,
    set_topic              INTEGER NOT NULL,
    user_group_id          TEXT,
    declared               INTEGER NOT NULL DEFAULT 0,
    planned_until          INTEGER,
    created_at             INTEGER NOT NULL,
    updated_at             INTEGER NOT NULL
);

CREATE TABLE rotation_members (
    rotation_id     INTEGER NOT NULL REFERENCES rotations(id) ON DELETE CASCADE,
    user_id         TEXT    NOT NULL,
    time_zone       TEXT,
    slack_time_zone TEXT,
    working_hours   TEXT    NOT NULL DEFAULT '09:00-17:00',
    working_days    TEXT    NOT NULL DEFAULT 'mon,tue,wed,thu,fri',
    joined_at       INTEGER NOT NULL,
    left_at         INTEGER,
    PRIMARY KEY (rotation_id, user_id)
);

-- Time away belongs to the person, whichever rotations they are on: [from_at, to_at).
CREATE TABLE rotation_time_off (
    id         INTEGER PRIMARY KEY,
    user_id    TEXT    NOT NULL,
    from_at    INTEGER NOT NULL,
    to_at      INTEGER NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE INDEX ix_rotation_time_off_user ON rotation_time_off(user_id, to_at);

-- The stretches of time already planned, so a re-plan uses the same period the first plan did.
CREATE TABLE rotation_plan_windows (
    rotation_id INTEGER NOT NULL REFERENCES rotations(id) ON DELETE CASCADE,
    from_at     INTEGER NOT NULL,
    to_at       INTEGER NOT NULL,
    PRIMARY KEY (rotation_id, from_at)
);

CREATE TABLE rotation_shifts (
    key         TEXT    PRIMARY KEY,
    rotation_id INTEGER NOT NULL REFERENCES rotations(id) ON DELETE CASCADE,
    start_at    INTEGER NOT NULL,
    end_at      INTEGER NOT NULL,
    assignees   TEXT    NOT NULL,
    pro         TEXT,
    status      TEXT    NOT NULL DEFAULT 'planned' CHECK (status IN ('planned', 'cancelled')),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
);
CREATE INDEX ix_rotation_shifts_rotation_start ON rotation_shifts(rotation_id, start_at);
CREATE INDEX ix_rotation_shifts_start ON rotation_shifts(start_at);

CREATE TABLE rotation_ledger (
    id          INTEGER PRIMARY KEY,
    rotation_id INTEGER NOT NULL REFERENCES rotations(id) ON DELETE CASCADE,
    shift_key   TEXT    NOT NULL,
    user_id     TEXT    NOT NULL,
    shift_start INTEGER NOT NULL,
    outcome     TEXT    NOT NULL CHECK (outcome IN ('served', 'skipped', 'swapped_away', 'swapped_in', 'missed')),
    recorded_at INTEGER NOT NULL,
    UNIQUE (shift_key, user_id, outcome)
);
CREATE INDEX ix_rotation_ledger_rotation ON rotation_ledger(rotation_id, shift_start);

CREATE TABLE rotation_swap_requests (
    id         INTEGER PRIMARY KEY,
    shift_key  TEXT    NOT NULL REFERENCES rotation_shifts(key) ON DELETE CASCADE,
    from_user  TEXT    NOT NULL,
    to_user    TEXT    NOT NULL,
    status     TEXT    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined')),
    created_at INTEGER NOT NULL,
    decided_at INTEGER
);

CREATE TABLE rotation_acks (
    shift_key TEXT    NOT NULL REFERENCES rotation_shifts(key) ON DELETE CASCADE,
    user_id   TEXT    NOT NULL,
    acked_at  INTEGER NOT NULL,
    PRIMARY KEY (shift_key, user_id)
);

CREATE TABLE rotation_handoff_notes (
    id         INTEGER PRIMARY KEY,
    shift_key  TEXT    NOT NULL REFERENCES rotation_shifts(key) ON DELETE CASCADE,
    user_id    TEXT    NOT NULL,
    note       TEXT    NOT NULL,
    created_at INTEGER NOT NULL
);
