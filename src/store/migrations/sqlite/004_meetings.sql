-- 004 organisational life: kinds of meetings (built-in and a bureau's own),
-- meetings with their records, attendance per person, and uploaded evidence
-- files kept in the database (so that several servers see the same files).

CREATE TABLE meeting_kinds (
    id                  INTEGER PRIMARY KEY,
    bureau_id           INTEGER REFERENCES orgs(id),    -- NULL: built in
    code                TEXT NOT NULL,
    name                TEXT NOT NULL,
    attendees           TEXT NOT NULL,  -- branch, group, committee or custom
    include_probationary INTEGER NOT NULL DEFAULT 1,
    include_non_members INTEGER NOT NULL DEFAULT 0,
    quorum              TEXT NOT NULL DEFAULT '',       -- '', half_committee, half_members
    sort_order          INTEGER NOT NULL DEFAULT 0,
    UNIQUE (bureau_id, code)
);

INSERT INTO meeting_kinds (code, name, attendees, include_probationary, include_non_members, quorum, sort_order) VALUES
    ('branch_assembly', '支部党员大会', 'branch', 1, 0, 'half_members', 1),
    ('committee', '支委会', 'committee', 0, 0, 'half_committee', 2),
    ('group', '党小组会', 'group', 1, 0, '', 3),
    ('party_lecture', '党课', 'branch', 1, 1, '', 4),
    ('theme_day', '主题党日', 'branch', 1, 0, '', 5),
    ('life_meeting', '组织生活会', 'branch', 1, 0, '', 6),
    ('appraisal', '民主评议党员', 'branch', 1, 0, 'half_members', 7),
    ('central_group', '理论中心组学习', 'custom', 1, 1, '', 8),
    ('first_topic', '第一议题', 'custom', 1, 1, '', 9);

CREATE TABLE meetings (
    id               INTEGER PRIMARY KEY,
    org_id           INTEGER NOT NULL REFERENCES orgs(id),
    kind_id          INTEGER NOT NULL REFERENCES meeting_kinds(id),
    held_on          TEXT NOT NULL,                  -- YYYY-MM-DD
    starts_at        TEXT NOT NULL DEFAULT '',       -- HH:MM
    ends_at          TEXT NOT NULL DEFAULT '',
    place            TEXT NOT NULL DEFAULT '',
    topic            TEXT NOT NULL DEFAULT '',
    host_id          INTEGER REFERENCES people(id),
    recorder_id      INTEGER REFERENCES people(id),
    lecturer_id      INTEGER REFERENCES people(id),
    agenda           TEXT NOT NULL DEFAULT '',
    minutes          TEXT NOT NULL DEFAULT '',       -- 纪要
    resolutions      TEXT NOT NULL DEFAULT '',
    recorded_on      TEXT NOT NULL,                  -- the day the record was made
    late_recorded    INTEGER NOT NULL DEFAULT 0,     -- made more than meetings.backfill_days later
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL
);
CREATE INDEX meetings_org ON meetings(org_id, held_on);
CREATE INDEX meetings_held ON meetings(held_on);

CREATE TABLE attendance (
    id         INTEGER PRIMARY KEY,
    meeting_id INTEGER NOT NULL REFERENCES meetings(id),
    person_id  INTEGER NOT NULL REFERENCES people(id),
    expected   INTEGER NOT NULL DEFAULT 1,   -- expected from membership on the day
    status     TEXT NOT NULL DEFAULT '',     -- '' (not yet taken), 出席, 请假, 缺席, 迟到
    reason     TEXT NOT NULL DEFAULT '',
    UNIQUE (meeting_id, person_id)
);
CREATE INDEX attendance_person ON attendance(person_id);

CREATE TABLE files (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    object_type TEXT NOT NULL,
    object_id   INTEGER NOT NULL,
    name        TEXT NOT NULL,
    mime        TEXT NOT NULL,
    size        INTEGER NOT NULL,
    sha256      TEXT NOT NULL,
    data        BLOB NOT NULL,
    created_by  INTEGER,
    created_at  TEXT NOT NULL
);
CREATE INDEX files_object ON files(object_type, object_id);
