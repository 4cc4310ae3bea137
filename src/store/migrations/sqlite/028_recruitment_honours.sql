-- 028 发展党员 and 荣誉 (issue 16 items 2 and 6).  Dates are 'YYYY-MM-DD' text.
-- applicant_settings: a bureau's own value of a named check of the 细则
-- (core/applicant_rules) from a day on; without one the official default applies.
CREATE TABLE applicant_settings (
    id             INTEGER PRIMARY KEY,
    bureau_id      INTEGER NOT NULL REFERENCES orgs(id),
    name           TEXT NOT NULL,
    value          INTEGER NOT NULL,
    effective_from TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    created_by     INTEGER,
    created_at     TEXT NOT NULL,
    UNIQUE (bureau_id, name, effective_from)
);
-- One person on the way into the party: the stage reached and the dates of
-- every stage so far.  person_id: the roster's record (made or updated when
-- the applicant becomes 预备党员).  The 培养联系人 and 入党介绍人 are people.
CREATE TABLE applicants (
    id              INTEGER PRIMARY KEY,
    bureau_id       INTEGER NOT NULL REFERENCES orgs(id),
    org_id          INTEGER NOT NULL REFERENCES orgs(id),
    person_id       INTEGER REFERENCES people(id),
    name            TEXT NOT NULL,
    staff_no        TEXT NOT NULL DEFAULT '',
    gender          TEXT NOT NULL DEFAULT '',
    birth_date      TEXT NOT NULL,
    stage           TEXT NOT NULL,
    applied_on      TEXT NOT NULL,
    talked_on       TEXT NOT NULL DEFAULT '',
    activist_on     TEXT NOT NULL DEFAULT '',
    contact1_id     INTEGER REFERENCES people(id),
    contact2_id     INTEGER REFERENCES people(id),
    candidate_on    TEXT NOT NULL DEFAULT '',
    reviewed_on     TEXT NOT NULL DEFAULT '',
    training_days   INTEGER NOT NULL DEFAULT 0,
    training_hours  INTEGER NOT NULL DEFAULT 0,
    notice_from     TEXT NOT NULL DEFAULT '',
    notice_to       TEXT NOT NULL DEFAULT '',
    introducer1_id  INTEGER REFERENCES people(id),
    introducer2_id  INTEGER REFERENCES people(id),
    admitted_on     TEXT NOT NULL DEFAULT '',
    approved_on     TEXT NOT NULL DEFAULT '',
    extension_months INTEGER NOT NULL DEFAULT 0,
    full_on         TEXT NOT NULL DEFAULT '',
    note            TEXT NOT NULL DEFAULT '',
    created_by      INTEGER,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX applicants_bureau ON applicants(bureau_id, stage);
-- The quarterly 考察 of an 入党积极分子.
CREATE TABLE applicant_reviews (
    id           INTEGER PRIMARY KEY,
    bureau_id    INTEGER NOT NULL REFERENCES orgs(id),
    applicant_id INTEGER NOT NULL REFERENCES applicants(id),
    reviewed_on  TEXT NOT NULL,
    note         TEXT NOT NULL DEFAULT '',
    created_by   INTEGER,
    created_at   TEXT NOT NULL
);
CREATE INDEX applicant_reviews_applicant ON applicant_reviews(applicant_id, reviewed_on);
-- 荣誉: an honour of the bureau (org_id = the root), a branch or a person.
CREATE TABLE honours (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    person_id   INTEGER REFERENCES people(id),
    title       TEXT NOT NULL,
    level       TEXT NOT NULL,
    issuer      TEXT NOT NULL,
    awarded_on  TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_by  INTEGER,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX honours_bureau ON honours(bureau_id, awarded_on);
