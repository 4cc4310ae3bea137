-- 003 organisation details, departments and their branch links, people and
-- their branch membership periods, branch committees.
-- Dates are 'YYYY-MM-DD' text (they sort and compare as dates); an end date
-- is the last day of a period, NULL while it lasts.

ALTER TABLE orgs ADD COLUMN founded_on TEXT;
ALTER TABLE orgs ADD COLUMN term_start TEXT;
ALTER TABLE orgs ADD COLUMN term_end TEXT;
ALTER TABLE orgs ADD COLUMN status_on TEXT;            -- when it merged or dissolved
ALTER TABLE orgs ADD COLUMN merged_into INTEGER REFERENCES orgs(id);
ALTER TABLE orgs ADD COLUMN sort_order INTEGER NOT NULL DEFAULT 0;
ALTER TABLE orgs ADD COLUMN updated_at TEXT;

CREATE TABLE departments (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    parent_id   INTEGER REFERENCES departments(id),
    name        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'active',
    sort_order  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    UNIQUE (bureau_id, name)
);

-- 党支部与科室挂钩: which branch a department belongs to, over time
CREATE TABLE department_links (
    id            INTEGER PRIMARY KEY,
    department_id INTEGER NOT NULL REFERENCES departments(id),
    org_id        INTEGER NOT NULL REFERENCES orgs(id),
    start_on      TEXT NOT NULL,
    end_on        TEXT
);
CREATE INDEX department_links_dept ON department_links(department_id, start_on);
CREATE INDEX department_links_org ON department_links(org_id, start_on);

CREATE TABLE people (
    id               INTEGER PRIMARY KEY,
    bureau_id        INTEGER NOT NULL REFERENCES orgs(id),
    staff_no         TEXT NOT NULL,                  -- 工号
    name             TEXT NOT NULL,
    name_initials    TEXT NOT NULL DEFAULT '',       -- pinyin initials for search
    gender           TEXT NOT NULL,
    ethnicity        TEXT NOT NULL DEFAULT '',
    birth_date       TEXT,
    id_number_sealed TEXT,                           -- 身份证号, sealed with the key file
    id_number_masked TEXT NOT NULL DEFAULT '',
    education        TEXT NOT NULL DEFAULT '',
    department_id    INTEGER REFERENCES departments(id),
    position         TEXT NOT NULL DEFAULT '',       -- 职务
    political_status TEXT NOT NULL,
    joined_party_on  TEXT,
    full_member_on   TEXT,
    phone            TEXT NOT NULL DEFAULT '',
    status           TEXT NOT NULL DEFAULT '在职',
    user_id          INTEGER REFERENCES users(id),
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (bureau_id, staff_no)
);
CREATE INDEX people_department ON people(department_id);
CREATE INDEX people_user ON people(user_id);
CREATE INDEX people_name ON people(name);

-- membership of a branch (and party group) as periods
CREATE TABLE memberships (
    id        INTEGER PRIMARY KEY,
    person_id INTEGER NOT NULL REFERENCES people(id),
    org_id    INTEGER NOT NULL REFERENCES orgs(id),
    group_id  INTEGER REFERENCES orgs(id),
    start_on  TEXT NOT NULL,
    end_on    TEXT
);
CREATE INDEX memberships_person ON memberships(person_id, start_on);
CREATE INDEX memberships_org ON memberships(org_id, start_on);

-- 支委会: secretary, deputy and members with their posts
CREATE TABLE committee_members (
    id        INTEGER PRIMARY KEY,
    org_id    INTEGER NOT NULL REFERENCES orgs(id),
    person_id INTEGER NOT NULL REFERENCES people(id),
    post      TEXT NOT NULL,
    start_on  TEXT NOT NULL,
    end_on    TEXT
);
CREATE INDEX committee_members_org ON committee_members(org_id);

-- a dept_head's grant names the department it covers
ALTER TABLE user_roles ADD COLUMN department_id INTEGER REFERENCES departments(id);
