-- 034 主体责任清单 and 党建责任书 (issue 14 items 2–3): a bureau's yearly
-- responsibility documents and their items, each item checked at year end.
-- kind 'list': a person's 主体责任清单 (the 党组书记 as 第一责任人, each
-- leadership member's 一岗双责 items, a branch secretary's list); kind
-- 'letter': the 党建责任书 signed between the bureau and a branch or a
-- department (its signed scan is a row of `files`, object_type duty_doc).
-- A removed document keeps its rows (removed_on, removed_reason) for the audit.
CREATE TABLE duty_docs (
    id              INTEGER PRIMARY KEY,
    bureau_id       INTEGER NOT NULL REFERENCES orgs(id),
    kind            TEXT NOT NULL,                         -- list | letter
    year            INTEGER NOT NULL,
    title           TEXT NOT NULL,
    role            TEXT NOT NULL DEFAULT '',              -- first (第一责任人) | dual (一岗双责) | branch | ''
    person_id       INTEGER REFERENCES people(id),         -- whose list; a letter's signer for the branch
    org_id          INTEGER NOT NULL REFERENCES orgs(id),  -- the bureau's root, or the branch of a letter
    department_id   INTEGER REFERENCES departments(id),    -- a letter signed with a department
    signed_on       TEXT,                                  -- a letter's signing date
    removed_on      TEXT,
    removed_reason  TEXT NOT NULL DEFAULT '',
    created_by      INTEGER,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL
);
CREATE INDEX duty_docs_bureau ON duty_docs(bureau_id, year, kind);

CREATE TABLE duty_items (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    doc_id      INTEGER NOT NULL REFERENCES duty_docs(id),
    seq         INTEGER NOT NULL,
    category    TEXT NOT NULL DEFAULT '',                  -- 党建 | 党风廉政 | 意识形态 | 业务 …
    content     TEXT NOT NULL,
    result      TEXT NOT NULL DEFAULT '',                  -- '' (not checked) | done | partly | not_done
    result_note TEXT NOT NULL DEFAULT '',
    checked_by  INTEGER,
    checked_on  TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);
CREATE INDEX duty_items_doc ON duty_items(doc_id, seq);
