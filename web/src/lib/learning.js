// Learning (财政月讲堂, tests and contests, study hours): who may record what,
// and the figures the lecture page draws.
import { subtreeIds, BRANCH_TYPES } from './tree.js';
import { MEETING_WRITERS } from './meetings.js';

export const STUDY_MODES = ['集中学习', '个人自学', '专题辅导', '线上学习', '研讨交流', '实践学习'];
export const QUIZ_KINDS = { test: '测试', contest: '竞赛' };

/** May the user record for (or change a record of) organisation `orgId`? */
export function canWriteOrg(user, orgs, orgId) {
  for (const g of user?.roles || []) if (MEETING_WRITERS.includes(g.role) && subtreeIds(orgs, g.org_id).has(orgId)) return true;
  return false;
}

/** Records lectures for the whole bureau (party_admin at a root). */
export function isBureauWriter(user, orgs) {
  return (user?.roles || []).some((g) => g.role === 'party_admin' && orgs.some((o) => o.id === g.org_id && o.parent_id == null));
}

/** The organisations a user may hold a quiz or a lecture for: the bureau root and branches in their grants. */
export function learningOrgs(user, orgs) {
  return orgs.filter((o) => o.status === 'active' && (o.parent_id == null || BRANCH_TYPES.includes(o.type)) && canWriteOrg(user, orgs, o.id));
}

/** by_month of the summary → 12 months of the year (missing months 0). */
export function monthSeries(summary, year) {
  const by = new Map((summary?.by_month || []).map((m) => [m.month, m]));
  const out = [];
  for (let m = 1; m <= 12; m++) {
    const key = `${year}-${String(m).padStart(2, '0')}`;
    const x = by.get(key);
    out.push({ month: m, sessions: x?.sessions || 0, person_times: x?.person_times || 0 });
  }
  return out;
}

/** The quiz score changes between the loaded rows and the edited ones. */
export function scoreChanges(original, edited) {
  const before = new Map(original.map((s) => [s.person_id, s]));
  const out = [];
  for (const s of edited) {
    const b = before.get(s.person_id);
    const score = s.score === '' || s.score === undefined ? null : s.score;
    const note = (s.note || '').trim();
    if (!b) {
      if (score !== null) out.push({ person_id: s.person_id, score: Number(score), note });
    } else if ((b.score ?? null) !== (score === null ? null : Number(score)) || (b.note || '') !== note) {
      out.push({ person_id: s.person_id, score: score === null ? null : Number(score), note });
    }
  }
  return out;
}
