-- 026 warnings and the inbox (issue 17, items 1 and 2): the rules of the
-- warnings engine per bureau (a threshold NULL takes the bureau's setting or
-- the built-in default), the warnings it keeps (one live row per rule and
-- subject: active = 1 while the condition holds), their history, the
-- announcements of the 机关党委 and every account's inbox.
CREATE TABLE warning_rules (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    code        TEXT NOT NULL,
    name        TEXT NOT NULL,
    scans       TEXT NOT NULL DEFAULT '',        -- what the rule looks at, for people
    threshold   INTEGER,                         -- in unit; NULL: the bureau's setting
    unit        TEXT NOT NULL DEFAULT 'days',    -- days, months, members, points
    recipients  TEXT NOT NULL DEFAULT 'party_admin', -- roles, and owner, comma-separated
    severity    TEXT NOT NULL DEFAULT 'normal',  -- normal, high
    enabled     INTEGER NOT NULL DEFAULT 1,
    seq         INTEGER NOT NULL DEFAULT 0,
    updated_at  TEXT NOT NULL,
    UNIQUE (bureau_id, code)
);

CREATE TABLE warnings (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    rule_id     INTEGER NOT NULL REFERENCES warning_rules(id),
    code        TEXT NOT NULL,                   -- the rule's code when found
    object_type TEXT NOT NULL,                   -- org, person, task, rectification, finding, department
    object_id   INTEGER NOT NULL,
    subject_key TEXT NOT NULL,                   -- what dedupes it within the rule
    org_id      INTEGER NOT NULL REFERENCES orgs(id), -- the organisation answerable
    person_id   INTEGER REFERENCES people(id),        -- the person it concerns (owner), NULL for none
    due_on      TEXT NOT NULL DEFAULT '',
    severity    TEXT NOT NULL,
    message     TEXT NOT NULL,
    link        TEXT NOT NULL DEFAULT '',        -- the console's page of the record
    state       TEXT NOT NULL DEFAULT 'open',    -- open, acknowledged, resolved, dismissed
    active      INTEGER NOT NULL DEFAULT 1,      -- the condition holds (as of last_seen)
    first_seen  TEXT NOT NULL,
    last_seen   TEXT NOT NULL,
    state_at    TEXT NOT NULL,
    state_by    INTEGER REFERENCES users(id),
    reason      TEXT NOT NULL DEFAULT ''
);
CREATE UNIQUE INDEX warnings_live ON warnings(bureau_id, rule_id, subject_key) WHERE active = 1;
CREATE INDEX warnings_bureau ON warnings(bureau_id, state);

CREATE TABLE warning_history (
    id          INTEGER PRIMARY KEY,
    warning_id  INTEGER NOT NULL REFERENCES warnings(id),
    at          TEXT NOT NULL,
    user_id     INTEGER REFERENCES users(id),        -- NULL: the engine
    action      TEXT NOT NULL,                   -- opened, acknowledged, dismissed, resolved, cleared
    note        TEXT NOT NULL DEFAULT ''
);
CREATE INDEX warning_history_warning ON warning_history(warning_id);

-- the bureau's last evaluation, so that a read refreshes only when stale
CREATE TABLE warning_runs (
    bureau_id   INTEGER PRIMARY KEY REFERENCES orgs(id),
    ran_at      INTEGER NOT NULL                     -- unix seconds
);

CREATE TABLE announcements (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    org_id      INTEGER NOT NULL REFERENCES orgs(id), -- the scope: the bureau's root or a subtree
    role        TEXT NOT NULL DEFAULT '',        -- only the holders of this role, '' for everyone
    title       TEXT NOT NULL,
    body        TEXT NOT NULL DEFAULT '',
    recipients  INTEGER NOT NULL DEFAULT 0,
    created_by  INTEGER REFERENCES users(id),
    created_at  TEXT NOT NULL
);
CREATE INDEX announcements_bureau ON announcements(bureau_id, created_at);

CREATE TABLE inbox_items (
    id              INTEGER PRIMARY KEY,
    bureau_id       INTEGER NOT NULL REFERENCES orgs(id),
    user_id         INTEGER NOT NULL REFERENCES users(id),
    kind            TEXT NOT NULL,                -- warning, announcement
    title           TEXT NOT NULL,
    body            TEXT NOT NULL DEFAULT '',
    link            TEXT NOT NULL DEFAULT '',
    warning_id      INTEGER REFERENCES warnings(id),
    announcement_id INTEGER REFERENCES announcements(id),
    created_at      TEXT NOT NULL,
    read_at         TEXT
);
CREATE INDEX inbox_items_user ON inbox_items(user_id, read_at);

-- the default rules of every existing bureau (core/warning_rules.c seeds a new one)
INSERT INTO warning_rules (bureau_id, code, name, scans, threshold, unit, recipients, severity, enabled, seq, updated_at)
SELECT b.org_id, r.code, r.name, r.scans, r.threshold, r.unit, r.recipients, r.severity, r.enabled, r.seq, '2026-01-01T00:00:00Z'
FROM bureaus b CROSS JOIN (
    SELECT 'meeting_due' AS code, '组织生活未按规定召开' AS name, '各党支部、党小组按会议规则应开的会' AS scans, CAST(NULL AS INTEGER) AS threshold, 'days' AS unit, 'party_admin,branch_secretary' AS recipients, 'normal' AS severity, 1 AS enabled, 1 AS seq
    UNION ALL SELECT 'term_ending', '任期即将届满', '党组织本届任期的届满日期', NULL, 'days', 'party_admin,branch_secretary', 'normal', 1, 2
    UNION ALL SELECT 'term_expired', '任期已届满', '党组织本届任期的届满日期', NULL, 'days', 'party_admin,branch_secretary', 'high', 1, 3
    UNION ALL SELECT 'branch_no_secretary', '未设支部书记', '党支部的现任委员', NULL, 'days', 'party_admin', 'high', 1, 4
    UNION ALL SELECT 'branch_too_small', '正式党员人数不足', '党支部今天的正式党员人数', NULL, 'members', 'party_admin,branch_secretary', 'normal', 1, 5
    UNION ALL SELECT 'branch_too_big', '党员人数过多', '党支部今天的党员人数', NULL, 'members', 'party_admin,branch_secretary', 'normal', 1, 6
    UNION ALL SELECT 'member_no_life', '党员长期未参加组织生活', '党员最后一次参加组织生活的日期', 3, 'months', 'party_admin,branch_secretary,owner', 'normal', 1, 7
    UNION ALL SELECT 'dues_unpaid', '党费连续未交', '党员连续未交党费的月数', 3, 'months', 'party_admin,branch_secretary,owner', 'normal', 1, 8
    UNION ALL SELECT 'talk_due', '五必谈谈话到期', '任职、转接、长期缺席引起的五必谈', 7, 'days', 'party_admin,branch_secretary,discipline', 'normal', 1, 9
    UNION ALL SELECT 'task_due', '任务即将到期', '未完成任务的截止日期', NULL, 'days', 'party_admin,branch_secretary,owner', 'normal', 1, 10
    UNION ALL SELECT 'task_overdue', '任务逾期', '未完成任务的截止日期', NULL, 'days', 'party_admin,branch_secretary,owner', 'high', 1, 11
    UNION ALL SELECT 'rectification_due', '整改即将到期', '未销号整改事项的期限', NULL, 'days', 'party_admin,branch_secretary,owner', 'normal', 1, 12
    UNION ALL SELECT 'rectification_overdue', '整改逾期未销号', '未销号整改事项的期限', NULL, 'days', 'party_admin,branch_secretary,owner', 'high', 1, 13
    UNION ALL SELECT 'score_drop', '评价得分环比下降', '最近两个季度已定稿评价的总分', 10, 'points', 'party_admin,branch_secretary', 'normal', 1, 14
    UNION ALL SELECT 'department_unlinked', '科室未关联党支部', '科室今天关联的党支部', NULL, 'days', 'party_admin', 'normal', 1, 15
    UNION ALL SELECT 'finding_pending', '检查发现待认定', '待纪检负责人认定的检查发现', NULL, 'days', 'discipline', 'normal', 1, 16
    UNION ALL SELECT 'finding_confirmed', '违规问题已认定', '近期认定的检查发现', NULL, 'days', 'branch_secretary,owner', 'normal', 1, 17
    UNION ALL SELECT 'probation_ending', '预备期即将届满', '预备党员的预备期（随发展党员模块启用）', 30, 'days', 'party_admin,branch_secretary', 'normal', 0, 18
) r;
