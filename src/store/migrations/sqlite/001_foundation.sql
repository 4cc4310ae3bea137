-- 001 foundation: organisations (the scope of roles), users, roles,
-- sessions, login throttling, the audit chain and key/value metadata.

CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE orgs (
    id         INTEGER PRIMARY KEY,
    parent_id  INTEGER REFERENCES orgs(id),
    type       TEXT NOT NULL,
    name       TEXT NOT NULL,
    path       TEXT NOT NULL DEFAULT '',   -- '/1/4/9/': ancestors and self, for subtree checks
    status     TEXT NOT NULL DEFAULT 'active',
    created_at TEXT NOT NULL
);
CREATE INDEX orgs_parent ON orgs(parent_id);
CREATE INDEX orgs_path ON orgs(path);

CREATE TABLE users (
    id                   INTEGER PRIMARY KEY,
    username             TEXT NOT NULL UNIQUE,
    display_name         TEXT NOT NULL,
    password_hash        TEXT NOT NULL,
    disabled             INTEGER NOT NULL DEFAULT 0,
    must_change_password INTEGER NOT NULL DEFAULT 0,
    created_at           TEXT NOT NULL,
    updated_at           TEXT NOT NULL
);

CREATE TABLE user_roles (
    id      INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN ('sysadmin','party_admin','branch_secretary','dept_head','discipline','member')),
    org_id  INTEGER NOT NULL REFERENCES orgs(id),
    UNIQUE (user_id, role, org_id)
);
CREATE INDEX user_roles_user ON user_roles(user_id);

CREATE TABLE sessions (
    id          INTEGER PRIMARY KEY,
    token_hash  TEXT NOT NULL UNIQUE,      -- SHA-256 of the cookie token; the token itself is never stored
    user_id     INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    csrf_token  TEXT NOT NULL,
    created_at  INTEGER NOT NULL,          -- unix seconds
    last_seen   INTEGER NOT NULL,
    expires_at  INTEGER NOT NULL           -- absolute expiry
);
CREATE INDEX sessions_user ON sessions(user_id);

CREATE TABLE login_failures (
    id   INTEGER PRIMARY KEY,
    kind TEXT NOT NULL,                    -- 'account' or 'address'
    key  TEXT NOT NULL,
    at   INTEGER NOT NULL
);
CREATE INDEX login_failures_key ON login_failures(kind, key, at);

-- The audit trail: each row holds the hash of the one before it.
CREATE TABLE audit (
    id          INTEGER PRIMARY KEY,
    at          TEXT NOT NULL,
    user_id     INTEGER,
    username    TEXT NOT NULL,
    action      TEXT NOT NULL,
    object_type TEXT NOT NULL,
    object_id   INTEGER,
    org_id      INTEGER,
    before_json TEXT,
    after_json  TEXT,
    prev_hash   TEXT NOT NULL,
    hash        TEXT NOT NULL
);
CREATE INDEX audit_user ON audit(user_id, id);
CREATE INDEX audit_object ON audit(object_type, object_id, id);
CREATE INDEX audit_at ON audit(at);

-- The head of the chain: the last id and hash, updated in the same
-- transaction as each audit row, so that a deleted last row is detected too.
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash TEXT NOT NULL
);
INSERT INTO audit_head (id, seq, hash) VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
