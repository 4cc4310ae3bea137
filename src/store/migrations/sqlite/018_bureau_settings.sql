-- 018 a bureau's own settings (issues 20 and 12): the rules that differ
-- between bureaus.  NULL takes the deployment's setting of the same name
-- (docs/CONFIG.md), or for the last three the built-in default (5 days of
-- notice; a branch of 3 to 50 members, 党支部工作条例).
CREATE TABLE bureau_settings (
    bureau_id         INTEGER PRIMARY KEY REFERENCES orgs(id),
    backfill_days     INTEGER,
    refuse_late       INTEGER,
    warning_days      INTEGER,
    term_warning_days INTEGER,
    notice_days       INTEGER,
    branch_min_members INTEGER,
    branch_max_members INTEGER,
    updated_at        TEXT NOT NULL
);
