-- 002 job_runs: a scheduled job claims its period by inserting a row here;
-- the primary key lets exactly one of several servers on one database run it.
CREATE TABLE job_runs (
    name    TEXT NOT NULL,
    period  BIGINT NOT NULL,       -- e.g. the minute or the day number the run covers
    holder  TEXT NOT NULL,         -- which server ran it (host:pid)
    ran_at  TEXT NOT NULL,
    PRIMARY KEY (name, period)
);
