-- 022 党费 (issue 16 item 1).  Money in integer fen, months as 'YYYY-MM'.
-- dues_settings: a bureau's own value of a named setting (core/dues_rules)
-- from a month on; without one the official default applies.
CREATE TABLE dues_settings (
    id             INTEGER PRIMARY KEY,
    bureau_id      INTEGER NOT NULL REFERENCES orgs(id),
    name           TEXT NOT NULL,
    value          TEXT NOT NULL,
    effective_from TEXT NOT NULL,
    note           TEXT NOT NULL DEFAULT '',
    created_by     INTEGER,
    created_at     TEXT NOT NULL,
    UNIQUE (bureau_id, name, effective_from)
);
-- A member's base (monthly salary after tax, or the basic pension) as the
-- branch 核定 it, from a month on; components is its evidence (JSON).
CREATE TABLE dues_bases (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    from_month  TEXT NOT NULL,
    category    TEXT NOT NULL,
    base_fen    INTEGER NOT NULL,
    components  TEXT NOT NULL DEFAULT '',
    note        TEXT NOT NULL DEFAULT '',
    created_by  INTEGER,
    created_at  TEXT NOT NULL,
    UNIQUE (person_id, from_month)
);
CREATE INDEX dues_bases_bureau ON dues_bases(bureau_id, person_id);
-- A hardship reduction: the monthly amount over months, with its approval.
CREATE TABLE dues_reductions (
    id           INTEGER PRIMARY KEY,
    bureau_id    INTEGER NOT NULL REFERENCES orgs(id),
    person_id    INTEGER NOT NULL REFERENCES people(id),
    from_month   TEXT NOT NULL,
    to_month     TEXT NOT NULL,
    amount_fen   INTEGER NOT NULL,
    reason       TEXT NOT NULL,
    approval_level TEXT NOT NULL,        -- committee (上级党委) or branch (支部)
    approved_by  TEXT NOT NULL,
    approved_on  TEXT NOT NULL,
    approval_ref TEXT NOT NULL DEFAULT '',
    created_by   INTEGER,
    created_at   TEXT NOT NULL
);
CREATE INDEX dues_reductions_person ON dues_reductions(person_id, from_month);
-- A payment covering the months from_month..to_month; org_id is the branch
-- the member belonged to when it was paid (the collection reports count it there).
CREATE TABLE dues_payments (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    person_id   INTEGER NOT NULL REFERENCES people(id),
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    from_month  TEXT NOT NULL,
    to_month    TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL,
    due_fen     INTEGER NOT NULL,
    paid_on     TEXT NOT NULL,
    channel     TEXT NOT NULL,
    late        INTEGER NOT NULL DEFAULT 0,
    note        TEXT NOT NULL DEFAULT '',
    created_by  INTEGER,
    created_at  TEXT NOT NULL
);
CREATE INDEX dues_payments_person ON dues_payments(person_id, from_month);
CREATE INDEX dues_payments_bureau ON dues_payments(bureau_id, paid_on);
-- What a branch remitted to the higher committee for a month.
CREATE TABLE dues_remittances (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    org_id      INTEGER NOT NULL REFERENCES orgs(id),
    month       TEXT NOT NULL,
    amount_fen  INTEGER NOT NULL,
    remitted_on TEXT NOT NULL,
    note        TEXT NOT NULL DEFAULT '',
    created_by  INTEGER,
    created_at  TEXT NOT NULL,
    UNIQUE (org_id, month)
);
