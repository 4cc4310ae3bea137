-- 020 supervision (issue 13, items 4 and 5): 谈心谈话 with their participants
-- and sealed content, a bureau's talk settings (who reads the content, the
-- 五必谈 deadlines, its own kinds), 廉政风险点 and 资金运行图 (fund processes
-- as ordered steps with the risk points of each step) and 以案促改 cases.
CREATE TABLE talk_settings (
    bureau_id      INTEGER PRIMARY KEY REFERENCES orgs(id),
    content_roles  TEXT NOT NULL DEFAULT 'discipline', -- roles that read any content, comma-separated
    due_days       INTEGER NOT NULL DEFAULT 30,        -- 五必谈: days from the trigger to the deadline
    absence_months INTEGER NOT NULL DEFAULT 3,         -- months without attending that make a talk due
    kinds          TEXT NOT NULL DEFAULT '',           -- the bureau's own kinds, one per line
    updated_at     TEXT NOT NULL
);

CREATE TABLE talks (
    id             INTEGER PRIMARY KEY,
    bureau_id      INTEGER NOT NULL REFERENCES orgs(id),
    org_id         INTEGER NOT NULL REFERENCES orgs(id), -- filed under the bureau or a branch
    held_on        TEXT NOT NULL,
    kind           TEXT NOT NULL,
    occasion       TEXT NOT NULL DEFAULT '',
    place          TEXT NOT NULL DEFAULT '',
    content_sealed TEXT NOT NULL DEFAULT '',            -- core/secret, the talks subkey; never plain
    created_by     INTEGER,
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
CREATE INDEX talks_bureau ON talks(bureau_id, held_on);

CREATE TABLE talk_people (
    id        INTEGER PRIMARY KEY,
    talk_id   INTEGER NOT NULL REFERENCES talks(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    side      TEXT NOT NULL,                              -- talker, talkee
    UNIQUE (talk_id, person_id)
);
CREATE INDEX talk_people_person ON talk_people(person_id);

CREATE TABLE risk_points (
    id            INTEGER PRIMARY KEY,
    bureau_id     INTEGER NOT NULL REFERENCES orgs(id),
    department_id INTEGER REFERENCES departments(id),
    post          TEXT NOT NULL DEFAULT '',
    risk          TEXT NOT NULL,
    level         TEXT NOT NULL,                          -- 高, 中, 低
    measures      TEXT NOT NULL DEFAULT '',
    owner_id      INTEGER REFERENCES people(id),
    reviewed_on   TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX risk_points_bureau ON risk_points(bureau_id);

CREATE TABLE fund_processes (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    name        TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE fund_steps (
    id            INTEGER PRIMARY KEY,
    process_id    INTEGER NOT NULL REFERENCES fund_processes(id),
    seq           INTEGER NOT NULL,
    name          TEXT NOT NULL,
    department_id INTEGER REFERENCES departments(id),
    UNIQUE (process_id, seq)
);

CREATE TABLE fund_step_risks (
    id            INTEGER PRIMARY KEY,
    step_id       INTEGER NOT NULL REFERENCES fund_steps(id),
    risk_point_id INTEGER NOT NULL REFERENCES risk_points(id),
    UNIQUE (step_id, risk_point_id)
);

-- 以案促改: a warning-education case, the lessons drawn and the rectifications
-- it caused (free text until the 整改台账 exists)
CREATE TABLE integrity_cases (
    id             INTEGER PRIMARY KEY,
    bureau_id      INTEGER NOT NULL REFERENCES orgs(id),
    title          TEXT NOT NULL,
    occurred_on    TEXT,
    summary        TEXT NOT NULL DEFAULT '',
    lessons        TEXT NOT NULL DEFAULT '',
    rectifications TEXT NOT NULL DEFAULT '',
    created_at     TEXT NOT NULL,
    updated_at     TEXT NOT NULL
);
