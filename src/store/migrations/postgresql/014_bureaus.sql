-- 014 many bureaus in one deployment (issue 20).  A bureau is a root
-- organisation (单位); this table adds what only a bureau has: its code
-- (the prefix of its account names), whether it is suspended, and whether
-- its accounts may have plain names (the bureau made by init).  Each account
-- belongs to one bureau (bureau_id) or, for a province-level administrator
-- (province = 1), to none.
CREATE TABLE bureaus (
    org_id      BIGINT PRIMARY KEY REFERENCES orgs(id),
    code        TEXT NOT NULL UNIQUE,
    status      TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
    plain_names INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL
);
INSERT INTO bureaus (org_id, code, status, plain_names, created_at)
SELECT id, 'b' || id, 'active',
       CASE WHEN id = (SELECT MIN(id) FROM orgs WHERE parent_id IS NULL) THEN 1 ELSE 0 END,
       created_at
  FROM orgs WHERE parent_id IS NULL;

ALTER TABLE users ADD COLUMN bureau_id BIGINT REFERENCES orgs(id);
ALTER TABLE users ADD COLUMN province INTEGER NOT NULL DEFAULT 0;
-- an account's bureau: that of its grants, else of its person, else the first
UPDATE users SET bureau_id = COALESCE(
    (SELECT MIN(r.id) FROM user_roles ur JOIN orgs o ON o.id = ur.org_id
       JOIN orgs r ON r.parent_id IS NULL AND o.path LIKE r.path || '%'
      WHERE ur.user_id = users.id),
    (SELECT MIN(p.bureau_id) FROM people p WHERE p.user_id = users.id),
    (SELECT MIN(id) FROM orgs WHERE parent_id IS NULL));
CREATE INDEX users_bureau ON users(bureau_id, id);
