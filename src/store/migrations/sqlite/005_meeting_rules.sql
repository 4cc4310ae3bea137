-- 005 the required frequency of each kind of meeting per type of organisation:
-- named, dated defaults with their source (bureau_id NULL), and a bureau's own
-- additions or changes (bureau_id set; they take precedence for that kind).
CREATE TABLE meeting_rules (
    id             INTEGER PRIMARY KEY,
    bureau_id      INTEGER REFERENCES orgs(id),
    kind_id        INTEGER NOT NULL REFERENCES meeting_kinds(id),
    org_type       TEXT NOT NULL,             -- 党支部, 党小组, ...
    frequency      TEXT NOT NULL CHECK (frequency IN ('month', 'quarter', 'year')),
    times          INTEGER NOT NULL DEFAULT 1, -- at least this many per period
    source         TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    active         INTEGER NOT NULL DEFAULT 1
);

INSERT INTO meeting_rules (kind_id, org_type, frequency, times, source, effective_from)
SELECT id, '党支部', 'quarter', 1, '《中国共产党支部工作条例（试行）》（2018）：支部党员大会一般每季度召开1次', '2018-10-28'
  FROM meeting_kinds WHERE code = 'branch_assembly' AND bureau_id IS NULL;
INSERT INTO meeting_rules (kind_id, org_type, frequency, times, source, effective_from)
SELECT id, '党支部', 'month', 1, '《中国共产党支部工作条例（试行）》（2018）：支部委员会会议一般每月召开1次', '2018-10-28'
  FROM meeting_kinds WHERE code = 'committee' AND bureau_id IS NULL;
INSERT INTO meeting_rules (kind_id, org_type, frequency, times, source, effective_from)
SELECT id, '党小组', 'month', 1, '《中国共产党支部工作条例（试行）》（2018）：党小组会一般每月召开1次', '2018-10-28'
  FROM meeting_kinds WHERE code = 'group' AND bureau_id IS NULL;
INSERT INTO meeting_rules (kind_id, org_type, frequency, times, source, effective_from)
SELECT id, '党支部', 'month', 1, '《中国共产党支部工作条例（试行）》（2018）：每月相对固定1天开展主题党日', '2018-10-28'
  FROM meeting_kinds WHERE code = 'theme_day' AND bureau_id IS NULL;
INSERT INTO meeting_rules (kind_id, org_type, frequency, times, source, effective_from)
SELECT id, '党支部', 'year', 1, '《中国共产党支部工作条例（试行）》（2018）：组织生活会一般每年召开1次', '2018-10-28'
  FROM meeting_kinds WHERE code = 'life_meeting' AND bureau_id IS NULL;
INSERT INTO meeting_rules (kind_id, org_type, frequency, times, source, effective_from)
SELECT id, '党支部', 'year', 1, '《中国共产党支部工作条例（试行）》（2018）：民主评议党员一般每年开展1次', '2018-10-28'
  FROM meeting_kinds WHERE code = 'appraisal' AND bureau_id IS NULL;
INSERT INTO meeting_rules (kind_id, org_type, frequency, times, source, effective_from)
SELECT id, '党支部', 'year', 1, '《中国共产党支部工作条例（试行）》（2018）：党支部书记每年至少讲1次党课', '2018-10-28'
  FROM meeting_kinds WHERE code = 'party_lecture' AND bureau_id IS NULL;
