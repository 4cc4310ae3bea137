// Service to the people (issue 15): the words of the server's codes.
export const CONTACT_KINDS = {
  household: '困难群众/联系户',
  enterprise: '重点企业',
  village_branch: '村党支部',
  community_branch: '社区党支部',
  other: '其他',
};
export const ACTIVITY_KINDS = { volunteer: '志愿服务', masses: '我为群众办实事', enterprises: '万人助万企' };
export const PARTNER_KINDS = { village: '村党支部', community: '社区党支部' };
export const SIGNUP_STATES = { signed_up: '已报名', reported: '待确认', confirmed: '已确认' };

/** The year's figures of /statistics/service as rows {key, label, value}. */
export const STAT_ROWS = [
  ['members_contacting', '联系群众的党员（人）'], ['households', '联系户（户）'], ['contacts', '联系点（个）'],
  ['visits', '走访（次）'], ['help_amount', '帮扶金额（元）'], ['registered_members', '进社区报到党员（人）'],
  ['registrations', '本年报到（人次）'], ['activities', '服务活动（次）'], ['person_times', '志愿服务（人次）'],
  ['hours', '志愿服务时长（小时）'], ['masses', '我为群众办实事（件）'], ['enterprises', '万人助万企（次）'],
  ['pairings', '结对共建（对）'], ['pairing_activities', '共建活动（次）'],
  // ideas (migration 030)
  ['topics', '领导出题（个）'], ['suggestions', '献计献策（条）'], ['adopted', '采纳为工作思路（条）'],
  ['merged', '合并（条）'], ['declined', '不予采纳（条）'], ['idea_tasks', '转为落实任务（项）'],
  ['mottos_approved', '审核通过的格言（条）'],
  // duty rosters
  ['duty_shifts', '值班值守（人次）'], ['duty_hours', '值班值守时长（小时）'],
];
export function statRows(s) {
  return s ? STAT_ROWS.map(([key, label]) => ({ key, label, value: s[key] })) : [];
}

/** May the member report hours for this sign-up (held, not confirmed)? */
export function canReport(signup, todayStr) {
  return !!signup && signup.status !== 'confirmed' && signup.held_on <= todayStr;
}
