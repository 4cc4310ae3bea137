-- 021 tasks and rectification (issue 14): the bureau's and each branch's
-- task lists (年度任务清单, 攻坚 tasks), progress reports and the 整改台账.
-- Evidence files are rows of `files` (object_type task_report or
-- rectification).  Dates are YYYY-MM-DD text; status is derived on read
-- (core/task_status.c), only facts are stored.
CREATE TABLE tasks (
    id                  INTEGER PRIMARY KEY,
    bureau_id           INTEGER NOT NULL REFERENCES orgs(id),
    org_id              INTEGER NOT NULL REFERENCES orgs(id),   -- whose list: the bureau's root or a branch
    year                INTEGER NOT NULL,
    title               TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    line                TEXT NOT NULL,                          -- business | party
    kind                TEXT NOT NULL,                          -- annual | key (攻坚)
    owner_person_id     INTEGER REFERENCES people(id),
    owner_department_id INTEGER REFERENCES departments(id),
    start_on            TEXT NOT NULL,
    due_on              TEXT NOT NULL,
    weight              INTEGER NOT NULL DEFAULT 1,
    milestones          TEXT NOT NULL DEFAULT '[]',             -- JSON [{"title","due_on","percent"}]
    public              INTEGER NOT NULL DEFAULT 1,
    percent             INTEGER NOT NULL DEFAULT 0,             -- the latest report's
    done_on             TEXT,                                   -- the day the latest run of 100% began
    last_reported_on    TEXT,
    created_by          INTEGER,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX tasks_bureau ON tasks(bureau_id, due_on);
CREATE INDEX tasks_org ON tasks(org_id, due_on);

CREATE TABLE task_reports (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    task_id     INTEGER NOT NULL REFERENCES tasks(id),
    percent     INTEGER NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    reported_on TEXT NOT NULL,
    reported_by INTEGER,
    created_at  TEXT NOT NULL
);
CREATE INDEX task_reports_task ON task_reports(task_id, reported_on);

CREATE TABLE rectifications (
    id              INTEGER PRIMARY KEY,
    bureau_id       INTEGER NOT NULL REFERENCES orgs(id),
    org_id          INTEGER NOT NULL REFERENCES orgs(id),
    source          TEXT NOT NULL,
    problem         TEXT NOT NULL,
    owner_person_id INTEGER NOT NULL REFERENCES people(id),
    measures        TEXT NOT NULL DEFAULT '',
    found_on        TEXT NOT NULL,
    due_on          TEXT NOT NULL,
    closed_on       TEXT,
    closed_by       INTEGER,
    close_note      TEXT NOT NULL DEFAULT '',
    reopened        INTEGER NOT NULL DEFAULT 0,             -- times verification failed
    created_by      INTEGER,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX rectifications_bureau ON rectifications(bureau_id, due_on);
