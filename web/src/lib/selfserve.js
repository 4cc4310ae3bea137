// Member self-service (issue 12, item 3): words and small rules of the QR sign-in and the
// study hours a member reports.

export const REPORT_STATES = { pending: '待审批', approved: '已通过', rejected: '已退回' };
export const REPORT_TAGS = { pending: 'warning', approved: 'success', rejected: 'info' };
export const STUDY_MODES = ['个人自学', '线上学习', '集中学习', '专题辅导', '研讨交流', '实践学习'];

/** May the sign-in code of meeting m be shown today (YYYY-MM-DD)? planned or held, of today. */
export function signinOpen(m, todayStr) {
  return !!m && ['planned', 'held'].includes(m.status || 'held') && m.held_on === todayStr;
}

/** Seconds left until expiresAt (RFC 3339) at now (ms), never below 0. */
export function secondsLeft(expiresAt, now = Date.now()) {
  const t = Date.parse(expiresAt);
  return Number.isNaN(t) ? 0 : Math.max(0, Math.ceil((t - now) / 1000));
}
