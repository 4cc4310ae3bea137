-- 019 supervision of conduct (issue 13, items 1-3): the bureau's conduct
-- rules (十不准 and its other lists) versioned by date, inspections (日常巡查,
-- 专项抽查) with their findings, the people a finding names, and the
-- quarter's review (季讲评) with the findings it discussed.
CREATE TABLE conduct_rules (
    id            INTEGER PRIMARY KEY,
    bureau_id     INTEGER NOT NULL REFERENCES orgs(id),
    rule_set      TEXT NOT NULL,               -- 十不准, or another list of the bureau
    code          TEXT NOT NULL,               -- the same across a rule's versions
    seq           INTEGER NOT NULL DEFAULT 0,
    text          TEXT NOT NULL,
    severity      TEXT NOT NULL,               -- 一般, 较重, 严重
    deduct_points INTEGER NOT NULL DEFAULT 0,  -- hundredths, per confirmed finding
    veto          INTEGER NOT NULL DEFAULT 0,  -- 1: bars 标兵 for the quarter
    valid_from    TEXT NOT NULL,
    valid_to      TEXT,                        -- the last day, NULL while in force
    replaces_id   INTEGER REFERENCES conduct_rules(id),
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX conduct_rules_bureau ON conduct_rules(bureau_id, code, valid_from);

CREATE TABLE inspections (
    id            INTEGER PRIMARY KEY,
    bureau_id     INTEGER NOT NULL REFERENCES orgs(id),
    org_id        INTEGER NOT NULL REFERENCES orgs(id),  -- who checks: the bureau (纪检) or a branch
    kind          TEXT NOT NULL,               -- daily, spot
    held_on       TEXT NOT NULL,
    place         TEXT NOT NULL DEFAULT '',
    department_id INTEGER REFERENCES departments(id),
    inspectors    TEXT NOT NULL DEFAULT '',
    note          TEXT NOT NULL DEFAULT '',
    created_by    INTEGER,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX inspections_bureau ON inspections(bureau_id, held_on);

CREATE TABLE findings (
    id            INTEGER PRIMARY KEY,
    bureau_id     INTEGER NOT NULL REFERENCES orgs(id),
    inspection_id INTEGER NOT NULL REFERENCES inspections(id),
    rule_id       INTEGER NOT NULL REFERENCES conduct_rules(id),
    org_id        INTEGER REFERENCES orgs(id),         -- the branch answerable (the unit, or the people's branch)
    department_id INTEGER REFERENCES departments(id),
    unit          INTEGER NOT NULL DEFAULT 0,          -- 1: names the unit, not people
    found_on      TEXT NOT NULL,
    description   TEXT NOT NULL,
    explanation   TEXT NOT NULL DEFAULT '',
    explained_at  TEXT NOT NULL DEFAULT '',
    state         TEXT NOT NULL DEFAULT 'open',        -- open, confirmed, dismissed
    decided_by    INTEGER,
    decided_at    TEXT NOT NULL DEFAULT '',
    decision_note TEXT NOT NULL DEFAULT '',
    created_by    INTEGER,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX findings_bureau ON findings(bureau_id, state, found_on);
CREATE INDEX findings_inspection ON findings(inspection_id);

CREATE TABLE finding_people (
    id         INTEGER PRIMARY KEY,
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    person_id  INTEGER NOT NULL REFERENCES people(id),
    UNIQUE (finding_id, person_id)
);
CREATE INDEX finding_people_person ON finding_people(person_id);

CREATE TABLE conduct_reviews (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    period      TEXT NOT NULL,                 -- 2026Q3
    held_on     TEXT NOT NULL,
    title       TEXT NOT NULL DEFAULT '',
    conclusions TEXT NOT NULL DEFAULT '',
    created_by  INTEGER,
    created_at  TEXT NOT NULL
);

CREATE TABLE conduct_review_findings (
    id         INTEGER PRIMARY KEY,
    review_id  INTEGER NOT NULL REFERENCES conduct_reviews(id),
    finding_id INTEGER NOT NULL REFERENCES findings(id),
    UNIQUE (review_id, finding_id)
);

-- the bureaus that exist already get the built-in 十不准 (core/conduct.c seeds a new
-- bureau's the same way); in force from 2020-01-01, the bureau edits them.
INSERT INTO conduct_rules (bureau_id, rule_set, code, seq, text, severity, deduct_points, veto,
    valid_from, created_at, updated_at)
SELECT b.org_id, '十不准', r.code, r.seq, r.text, r.severity, r.points, r.veto, '2020-01-01',
    '2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z'
FROM bureaus b CROSS JOIN (
    SELECT 'sbz01' AS code, 1 AS seq, '不准在上班时间炒股、玩游戏、打牌、购物、就餐、出入休闲娱乐场所等做与工作无关的事' AS text, '一般' AS severity, 100 AS points, 0 AS veto
    UNION ALL
    SELECT 'sbz02', 2, '不准迟到早退、擅离职守、无故缺勤', '一般', 100, 0
    UNION ALL
    SELECT 'sbz03', 3, '不准对前来办事的单位和群众态度生硬、推诿扯皮、敷衍塞责', '一般', 100, 0
    UNION ALL
    SELECT 'sbz04', 4, '不准工作日中午饮酒，不准酒后驾驶机动车', '较重', 300, 0
    UNION ALL
    SELECT 'sbz05', 5, '不准公车私用，不准违规使用办公用房和办公设备', '较重', 300, 0
    UNION ALL
    SELECT 'sbz06', 6, '不准违反规定审核、拨付、使用财政资金', '严重', 500, 1
    UNION ALL
    SELECT 'sbz07', 7, '不准收受服务对象的礼品、礼金、消费卡和有价证券', '严重', 500, 1
    UNION ALL
    SELECT 'sbz08', 8, '不准接受可能影响公正执行公务的宴请和娱乐活动', '严重', 500, 1
    UNION ALL
    SELECT 'sbz09', 9, '不准泄露财政工作秘密和未公开的预算、资金信息', '严重', 500, 1
    UNION ALL
    SELECT 'sbz10', 10, '不准在网络上发表违背党的路线方针政策的言论、传播政治谣言', '严重', 500, 1
) r;
