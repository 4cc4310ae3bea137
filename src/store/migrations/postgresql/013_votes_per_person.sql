-- 013 (PostgreSQL) a vote is unique per person only (issue 11 leftovers): the
-- old UNIQUE (evaluation_id, award, voter_id, target_id) of 008 was still
-- there beside 010's award_votes_person, so an account re-linked to another
-- person could not cast that person's vote for a nominee it had voted for as
-- the first one (a wrong 409).  PostgreSQL named the inline constraint
-- <table>_<columns>_key.
ALTER TABLE award_votes DROP CONSTRAINT award_votes_evaluation_id_award_voter_id_target_id_key;
