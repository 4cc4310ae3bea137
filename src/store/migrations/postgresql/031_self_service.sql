-- 031 member self-service on the phone (issue 12, item 3): study hours a
-- member reports themselves, pending the branch's approval.  Approving one
-- makes an ordinary study record (the only thing the statistics and the
-- index engine count); a pending or rejected report counts nowhere.
-- Signing in to a meeting by QR code writes attendance rows and needs no table.
CREATE TABLE study_reports (
    id          BIGSERIAL PRIMARY KEY,
    bureau_id   BIGINT NOT NULL REFERENCES orgs(id),
    person_id   BIGINT NOT NULL REFERENCES people(id),
    studied_on  TEXT NOT NULL,
    hours       INTEGER NOT NULL,                  -- hundredths of an hour
    mode        TEXT NOT NULL,
    content     TEXT NOT NULL DEFAULT '',
    status      TEXT NOT NULL DEFAULT 'pending',   -- pending, approved, rejected
    reason      TEXT NOT NULL DEFAULT '',          -- why it was rejected
    decided_by  BIGINT,
    decided_at  TEXT,
    created_at  TEXT NOT NULL
);
CREATE INDEX study_reports_bureau ON study_reports(bureau_id, status, studied_on);
CREATE INDEX study_reports_person ON study_reports(person_id, studied_on);
