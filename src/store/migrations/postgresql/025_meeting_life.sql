-- 025 meetings with a life cycle (issue 12, item 2): a meeting is planned
-- (a future date, its agenda and expected attendees, shown in their upcoming
-- list), then held (recorded), or cancelled; a held record found wrong is
-- voided with a reason (kept for auditors, out of every count), and may be
-- recorded again as its correction.  Evidence files and tests (quizzes) are
-- removed with a reason and kept likewise, out of every count.
ALTER TABLE meetings ADD COLUMN status TEXT NOT NULL DEFAULT 'held'; -- planned, held, cancelled, voided
ALTER TABLE meetings ADD COLUMN status_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE meetings ADD COLUMN corrects_id BIGINT REFERENCES meetings(id);
CREATE INDEX meetings_status ON meetings(status, held_on);
ALTER TABLE files ADD COLUMN removed_on TEXT;
ALTER TABLE files ADD COLUMN removed_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE quizzes ADD COLUMN removed_on TEXT;
ALTER TABLE quizzes ADD COLUMN removed_reason TEXT NOT NULL DEFAULT '';
