import { describe, test, expect } from 'vitest';
import { visibleMenu, canOpen, homeFor, MENU } from './perm.js';

const user = (roles, person_id = null) => ({ roles: roles.map((role) => ({ role, org_id: 1 })), person_id });
const names = (u, p) => visibleMenu(u, p).map((m) => m.name);

describe('menu by role', () => {
  test('a sysadmin without a person: no 我的, but accounts and audit', () => {
    const m = names(user(['sysadmin', 'party_admin']), ['users.manage', 'audit.read', 'orgs.read', 'orgs.manage', 'people.read', 'people.write', 'people.import', 'meetings.write']);
    expect(m).toEqual(['dashboard', 'orgs', 'people', 'meetings', 'compliance', 'rules', 'lectures', 'evaluations', 'schemes', 'users', 'audit', 'settings', 'dues', 'inspections', 'tasks', 'rectifications', 'talks', 'risks', 'contacts', 'volunteering', 'screen']);
  });
  test('a kiosk account (数据大屏) sees only the screen and lands on it', () => {
    const u = user(['kiosk']);
    expect(names(u, [])).toEqual(['screen']);
    expect(homeFor(u, [])).toBe('/screen');
    expect(canOpen('people', u, [])).toBe(false);
    expect(canOpen('screen', user(['member'], 5), ['orgs.read'])).toBe(false);
  });
  test('a branch secretary: no accounts, no audit', () => {
    const m = names(user(['branch_secretary'], 2), ['orgs.read', 'people.read', 'people.write', 'meetings.write']);
    expect(m).not.toContain('users');
    expect(m).not.toContain('audit');
    expect(m).toContain('people');
    expect(m[0]).toBe('dashboard');
  });
  test('a department head reads the people of the department without people.read', () => {
    expect(names(user(['dept_head'], 3), ['orgs.read'])).toContain('people');
  });
  test('a member sees 我的, the 晒进度 board (everyone of the bureau does) and the talks they took part in, and lands on 我的', () => {
    const u = user(['member'], 5);
    expect(names(u, ['orgs.read'])).toEqual(['mine', 'tasks', 'talks']);
    expect(canOpen('rectifications', u, ['orgs.read'])).toBe(false);
    expect(homeFor(u, ['orgs.read'])).toBe('/mine');
    expect(canOpen('users', u, ['orgs.read'])).toBe(false);
    expect(canOpen('people', u, ['orgs.read'])).toBe(false);
  });
  test('learning and indexes: every officer, not a member (who finds scores and lectures in 我的)', () => {
    expect(names(user(['discipline'], 4), ['orgs.read', 'people.read'])).toEqual(expect.arrayContaining(['lectures', 'evaluations', 'schemes']));
    const u = user(['member'], 5);
    for (const n of ['lectures', 'evaluations', 'schemes']) expect(canOpen(n, u, ['orgs.read'])).toBe(false);
  });
  test('hidden entries stay hidden for everyone', () => {
    const all = ['users.manage', 'audit.read', 'orgs.read', 'orgs.manage', 'people.read', 'people.write', 'people.import', 'meetings.write'];
    const m = names(user(['sysadmin', 'party_admin'], 1), all);
    for (const h of MENU.filter((x) => x.hidden)) {
      expect(m).not.toContain(h.name);
      expect(canOpen(h.name, user(['sysadmin'], 1), all)).toBe(false);
    }
  });
  test('routes outside the menu are left to the server', () => {
    expect(canOpen('person', user(['member'], 5), [])).toBe(true);
  });
  test('a province-level administrator sees the bureaus only, and lands there', () => {
    const province = { id: 9, username: 'sheng', roles: [], person_id: null, province: true, bureau_id: null };
    expect(names(province, ['bureaus.manage'])).toEqual(['bureaus']);
    expect(homeFor(province, ['bureaus.manage'])).toBe('/bureaus');
    expect(canOpen('bureaus', user(['sysadmin', 'party_admin'], 1), ['users.manage', 'audit.read', 'orgs.read'])).toBe(false);
    expect(canOpen('people', province, ['bureaus.manage'])).toBe(false);
  });
});
