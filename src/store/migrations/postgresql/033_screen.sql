-- 数据大屏 (issue 18 item 3): the kiosk role (an account that sees only the
-- panels its bureau marks public) and the bureau's list of public panels.

ALTER TABLE user_roles DROP CONSTRAINT user_roles_role_check;
ALTER TABLE user_roles ADD CONSTRAINT user_roles_role_check
    CHECK (role IN ('sysadmin','party_admin','branch_secretary','dept_head','discipline','member','kiosk'));

CREATE TABLE screen_settings (
    bureau_id  BIGINT PRIMARY KEY REFERENCES orgs(id),
    panels     TEXT NOT NULL DEFAULT '',  -- the public panels, comma-separated (core/screen)
    title      TEXT NOT NULL DEFAULT '',  -- the heading of the screen ('' : the bureau's name)
    updated_at TEXT NOT NULL
);
