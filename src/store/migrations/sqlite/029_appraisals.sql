-- 029 民主评议党员, 支部书记述职评议 and cadre development (issue 16 items 3-5).
-- Secret ballots keep two facts apart: who has cast a ballot (*_ballots, to
-- refuse a second one) and what was chosen (*_tallies, counts per grade with
-- no voter), so that no row links a voter to a choice.
-- appraisal_settings: the cap on 优秀 as a dated bureau setting (the share
-- num/den of the base: 'graded' = those graded, 'full_members' = the
-- branch's full members); without a row the official default (1/3 of those
-- graded, 中组部's yearly instructions) applies.
CREATE TABLE appraisal_settings (
    id             INTEGER PRIMARY KEY,
    bureau_id      INTEGER NOT NULL REFERENCES orgs(id),
    effective_from TEXT NOT NULL,
    excellent_num  INTEGER NOT NULL,
    excellent_den  INTEGER NOT NULL,
    cap_base       TEXT NOT NULL,
    source         TEXT NOT NULL DEFAULT '',
    created_by     INTEGER,
    created_at     TEXT NOT NULL,
    UNIQUE (bureau_id, effective_from)
);
-- A branch's yearly appraisal: open (self and mutual appraisal) then graded.
CREATE TABLE appraisals (
    id         INTEGER PRIMARY KEY,
    bureau_id  INTEGER NOT NULL REFERENCES orgs(id),
    org_id     INTEGER NOT NULL REFERENCES orgs(id),
    year       INTEGER NOT NULL,
    status     TEXT NOT NULL,
    opened_on  TEXT NOT NULL,
    graded_on  TEXT,
    note       TEXT NOT NULL DEFAULT '',
    created_by INTEGER,
    created_at TEXT NOT NULL,
    UNIQUE (org_id, year)
);
CREATE INDEX appraisals_bureau ON appraisals(bureau_id, year);
-- Those taking part (the branch's members when it opened); category
-- 正式党员 (graded) or 预备党员 (takes part, never graded).  A 不合格's
-- follow-up links a talk and a rectification.
CREATE TABLE appraisal_members (
    id               INTEGER PRIMARY KEY,
    bureau_id        INTEGER NOT NULL REFERENCES orgs(id),
    appraisal_id     INTEGER NOT NULL REFERENCES appraisals(id),
    person_id        INTEGER NOT NULL REFERENCES people(id),
    category         TEXT NOT NULL,
    self_text        TEXT NOT NULL DEFAULT '',
    self_on          TEXT,
    grade            TEXT,
    talk_id          INTEGER REFERENCES talks(id),
    rectification_id INTEGER REFERENCES rectifications(id),
    followup_note    TEXT NOT NULL DEFAULT '',
    UNIQUE (appraisal_id, person_id)
);
CREATE TABLE appraisal_ballots (
    id           INTEGER PRIMARY KEY,
    bureau_id    INTEGER NOT NULL REFERENCES orgs(id),
    appraisal_id INTEGER NOT NULL REFERENCES appraisals(id),
    person_id    INTEGER NOT NULL REFERENCES people(id),
    UNIQUE (appraisal_id, person_id)
);
CREATE TABLE appraisal_tallies (
    id           INTEGER PRIMARY KEY,
    bureau_id    INTEGER NOT NULL REFERENCES orgs(id),
    appraisal_id INTEGER NOT NULL REFERENCES appraisals(id),
    person_id    INTEGER NOT NULL REFERENCES people(id),
    grade        TEXT NOT NULL,
    votes        INTEGER NOT NULL,
    UNIQUE (appraisal_id, person_id, grade)
);
-- 支部书记述职评议: a secretary's yearly report with the figures of the
-- records when it opened (JSON), rated 好/较好/一般/差 in secret.
CREATE TABLE secretary_reviews (
    id         INTEGER PRIMARY KEY,
    bureau_id  INTEGER NOT NULL REFERENCES orgs(id),
    org_id     INTEGER NOT NULL REFERENCES orgs(id),
    person_id  INTEGER NOT NULL REFERENCES people(id),
    year       INTEGER NOT NULL,
    report     TEXT NOT NULL DEFAULT '',
    figures    TEXT NOT NULL DEFAULT '{}',
    status     TEXT NOT NULL,
    opened_on  TEXT NOT NULL,
    closed_on  TEXT,
    created_by INTEGER,
    created_at TEXT NOT NULL,
    UNIQUE (org_id, year)
);
CREATE TABLE secretary_review_ballots (
    id        INTEGER PRIMARY KEY,
    bureau_id INTEGER NOT NULL REFERENCES orgs(id),
    review_id INTEGER NOT NULL REFERENCES secretary_reviews(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    UNIQUE (review_id, person_id)
);
CREATE TABLE secretary_review_tallies (
    id        INTEGER PRIMARY KEY,
    bureau_id INTEGER NOT NULL REFERENCES orgs(id),
    review_id INTEGER NOT NULL REFERENCES secretary_reviews(id),
    grade     TEXT NOT NULL,
    votes     INTEGER NOT NULL,
    UNIQUE (review_id, grade)
);
-- Cadre development (seed 000): 轮岗 (rotation), 一线锻炼 (frontline) and
-- 驻村第一书记 (village) postings with place and dates; 帮带 pairs in one of
-- the three modes with their goals, and their reviews.
CREATE TABLE cadre_postings (
    id            INTEGER PRIMARY KEY,
    bureau_id     INTEGER NOT NULL REFERENCES orgs(id),
    person_id     INTEGER NOT NULL REFERENCES people(id),
    kind          TEXT NOT NULL,
    department_id INTEGER REFERENCES departments(id),
    place         TEXT NOT NULL DEFAULT '',
    post          TEXT NOT NULL DEFAULT '',
    start_on      TEXT NOT NULL,
    end_on        TEXT,
    note          TEXT NOT NULL DEFAULT '',
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX cadre_postings_person ON cadre_postings(bureau_id, person_id, start_on);
CREATE TABLE mentorships (
    id         INTEGER PRIMARY KEY,
    bureau_id  INTEGER NOT NULL REFERENCES orgs(id),
    mentor_id  INTEGER NOT NULL REFERENCES people(id),
    mentee_id  INTEGER NOT NULL REFERENCES people(id),
    mode       TEXT NOT NULL,
    goals      TEXT NOT NULL,
    start_on   TEXT NOT NULL,
    end_on     TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
);
CREATE TABLE mentorship_reviews (
    id            INTEGER PRIMARY KEY,
    bureau_id     INTEGER NOT NULL REFERENCES orgs(id),
    mentorship_id INTEGER NOT NULL REFERENCES mentorships(id),
    reviewed_on   TEXT NOT NULL,
    rating        TEXT NOT NULL,
    summary       TEXT NOT NULL,
    created_at    TEXT NOT NULL
);
