// The warnings engine and the inbox in the console (issue 17): state and unit
// words, the header's unread badge (one cheap GET /inbox/unread, refreshed on
// navigation and every minute) shared by the bell and the inbox page.
import { reactive } from 'vue';
import { api } from './api.js';

export const WARNING_STATES = {
  open: { label: '待处理', type: 'danger' },
  acknowledged: { label: '已确认', type: 'warning' },
  resolved: { label: '已自动解除', type: 'success' },
  dismissed: { label: '已撤销', type: 'info' },
};

export const RULE_UNITS = { days: '天', months: '个月', members: '人', points: '分' };

/** The roles a rule may name, and the person it concerns. */
export const RECIPIENTS = {
  party_admin: '党务管理员', branch_secretary: '支部书记', discipline: '纪检', dept_head: '科室负责人',
  sysadmin: '系统管理员', member: '党员', owner: '本人',
};

/** What the badge shows: nothing for 0, the number up to 99, then 99+. */
export function badgeText(n) {
  if (!n || n < 0) return '';
  return n > 99 ? '99+' : String(n);
}

/** "party_admin,owner" → ['party_admin', 'owner'] and back. */
export const splitRecipients = (s) => (s || '').split(',').filter(Boolean);
export const joinRecipients = (list) => [...new Set(list)].join(',');

export const inbox = reactive({ unread: 0 });

let pending = null;
/** Reads the unread count (one request at a time; errors leave the last count). */
export function refreshUnread() {
  if (!pending)
    pending = api.get('/inbox/unread')
      .then((r) => { inbox.unread = r.unread; })
      .catch(() => {})
      .finally(() => { pending = null; });
  return pending;
}
