-- 027 notifications (issue 17, items 3-5): a bureau's channels and routes,
-- each person's preferences, and the outbox with its delivery log.
CREATE TABLE notify_settings (
    bureau_id      INTEGER PRIMARY KEY REFERENCES orgs(id),
    config         TEXT NOT NULL DEFAULT '{}', -- JSON: channels, routes, daily time, zone (no secret)
    secrets_sealed TEXT NOT NULL DEFAULT '',   -- core/secret, the notify subkey: a JSON object of secrets
    updated_at     TEXT NOT NULL
);

CREATE TABLE notify_prefs (
    person_id  INTEGER PRIMARY KEY REFERENCES people(id),
    bureau_id  INTEGER NOT NULL REFERENCES orgs(id),
    channels   TEXT NOT NULL DEFAULT '',       -- comma-separated: email, sms
    email      TEXT NOT NULL DEFAULT '',
    phone      TEXT NOT NULL DEFAULT '',       -- '' = the roster's phone
    quiet_from TEXT NOT NULL DEFAULT '',       -- HH:MM in the bureau's zone, '' = none
    quiet_to   TEXT NOT NULL DEFAULT '',
    updated_at TEXT NOT NULL
);
CREATE INDEX notify_prefs_bureau ON notify_prefs(bureau_id);

CREATE TABLE notify_outbox (
    id          INTEGER PRIMARY KEY,
    bureau_id   INTEGER NOT NULL REFERENCES orgs(id),
    dedupe_key  TEXT NOT NULL UNIQUE,          -- bureau/person/kind/day: never queued twice
    person_id   INTEGER,                       -- NULL for a group robot or a test message
    kind        TEXT NOT NULL,                 -- daily_reminder, test
    day         TEXT NOT NULL,                 -- YYYY-MM-DD in the bureau's zone
    channel     TEXT NOT NULL,                 -- email, sms, wecom, dingtalk
    recipient   TEXT NOT NULL DEFAULT '',
    subject     TEXT NOT NULL DEFAULT '',
    body        TEXT NOT NULL,
    status      TEXT NOT NULL DEFAULT 'queued', -- queued, sending, sent, failed
    attempts    INTEGER NOT NULL DEFAULT 0,
    next_at     BIGINT NOT NULL,               -- unix seconds: not before
    claimed_by  TEXT NOT NULL DEFAULT '',
    claimed_at  BIGINT NOT NULL DEFAULT 0,
    sent_at     TEXT,
    last_error  TEXT NOT NULL DEFAULT '',
    created_at  TEXT NOT NULL
);
CREATE INDEX notify_outbox_due ON notify_outbox(status, next_at);
CREATE INDEX notify_outbox_bureau ON notify_outbox(bureau_id, id);
