-- 008 award categories of an evaluation (the "1246" appraisal's six kinds of
-- 标兵, seed 003): nominations with reasons and the votes cast for them.  A
-- voter's choice is kept to count it and to stop double votes; it is never
-- shown to others.
CREATE TABLE award_nominations (
    id            INTEGER PRIMARY KEY,
    evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
    award         TEXT NOT NULL,
    target_id     INTEGER NOT NULL,
    reason        TEXT NOT NULL,
    nominated_by  INTEGER REFERENCES users(id),
    created_at    TEXT NOT NULL,
    UNIQUE (evaluation_id, award, target_id)
);

CREATE TABLE award_votes (
    id            INTEGER PRIMARY KEY,
    evaluation_id INTEGER NOT NULL REFERENCES evaluations(id),
    award         TEXT NOT NULL,
    target_id     INTEGER NOT NULL,
    voter_id      INTEGER NOT NULL REFERENCES users(id),
    created_at    TEXT NOT NULL,
    UNIQUE (evaluation_id, award, voter_id, target_id)
);
CREATE INDEX award_votes_eval ON award_votes(evaluation_id, award, target_id);
