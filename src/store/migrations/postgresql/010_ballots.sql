-- 010 one person, one ballot (issue 11): a vote belongs to the person behind
-- the account that cast it, so that re-linking an account to another person,
-- or a person with two accounts, cannot vote twice.  Votes of the same person
-- cast twice before this migration (through two accounts) keep the first.
ALTER TABLE award_votes ADD COLUMN voter_person_id BIGINT REFERENCES people(id);
UPDATE award_votes SET voter_person_id =
  (SELECT MIN(p.id) FROM people p WHERE p.user_id = award_votes.voter_id);
DELETE FROM award_votes WHERE voter_person_id IS NOT NULL AND id NOT IN
  (SELECT MIN(v.id) FROM award_votes v WHERE v.voter_person_id IS NOT NULL
   GROUP BY v.evaluation_id, v.award, v.voter_person_id, v.target_id);
CREATE UNIQUE INDEX award_votes_person ON award_votes(evaluation_id, award, voter_person_id, target_id);
