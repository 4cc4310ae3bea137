-- 030 ideas (issue 15, items 4 and 5): 领导出题·科室献计 — topics set by a
-- leader with a deadline, suggestions from people (on behalf of a department
-- or their own) against a topic or free, reviewed once with a decision
-- (adopted as a work idea, merged into another, declined; the reason always
-- given), an adopted one followed by a task (tasks.id); 格言 — mottos members
-- submit and a reviewer approves, rotated one a day (core/mottos).
CREATE TABLE suggestion_topics (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    title       TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    leader_id   INTEGER REFERENCES people(id),  -- the leader who set it
    opened_on   TEXT NOT NULL,
    deadline    TEXT NOT NULL,
    created_by  INTEGER,
    created_at  TEXT NOT NULL
);
CREATE INDEX suggestion_topics_bureau ON suggestion_topics(bureau_id, opened_on);

CREATE TABLE suggestions (
    id            INTEGER PRIMARY KEY,
    bureau_id     INTEGER NOT NULL REFERENCES orgs(id),
    topic_id      INTEGER REFERENCES suggestion_topics(id),  -- NULL: a free suggestion
    person_id     INTEGER NOT NULL REFERENCES people(id),
    department_id INTEGER REFERENCES departments(id),        -- made on behalf of a department
    title         TEXT NOT NULL,
    content       TEXT NOT NULL,
    submitted_on  TEXT NOT NULL,
    decision      TEXT,                                      -- NULL pending; adopted, merged, declined
    reason        TEXT NOT NULL DEFAULT '',
    merged_into   INTEGER REFERENCES suggestions(id),
    decided_on    TEXT,
    decided_by    INTEGER,
    task_id       INTEGER REFERENCES tasks(id),              -- the adopted idea's implementation
    created_by    INTEGER,
    created_at    TEXT NOT NULL
);
CREATE INDEX suggestions_bureau ON suggestions(bureau_id, submitted_on);
CREATE INDEX suggestions_task ON suggestions(task_id);

CREATE TABLE mottos (
    id           INTEGER PRIMARY KEY,
    bureau_id    INTEGER NOT NULL REFERENCES orgs(id),
    person_id    INTEGER NOT NULL REFERENCES people(id),
    text         TEXT NOT NULL,
    submitted_on TEXT NOT NULL,
    status       TEXT NOT NULL,                              -- pending, approved, rejected
    reviewed_on  TEXT,
    reviewed_by  INTEGER,
    review_note  TEXT NOT NULL DEFAULT '',
    created_by   INTEGER,
    created_at   TEXT NOT NULL
);
CREATE INDEX mottos_bureau ON mottos(bureau_id, status, reviewed_on);

-- Duty rosters (issue 15, item 3): a roster (flood duty, checkpoint, other)
-- of an organisation, its shifts (from .. to as local YYYY-MM-DDTHH:MM, a
-- place, the people required: 2 for flood duty two at a time), the people
-- assigned (a swap asked by the member and decided by the organiser is
-- kept on the assignment; an absence marked by the organiser), and the days
-- a member is not available.  Served hours count as service (core/duty).
CREATE TABLE duty_rosters (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    kind        TEXT NOT NULL,                              -- flood, checkpoint, other
    title       TEXT NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_by  INTEGER,
    created_at  TEXT NOT NULL
);

CREATE TABLE duty_shifts (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    roster_id   INTEGER NOT NULL REFERENCES duty_rosters(id),
    starts_at   TEXT NOT NULL,
    ends_at     TEXT NOT NULL,
    place       TEXT NOT NULL DEFAULT '',
    required    INTEGER NOT NULL,
    created_at  TEXT NOT NULL
);
CREATE INDEX duty_shifts_roster ON duty_shifts(roster_id, starts_at);

CREATE TABLE duty_assignments (
    id             INTEGER PRIMARY KEY,
    bureau_id      INTEGER NOT NULL REFERENCES orgs(id),
    shift_id       INTEGER NOT NULL REFERENCES duty_shifts(id),
    person_id      INTEGER NOT NULL REFERENCES people(id),
    absent         INTEGER NOT NULL DEFAULT 0,
    swap_to        INTEGER REFERENCES people(id),           -- a swap asked for
    swap_reason    TEXT NOT NULL DEFAULT '',
    swap_status    TEXT,                                    -- NULL none; pending, approved, rejected
    swapped_from   INTEGER REFERENCES people(id),           -- who held it before an approved swap
    created_by     INTEGER,
    created_at     TEXT NOT NULL,
    UNIQUE (shift_id, person_id)
);
CREATE INDEX duty_assignments_person ON duty_assignments(person_id);

CREATE TABLE duty_unavailable (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    day         TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    UNIQUE (person_id, day)
);
