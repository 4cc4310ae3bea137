-- 006 learning: the 财政月讲堂 lecture series (a lecture is a meeting of the
-- kind 'lecture', attended by anyone of the bureau, members or not), its
-- editable lists of themes and modules, knowledge tests and contests
-- (测试竞赛) with questions and per-person scores, and study hours.
-- Scores and hours are integers of hundredths, so sums are exact.

INSERT INTO meeting_kinds (code, name, attendees, include_probationary, include_non_members, quorum, sort_order)
VALUES ('lecture', '财政月讲堂', 'custom', 1, 1, '', 10);

CREATE TABLE lecture_labels (
    id         INTEGER PRIMARY KEY,
    bureau_id  INTEGER NOT NULL REFERENCES orgs(id),
    kind       TEXT NOT NULL CHECK (kind IN ('theme', 'module')),
    name       TEXT NOT NULL,
    sort_order INTEGER NOT NULL DEFAULT 0,
    active     INTEGER NOT NULL DEFAULT 1,
    UNIQUE (bureau_id, kind, name)
);
-- the bureau's defaults (seed 002: 忠诚、责任、奉献、廉政; 理论武装、理想信念、财政业务)
INSERT INTO lecture_labels (bureau_id, kind, name, sort_order)
SELECT o.id, l.kind, l.name, l.sort_order FROM orgs o,
  (SELECT 'theme' AS kind, '忠诚' AS name, 1 AS sort_order UNION ALL SELECT 'theme', '责任', 2
   UNION ALL SELECT 'theme', '奉献', 3 UNION ALL SELECT 'theme', '廉政', 4
   UNION ALL SELECT 'module', '理论武装', 1 UNION ALL SELECT 'module', '理想信念', 2
   UNION ALL SELECT 'module', '财政业务', 3) l
 WHERE o.parent_id IS NULL;

ALTER TABLE meetings ADD COLUMN theme_id INTEGER REFERENCES lecture_labels(id);
ALTER TABLE meetings ADD COLUMN module_id INTEGER REFERENCES lecture_labels(id);
-- attendees from outside the roster (guests from other units), counted in 人次
ALTER TABLE meetings ADD COLUMN guests INTEGER NOT NULL DEFAULT 0;
CREATE INDEX meetings_kind ON meetings(kind_id, held_on);
CREATE INDEX meetings_lecturer ON meetings(lecturer_id, held_on);

CREATE TABLE quizzes (
    id          INTEGER PRIMARY KEY,
    org_id      INTEGER NOT NULL REFERENCES orgs(id),   -- who holds it
    kind        TEXT NOT NULL CHECK (kind IN ('test', 'contest')),
    title       TEXT NOT NULL,
    held_on     TEXT NOT NULL,
    max_score   INTEGER NOT NULL,       -- hundredths
    pass_score  INTEGER NOT NULL DEFAULT 0,
    description TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX quizzes_org ON quizzes(org_id, held_on);

CREATE TABLE quiz_questions (
    id       INTEGER PRIMARY KEY,
    quiz_id  INTEGER NOT NULL REFERENCES quizzes(id),
    seq      INTEGER NOT NULL,
    kind     TEXT NOT NULL,          -- single, multiple, judge, text
    text     TEXT NOT NULL,
    options  TEXT NOT NULL DEFAULT '[]',   -- JSON array of strings
    answer   TEXT NOT NULL DEFAULT '',
    points   INTEGER NOT NULL DEFAULT 0,   -- hundredths
    UNIQUE (quiz_id, seq)
);

CREATE TABLE quiz_scores (
    id        INTEGER PRIMARY KEY,
    quiz_id   INTEGER NOT NULL REFERENCES quizzes(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    score     INTEGER NOT NULL,          -- hundredths
    note      TEXT NOT NULL DEFAULT '',
    UNIQUE (quiz_id, person_id)
);
CREATE INDEX quiz_scores_person ON quiz_scores(person_id);

CREATE TABLE study_records (
    id         INTEGER PRIMARY KEY,
    bureau_id  INTEGER NOT NULL REFERENCES orgs(id),
    person_id  INTEGER NOT NULL REFERENCES people(id),
    studied_on TEXT NOT NULL,
    hours      INTEGER NOT NULL,         -- hundredths of an hour
    mode       TEXT NOT NULL,            -- 集中学习, 自学, 专题辅导, 线上学习, 实践学习 ...
    content    TEXT NOT NULL DEFAULT '',
    created_by INTEGER,
    created_at TEXT NOT NULL
);
CREATE INDEX study_records_person ON study_records(person_id, studied_on);
CREATE INDEX study_records_bureau ON study_records(bureau_id, studied_on);
