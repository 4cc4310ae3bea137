-- 数据大屏 (issue 18 item 3): the kiosk role (an account that sees only the
-- panels its bureau marks public) and the bureau's list of public panels.

-- SQLite cannot change a CHECK: user_roles is made again with kiosk allowed
-- (nothing references user_roles).
CREATE TABLE user_roles_033 (
    id      INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role    TEXT NOT NULL CHECK (role IN ('sysadmin','party_admin','branch_secretary','dept_head','discipline','member','kiosk')),
    org_id  INTEGER NOT NULL REFERENCES orgs(id),
    department_id INTEGER REFERENCES departments(id), -- 003: a dept_head's grant names its department
    UNIQUE (user_id, role, org_id)
);
INSERT INTO user_roles_033 (id, user_id, role, org_id, department_id)
    SELECT id, user_id, role, org_id, department_id FROM user_roles;
DROP TABLE user_roles;
ALTER TABLE user_roles_033 RENAME TO user_roles;
CREATE INDEX user_roles_user ON user_roles(user_id);

CREATE TABLE screen_settings (
    bureau_id  INTEGER PRIMARY KEY REFERENCES orgs(id),
    panels     TEXT NOT NULL DEFAULT '',  -- the public panels, comma-separated (core/screen)
    title      TEXT NOT NULL DEFAULT '',  -- the heading of the screen ('' : the bureau's name)
    updated_at TEXT NOT NULL
);
