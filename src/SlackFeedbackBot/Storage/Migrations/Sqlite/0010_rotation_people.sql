-- People around rotations: make-up shifts after a no-show, members who follow a user group or channel, people who left.
-- Times are unix milliseconds (UTC).

-- A missed shift owed by one person: offered free slots at the escalation, booked as a shift of its own, repaid when served.
CREATE TABLE rotation_makeups (
    missed_shift_key TEXT    NOT NULL,
    user_id          TEXT    NOT NULL,
    rotation_id      INTEGER NOT NULL REFERENCES rotations(id) ON DELETE CASCADE,
    offered_at       INTEGER NOT NULL,
    makeup_shift_key TEXT,
    booked_at        INTEGER,
    repaid_at        INTEGER,
    PRIMARY KEY (missed_shift_key, user_id)
);
CREATE UNIQUE INDEX ix_rotation_makeups_makeup ON rotation_makeups(makeup_shift_key) WHERE makeup_shift_key IS NOT NULL;

-- A rotation's members follow these Slack user groups and channels.
CREATE TABLE rotation_follows (
    rotation_id INTEGER NOT NULL REFERENCES rotations(id) ON DELETE CASCADE,
    source_kind TEXT    NOT NULL CHECK (source_kind IN ('usergroup', 'channel')),
    source_id   TEXT    NOT NULL,
    created_by  TEXT    NOT NULL,
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (rotation_id, source_kind, source_id)
);
CREATE INDEX ix_rotation_follows_source ON rotation_follows(source_kind, source_id);

-- Members who came onto a rotation because they are in something it follows: leaving the group or channel takes
-- them off again (removed_at), while people who joined by hand stay. Someone who left the rotation by hand while
-- still in the group keeps a row with removed_at NULL and is not enrolled again.
CREATE TABLE rotation_followed_members (
    rotation_id INTEGER NOT NULL REFERENCES rotations(id) ON DELETE CASCADE,
    user_id     TEXT    NOT NULL,
    enrolled_at INTEGER NOT NULL,
    removed_at  INTEGER,
    PRIMARY KEY (rotation_id, user_id)
);

-- Deactivated Slack accounts: never enrolled again by a follow until Slack says they are back.
CREATE TABLE rotation_departed_people (
    user_id     TEXT    PRIMARY KEY,
    departed_at INTEGER NOT NULL
);
