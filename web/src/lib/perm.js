// What the UI offers to whom.  The server checks every request against the
// target's place in the tree; here we only decide what to show, from the
// session's `permissions` (held somewhere in the tree) and role grants.

export const ROLE_LABELS = {
  sysadmin: '系统管理员',
  party_admin: '机关党委',
  branch_secretary: '支部书记',
  dept_head: '科室负责人',
  discipline: '纪检',
  member: '党员',
  kiosk: '数据大屏（展示账号）',
};

/** A small view of a session for the checks below. */
export function who(user, permissions) {
  const roles = (user?.roles || []).map((r) => r.role);
  const perms = new Set(permissions || []);
  return {
    user,
    roles,
    has: (p) => perms.has(p),
    hasRole: (...rs) => roles.some((r) => rs.includes(r)),
    // an account whose every role is `member` (or none at all) gets the member's console
    memberOnly: roles.every((r) => r === 'member' || r === 'kiosk'), // a kiosk: the screen only
    personId: user?.person_id ?? null,
  };
}

/**
 * The menu: each entry names its route and when it is shown.  `hidden`
 * entries are pages not yet finished (kept here so adding them is one line).
 */
export const MENU = [
  // a province-level administrator (above the bureaus) sees only this
  { name: 'bureaus', path: '/bureaus', label: '单位管理', icon: 'OfficeBuilding', show: (w) => w.has('bureaus.manage') },
  { name: 'dashboard', path: '/dashboard', label: '工作台', icon: 'Odometer', show: (w) => !w.memberOnly },
  { name: 'mine', path: '/mine', label: '我的', icon: 'User', show: (w) => w.personId != null },
  { name: 'orgs', path: '/orgs', label: '组织机构', icon: 'Share', show: (w) => w.has('orgs.read') && !w.memberOnly },
  { name: 'people', path: '/people', label: '人员名册', icon: 'Avatar', show: (w) => w.has('people.read') || w.hasRole('dept_head') },
  { name: 'meetings', path: '/meetings', label: '组织生活', icon: 'Calendar', show: (w) => w.has('orgs.read') && !w.memberOnly },
  { name: 'compliance', path: '/compliance', label: '落实情况', icon: 'DataAnalysis', show: (w) => w.has('orgs.read') && !w.memberOnly },
  { name: 'rules', path: '/rules', label: '组织生活规则', icon: 'Document', show: (w) => w.has('orgs.read') && !w.memberOnly },
  { name: 'lectures', path: '/lectures', label: '财政月讲堂', icon: 'Reading', show: (w) => w.has('orgs.read') && !w.memberOnly },
  { name: 'evaluations', path: '/evaluations', label: '考评', icon: 'Medal', show: (w) => w.has('orgs.read') && !w.memberOnly },
  { name: 'schemes', path: '/schemes', label: '考评方案', icon: 'Histogram', show: (w) => w.has('orgs.read') && !w.memberOnly },
  { name: 'users', path: '/users', label: '账号与角色', icon: 'Key', show: (w) => w.has('users.manage') },
  { name: 'audit', path: '/audit', label: '审计日志', icon: 'Tickets', show: (w) => w.has('audit.read') },
  { name: 'settings', path: '/settings', label: '单位设置', icon: 'Setting', show: (w) => w.has('orgs.manage') },
  // dues (issue 16 item 1): the branch's dues clerk or secretary, the 机关党委, 纪检 (reading); a member finds theirs in 我的
  { name: 'dues', path: '/dues', label: '党费', icon: 'Tickets', show: (w) => w.has('people.read') && !w.memberOnly },
  // supervision of conduct: 纪检, the party administrator, branch secretaries (a member sees their findings in 我的)
  { name: 'inspections', path: '/inspections', label: '作风监督', icon: 'View', show: (w) => w.hasRole('discipline', 'party_admin', 'branch_secretary') },
  // tasks and rectifications (issue 14): the board for everyone of the bureau, the ledger for its readers
  { name: 'tasks', path: '/tasks', label: '任务与晒进度', icon: 'Flag', show: (w) => w.has('orgs.read') },
  { name: 'rectifications', path: '/rectifications', label: '整改台账', icon: 'Finished', show: (w) => w.has('meetings.write') || w.has('people.read') },
  // supervision (issue 13): a member sees the talks they took part in; risk points are posted for the officers
  { name: 'talks', path: '/talks', label: '谈心谈话', icon: 'Avatar', show: (w) => w.personId != null || w.hasRole('party_admin', 'discipline', 'branch_secretary') },
  { name: 'risks', path: '/risk-points', label: '廉政风险防控', icon: 'Document', show: (w) => w.has('orgs.read') && !w.memberOnly },
  // service (issue 15); a member finds theirs in 我的
  { name: 'contacts', path: '/contacts', label: '联系点', icon: 'House', show: (w) => w.has('orgs.read') && !w.memberOnly },
  { name: 'volunteering', path: '/volunteering', label: '志愿服务', icon: 'Promotion', show: (w) => w.has('orgs.read') && !w.memberOnly },
  // 数据大屏 (issue 18 item 3): full screen; a kiosk account sees only this
  { name: 'screen', path: '/screen', label: '数据大屏', icon: 'Monitor', show: (w) => w.hasRole('kiosk') || (w.has('orgs.read') && !w.memberOnly) },
];

/** The menu entries this user sees, in order. */
export function visibleMenu(user, permissions) {
  const w = who(user, permissions);
  return MENU.filter((m) => !m.hidden && m.show(w));
}

/** May this user open the route `name`? (routes outside the menu: true) */
export function canOpen(name, user, permissions) {
  const m = MENU.find((x) => x.name === name);
  if (!m) return true;
  return !m.hidden && m.show(who(user, permissions));
}

/** Where a user lands after login. */
export function homeFor(user, permissions) {
  const menu = visibleMenu(user, permissions);
  return menu.length ? menu[0].path : '/mine';
}
