export const POLITICAL_STATUSES = ['中共党员', '中共预备党员', '发展对象', '入党积极分子', '入党申请人', '共青团员', '群众'];
export const PERSON_STATUSES = ['在职', '退休', '调出', '离职', '病故'];
export const ATTENDANCE = ['出席', '请假', '缺席', '迟到'];
export const FREQUENCIES = { month: '每月', quarter: '每季度', year: '每年' };
export const RULE_ORG_TYPES = ['党支部', '党小组', '党总支', '机关党委'];
export const ROLES = ['sysadmin', 'party_admin', 'branch_secretary', 'dept_head', 'discipline', 'member', 'kiosk'];
