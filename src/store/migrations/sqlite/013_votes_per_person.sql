-- 013 a vote is unique per person only (issue 11 leftovers): the old
-- UNIQUE (evaluation_id, award, voter_id, target_id) of 008 was still there
-- beside 010's award_votes_person, so an account re-linked to another person
-- could not cast that person's vote for a nominee it had voted for as the
-- first one (a wrong 409).  The constraint was declared inline, so SQLite
-- rebuilds the table without it; ids and rows are kept as they are.
CREATE TABLE award_votes_new (
    id              INTEGER PRIMARY KEY,
    evaluation_id   INTEGER NOT NULL REFERENCES evaluations(id),
    award           TEXT NOT NULL,
    target_id       INTEGER NOT NULL,
    voter_id        INTEGER NOT NULL REFERENCES users(id),
    created_at      TEXT NOT NULL,
    voter_person_id INTEGER REFERENCES people(id)
);
INSERT INTO award_votes_new (id, evaluation_id, award, target_id, voter_id, created_at, voter_person_id)
  SELECT id, evaluation_id, award, target_id, voter_id, created_at, voter_person_id FROM award_votes;
DROP TABLE award_votes;
ALTER TABLE award_votes_new RENAME TO award_votes;
CREATE INDEX award_votes_eval ON award_votes(evaluation_id, award, target_id);
CREATE UNIQUE INDEX award_votes_person ON award_votes(evaluation_id, award, voter_person_id, target_id);
