-- 009 (PostgreSQL) indexes that cover what the index engine counts, so that a recompute
-- reads each fact from the index without a lookup of its row (measured in
-- bench/index_bench.sh: the recompute of a 100,000-member quarter halves).
CREATE INDEX attendance_meeting_status ON attendance(meeting_id, expected, status, person_id);
DROP INDEX quiz_scores_person;
CREATE INDEX quiz_scores_person ON quiz_scores(person_id, quiz_id, score);
DROP INDEX study_records_bureau;
CREATE INDEX study_records_bureau ON study_records(bureau_id, studied_on, person_id, hours);
