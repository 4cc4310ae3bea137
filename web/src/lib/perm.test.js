import { describe, test, expect } from 'vitest';
import { visibleMenu, canOpen, homeFor, MENU, menuTree, GROUP_OF } from './perm.js';

const user = (roles, person_id = null) => ({ roles: roles.map((role) => ({ role, org_id: 1 })), person_id });
const names = (u, p) => visibleMenu(u, p).map((m) => m.name);

describe('menu by role', () => {
  test('a sysadmin without a person: no 我的, but accounts and audit', () => {
    const m = names(user(['sysadmin', 'party_admin']), ['users.manage', 'audit.read', 'orgs.read', 'orgs.manage', 'people.read', 'people.write', 'people.import', 'meetings.write']);
    expect(m).toEqual(['dashboard', 'orgs', 'people', 'meetings', 'compliance', 'rules', 'lectures', 'evaluations', 'schemes', 'users', 'audit', 'settings', 'dues', 'inspections', 'tasks', 'rectifications', 'duties', 'talks', 'risks', 'contacts', 'volunteering', 'inbox', 'warnings', 'study-reports', 'appraisals', 'cadre', 'applicants', 'honours', 'ideas', 'duty', 'notify', 'annual', 'screen']);
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
    expect(m).toContain('study-reports'); // member self-service: the secretary approves reported hours
    expect(m[0]).toBe('dashboard');
  });
  test('a department head reads the people of the department without people.read', () => {
    expect(names(user(['dept_head'], 3), ['orgs.read'])).toContain('people');
  });
  test('a member sees 我的, the 晒进度 board (everyone of the bureau does) and the talks they took part in, and lands on 我的', () => {
    const u = user(['member'], 5);
    expect(names(u, ['orgs.read'])).toEqual(['mine', 'tasks', 'duties', 'talks', 'inbox', 'warnings', 'appraisals', 'ideas', 'duty']);
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

describe('the grouped menu', () => {
  const flat = (tree) => tree.flatMap((n) => (n.entry ? [n.entry.name] : n.items.map((m) => m.name)));
  test('top-level entries first, then each group of two or more in its order; a lone entry stands alone', () => {
    const u = user(['member'], 5);
    const tree = menuTree(visibleMenu(u, ['orgs.read']));
    // 我的 and the inbox at the top level, 民主评议 and 谈心谈话 alone in their groups, 任务与责任 and 服务与建言 as groups
    expect(tree.map((n) => (n.entry ? n.entry.name : n.group.key))).toEqual(['mine', 'inbox', 'warnings', 'appraisals', 'work', 'talks', 'service']);
    expect(flat(tree)).toEqual(['mine', 'inbox', 'warnings', 'appraisals', 'tasks', 'duties', 'talks', 'ideas', 'duty']);
  });
  test('every entry but 工作台, 我的, 消息, 预警 and 单位管理 belongs to a group; nothing is lost or doubled', () => {
    const all = MENU.filter((m) => !m.hidden);
    const loose = all.filter((m) => !GROUP_OF[m.name]).map((m) => m.name);
    expect(loose).toEqual(['bureaus', 'dashboard', 'mine', 'inbox', 'warnings', 'screen']); // the kiosk's only page
    const names = flat(menuTree(all));
    expect([...names].sort()).toEqual(all.map((m) => m.name).sort());
  });
});
