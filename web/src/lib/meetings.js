// Which organisations a user may record meetings for, and which kinds fit
// an organisation (the rules of POST /meetings, so the form offers only those).
import { subtreeIds, BRANCH_TYPES } from './tree.js';

export const MEETING_WRITERS = ['party_admin', 'branch_secretary'];
const HOLDERS = [...BRANCH_TYPES, '党小组'];

/** Active orgs under the user's party_admin / branch_secretary grants. */
export function writableOrgs(user, orgs) {
  const ids = new Set();
  for (const g of user?.roles || [])
    if (MEETING_WRITERS.includes(g.role)) for (const id of subtreeIds(orgs, g.org_id)) ids.add(id);
  return orgs.filter((o) => ids.has(o.id) && o.status === 'active' && HOLDERS.includes(o.type));
}

/** The kinds an organisation of this type may hold. */
export function kindsFor(orgType, kinds) {
  if (!orgType) return kinds;
  return kinds.filter((k) =>
    k.attendees === 'custom' ? true : k.attendees === 'group' ? orgType === '党小组' : BRANCH_TYPES.includes(orgType),
  );
}

/** An org's name with its branch for groups (第1党小组 is in every branch). */
export function orgLabel(o, orgs) {
  if (o.type !== '党小组') return o.name;
  const p = orgs.find((x) => x.id === o.parent_id);
  return p ? `${p.name} / ${o.name}` : o.name;
}

/** The attendance entries that changed between the loaded rows and the edited ones. */
export function attendanceChanges(original, edited) {
  const before = new Map(original.map((a) => [a.person_id, a]));
  const out = [];
  for (const a of edited) {
    if (!a.status) continue;
    const b = before.get(a.person_id);
    const reason = a.status === '请假' ? (a.reason || '').trim() : (a.reason || '').trim();
    if (!b || b.status !== a.status || (b.reason || '') !== reason) out.push({ person_id: a.person_id, status: a.status, reason: reason || null });
  }
  return out;
}

/** Client-side check of attendance before saving: 请假 needs a reason. */
export function attendanceErrors(rows) {
  const errs = {};
  for (const a of rows) if (a.status === '请假' && !(a.reason || '').trim()) errs[a.person_id] = '请假须填写事由';
  return errs;
}

// ---- the life cycle (issue 12, item 2): planned → held → voided/corrected; planned → cancelled ----

/** A meeting's status → its word (Chinese; English through t()). */
export const STATUS_LABEL = { planned: '计划中', held: '已召开', cancelled: '已取消', voided: '已作废' };
/** A meeting's status → the el-tag type it is shown with. */
export const STATUS_TAG = { planned: 'primary', held: 'success', cancelled: 'info', voided: 'danger' };

/**
 * What a writer may do with a meeting in its state (the server's rules:
 * a plan is edited, held or cancelled; a record is edited, corrected or voided;
 * a cancelled or voided meeting is kept as it is).
 */
export function lifeActions(m, canWrite) {
  const none = { edit: false, hold: false, cancel: false, correct: false, void: false, attendance: false, files: false };
  if (!m || !canWrite) return none;
  const s = m.status || 'held';
  if (s === 'planned') return { ...none, edit: true, hold: true, cancel: true, files: true };
  if (s === 'held') return { ...none, edit: true, correct: true, void: true, attendance: true, files: true };
  return none;
}
