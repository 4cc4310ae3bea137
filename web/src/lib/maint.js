// Pure helpers of the maintenance screens (people, the organisation tree,
// committees, departments): what the API accepts, worked out before a request,
// and the server's answer mapped back onto the form.

/** Which types may be founded under which (POST /orgs checks the same table). */
export const CHILD_TYPES = {
  单位: ['党委', '党组', '机关党委', '党总支', '党支部'],
  党委: ['党委', '机关党委', '党总支', '党支部'],
  党组: ['机关党委'],
  机关党委: ['党总支', '党支部'],
  党总支: ['党支部'],
  党支部: ['党小组'],
  党小组: [],
};

export const COMMITTEE_POSTS = ['书记', '副书记', '组织委员', '宣传委员', '纪检委员', '青年委员', '保密委员', '委员'];

/** The types an active organisation of `parentType` may have below it. */
export function childTypes(parentType, status = 'active') {
  return status === 'active' ? CHILD_TYPES[parentType] || [] : [];
}

/** The ids of an organisation and of everything below it. */
function subtreeIds(orgs, org) {
  const below = new Set([org.id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const o of orgs)
      if (o.parent_id != null && below.has(o.parent_id) && !below.has(o.id)) {
        below.add(o.id);
        grew = true;
      }
  }
  return below;
}

/** The organisations an organisation may merge into: active, of the same type, not itself or below it. */
export function mergeTargets(orgs, org) {
  if (!org) return [];
  const below = subtreeIds(orgs, org);
  return orgs.filter((o) => o.type === org.type && o.status === 'active' && !below.has(o.id));
}

/** Where an organisation may move (POST /orgs/{id}/move checks the same): an
 *  active organisation whose type admits it, not its parent now, not itself
 *  or below it. */
export function moveTargets(orgs, org) {
  if (!org || org.parent_id == null) return [];
  const below = subtreeIds(orgs, org);
  return orgs.filter((o) => o.status === 'active' && o.id !== org.parent_id && !below.has(o.id) &&
    childTypes(o.type).includes(org.type));
}

export const MEMBERSHIP_TYPES = ['党支部', '党总支', '党委', '机关党委'];

/** Where a person may belong (an active 党支部, 党总支, 党委 or 机关党委). */
export function branchChoices(orgs) {
  return orgs.filter((o) => o.status === 'active' && MEMBERSHIP_TYPES.includes(o.type));
}

/** The active 党小组 of a branch. */
export function groupsOf(orgs, branchId) {
  if (!branchId) return [];
  return orgs.filter((o) => o.parent_id === branchId && o.type === '党小组' && o.status === 'active');
}

/** Is the transfer a change at all (another branch, or another group)? */
export function isTransfer(person, branchId, groupId) {
  return (branchId ?? null) !== (person.branch_id ?? null) || (groupId ?? null) !== (person.group_id ?? null);
}

const empty = (v) => v === undefined || v === null || (typeof v === 'string' && v.trim() === '');
const norm = (v) => (empty(v) ? null : typeof v === 'string' ? v.trim() : v);

/**
 * The body of a create: the non-empty fields only (trimmed).
 */
export function createBody(form, fields) {
  const body = {};
  for (const f of fields) if (!empty(form[f])) body[f] = norm(form[f]);
  return body;
}

/**
 * The body of a PATCH: only the fields that differ from the original, an
 * emptied field as null ('' and null in the original count as the same).
 */
export function changedBody(original, form, fields) {
  const body = {};
  for (const f of fields) {
    const a = norm(original?.[f]);
    const b = norm(form[f]);
    if (a !== b) body[f] = b;
  }
  return body;
}

/**
 * Splits the server's error over a form: `fields` for the keys the form shows
 * (answered at the field), the rest and the message for the alert above.
 */
export function formErrors(err, shown) {
  const fields = {};
  const other = [];
  for (const [k, v] of Object.entries(err?.fields || {})) {
    if (shown.includes(k)) fields[k] = v;
    else other.push(v);
  }
  const message = [err?.message || '', ...other].filter(Boolean).join('；');
  return { fields, message };
}

/**
 * The form that resolves a warning of GET /orgs/{id}: `appoint` (with the post
 * to fill), `term` (record the term, 换届) or `people` (the branch's roster,
 * to transfer members in or out).
 */
export function warningAction(code) {
  switch (code) {
    case 'no_secretary':
      return { action: 'appoint', post: '书记', label: '任命书记' };
    case 'committee_size':
      return { action: 'appoint', post: '委员', label: '调整委员会' };
    case 'term_expired':
    case 'term_ending':
    case 'term_too_long':
    case 'no_term':
      return { action: 'term', label: '换届 / 设置任期' };
    case 'too_few_members':
    case 'too_many_members':
      return { action: 'people', label: '调整党员' };
    default:
      return null;
  }
}

/** A term's end three years after its start, the day before (2026-03-01 → 2029-02-28). */
export function termEnd(start) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(start || '');
  if (!m) return null;
  const d = new Date(Date.UTC(Number(m[1]) + 3, Number(m[2]) - 1, Number(m[3])));
  // 29 Feb in a common year overflows to 1 March, whose day before is 28 Feb
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
