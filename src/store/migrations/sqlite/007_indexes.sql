-- 007 the index engine: schemes (堡垒指数, 先锋指数, 优秀科室 and a bureau's own)
-- as a tree of indicators, evaluations of a scheme for a period, every score
-- with the records that produced it, entries (entered scores, bonus,
-- deduction, veto, imported values) with their reasons, results with ranks,
-- and objections during the public notice (公示).  Points are integers of
-- hundredths, so totals are exact and the same on every backend.

CREATE TABLE schemes (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    code        TEXT NOT NULL,                  -- the family: bastion, vanguard, department, ...
    version     INTEGER NOT NULL DEFAULT 1,
    name        TEXT NOT NULL,
    target      TEXT NOT NULL CHECK (target IN ('member', 'branch', 'department')),
    settings    TEXT NOT NULL DEFAULT '{}',     -- JSON: selection, stars, annual, visibility
    description TEXT NOT NULL DEFAULT '',
    replaces_id INTEGER REFERENCES schemes(id), -- the version this one follows
    active      INTEGER NOT NULL DEFAULT 1,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (bureau_id, code, version)
);

CREATE TABLE indicators (
    id          INTEGER PRIMARY KEY,
    scheme_id   INTEGER NOT NULL REFERENCES schemes(id),
    parent_id   INTEGER REFERENCES indicators(id),
    seq         INTEGER NOT NULL,
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('group', 'computed', 'imported', 'entered', 'bonus', 'deduction', 'veto')),
    max_points  INTEGER NOT NULL DEFAULT 0,     -- hundredths; for bonus and deduction the cap
    source      TEXT NOT NULL DEFAULT '',       -- computed: a source of the registry
    params      TEXT NOT NULL DEFAULT '{}',     -- JSON: mapping from raw value to points, ...
    entered_by  TEXT NOT NULL DEFAULT '',       -- entered: the role that scores it
    description TEXT NOT NULL DEFAULT '',
    UNIQUE (scheme_id, code)
);
CREATE INDEX indicators_scheme ON indicators(scheme_id, seq);

CREATE TABLE evaluations (
    id           INTEGER PRIMARY KEY,
    bureau_id    INTEGER NOT NULL REFERENCES orgs(id),
    scheme_id    INTEGER NOT NULL REFERENCES schemes(id),
    period       TEXT NOT NULL,                 -- 2026Q3 or 2026
    first_day    TEXT NOT NULL,
    last_day     TEXT NOT NULL,
    name         TEXT NOT NULL,
    state        TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'scoring', 'review', 'notice', 'final')),
    notice_days  INTEGER NOT NULL DEFAULT 5,
    notice_from  TEXT,
    notice_until TEXT,
    version      INTEGER NOT NULL DEFAULT 1,
    replaces_id  INTEGER REFERENCES evaluations(id),
    reason       TEXT NOT NULL DEFAULT '',      -- why a new version replaces a final one
    computed_at  TEXT,
    results_hash TEXT,                          -- SHA-256 of the final results
    finalized_at TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX evaluations_bureau ON evaluations(bureau_id, period);

-- one score per target and indicator: target_id is a person, a branch (org) or
-- a department as the scheme's target says
CREATE TABLE scores (
    id            INTEGER PRIMARY KEY,
    evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
    target_id     INTEGER NOT NULL,
    indicator_id  INTEGER NOT NULL REFERENCES indicators(id),
    points        INTEGER NOT NULL,             -- hundredths
    raw           TEXT NOT NULL DEFAULT '',     -- the raw value the points came from
    detail        TEXT NOT NULL DEFAULT '{}',   -- JSON: records, rule and arithmetic
    updated_at    TEXT NOT NULL,
    UNIQUE (evaluation_id, target_id, indicator_id)
);

-- what people put in: entered scores, bonus, deduction, veto, imported values
CREATE TABLE score_entries (
    id            INTEGER PRIMARY KEY,
    evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
    target_id     INTEGER NOT NULL,
    indicator_id  INTEGER NOT NULL REFERENCES indicators(id),
    points        INTEGER NOT NULL,             -- hundredths (a raw value for imported)
    reason        TEXT NOT NULL DEFAULT '',
    occurred_on   TEXT,
    file_id       INTEGER REFERENCES files(id),
    entered_by    INTEGER,
    created_at    TEXT NOT NULL
);
CREATE INDEX score_entries_eval ON score_entries(evaluation_id, target_id);

CREATE TABLE results (
    evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
    target_id     INTEGER NOT NULL,
    target_name   TEXT NOT NULL,
    unit_name     TEXT NOT NULL DEFAULT '',     -- the branch of a member, ...
    total         INTEGER NOT NULL,             -- hundredths
    rank          INTEGER NOT NULL,
    vetoed        INTEGER NOT NULL DEFAULT 0,
    star          TEXT NOT NULL DEFAULT '',
    selected      INTEGER NOT NULL DEFAULT 0,   -- among the top N of the scheme
    PRIMARY KEY (evaluation_id, target_id)
);

CREATE TABLE objections (
    id            INTEGER PRIMARY KEY,
    evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
    target_id     INTEGER NOT NULL,
    filed_by      INTEGER NOT NULL REFERENCES users(id),
    reason        TEXT NOT NULL,
    state         TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'answered')),
    answer        TEXT NOT NULL DEFAULT '',
    answered_by   INTEGER REFERENCES users(id),
    answered_at   TEXT,
    created_at    TEXT NOT NULL
);
CREATE INDEX objections_eval ON objections(evaluation_id);
