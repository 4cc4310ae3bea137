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
  // 主体责任清单 and 党建责任书: the 机关党委 writes them; a person reads their own, a secretary their branch's
  { name: 'duties', path: '/duties', label: '责任清单', icon: 'List', show: (w) => w.has('orgs.read') },
  // supervision (issue 13): a member sees the talks they took part in; risk points are posted for the officers
  { name: 'talks', path: '/talks', label: '谈心谈话', icon: 'Avatar', show: (w) => w.personId != null || w.hasRole('party_admin', 'discipline', 'branch_secretary') },
  { name: 'risks', path: '/risk-points', label: '廉政风险防控', icon: 'Document', show: (w) => w.has('orgs.read') && !w.memberOnly },
  // service (issue 15); a member finds theirs in 我的
  { name: 'contacts', path: '/contacts', label: '联系点', icon: 'House', show: (w) => w.has('orgs.read') && !w.memberOnly },
  { name: 'volunteering', path: '/volunteering', label: '志愿服务', icon: 'Promotion', show: (w) => w.has('orgs.read') && !w.memberOnly },
  // warnings engine and inbox (issue 17): everyone's messages; the warnings each account receives
  { name: 'inbox', path: '/inbox', label: '消息', icon: 'Bell', show: (w) => w.has('orgs.read') },
  { name: 'warnings', path: '/warnings', label: '预警台账', icon: 'WarnTriangleFilled', show: (w) => w.has('orgs.read') },
  // member self-service (issue 12, item 3): who records study hours approves the members' own
  { name: 'study-reports', path: '/study-reports', label: '学时审批', icon: 'Reading', show: (w) => w.has('meetings.write') },
  // appraisals and secretary reviews (issue 16 items 3-4): a member appraises and rates on the phone
  { name: 'appraisals', path: '/appraisals', label: '民主评议', icon: 'Medal', show: (w) => w.personId != null || w.has('orgs.read') },
  // cadre development (issue 16 item 5): 轮岗, 一线锻炼, 驻村第一书记, 帮带
  { name: 'cadre', path: '/cadre', label: '干部培养', icon: 'Avatar', show: (w) => w.has('people.read') && !w.memberOnly },
  // 发展党员 (the branch's secretary and the 机关党委) and 荣誉 (issue 16 items 2 and 6)
  { name: 'applicants', path: '/applicants', label: '发展党员', icon: 'Avatar', show: (w) => w.has('meetings.write') },
  { name: 'honours', path: '/honours', label: '荣誉', icon: 'Medal', show: (w) => w.has('orgs.read') && !w.memberOnly },
  // ideas (issue 15): everyone of the bureau suggests and submits mottos (members too, on the phone)
  { name: 'ideas', path: '/ideas', label: '献计献策', icon: 'ChatDotRound', show: (w) => w.has('orgs.read') },
  // duty rosters (issue 15): members see their duty and ask for swaps on the phone
  { name: 'duty', path: '/duty', label: '值班值守', icon: 'AlarmClock', show: (w) => w.has('orgs.read') },
  // notifications (issue 17): the bureau's channels and the delivery log; a member sets theirs in 我的
  { name: 'notify', path: '/notify', label: '消息通知', icon: 'Bell', show: (w) => w.hasRole('party_admin', 'sysadmin') },
  // documents (issue 18): the figures for a secretary's 述职报告
  { name: 'annual', path: '/annual-statistics', label: '述职数据', icon: 'DataAnalysis', show: (w) => w.has('orgs.read') && !w.memberOnly },
  // 数据大屏 (issue 18 item 3): full screen; a kiosk account sees only this
  { name: 'screen', path: '/screen', label: '数据大屏', icon: 'Monitor', show: (w) => w.hasRole('kiosk') || (w.has('orgs.read') && !w.memberOnly) },
];

/**
 * The menu's groups, in the order they are shown; an entry names its group in
 * GROUP_OF (entries not named there stand at the top level, after 工作台 and 我的).
 * A group with a single visible entry shows that entry at the top level.
 */
export const MENU_GROUPS = [
  { key: 'org', label: '组织与党员', icon: 'Share' },
  { key: 'life', label: '组织生活与学习', icon: 'Calendar' },
  { key: 'eval', label: '考评', icon: 'Medal' },
  { key: 'work', label: '任务与责任', icon: 'Flag' },
  { key: 'supervision', label: '监督执纪', icon: 'View' },
  { key: 'service', label: '服务与建言', icon: 'House' },
  { key: 'system', label: '系统管理', icon: 'Setting' },
];
export const GROUP_OF = {
  orgs: 'org', people: 'org', applicants: 'org', dues: 'org', appraisals: 'org', cadre: 'org', honours: 'org',
  meetings: 'life', compliance: 'life', rules: 'life', lectures: 'life', 'study-reports': 'life',
  evaluations: 'eval', schemes: 'eval', annual: 'eval',
  tasks: 'work', rectifications: 'work', duties: 'work',
  inspections: 'supervision', talks: 'supervision', risks: 'supervision',
  contacts: 'service', volunteering: 'service', duty: 'service', ideas: 'service',
  users: 'system', audit: 'system', settings: 'system', notify: 'system',
};

/**
 * The visible entries arranged for the menu: [{entry}] at the top level or
 * [{group, items}] for a group of two or more, top-level entries first.
 */
export function menuTree(items) {
  const top = [];
  const groups = MENU_GROUPS.map((g) => ({ group: g, items: [] }));
  for (const m of items) {
    const g = groups.find((x) => x.group.key === GROUP_OF[m.name]);
    (g ? g.items : top).push(m);
  }
  const out = top.map((entry) => ({ entry }));
  for (const g of groups) {
    if (g.items.length === 1) out.push({ entry: g.items[0] });
    else if (g.items.length > 1) out.push(g);
  }
  return out;
}

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
