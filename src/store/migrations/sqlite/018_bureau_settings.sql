-- 018 a bureau's own settings (issue 20): the rules of organisational life
-- that differ between bureaus.  NULL takes the deployment's setting of the
-- same name (docs/CONFIG.md).
CREATE TABLE bureau_settings (
    bureau_id         INTEGER PRIMARY KEY REFERENCES orgs(id),
    backfill_days     INTEGER,
    refuse_late       INTEGER,
    warning_days      INTEGER,
    term_warning_days INTEGER,
    updated_at        TEXT NOT NULL
);
