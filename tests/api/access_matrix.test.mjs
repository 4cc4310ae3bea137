// The access matrix (docs/ACCESS.md): every route of src/api/routes.c, called as
// every demo account and with no session, on ids inside and outside zhibu1's
// scope (机关第一党支部 / 机关第二党支部) and on ids that do not exist; each status
// is compared with tests/api/access_matrix.tsv.  A route without a row, a row
// without a route, or a status that changed fails the test.
// DJ_MATRIX_UPDATE=1 rewrites the table from what the server answered.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, makeTempDir, makeDemoDb, runDj, ADMIN_PASSWORD, BACKEND } from './harness.mjs';
import {
  ROLES, parseRoutes, routeKey, readTable, writeTable, call, multipart, idNumber, shanghaiDate, PNG, TABLE_TSV,
  tableMarkdown, docsMatrix, writeDocsMatrix,
} from './matrix_lib.mjs';

const UPDATE = process.env.DJ_MATRIX_UPDATE === '1';
/** The province-level administrator (made by `dangjian province-admin` before the server starts) and the
 * bureau's admin have DANGJIAN_ADMIN_PASSWORD; the other demo accounts the demo's password. */
const PROVINCE = 'province';
const pw = (role) => (role === 'admin' || role === PROVINCE ? ADMIN_PASSWORD : 'Demo@2026dj');
const MISSING = 987654321; // an id no table holds

/** The records the probes name, found by name (ids differ between backends) or made here as admin. */
async function makeFixtures(srv) {
  const admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
  const A = async (p, opts = {}, want = [200, 201, 204]) => {
    const r = await call(srv.url, p, { cookie: admin.cookie, csrf: admin.csrf, ...opts });
    assert.ok(want.includes(r.status), `fixture ${opts.method || 'GET'} ${p}: ${r.status} ${r.text}`);
    return r.data;
  };
  const orgs = (await A('/orgs')).items;
  const org = (name, type) => {
    const o = orgs.find((x) => x.name === name && x.type === type);
    assert.ok(o, `demo org ${type} ${name} missing`);
    return o;
  };
  const b1 = org('机关第一党支部', '党支部');
  const b2 = org('机关第二党支部', '党支部');
  const bureau = orgs.find((o) => !o.parent_id);
  const g1 = orgs.find((o) => o.parent_id === b1.id && o.type === '党小组');
  const g2 = orgs.find((o) => o.parent_id === b2.id && o.type === '党小组');
  const people = (await A('/people?limit=500')).items;
  const users = (await A('/users?limit=500')).items;
  const linked = new Set(users.map((u) => u.person_id).filter(Boolean));
  // the first full member of a branch, by 工号, without an account
  const memberOf = (b) => people
    .filter((p) => p.branch_id === b.id && p.political_status === '中共党员' && !linked.has(p.id))
    .sort((x, y) => x.staff_no.localeCompare(y.staff_no))[0];
  const p1 = memberOf(b1);
  const p2 = memberOf(b2);
  assert.ok(p1 && p2, 'members of branches 1 and 2');
  const depts = (await A('/departments')).items;
  const d1 = depts.find((d) => d.name === '办公室');
  const d2 = depts.find((d) => d.branch_id === b2.id);
  assert.ok(d1 && d2, `departments of branches 1 and 2: ${JSON.stringify(depts[0])}`);
  // a non-member working in a department of each branch: a guest at its meetings
  const guestOf = (d) => people
    .filter((p) => p.department_id === d.id && !['中共党员', '中共预备党员'].includes(p.political_status) && !linked.has(p.id))
    .sort((x, y) => x.staff_no.localeCompare(y.staff_no))[0];
  const n1 = guestOf(d1) ?? people.filter((p) => !p.branch_id).sort((x, y) => x.staff_no.localeCompare(y.staff_no))[0];
  const n2 = guestOf(d2) ?? people.filter((p) => !p.branch_id).sort((x, y) => x.staff_no.localeCompare(y.staff_no))[1];
  assert.ok(n1 && n2, 'non-members');
  // keshi heads 办公室: a person working there
  const pd = people.filter((p) => p.department_id === d1.id && !linked.has(p.id)).sort((x, y) => x.staff_no.localeCompare(y.staff_no))[0];
  assert.ok(pd, 'a person of 办公室');
  const kinds = Object.fromEntries((await A('/meeting-kinds')).items.map((k) => [k.code, k.id]));
  const yesterday = shanghaiDate(-1);
  const post = (p, json) => A(p, { method: 'POST', json });
  const put = (p, json) => A(p, { method: 'PUT', json });
  // accounts without a session of their own, one per branch
  const u1 = await post('/users', { username: 'mx_member_b1', display_name: '探针一', password: 'Probe#Matrix2026', roles: [{ role: 'member', org_id: b1.id }] });
  const u2 = await post('/users', { username: 'mx_member_b2', display_name: '探针二', password: 'Probe#Matrix2026', roles: [{ role: 'member', org_id: b2.id }] });
  // organisational life in each branch, with attendance and evidence; "MX-B2" marks branch 2's records.
  // A 党课 (party_lecture) takes guests besides the branch's members (include_non_members).
  const m1 = await post('/meetings', { org_id: b1.id, kind_id: kinds.party_lecture, held_on: yesterday, topic: 'MX-B1 党课' });
  const m2 = await post('/meetings', { org_id: b2.id, kind_id: kinds.party_lecture, held_on: yesterday, topic: 'MX-B2 党课' });
  await put(`/meetings/${m1.id}/attendance`, { attendance: [{ person_id: p1.id, status: '出席' }] });
  await put(`/meetings/${m2.id}/attendance`, { attendance: [{ person_id: p2.id, status: '出席' }] });
  const upload = (m) => {
    const mp = multipart([{ name: 'file', filename: 'evidence.png', type: 'image/png', data: PNG },
      { name: 'object_type', data: 'meeting' }, { name: 'object_id', data: String(m.id) }]);
    return A('/files', { method: 'POST', body: mp.body, type: mp.type });
  };
  const f1 = await upload(m1);
  const f2 = await upload(m2);
  // a bureau lecture attended by both, tests of each branch, study hours of each
  const lecture = await post('/lectures', { held_on: yesterday, topic: 'MX 讲堂', lecturer_id: p1.id });
  await put(`/lectures/${lecture.id}/attendance`, { attendance: [{ person_id: p1.id, status: '出席' }, { person_id: p2.id, status: '出席' }] });
  const lectureB1 = await post('/lectures', { org_id: b1.id, held_on: yesterday, topic: 'MX-B1 支部讲堂', lecturer_id: p1.id });
  const q1 = await post('/quizzes', { org_id: b1.id, kind: 'contest', title: 'MX-B1 测试', held_on: yesterday, max_score: 100 });
  const q2 = await post('/quizzes', { org_id: b2.id, kind: 'contest', title: 'MX-B2 测试', held_on: yesterday, max_score: 100 });
  await put(`/quizzes/${q1.id}/scores`, { scores: [{ person_id: p1.id, score: 90 }] });
  await put(`/quizzes/${q2.id}/scores`, { scores: [{ person_id: p2.id, score: 90 }] });
  await post('/study-records', { person_id: p1.id, studied_on: yesterday, hours: 1, mode: '个人自学', content: 'MX-B1 自学' });
  await post('/study-records', { person_id: p2.id, studied_on: yesterday, hours: 1, mode: '个人自学', content: 'MX-B2 自学' });
  const rule = await post('/meeting-rules', { kind_id: kinds.theme_day, org_type: '党支部', frequency: 'month' });
  const label = await post('/lecture-labels', { kind: 'theme', name: 'MX 主题' });
  // index schemes and evaluations: the demo's 先锋指数 in several states
  const vanguard = (await A('/schemes?active=1')).items.find((s) => s.code === 'vanguard');
  const scheme = await A(`/schemes/${vanguard.id}`);
  const civility = scheme.indicators.flatMap((i) => [i, ...(i.children || [])]).find((i) => i.code === 'civility');
  // last quarter: every demo member belongs to it (periods may repeat)
  const today = shanghaiDate(0);
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const period = q === 0 ? `${Number(today.slice(0, 4)) - 1}Q4` : `${today.slice(0, 4)}Q${q}`;
  const evaluation = async (states) => {
    const e = await post('/evaluations', { scheme_id: vanguard.id, period, notice_days: 0 });
    // scores are not all entered: publishing and final name a reason
    for (const state of states) await post(`/evaluations/${e.id}/state`, ['notice', 'final'].includes(state) ? { state, override_reason: '探针：评分未全' } : { state });
    return e;
  };
  const evOpen = await evaluation([]);
  const evNotice = await evaluation(['review', 'notice']);
  const evVote = await evaluation([]);
  for (const p of [p1, p2]) await post(`/evaluations/${evVote.id}/nominations`, { award: 'business', target_id: p.id, reason: '业务能力突出，攻坚成效明显' });
  await post(`/evaluations/${evVote.id}/state`, { state: 'scoring' });
  // the demo's bureau, and a second one made by the province (empty: its only account is its admin)
  const ownBureau = (await A('/bureaus')).items[0];
  const province = await login(srv.url, PROVINCE, ADMIN_PASSWORD);
  const made = await call(srv.url, '/bureaus', { method: 'POST', cookie: province.cookie, csrf: province.csrf, json: { name: '矩阵探针局', code: 'mxother' } });
  assert.equal(made.status, 201, `the province's new bureau: ${made.text}`);
  const otherBureau = made.data.bureau;
  return {
    ownBureau, otherBureau,
    admin, A, b1, b2, bureau, g1, g2, p1, p2, n1, n2, pd, d1, d2, u1, u2, m1, m2, f1, f2, lecture, lectureB1, q1, q2, rule, label,
    vanguard, civility, period, evOpen, evNotice, evVote, evaluation, kinds, yesterday, year: today.slice(0, 4),
    // what marks an answer that shows branch 2: p2's 工号, p2's name when no one else bears it, "MX-B2"
    sentinels: [p2.staff_no, 'MX-B2', ...(people.filter((p) => p.name === p2.name).length === 1 ? [p2.name] : [])],
  };
}

// ---------------------------------------------------------------------------
// The probes: one per route and variant.  make(role, c) returns the request
// ({path, json | body + type, session}) or null when the variant does not apply
// to that caller ('-').  It may prepare records as admin first (c.A), so that
// a probe that deletes or changes state has its own target.
// ---------------------------------------------------------------------------
const probes = [];
const probe = (route, variant, make) => probes.push({ route, variant, make });
/** A probe whose callers do not meet: each caller has its own target, so they run at once. */
const alone = (route, variant, make) => probes.push({ route, variant, make, parallel: true });
const on = (tpl, ...ids) => { let i = 0; return tpl.replace(/\{[a-z_]+\}/g, () => String(ids[i++])); };
/** GET route with {id}s filled from ids(c) for each variant. */
const getIds = (route, variants) => {
  for (const [variant, ids] of Object.entries(variants))
    probe(route, variant, (role, c) => {
      const got = [].concat(ids(c, role));
      return got.includes(null) ? null : { path: on(route.slice(4), ...got) };
    });
};
const selfPerson = (role, c) => c.personOf[role];
let serial = 0; // unique names and numbers for what the probes create
const uniq = (role) => `${role}${++serial}`;

// session and accounts
probe('GET /health', 'none', () => ({ path: '/health' }));
alone('POST /session', 'own credentials', (role) => ({
  path: '/session', session: 'none',
  json: role === 'anon' ? { username: 'nobody_here', password: 'Wrong#Pass2026' } : { username: role, password: pw(role) },
}));
probe('GET /session', 'own', () => ({ path: '/session' }));
alone('DELETE /session', 'a second session', async (role, c) => ({ path: '/session', session: role === 'anon' ? null : await c.freshSession(role) }));
alone('POST /session/password', 'weak new password', (role) => ({
  path: '/session/password', json: { old_password: pw(role), new_password: 'x' },
}));
// bureaus: the province's; a bureau's own accounts see their own bureau only
probe('GET /bureaus', 'list', () => ({ path: '/bureaus' }));
probe('POST /bureaus', 'a new bureau', (role) => { const n = uniq(role); return { path: '/bureaus', json: { name: `矩阵新局${n}`, code: `mxnew${n}` } }; });
probe('GET /bureaus/rollup', 'this year', (role, c) => ({ path: `/bureaus/rollup?year=${c.year}` }));
probe('GET /bureaus/rollup', 'this year, xlsx', (role, c) => ({ path: `/bureaus/rollup?year=${c.year}&format=xlsx` }));
getIds('GET /bureaus/{id}', { 'own (the demo bureau)': (c) => c.ownBureau.id, 'another bureau': (c) => c.otherBureau.id, missing: () => MISSING });
for (const [variant, b] of [['own (same name)', 'ownBureau'], ['another bureau (same name)', 'otherBureau'], ['missing', null]])
  probe('PATCH /bureaus/{id}', variant, (role, c) => ({ path: `/bureaus/${b ? c[b].id : MISSING}`, json: { name: b ? c[b].name : 'x' } }));
probe('PATCH /bureaus/{id}', 'another bureau (resumed, as it is)', (role, c) => ({ path: `/bureaus/${c.otherBureau.id}`, json: { status: 'active' } }));
getIds('GET /bureaus/{id}/settings', { 'own (the demo bureau)': (c) => c.ownBureau.id, 'another bureau': (c) => c.otherBureau.id, missing: () => MISSING });
for (const [variant, b] of [['own (the demo bureau)', 'ownBureau'], ['another bureau', 'otherBureau'], ['missing', null]])
  probe('PATCH /bureaus/{id}/settings', variant, (role, c) => ({ path: `/bureaus/${b ? c[b].id : MISSING}/settings`, json: { warning_days: null } }));
probe('GET /users', 'list', () => ({ path: '/users?limit=500' }));
alone('POST /users', 'member of 第一支部', (role, c) => ({ path: '/users', json: { username: `mx_${uniq(role)}`, display_name: '探针', roles: [{ role: 'member', org_id: c.b1.id }] } }));
probe('POST /users/batch', 'a person of 第一支部 (with or without an account)', (role, c) => ({ path: '/users/batch', json: { person_ids: [c.p1.id] } }));
alone('POST /users', 'member of 第二支部', (role, c) => ({ path: '/users', json: { username: `mx_${uniq(role)}`, display_name: '探针', roles: [{ role: 'member', org_id: c.b2.id }] } }));
getIds('GET /users/{id}', { 'in (member of 第一支部)': (c) => c.u1.id, 'out (member of 第二支部)': (c) => c.u2.id, self: (c, role) => c.userOf[role]?.id ?? null, missing: () => MISSING });
for (const [variant, u] of [['in (member of 第一支部)', (c) => c.u1], ['out (member of 第二支部)', (c) => c.u2], ['missing', () => ({ id: MISSING, display_name: 'x' })]])
  probe('PATCH /users/{id}', variant, (role, c) => ({ path: `/users/${u(c).id}`, json: { display_name: u(c).display_name } }));
probe('PATCH /users/{id}', 'self (same name)', (role, c) => (role === 'anon' ? { path: `/users/${c.u1.id}`, json: { display_name: '探针一' } }
  : { path: `/users/${c.userOf[role].id}`, json: { display_name: c.userOf[role].display_name } }));
for (const [variant, u] of [['in (member of 第一支部)', (c) => c.u1.id], ['out (member of 第二支部)', (c) => c.u2.id], ['missing', () => MISSING]])
  alone('POST /users/{id}/password', variant, (role, c) => ({ path: `/users/${u(c)}/password`, json: {} }));
probe('GET /audit', 'list', () => ({ path: '/audit?limit=500' }));

// organisational life
probe('GET /meeting-kinds', 'list', () => ({ path: '/meeting-kinds' }));
probe('GET /meeting-rules', 'list', () => ({ path: '/meeting-rules' }));
probe('POST /meeting-rules', 'bureau-wide', (role, c) => ({ path: '/meeting-rules', json: { kind_id: c.kinds.party_lecture, org_type: '党支部', frequency: 'quarter' } }));
getIds('GET /meeting-rules/{id}', { bureau: (c) => c.rule.id, missing: () => MISSING });
for (const [variant, id] of [['bureau', (c) => c.rule.id], ['missing', () => MISSING]])
  probe('PATCH /meeting-rules/{id}', variant, (role, c) => ({ path: `/meeting-rules/${id(c)}`, json: { times: 1 } }));
probe('GET /compliance', 'this year', (role, c) => ({ path: `/compliance?period=${c.year}` }));
probe('GET /warnings', 'list', () => ({ path: '/warnings' }));
probe('GET /statistics/attendance', 'this year', (role, c) => ({ path: `/statistics/attendance?period=${c.year}` }));
probe('GET /statistics/attendance', 'person_id=第二支部', (role, c) => ({ path: `/statistics/attendance?period=${c.year}&person_id=${c.p2.id}` }));
probe('GET /meetings', 'list', () => ({ path: '/meetings?limit=500' }));
probe('GET /meetings', 'org_id=第二支部', (role, c) => ({ path: `/meetings?limit=500&org_id=${c.b2.id}` }));
const meetingBody = (c, org, extra = {}) => ({ org_id: org.id, kind_id: c.kinds.theme_day, held_on: c.yesterday, topic: '探针会议', ...extra });
probe('POST /meetings', 'in (第一支部)', (role, c) => ({ path: '/meetings', json: meetingBody(c, c.b1) }));
probe('POST /meetings', 'out (第二支部)', (role, c) => ({ path: '/meetings', json: meetingBody(c, c.b2) }));
probe('POST /meetings', 'in, host of 第二支部', (role, c) => ({ path: '/meetings', json: meetingBody(c, c.b1, { host_id: c.p2.id }) }));
getIds('GET /meetings/{id}', { 'in (第一支部)': (c) => c.m1.id, 'out (第二支部)': (c) => c.m2.id, missing: () => MISSING });
for (const [variant, id] of [['in (第一支部)', (c) => c.m1.id], ['out (第二支部)', (c) => c.m2.id], ['missing', () => MISSING]])
  probe('PATCH /meetings/{id}', variant, (role, c) => ({ path: `/meetings/${id(c)}`, json: { place: '党员活动室' } }));
probe('PATCH /meetings/{id}', 'in, moved to 第二支部 (its own)', async (role, c) => {
  const m = await c.A('/meetings', { method: 'POST', json: meetingBody(c, c.b1) });
  return { path: `/meetings/${m.id}`, json: { org_id: c.b2.id } };
});
probe('PATCH /meetings/{id}', 'in, host of 第二支部', (role, c) => ({ path: `/meetings/${c.m1.id}`, json: { host_id: c.p2.id } }));
for (const [variant, m, p] of [['in (第一支部 meeting and person)', 'm1', 'p1'], ['in meeting, guest of 第二支部', 'm1', 'p2'], ['out (第二支部 meeting and person)', 'm2', 'p2'], ['missing', null, 'p1']])
  probe('PUT /meetings/{id}/attendance', variant, (role, c) => ({ path: `/meetings/${m ? c[m].id : MISSING}/attendance`, json: { attendance: [{ person_id: c[p].id, status: '出席' }] } }));
// only a guest (not on the expected list) can be taken off; the admin adds one before each call
for (const [variant, m, p] of [['in (第一支部 meeting, non-member guest)', 'm1', 'n1'], ['in meeting, guest of 第二支部', 'm1', 'p2'],
  ['out (第二支部 meeting, non-member guest)', 'm2', 'n2'], ['missing', null, 'p1']])
  probe('DELETE /meetings/{id}/attendance/{person_id}', variant, async (role, c) => {
    if (m) await c.A(`/meetings/${c[m].id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: c[p].id, status: '出席' }] } });
    return { path: `/meetings/${m ? c[m].id : MISSING}/attendance/${c[p].id}` };
  });
probe('POST /files', 'in (第一支部 meeting)', (role, c) => c.uploadTo(c.m1));
probe('POST /files', 'out (第二支部 meeting)', (role, c) => c.uploadTo(c.m2));
getIds('GET /files/{id}', { 'in (第一支部 meeting)': (c) => c.f1.id, 'out (第二支部 meeting)': (c) => c.f2.id, missing: () => MISSING });

// lectures, tests, study
probe('GET /lectures', 'list', () => ({ path: '/lectures?limit=500' }));
probe('POST /lectures', 'lecturer of 第一支部', (role, c) => ({ path: '/lectures', json: { held_on: c.yesterday, topic: '探针讲堂', lecturer_id: c.p1.id } }));
probe('POST /lectures', 'lecturer of 第二支部', (role, c) => ({ path: '/lectures', json: { held_on: c.yesterday, topic: '探针讲堂', lecturer_id: c.p2.id } }));
probe('POST /lectures', 'org 第一支部, lecturer of 第一支部', (role, c) => ({ path: '/lectures', json: { org_id: c.b1.id, held_on: c.yesterday, topic: '探针讲堂', lecturer_id: c.p1.id } }));
probe('POST /lectures', 'org 第一支部, lecturer of 第二支部', (role, c) => ({ path: '/lectures', json: { org_id: c.b1.id, held_on: c.yesterday, topic: '探针讲堂', lecturer_id: c.p2.id } }));
probe('GET /lectures/summary', 'list', () => ({ path: '/lectures/summary' }));
probe('GET /lectures/rota', 'list', () => ({ path: '/lectures/rota' }));
getIds('GET /lectures/{id}', { bureau: (c) => c.lecture.id, 'org 第一支部': (c) => c.lectureB1.id, missing: () => MISSING });
for (const [variant, id] of [['bureau', (c) => c.lecture.id], ['missing', () => MISSING]])
  probe('PATCH /lectures/{id}', variant, (role, c) => ({ path: `/lectures/${id(c)}`, json: { place: '三楼会议室' } }));
for (const [variant, p, l] of [['bureau, person of 第一支部', 'p1', 'lecture'], ['bureau, person of 第二支部', 'p2', 'lecture'],
  ['org 第一支部, person of 第一支部', 'p1', 'lectureB1'], ['org 第一支部, person of 第二支部', 'p2', 'lectureB1'], ['missing', 'p1', null]])
  probe('PUT /lectures/{id}/attendance', variant, (role, c) => ({ path: `/lectures/${l ? c[l].id : MISSING}/attendance`, json: { attendance: [{ person_id: c[p].id, status: '出席' }] } }));
for (const [variant, p, l] of [['bureau, person of 第一支部', 'p1', 'lecture'], ['bureau, person of 第二支部', 'p2', 'lecture'],
  ['org 第一支部, person of 第二支部', 'p2', 'lectureB1'], ['missing', 'p1', null]])
  probe('DELETE /lectures/{id}/attendance/{person_id}', variant, async (role, c) => {
    // a lecture of 第一支部 does not take a member of 第二支部 (issue 11): then there is nothing to take off
    if (l) await c.A(`/lectures/${c[l].id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: c[p].id, status: '出席' }] } }, [200, 400]);
    return { path: `/lectures/${l ? c[l].id : MISSING}/attendance/${c[p].id}` };
  });
probe('GET /lecture-labels', 'list', () => ({ path: '/lecture-labels' }));
probe('POST /lecture-labels', 'bureau', (role) => ({ path: '/lecture-labels', json: { kind: 'theme', name: `探针${uniq(role)}` } }));
for (const [variant, id] of [['bureau', (c) => c.label.id], ['missing', () => MISSING]])
  probe('PATCH /lecture-labels/{id}', variant, (role, c) => ({ path: `/lecture-labels/${id(c)}`, json: { name: 'MX 主题' } }));
probe('GET /quizzes', 'list', () => ({ path: '/quizzes?limit=500' }));
for (const [variant, o] of [['in (第一支部)', 'b1'], ['out (第二支部)', 'b2'], ['bureau', 'bureau']])
  probe('POST /quizzes', variant, (role, c) => ({ path: '/quizzes', json: { org_id: c[o].id, kind: 'contest', title: '探针测试', held_on: c.yesterday, max_score: 100 } }));
getIds('GET /quizzes/{id}', { 'in (第一支部)': (c) => c.q1.id, 'out (第二支部)': (c) => c.q2.id, missing: () => MISSING });
for (const [variant, q] of [['in (第一支部)', 'q1'], ['out (第二支部)', 'q2'], ['missing', null]])
  probe('PATCH /quizzes/{id}', variant, (role, c) => ({ path: `/quizzes/${q ? c[q].id : MISSING}`, json: { description: '探针' } }));
probe('PATCH /quizzes/{id}', 'in, moved to 第二支部 (its own)', async (role, c) => {
  const q = await c.A('/quizzes', { method: 'POST', json: { org_id: c.b1.id, kind: 'contest', title: '探针测试', held_on: c.yesterday, max_score: 100 } });
  return { path: `/quizzes/${q.id}`, json: { org_id: c.b2.id } };
});
getIds('GET /quizzes/{id}/scores', { 'in (第一支部)': (c) => c.q1.id, 'out (第二支部)': (c) => c.q2.id, missing: () => MISSING });
for (const [variant, q, p] of [['in (第一支部 test and person)', 'q1', 'p1'], ['in test, person of 第二支部', 'q1', 'p2'], ['out (第二支部 test and person)', 'q2', 'p2'], ['missing', null, 'p1']])
  probe('PUT /quizzes/{id}/scores', variant, (role, c) => ({ path: `/quizzes/${q ? c[q].id : MISSING}/scores`, json: { scores: [{ person_id: c[p].id, score: 88 }] } }));
for (const [variant, q, p] of [['in (第一支部), dry run', 'q1', 'p1'], ['out (第二支部), dry run', 'q2', 'p2'], ['missing', null, 'p1']])
  probe('POST /quizzes/{id}/scores/import', variant, (role, c) => {
    const mp = multipart([{ name: 'file', filename: 'scores.csv', type: 'text/csv', data: `工号,成绩\r\n${c[p].staff_no},77\r\n` }]);
    return { path: `/quizzes/${q ? c[q].id : MISSING}/scores/import?dry_run=1`, body: mp.body, type: mp.type };
  });
probe('GET /study-records', 'list', () => ({ path: '/study-records?limit=500' }));
probe('GET /study-records', 'person_id=第二支部', (role, c) => ({ path: `/study-records?limit=500&person_id=${c.p2.id}` }));
const studyBody = (p) => ({ person_id: p, studied_on: shanghaiDate(-2), hours: 1, mode: '个人自学', content: '探针' });
probe('POST /study-records', 'in (第一支部)', (role, c) => ({ path: '/study-records', json: studyBody(c.p1.id) }));
probe('POST /study-records', 'out (第二支部)', (role, c) => ({ path: '/study-records', json: studyBody(c.p2.id) }));
probe('POST /study-records', 'self', (role, c) => (selfPerson(role, c) ? { path: '/study-records', json: studyBody(selfPerson(role, c)) } : null));
for (const [variant, p] of [['in (第一支部)', 'p1'], ['out (第二支部)', 'p2'], ['missing', null]])
  probe('DELETE /study-records/{id}', variant, async (role, c) => {
    if (!p) return { path: `/study-records/${MISSING}` };
    const r = await c.A('/study-records', { method: 'POST', json: studyBody(c[p].id) });
    return { path: `/study-records/${r.id}` };
  });
probe('GET /statistics/learning', 'this year', (role, c) => ({ path: `/statistics/learning?period=${c.year}` }));
probe('GET /statistics/learning', 'person_id=第二支部', (role, c) => ({ path: `/statistics/learning?period=${c.year}&person_id=${c.p2.id}` }));

// index schemes and evaluations
const SCHEME = (code) => ({
  code, name: '探针方案', target: 'member', settings: { select: { count: 1, title: '标兵' }, visibility: 'own' },
  indicators: [{ code: 'civ', name: '文明创建', kind: 'entered', entered_by: 'branch_secretary', max_points: 10 }],
});
probe('GET /schemes', 'list', () => ({ path: '/schemes' }));
probe('POST /schemes', 'bureau', (role) => ({ path: '/schemes', json: SCHEME(`mx_${uniq(role)}`) }));
getIds('GET /schemes/{id}', { 'bureau (先锋指数)': (c) => c.vanguard.id, missing: () => MISSING });
for (const [variant, s] of [['bureau (a scheme made here)', true], ['missing', false]])
  alone('PUT /schemes/{id}', variant, async (role, c) => {
    if (!s) return { path: `/schemes/${MISSING}`, json: SCHEME('mx_missing') };
    const code = `mx_${uniq(role)}`;
    const made = await c.A('/schemes', { method: 'POST', json: SCHEME(code) });
    return { path: `/schemes/${made.id}`, json: { ...SCHEME(code), name: '探针方案（修订）' } };
  });
probe('GET /index-sources', 'list', () => ({ path: '/index-sources' }));
probe('GET /evaluations', 'list', () => ({ path: '/evaluations' }));
probe('POST /evaluations', 'bureau', (role, c) => ({ path: '/evaluations', json: { scheme_id: c.vanguard.id, period: c.period, notice_days: 0 } }));
const evalGets = {
  'GET /evaluations/{id}': 'evOpen', 'GET /evaluations/{id}/entries': 'evOpen', 'GET /evaluations/{id}/scores': 'evNotice',
  'GET /evaluations/{id}/ranking': 'evNotice', 'GET /evaluations/{id}/notice': 'evNotice', 'GET /evaluations/{id}/progress': 'evOpen',
  'GET /evaluations/{id}/grid': 'evOpen', 'GET /evaluations/{id}/targets': 'evOpen', 'GET /evaluations/{id}/awards': 'evVote',
  'GET /evaluations/{id}/objections': 'evNotice',
};
const evLabel = { evOpen: 'bureau (open)', evNotice: 'bureau (notice)', evVote: 'bureau (scoring)' };
for (const [route, ev] of Object.entries(evalGets))
  getIds(route, { [evLabel[ev]]: (c) => c[ev].id, missing: () => MISSING });
probe('GET /evaluations/{id}/entries', 'open, target_id=第二支部', (role, c) => ({ path: `/evaluations/${c.evOpen.id}/entries?target_id=${c.p2.id}` }));
for (const [variant, ev] of [['bureau (open)', 'evOpen'], ['missing', null]])
  probe('POST /evaluations/{id}/compute', variant, (role, c) => ({ path: `/evaluations/${ev ? c[ev].id : MISSING}/compute` }));
for (const [variant, fresh] of [['bureau (open -> review, its own)', true], ['missing', false]])
  alone('POST /evaluations/{id}/state', variant, async (role, c) => ({ path: `/evaluations/${fresh ? (await c.evaluation([])).id : MISSING}/state`, json: { state: 'review' } }));
for (const [variant, fresh] of [['bureau (final, its own)', true], ['missing', false]])
  alone('POST /evaluations/{id}/versions', variant, async (role, c) => ({ path: `/evaluations/${fresh ? (await c.evaluation(['review', 'notice', 'final'])).id : MISSING}/versions`, json: { reason: '探针：更正' } }));
for (const [variant, p, ev] of [['open, target of 第一支部', 'p1', 'evOpen'], ['open, target of 第二支部', 'p2', 'evOpen'], ['missing', 'p1', null]])
  probe('POST /evaluations/{id}/entries', variant, (role, c) => ({ path: `/evaluations/${ev ? c[ev].id : MISSING}/entries`, json: { target_id: c[p].id, indicator_id: c.civility.id, points: 8 } }));
for (const [variant, p, ev] of [['open, target of 第一支部', 'p1', true], ['open, target of 第二支部', 'p2', true], ['missing', 'p1', false]])
  probe('DELETE /evaluations/{id}/entries/{entry_id}', variant, async (role, c) => {
    if (!ev) return { path: `/evaluations/${MISSING}/entries/${MISSING}` };
    const e = await c.A(`/evaluations/${c.evOpen.id}/entries`, { method: 'POST', json: { target_id: c[p].id, indicator_id: c.civility.id, points: 7 } });
    return { path: `/evaluations/${c.evOpen.id}/entries/${e.id}` };
  });
for (const [variant, p, ev] of [['open, dry run, 第一支部 person', 'p1', true], ['open, dry run, 第二支部 person', 'p2', true], ['missing', 'p1', false]])
  probe('POST /evaluations/{id}/imports', variant, (role, c) => {
    const mp = multipart([{ name: 'file', filename: 'values.csv', type: 'text/csv', data: `工号,个人绩效考核\r\n${c[p].staff_no},88\r\n` }]);
    return { path: `/evaluations/${ev ? c.evOpen.id : MISSING}/imports?dry_run=1`, body: mp.body, type: mp.type };
  });
for (const [variant, p, ev] of [['target of 第一支部', 'p1', 'evOpen'], ['target of 第二支部', 'p2', 'evOpen'], ['target self', null, 'evNotice'], ['missing', 'p1', null]]) {
  const route = 'GET /evaluations/{id}/targets/{target_id}/explain';
  probe(route, ev === 'evOpen' ? `notice, ${variant}` : variant, (role, c) => {
    const t = p ? c[p].id : selfPerson(role, c);
    if (!t) return null;
    return { path: `/evaluations/${ev ? c.evNotice.id : MISSING}/targets/${t}/explain` };
  });
}
for (const [variant, p, ev] of [['open, target of 第一支部', 'p1', true], ['open, target of 第二支部', 'p2', true], ['missing', 'p1', false]])
  probe('POST /evaluations/{id}/nominations', variant, async (role, c) => {
    if (!ev) return { path: `/evaluations/${MISSING}/nominations`, json: { award: 'business', target_id: c[p].id, reason: '业务能力突出，攻坚成效明显' } };
    // withdraw what an earlier caller nominated, so that each caller meets the same state
    await c.A(`/evaluations/${c.evOpen.id}/nominations`, { method: 'POST', json: { award: 'business', target_id: c[p].id, withdraw: true } }, [200, 201, 204, 400, 404, 409]);
    return { path: `/evaluations/${c.evOpen.id}/nominations`, json: { award: 'business', target_id: c[p].id, reason: '业务能力突出，攻坚成效明显' } };
  });
for (const [variant, p, ev] of [['scoring, nominee of 第一支部', 'p1', true], ['scoring, nominee of 第二支部', 'p2', true], ['missing', 'p1', false]])
  probe('POST /evaluations/{id}/votes', variant, (role, c) => ({ path: `/evaluations/${ev ? c.evVote.id : MISSING}/votes`, json: { award: 'business', target_id: c[p].id } }));
probe('POST /evaluations/{id}/objections', 'notice, own score', (role, c) => ({ path: `/evaluations/${c.evNotice.id}/objections`, json: { reason: '探针：本季度得分似乎有误' } }));
probe('POST /evaluations/{id}/objections', 'notice, score of 第一支部 person', (role, c) => ({ path: `/evaluations/${c.evNotice.id}/objections`, json: { target_id: c.p1.id, reason: '探针：他人的得分似乎有误' } }));
probe('POST /evaluations/{id}/objections', 'missing', (role, c) => ({ path: `/evaluations/${MISSING}/objections`, json: { reason: '探针：本季度得分似乎有误' } }));
for (const [variant, ev] of [['notice, dangyuan\'s objection (its own)', true], ['missing', false]])
  alone('POST /evaluations/{id}/objections/{objection_id}/answer', variant, async (role, c) => {
    if (!ev) return { path: `/evaluations/${MISSING}/objections/${MISSING}/answer`, json: { answer: '探针：维持原分' } };
    const e = await c.evaluation(['review', 'notice']);
    const d = c.clients.dangyuan;
    const o = await call(c.url, `/evaluations/${e.id}/objections`, { method: 'POST', cookie: d.cookie, csrf: d.csrf, json: { reason: '探针：本季度得分似乎有误' } });
    assert.equal(o.status, 201, `dangyuan's objection: ${o.text}`);
    return { path: `/evaluations/${e.id}/objections/${o.data.id}/answer`, json: { answer: '探针：经核对，维持原分' } };
  });

// the organisation tree, departments, people
probe('GET /orgs', 'list', () => ({ path: '/orgs' }));
for (const [variant, o] of [['under 第一支部', 'b1'], ['under 第二支部', 'b2']])
  probe('POST /orgs', variant, (role, c) => ({ path: '/orgs', json: { parent_id: c[o].id, type: '党小组', name: `探针小组${uniq(role)}` } }));
getIds('GET /orgs/{id}', { 'in (第一支部)': (c) => c.b1.id, 'out (第二支部)': (c) => c.b2.id, bureau: (c) => c.bureau.id, missing: () => MISSING });
for (const [variant, o] of [['in (第一支部, same name)', 'b1'], ['out (第二支部, same name)', 'b2'], ['missing', null]])
  probe('PATCH /orgs/{id}', variant, (role, c) => ({ path: `/orgs/${o ? c[o].id : MISSING}`, json: { name: o ? c[o].name : 'x' } }));
// a move to where it already is: allowed callers get 400 (nothing moves), the others 403
for (const [variant, o] of [['in (第一支部, to its own parent)', 'b1'], ['out (第二支部, to its own parent)', 'b2'], ['missing', null]])
  probe('POST /orgs/{id}/move', variant, (role, c) => ({ path: `/orgs/${o ? c[o].id : MISSING}/move`, json: { parent_id: o ? c[o].parent_id : c.b1.parent_id } }));
for (const [variant, o, p] of [['in (第一支部, its person)', 'b1', 'p1'], ['in 第一支部, person of 第二支部', 'b1', 'p2'],
  ['in 第一支部党小组, person of 第二支部', 'g1', 'p2'], ['out (第二支部, its person)', 'b2', 'p2'], ['missing', null, 'p1']])
  probe('POST /orgs/{id}/committee', variant, (role, c) => ({ path: `/orgs/${o ? c[o].id : MISSING}/committee`, json: { person_id: c[p].id, post: '委员' } }));
for (const [variant, o, p] of [['in (第一支部)', 'b1', 'p1'], ['out (第二支部)', 'b2', 'p2'], ['missing', null, null]])
  probe('DELETE /orgs/{id}/committee/{member_id}', variant, async (role, c) => {
    if (!o) return { path: `/orgs/${c.b1.id}/committee/${MISSING}` };
    const r = await c.A(`/orgs/${c[o].id}/committee`, { method: 'POST', json: { person_id: c[p].id, post: '委员' } });
    const member = (r.committee || []).filter((x) => x.person_id === c[p].id).pop() ?? r;
    return { path: `/orgs/${c[o].id}/committee/${member.id}` };
  });
probe('GET /departments', 'list', () => ({ path: '/departments' }));
for (const [variant, o] of [['linked to 第一支部', 'b1'], ['linked to 第二支部', 'b2']])
  probe('POST /departments', variant, (role, c) => ({ path: '/departments', json: { name: `探针科${uniq(role)}`, branch_id: c[o].id } }));
getIds('GET /departments/{id}', { 'in (办公室, 第一支部)': (c) => c.d1.id, 'out (linked to 第二支部)': (c) => c.d2.id, missing: () => MISSING });
for (const [variant, d] of [['in (办公室, same name)', 'd1'], ['out (linked to 第二支部, same name)', 'd2'], ['missing', null]])
  probe('PATCH /departments/{id}', variant, (role, c) => ({ path: `/departments/${d ? c[d].id : MISSING}`, json: { name: d ? c[d].name : 'x' } }));
probe('GET /people', 'list', () => ({ path: '/people?limit=500' }));
probe('GET /people', 'branch_id=第二支部', (role, c) => ({ path: `/people?limit=500&branch_id=${c.b2.id}` }));
const newPerson = (c, role, branch) => {
  const n = ++serial;
  return {
    staff_no: `MX${String(n).padStart(4, '0')}`, name: '探针同志', gender: '女', birth_date: '1995-03-08',
    id_number: idNumber('410105', '1995-03-08', false, 200 + n), political_status: '中共党员',
    joined_party_on: '2019-07-01', full_member_on: '2020-07-01', phone: '13700000000', branch_id: branch.id,
  };
};
for (const [variant, o] of [['in (第一支部)', 'b1'], ['out (第二支部)', 'b2']])
  probe('POST /people', variant, (role, c) => ({ path: '/people', json: newPerson(c, role, c[o]) }));
for (const [variant, p] of [['in (第一支部 person), dry run', 'p1'], ['out (第二支部 person), dry run', 'p2']])
  probe('POST /people/import', variant, (role, c) => {
    const x = c[p];
    const csv = `工号,姓名,性别,出生日期,政治面貌,所在党支部\r\n${x.staff_no},${x.name},${x.gender},${x.birth_date},${x.political_status},${p === 'p1' ? c.b1.name : c.b2.name}\r\n`;
    const mp = multipart([{ name: 'file', filename: 'roster.csv', type: 'text/csv', data: csv }]);
    return { path: '/people/import?dry_run=1', body: mp.body, type: mp.type };
  });
probe('GET /people/template', 'none', () => ({ path: '/people/template' }));
getIds('GET /people/{id}', { 'in (第一支部)': (c) => c.p1.id, 'out (第二支部)': (c) => c.p2.id, 'of 办公室 (keshi\'s department)': (c) => c.pd.id, missing: () => MISSING });
probe('GET /people/{id}', 'self', (role, c) => (selfPerson(role, c) ? { path: `/people/${selfPerson(role, c)}` } : null));
for (const [variant, p] of [['in (第一支部)', 'p1'], ['out (第二支部)', 'p2'], ['missing', null]])
  probe('PATCH /people/{id}', variant, (role, c) => ({ path: `/people/${p ? c[p].id : MISSING}`, json: { phone: '13800000000' } }));
probe('PATCH /people/{id}', 'in, transferred to 第二支部 (its own)', async (role, c) => {
  const p = await c.A('/people', { method: 'POST', json: newPerson(c, role, c.b1) });
  return { path: `/people/${p.id}`, json: { branch_id: c.b2.id } };
});
probe('PATCH /people/{id}', 'out, transferred to 第一支部 (its own)', async (role, c) => {
  const p = await c.A('/people', { method: 'POST', json: newPerson(c, role, c.b2) });
  return { path: `/people/${p.id}`, json: { branch_id: c.b1.id } };
});
probe('PATCH /people/{id}', 'self', (role, c) => (selfPerson(role, c) ? { path: `/people/${selfPerson(role, c)}`, json: { phone: '13800000001' } } : null));

// dues (issue 16 item 1): records of both branches made once by dangwei (the 机关党委); "MX-B2" and p2 mark branch 2's
let duesMade = null;
const duesFix = (c) => (duesMade ??= (async () => {
  const D = async (path, json) => {
    const r = await call(c.url, path, { method: 'POST', json, cookie: c.clients.dangwei.cookie, csrf: c.clients.dangwei.csrf });
    assert.ok([200, 201].includes(r.status), `dues fixture ${path}: ${r.status} ${r.text}`);
    return r.data;
  };
  const month = `${c.year}-01`;
  const out = {};
  for (const [k, p, mark] of [['1', c.p1, 'MX-B1'], ['2', c.p2, 'MX-B2']]) {
    out[`base${k}`] = await D('/dues/bases', { person_id: p.id, from_month: month, base_fen: 400000, note: mark });
    // dues from two years back: months for the payment probes (each its own month)
    await D('/dues/bases', { person_id: p.id, from_month: `${Number(c.year) - 2}-01`, base_fen: 400000, note: mark });
    out[`pay${k}`] = await D('/dues/payments', { person_id: p.id, from_month: month, amount_fen: 4000, paid_on: c.yesterday, channel: '现金', note: mark, confirm_late: true });
    out[`red${k}`] = await D('/dues/reductions', { person_id: p.id, from_month: `${c.year}-12`, to_month: `${c.year}-12`, amount_fen: 100, reason: mark, approval_level: 'committee', approved_by: '机关党委', approved_on: c.yesterday });
  }
  out.rem2 = await D('/dues/remittances', { org_id: c.b2.id, month, amount_fen: 4000, remitted_on: c.yesterday, note: 'MX-B2' });
  out.rem1 = await D('/dues/remittances', { org_id: c.b1.id, month, amount_fen: 4000, remitted_on: c.yesterday, note: 'MX-B1' });
  return out;
})());
const duesAs = (c, path, json) => call(c.url, path, { method: 'POST', json, cookie: c.clients.dangwei.cookie, csrf: c.clients.dangwei.csrf }).then((r) => r.data);
let duesMonth = 0; // each payment probe its own month (a month paid twice is 409)
probe('GET /dues/settings', 'bureau', async (role, c) => { await duesFix(c); return { path: '/dues/settings' }; });
probe('POST /dues/settings', 'bureau', (role, c) => ({ path: '/dues/settings', json: { name: 'warning_months', value: '3', effective_from: `2090-${String(++duesMonth % 12 + 1).padStart(2, '0')}`, note: uniq(role) } }));
for (const [variant, own] of [['bureau', true], ['missing', false]])
  probe('DELETE /dues/settings/{id}', variant, async (role, c) => {
    if (!own) return { path: `/dues/settings/${MISSING}` };
    const s = await duesAs(c, '/dues/settings', { name: 'warning_months', value: '3', effective_from: `2091-${String(++duesMonth % 12 + 1).padStart(2, '0')}` });
    return { path: `/dues/settings/${s.id}` };
  });
probe('GET /dues/bases', 'list', async (role, c) => { await duesFix(c); return { path: '/dues/bases' }; });
probe('GET /dues/bases', 'person_id=第二支部', async (role, c) => { await duesFix(c); return { path: `/dues/bases?person_id=${c.p2.id}` }; });
for (const [variant, p] of [['in (第一支部)', 'p1'], ['out (第二支部)', 'p2']])
  probe('POST /dues/bases', variant, (role, c) => ({ path: '/dues/bases', json: { person_id: c[p].id, from_month: `2080-${String(++duesMonth % 12 + 1).padStart(2, '0')}`, base_fen: 300000 } }));
probe('POST /dues/bases/import', 'in (第一支部), dry run', (role, c) => {
  const mp = multipart([{ name: 'file', filename: 'payroll.csv', type: 'text/csv', data: `工号,起始月份,党费基数\r\n${c.p1.staff_no},2081-01,4000\r\n` }]);
  return { path: '/dues/bases/import?dry_run=1', body: mp.body, type: mp.type };
});
for (const [variant, p] of [['in (第一支部)', 'p1'], ['out (第二支部)', 'p2'], ['missing', null]])
  probe('DELETE /dues/bases/{id}', variant, async (role, c) => {
    if (!p) return { path: `/dues/bases/${MISSING}` };
    const b = await duesAs(c, '/dues/bases', { person_id: c[p].id, from_month: `2082-${String(++duesMonth % 12 + 1).padStart(2, '0')}`, base_fen: 300000 });
    return { path: `/dues/bases/${b.id}` };
  });
probe('GET /dues/reductions', 'list', async (role, c) => { await duesFix(c); return { path: '/dues/reductions' }; });
const reduction = (c, p) => ({ person_id: c[p].id, from_month: '2083-01', to_month: '2083-02', amount_fen: 0, reason: '探针', approval_level: 'committee', approved_by: '机关党委', approved_on: c.yesterday });
for (const [variant, p] of [['in (第一支部)', 'p1'], ['out (第二支部)', 'p2']])
  probe('POST /dues/reductions', variant, (role, c) => ({ path: '/dues/reductions', json: reduction(c, p) }));
for (const [variant, p] of [['in (第一支部)', 'p1'], ['out (第二支部)', 'p2'], ['missing', null]])
  probe('DELETE /dues/reductions/{id}', variant, async (role, c) => {
    if (!p) return { path: `/dues/reductions/${MISSING}` };
    const r = await duesAs(c, '/dues/reductions', reduction(c, p));
    return { path: `/dues/reductions/${r.id}` };
  });
probe('GET /dues/payments', 'list', async (role, c) => { await duesFix(c); return { path: '/dues/payments?limit=500' }; });
probe('GET /dues/payments', 'person_id=第二支部', async (role, c) => { await duesFix(c); return { path: `/dues/payments?person_id=${c.p2.id}` }; });
// each payment probe pays its own month: two years back for POST, last year for DELETE (nine callers a person, twelve months)
const payment = (c, p, month) => ({ person_id: c[p].id, from_month: month, amount_fen: 4000, paid_on: c.yesterday, channel: '现金', confirm_late: true });
const payCount = { post: 0, del: 0 };
const nextDuesMonth = (c, kind) => `${Number(c.year) - (kind === 'post' ? 2 : 1)}-${String(payCount[kind]++ % 12 + 1).padStart(2, '0')}`;
for (const [variant, p] of [['in (第一支部)', 'p1'], ['out (第二支部)', 'p2']])
  probe('POST /dues/payments', variant, async (role, c) => {
    await duesFix(c);
    return { path: '/dues/payments', json: payment(c, p, nextDuesMonth(c, 'post')) };
  });
for (const [variant, p] of [['in (第一支部)', 'p1'], ['out (第二支部)', 'p2'], ['missing', null]])
  probe('DELETE /dues/payments/{id}', variant, async (role, c) => {
    if (!p) return { path: `/dues/payments/${MISSING}` };
    await duesFix(c);
    const r = await duesAs(c, '/dues/payments', payment(c, p, nextDuesMonth(c, 'del')));
    return { path: `/dues/payments/${r.id}` };
  });
probe('GET /dues/remittances', 'list', async (role, c) => { await duesFix(c); return { path: '/dues/remittances' }; });
probe('GET /dues/remittances', 'org_id=第二支部, xlsx', async (role, c) => { await duesFix(c); return { path: `/dues/remittances?org_id=${c.b2.id}&format=xlsx` }; });
for (const [variant, o] of [['in (第一支部)', 'b1'], ['out (第二支部)', 'b2']])
  probe('POST /dues/remittances', variant, (role, c) => ({ path: '/dues/remittances', json: { org_id: c[o].id, month: `20${String(10 + (++duesMonth % 15)).padStart(2, '0')}-0${duesMonth % 9 + 1}`, amount_fen: 100, remitted_on: c.yesterday } }));
for (const [variant, o] of [['in (第一支部)', 'b1'], ['out (第二支部)', 'b2'], ['missing', null]])
  probe('DELETE /dues/remittances/{id}', variant, async (role, c) => {
    if (!o) return { path: `/dues/remittances/${MISSING}` };
    const r = await duesAs(c, '/dues/remittances', { org_id: c[o].id, month: `19${String(50 + (++duesMonth % 40))}-0${duesMonth % 9 + 1}`, amount_fen: 100, remitted_on: c.yesterday });
    return { path: `/dues/remittances/${r.id}` };
  });
probe('GET /dues/members', 'list', async (role, c) => { await duesFix(c); return { path: '/dues/members' }; });
probe('GET /dues/members', 'org_id=第二支部', async (role, c) => { await duesFix(c); return { path: `/dues/members?org_id=${c.b2.id}` }; });
probe('GET /dues/report', 'this year', async (role, c) => { await duesFix(c); return { path: `/dues/report?period=${c.year}` }; });
probe('GET /dues/report', 'this year, xlsx', async (role, c) => { await duesFix(c); return { path: `/dues/report?period=${c.year}&format=xlsx` }; });
probe('GET /dues/statement', 'own', async (role, c) => { await duesFix(c); return { path: '/dues/statement' }; });
probe('GET /dues/statement', 'person_id=第二支部', async (role, c) => { await duesFix(c); return { path: `/dues/statement?person_id=${c.p2.id}` }; });

// supervision of conduct (api_inspections.c): an inspection of the bureau with a finding in each branch,
// made once as admin (the party administrator oversees conduct; deciding is the 纪检 lead's)
const sv = (c) => (c.svp ??= (async () => {
  const rules = (await c.A('/conduct-rules')).items;
  const insp = await c.A('/inspections', { method: 'POST', json: { kind: 'daily', held_on: c.yesterday, inspectors: '探针纪检' } });
  const finding = (p) => c.A(`/inspections/${insp.id}/findings`, { method: 'POST', json: { rule_id: rules[0].id, person_ids: [c[p].id], description: `探针问题 ${p}` } });
  const f1 = await finding('p1');
  const f2 = await finding('p2');
  return { rules, insp, f1, f2, finding };
})());
probe('GET /conduct-rules', 'list', () => ({ path: '/conduct-rules' }));
probe('POST /conduct-rules', 'a new rule', (role) => ({ path: '/conduct-rules', json: { code: `mx_${uniq(role)}`, text: '探针条款', severity: '一般', deduct_points: 1 } }));
for (const [variant, missing] of [['the first rule (same text)', false], ['missing', true]])
  probe('PATCH /conduct-rules/{id}', variant, async (role, c) => {
    const r = (await sv(c)).rules[0];
    return { path: `/conduct-rules/${missing ? MISSING : r.id}`, json: { text: r.text } };
  });
probe('GET /inspections', 'list', () => ({ path: '/inspections?limit=500' }));
probe('GET /inspections', 'list, xlsx', () => ({ path: '/inspections?format=xlsx' }));
for (const [variant, o] of [['of the bureau', 'bureau'], ['of 第一支部', 'b1'], ['of 第二支部', 'b2']])
  probe('POST /inspections', variant, (role, c) => ({ path: '/inspections', json: { org_id: c[o].id, kind: 'spot', held_on: c.yesterday, inspectors: '探针' } }));
probe('GET /inspections/statistics', 'this year', (role, c) => ({ path: `/inspections/statistics?year=${c.year}` }));
for (const [variant, missing] of [['of the bureau', false], ['missing', true]])
  probe('GET /inspections/{id}', variant, async (role, c) => ({ path: `/inspections/${missing ? MISSING : (await sv(c)).insp.id}` }));
for (const [variant, p] of [['the bureau\'s, person of 第一支部', 'p1'], ['the bureau\'s, person of 第二支部', 'p2'], ['missing', null]])
  probe('POST /inspections/{id}/findings', variant, async (role, c) => {
    const x = await sv(c);
    return { path: `/inspections/${p ? x.insp.id : MISSING}/findings`, json: { rule_id: x.rules[1].id, person_ids: [c[p || 'p1'].id], description: '探针' } };
  });
probe('GET /findings', 'list', () => ({ path: '/findings?limit=500' }));
probe('GET /findings', 'mine', () => ({ path: '/findings?mine=1' }));
probe('GET /findings', 'list, xlsx', () => ({ path: '/findings?format=xlsx' }));
probe('GET /findings/bulletin', 'this month', (role, c) => ({ path: `/findings/bulletin?month=${c.yesterday.slice(0, 7)}` }));
for (const [variant, f] of [['in (第一支部)', 'f1'], ['out (第二支部)', 'f2'], ['missing', null]])
  probe('GET /findings/{id}', variant, async (role, c) => ({ path: `/findings/${f ? (await sv(c))[f].id : MISSING}` }));
for (const [variant, p] of [['in (第一支部)', 'p1'], ['out (第二支部)', 'p2'], ['self', 'self'], ['missing', null]])
  probe('POST /findings/{id}/explanation', variant, async (role, c) => {
    if (p === 'self' && !selfPerson(role, c)) return null;
    if (!p) return { path: `/findings/${MISSING}/explanation`, json: { explanation: '探针说明' } };
    const x = await sv(c);
    const f = await c.A(`/inspections/${x.insp.id}/findings`, { method: 'POST', json: { rule_id: x.rules[0].id, person_ids: [p === 'self' ? selfPerson(role, c) : c[p].id], description: '探针' } });
    return { path: `/findings/${f.id}/explanation`, json: { explanation: '探针说明' } };
  });
for (const [variant, p] of [['in (第一支部)', 'p1'], ['out (第二支部)', 'p2'], ['missing', null]])
  probe('POST /findings/{id}/decision', variant, async (role, c) => {
    if (!p) return { path: `/findings/${MISSING}/decision`, json: { state: 'dismissed' } };
    const f = await (await sv(c)).finding(p);
    return { path: `/findings/${f.id}/decision`, json: { state: 'dismissed' } };
  });
probe('GET /conduct-reviews', 'list', () => ({ path: '/conduct-reviews' }));
for (const [variant, f] of [['evidence of a finding of 第一支部', 'f1'], ['evidence of a finding of 第二支部', 'f2']])
  probe('POST /files', variant, async (role, c) => {
    const mp = multipart([{ name: 'file', filename: 'evidence.png', type: 'image/png', data: PNG },
      { name: 'object_type', data: 'finding' }, { name: 'object_id', data: String((await sv(c))[f].id) }]);
    return { path: '/files', body: mp.body, type: mp.type };
  });
probe('POST /conduct-reviews', 'no findings', (role, c) => ({ path: '/conduct-reviews', json: { period: `${c.yesterday.slice(0, 4)}Q${Math.floor((Number(c.yesterday.slice(5, 7)) - 1) / 3) + 1}`, held_on: c.yesterday, conclusions: '探针讲评' } }));

// meeting life cycle (issue 12, item 2): each caller acts on a plan or record of its own, made by the admin
const planIn = (c, org) => c.A('/meetings', { method: 'POST', json: { org_id: org.id, kind_id: c.kinds.branch_assembly, held_on: shanghaiDate(7), status: 'planned', topic: '探针计划' } });
const heldIn = (c, org) => c.A('/meetings', { method: 'POST', json: { org_id: org.id, kind_id: c.kinds.theme_day, held_on: c.yesterday, topic: '探针记录' } });
probe('GET /meetings/upcoming', 'own', () => ({ path: '/meetings/upcoming' }));
probe('POST /meetings', 'plan in (第一支部)', (role, c) => ({ path: '/meetings', json: { org_id: c.b1.id, kind_id: c.kinds.theme_day, held_on: shanghaiDate(5), status: 'planned' } }));
for (const [variant, o] of [['in (第一支部)', 'b1'], ['out (第二支部)', 'b2'], ['missing', null]]) {
  probe('POST /meetings/{id}/hold', variant, async (role, c) => ({ path: `/meetings/${o ? (await planIn(c, c[o])).id : MISSING}/hold`, json: { held_on: shanghaiDate(0) } }));
  probe('POST /meetings/{id}/cancel', variant, async (role, c) => ({ path: `/meetings/${o ? (await planIn(c, c[o])).id : MISSING}/cancel`, json: { reason: '探针取消' } }));
  probe('POST /meetings/{id}/void', variant, async (role, c) => ({ path: `/meetings/${o ? (await heldIn(c, c[o])).id : MISSING}/void`, json: { reason: '探针作废' } }));
  probe('POST /meetings/{id}/correct', variant, async (role, c) => ({ path: `/meetings/${o ? (await heldIn(c, c[o])).id : MISSING}/correct`, json: { reason: '探针更正', held_on: shanghaiDate(-2) } }));
  // one's own leave: a plan lists the members of its branch
  probe('POST /meetings/{id}/leave', variant, async (role, c) => ({ path: `/meetings/${o ? (await planIn(c, c[o])).id : MISSING}/leave`, json: { reason: '探针请假' } }));
  probe('DELETE /meetings/{id}/leave', variant, async (role, c) => ({ path: `/meetings/${o ? (await planIn(c, c[o])).id : MISSING}/leave` }));
}
// evidence removed with a reason: each caller a file of its own on the branch's meeting
for (const [variant, m] of [['in (第一支部 meeting)', 'm1'], ['out (第二支部 meeting)', 'm2'], ['missing', null]])
  probe('POST /files/{id}/remove', variant, async (role, c) => {
    if (!m) return { path: `/files/${MISSING}/remove`, json: { reason: '探针移除' } };
    const u = c.uploadTo(c[m]);
    const f = await c.A(u.path, { method: 'POST', body: u.body, type: u.type });
    return { path: `/files/${f.id}/remove`, json: { reason: '探针移除' } };
  });
// a test removed with a reason: each caller a quiz of its own
for (const [variant, o] of [['in (第一支部)', 'b1'], ['out (第二支部)', 'b2'], ['missing', null]])
  probe('POST /quizzes/{id}/remove', variant, async (role, c) => {
    if (!o) return { path: `/quizzes/${MISSING}/remove`, json: { reason: '探针移除' } };
    const q = await c.A('/quizzes', { method: 'POST', json: { org_id: c[o].id, kind: 'test', title: '探针测试', held_on: c.yesterday, max_score: 100 } });
    return { path: `/quizzes/${q.id}/remove`, json: { reason: '探针移除' } };
  });

// tasks and rectifications (issue 14): the fixtures are made once, on the first probe that needs them
const tasksFx = (c) => (c.tasksFx ??= (async () => {
  const task = (org, title, extra = {}) => c.A('/tasks', { method: 'POST', json: { org_id: org.id, title, line: 'business', due_on: `${c.year}-12-31`, ...extra } });
  const t1 = await task(c.b1, 'MX-B1 任务', { owner_person_id: c.p1.id });
  const t2 = await task(c.b2, 'MX-B2 任务', { owner_person_id: c.p2.id });
  const tp2 = await task(c.b2, 'MX-B2 内部任务', { public: false });
  const r1 = await c.A(`/tasks/${t1.id}/reports`, { method: 'POST', json: { percent: 10, note: 'MX-B1 进度' } });
  const r2 = await c.A(`/tasks/${t2.id}/reports`, { method: 'POST', json: { percent: 10, note: 'MX-B2 进度' } });
  const rect = (org, problem, owner) => c.A('/rectifications', { method: 'POST', json: { org_id: org.id, source: 'inspection', problem, owner_person_id: owner.id, due_on: `${c.year}-12-31` } });
  const k1 = await rect(c.b1, 'MX-B1 问题', c.p1);
  const k2 = await rect(c.b2, 'MX-B2 问题', c.p2);
  return { t1, t2, tp2, r1, r2, k1, k2 };
})());
const taskBody = (c, org) => ({ org_id: org.id, title: '探针任务', line: 'party', due_on: `${c.year}-12-31` });
probe('GET /tasks', 'list', async (role, c) => { await tasksFx(c); return { path: '/tasks?limit=500' }; });
probe('GET /tasks', 'mine', async (role, c) => { await tasksFx(c); return { path: '/tasks?mine=1' }; });
probe('GET /tasks/board', 'this year', async (role, c) => { await tasksFx(c); return { path: `/tasks/board?year=${c.year}` }; });
const taskCsv = (c, org) => ['任务,所属组织,条线,截止日期', `探针导入,${org.name},党建工作,${c.year}-12-31`].join('\r\n');
for (const [variant, org] of [['in (第一支部), dry run', 'b1'], ['out (第二支部), dry run', 'b2']])
  probe('POST /tasks/import', variant, (role, c) => {
    const mp = multipart([{ name: 'file', filename: 'tasks.csv', type: 'text/csv', data: taskCsv(c, c[org]) }]);
    return { path: '/tasks/import?dry_run=1', body: mp.body, type: mp.type };
  });
probe('POST /tasks', 'in (第一支部)', (role, c) => ({ path: '/tasks', json: taskBody(c, c.b1) }));
probe('POST /tasks', 'out (第二支部)', (role, c) => ({ path: '/tasks', json: taskBody(c, c.b2) }));
probe('POST /tasks', 'bureau', (role, c) => ({ path: '/tasks', json: taskBody(c, c.bureau) }));
for (const [variant, t] of [['in (第一支部)', 't1'], ['out (第二支部)', 't2'], ['private (第二支部)', 'tp2'], ['missing', null]])
  probe('GET /tasks/{id}', variant, async (role, c) => ({ path: `/tasks/${t ? (await tasksFx(c))[t].id : MISSING}` }));
for (const [variant, t] of [['in (第一支部)', 't1'], ['out (第二支部)', 't2'], ['missing', null]])
  probe('PATCH /tasks/{id}', variant, async (role, c) => ({ path: `/tasks/${t ? (await tasksFx(c))[t].id : MISSING}`, json: { weight: 2 } }));
for (const [variant, t] of [['in (第一支部)', 't1'], ['out (第二支部)', 't2'], ['missing', null]])
  probe('POST /tasks/{id}/reports', variant, async (role, c) => ({ path: `/tasks/${t ? (await tasksFx(c))[t].id : MISSING}/reports`, json: { percent: 20 } }));
probe('POST /tasks/{id}/reports', 'own task (self the owner)', async (role, c) => {
  if (!selfPerson(role, c)) return null;
  const t = await c.A('/tasks', { method: 'POST', json: { ...taskBody(c, c.b2), owner_person_id: selfPerson(role, c) } });
  return { path: `/tasks/${t.id}/reports`, json: { percent: 20 } };
});
probe('POST /files', 'in (第一支部 task report)', async (role, c) => {
  const mp = multipart([{ name: 'file', filename: 'evidence.png', type: 'image/png', data: PNG },
    { name: 'object_type', data: 'task_report' }, { name: 'object_id', data: String((await tasksFx(c)).r1.id) }]);
  return { path: '/files', body: mp.body, type: mp.type };
});
probe('GET /rectifications', 'list', async (role, c) => { await tasksFx(c); return { path: '/rectifications?limit=500' }; });
probe('POST /rectifications', 'in (第一支部)', (role, c) => ({ path: '/rectifications', json: { org_id: c.b1.id, source: 'audit', problem: '探针问题', owner_person_id: c.p1.id, due_on: `${c.year}-12-31` } }));
probe('POST /rectifications', 'out (第二支部)', (role, c) => ({ path: '/rectifications', json: { org_id: c.b2.id, source: 'audit', problem: '探针问题', owner_person_id: c.p2.id, due_on: `${c.year}-12-31` } }));
for (const [variant, k] of [['in (第一支部)', 'k1'], ['out (第二支部)', 'k2'], ['missing', null]])
  probe('GET /rectifications/{id}', variant, async (role, c) => ({ path: `/rectifications/${k ? (await tasksFx(c))[k].id : MISSING}` }));
for (const [variant, k] of [['in (第一支部)', 'k1'], ['out (第二支部)', 'k2'], ['missing', null]])
  probe('PATCH /rectifications/{id}', variant, async (role, c) => ({ path: `/rectifications/${k ? (await tasksFx(c))[k].id : MISSING}`, json: { measures: '探针措施' } }));
// 销号 and reopening each take their own item (closed with evidence for reopening), owned by p1
const ownRect = async (c, org, closed) => {
  const k = await c.A('/rectifications', { method: 'POST', json: { org_id: org.id, source: 'other', problem: '探针销号', owner_person_id: c.p1.id, due_on: `${c.year}-12-31` } });
  const mp = multipart([{ name: 'file', filename: 'evidence.png', type: 'image/png', data: PNG },
    { name: 'object_type', data: 'rectification' }, { name: 'object_id', data: String(k.id) }]);
  await c.A('/files', { method: 'POST', body: mp.body, type: mp.type });
  if (closed) await c.A(`/rectifications/${k.id}/close`, { method: 'POST', json: { note: '探针销号' } });
  return k;
};
for (const [variant, org] of [['in (第一支部)', 'b1'], ['out (第二支部)', 'b2'], ['missing', null]]) {
  probe('POST /rectifications/{id}/close', variant, async (role, c) => ({ path: `/rectifications/${org ? (await ownRect(c, c[org], false)).id : MISSING}/close`, json: { note: '已整改' } }));
  probe('POST /rectifications/{id}/reopen', variant, async (role, c) => ({ path: `/rectifications/${org ? (await ownRect(c, c[org], true)).id : MISSING}/reopen`, json: { reason: '复核未通过' } }));
}

// supervision: talks, risk points, fund processes (issue 13); made once, on first use
const supervision = (c) => (c.supervision ??= (async () => {
  const post = (p, json) => c.A(p, { method: 'POST', json });
  const talk = (o, p, mark) => post('/talks', { org_id: c[o].id, held_on: c.yesterday, kind: '谈心', occasion: `${mark} 谈心`,
    talkers: [c.n1.id], talkees: [c[p].id], content: `${mark} 谈话内容` });
  const t1 = await talk('b1', 'p1', 'MX-B1');
  const t2 = await talk('b2', 'p2', 'MX-B2');
  const risk = await post('/risk-points', { department_id: c.d1.id, post: 'MX 岗', risk: 'MX 风险', level: '中' });
  const fund = await post('/fund-processes', { name: 'MX 资金支出', steps: [{ name: '申请', risk_point_ids: [risk.id] }, { name: '审批' }] });
  return { t1, t2, risk, fund };
})());
const talkBody = (c, o, p) => ({ org_id: c[o].id, held_on: c.yesterday, kind: '谈心', talkers: [c.n1.id], talkees: [c[p].id] });
probe('GET /talks', 'list', async (role, c) => { await supervision(c); return { path: '/talks?limit=500' }; });
probe('GET /talks', 'list, xlsx', async (role, c) => { await supervision(c); return { path: '/talks?format=xlsx' }; });
probe('POST /talks', 'in (第一支部)', (role, c) => ({ path: '/talks', json: talkBody(c, 'b1', 'p1') }));
probe('POST /talks', 'out (第二支部)', (role, c) => ({ path: '/talks', json: talkBody(c, 'b2', 'p2') }));
probe('GET /talks/due', 'list', () => ({ path: '/talks/due' }));
probe('GET /talks/statistics', 'this year', (role, c) => ({ path: `/talks/statistics?year=${c.year}` }));
probe('GET /talks/settings', 'own', () => ({ path: '/talks/settings' }));
probe('PUT /talks/settings', 'as it is', () => ({ path: '/talks/settings', json: { content_roles: ['discipline'] } }));
for (const [variant, t] of [['in (第一支部)', 't1'], ['out (第二支部)', 't2'], ['missing', null]]) {
  probe('GET /talks/{id}', variant, async (role, c) => ({ path: `/talks/${t ? (await supervision(c))[t].id : MISSING}` }));
  probe('PATCH /talks/{id}', variant, async (role, c) => ({ path: `/talks/${t ? (await supervision(c))[t].id : MISSING}`, json: { place: '谈话室' } }));
}
probe('GET /risk-points', 'list', async (role, c) => { await supervision(c); return { path: '/risk-points' }; });
probe('POST /risk-points', 'bureau', () => ({ path: '/risk-points', json: { risk: '探针风险', level: '低' } }));
for (const [variant, on] of [['bureau', true], ['missing', false]]) {
  probe('GET /risk-points/{id}', variant, async (role, c) => ({ path: `/risk-points/${on ? (await supervision(c)).risk.id : MISSING}` }));
  probe('PATCH /risk-points/{id}', variant, async (role, c) => ({ path: `/risk-points/${on ? (await supervision(c)).risk.id : MISSING}`, json: { measures: '探针' } }));
  probe('GET /fund-processes/{id}', variant, async (role, c) => ({ path: `/fund-processes/${on ? (await supervision(c)).fund.id : MISSING}` }));
  probe('PUT /fund-processes/{id}', variant, async (role, c) => ({ path: `/fund-processes/${on ? (await supervision(c)).fund.id : MISSING}`, json: { description: '探针' } }));
}
probe('GET /fund-processes', 'list', async (role, c) => { await supervision(c); return { path: '/fund-processes' }; });
probe('POST /fund-processes', 'bureau', () => ({ path: '/fund-processes', json: { name: '探针流程', steps: [{ name: '甲' }, { name: '乙' }] } }));
const caseOf = (c) => (c.integrityCase ??= c.A('/integrity-cases', { method: 'POST', json: { title: 'MX 案例' } }));
probe('GET /integrity-cases', 'list', async (role, c) => { await caseOf(c); return { path: '/integrity-cases' }; });
probe('POST /integrity-cases', 'bureau', () => ({ path: '/integrity-cases', json: { title: '探针案例' } }));
for (const [variant, on] of [['bureau', true], ['missing', false]]) {
  probe('GET /integrity-cases/{id}', variant, async (role, c) => ({ path: `/integrity-cases/${on ? (await caseOf(c)).id : MISSING}` }));
  probe('PATCH /integrity-cases/{id}', variant, async (role, c) => ({ path: `/integrity-cases/${on ? (await caseOf(c)).id : MISSING}`, json: { lessons: '探针' } }));
}

// service (issue 15): contacts, pairings, registrations, volunteering.  The records are made
// as admin on first use; "MX-B2" marks branch 2's.
const svc = (c) => (c.svc ??= (async () => {
  const P = (path, json) => c.A(path, { method: 'POST', json });
  const contact = (p, tag) => P('/contacts', { person_id: p.id, kind: 'household', name: `${tag} 联系户`, started_on: c.yesterday });
  const activity = (b, tag) => P('/service-activities', { org_id: b.id, kind: 'volunteer', title: `${tag} 志愿服务`, held_on: c.yesterday });
  const s = {
    cin: await contact(c.p1, 'MX-B1'), cout: await contact(c.p2, 'MX-B2'),
    pin: await P('/pairings', { org_id: c.b1.id, partner: 'MX-B1 村', partner_kind: 'village', started_on: c.yesterday }),
    pout: await P('/pairings', { org_id: c.b2.id, partner: 'MX-B2 社区', partner_kind: 'community', started_on: c.yesterday }),
    ain: await activity(c.b1, 'MX-B1'), aout: await activity(c.b2, 'MX-B2'),
  };
  await P('/community-registrations', { person_id: c.p2.id, community: 'MX-B2 社区', registered_on: c.yesterday });
  await P(`/service-activities/${s.aout.id}/signups`, { person_id: c.p2.id });
  s.activity = activity;
  return s;
})());
const getSvc = (route, variants) => {
  for (const [variant, key] of Object.entries(variants))
    probe(route, variant, async (role, c) => ({ path: on(route.slice(4), key ? (await svc(c))[key].id : MISSING) }));
};
probe('GET /contacts', 'list', async (role, c) => (await svc(c), { path: '/contacts?limit=500' }));
for (const [variant, p] of [['in (第一支部)', 'p1'], ['out (第二支部)', 'p2']])
  probe('POST /contacts', variant, (role, c) => ({ path: '/contacts', json: { person_id: c[p].id, kind: 'household', name: '探针联系户', started_on: c.yesterday } }));
probe('GET /contacts/gaps', 'today', async (role, c) => (await svc(c), { path: '/contacts/gaps' }));
for (const [variant, p] of [['person of 第一支部, dry run', 'p1'], ['person of 第二支部, dry run', 'p2']])
  probe('POST /contacts/import', variant, (role, c) => {
    const csv = `工号,联系对象\r\n${c[p].staff_no},探针联系户\r\n`;
    const mp = multipart([{ name: 'file', filename: 'contacts.csv', type: 'text/csv', data: csv }]);
    return { path: '/contacts/import?dry_run=1', body: mp.body, type: mp.type };
  });
getSvc('GET /contacts/{id}', { 'in (第一支部)': 'cin', 'out (第二支部)': 'cout', missing: null });
for (const [variant, k] of [['in (第一支部)', 'cin'], ['out (第二支部)', 'cout'], ['missing', null]]) {
  probe('PATCH /contacts/{id}', variant, async (role, c) => ({ path: `/contacts/${k ? (await svc(c))[k].id : MISSING}`, json: { phone: '13800000002' } }));
  probe('POST /contacts/{id}/visits', variant, async (role, c) => ({ path: `/contacts/${k ? (await svc(c))[k].id : MISSING}/visits`, json: { visited_on: c.yesterday, content: '探针走访' } }));
}
probe('GET /contact-visits', 'list', async (role, c) => (await svc(c), { path: '/contact-visits?limit=500' }));
probe('GET /pairings', 'list', async (role, c) => (await svc(c), { path: '/pairings' }));
for (const [variant, b] of [['in (第一支部)', 'b1'], ['out (第二支部)', 'b2']])
  probe('POST /pairings', variant, (role, c) => ({ path: '/pairings', json: { org_id: c[b].id, partner: '探针村', partner_kind: 'village', started_on: c.yesterday } }));
getSvc('GET /pairings/{id}', { 'in (第一支部)': 'pin', missing: null });
for (const [variant, k] of [['in (第一支部)', 'pin'], ['out (第二支部)', 'pout'], ['missing', null]])
  probe('POST /pairings/{id}/activities', variant, async (role, c) => ({ path: `/pairings/${k ? (await svc(c))[k].id : MISSING}/activities`, json: { held_on: c.yesterday, title: '探针共建' } }));
probe('GET /community-registrations', 'list', async (role, c) => (await svc(c), { path: '/community-registrations?limit=500' }));
probe('POST /community-registrations', 'self', (role, c) => ({ path: '/community-registrations', json: { community: '探针社区', registered_on: c.yesterday } }));
for (const [variant, p] of [['in (第一支部)', 'p1'], ['out (第二支部)', 'p2']]) {
  probe('POST /community-registrations', variant, (role, c) => ({ path: '/community-registrations', json: { person_id: c[p].id, community: '探针社区', registered_on: c.yesterday } }));
  probe('POST /community-registrations/{id}/confirm', variant, async (role, c) => {
    const r = await c.A('/community-registrations', { method: 'POST', json: { person_id: c[p].id, community: '探针社区', registered_on: c.yesterday } });
    return { path: `/community-registrations/${r.id}/confirm`, json: {} };
  });
}
probe('POST /community-registrations/{id}/confirm', 'missing', () => ({ path: `/community-registrations/${MISSING}/confirm`, json: {} }));
probe('GET /service-activities', 'list', async (role, c) => (await svc(c), { path: '/service-activities?limit=500' }));
for (const [variant, b] of [['in (第一支部)', 'b1'], ['out (第二支部)', 'b2']])
  probe('POST /service-activities', variant, (role, c) => ({ path: '/service-activities', json: { org_id: c[b].id, kind: 'masses', title: '探针活动', held_on: c.yesterday } }));
getSvc('GET /service-activities/{id}', { 'in (第一支部)': 'ain', 'out (第二支部)': 'aout', missing: null });
probe('POST /service-activities/{id}/signups', 'self, in (第一支部)', async (role, c) => ({ path: `/service-activities/${(await svc(c)).ain.id}/signups`, json: {} }));
for (const [variant, p] of [['person of 第一支部, in', 'p1'], ['person of 第二支部, in', 'p2']])
  probe('POST /service-activities/{id}/signups', variant, async (role, c) => {
    const a = await (await svc(c)).activity(c.b1, '探针');
    return { path: `/service-activities/${a.id}/signups`, json: { person_id: c[p].id } };
  });
probe('POST /service-activities/{id}/signups', 'missing', () => ({ path: `/service-activities/${MISSING}/signups`, json: {} }));
probe('GET /service-signups', 'list', async (role, c) => (await svc(c), { path: '/service-signups?limit=500' }));
probe('POST /service-signups/{id}/report', 'self', async (role, c) => {
  const person = selfPerson(role, c) ?? (role === 'anon' ? c.p1.id : null);
  if (!person) return null;
  const a = await (await svc(c)).activity(c.b1, '探针');
  const su = await c.A(`/service-activities/${a.id}/signups`, { method: 'POST', json: { person_id: person } });
  return { path: `/service-signups/${su.id}/report`, json: { hours: 2 } };
});
for (const [variant, b, p] of [['in (第一支部)', 'b1', 'p1'], ['out (第二支部)', 'b2', 'p2']])
  probe('POST /service-signups/{id}/confirm', variant, async (role, c) => {
    const a = await (await svc(c)).activity(c[b], '探针');
    const su = await c.A(`/service-activities/${a.id}/signups`, { method: 'POST', json: { person_id: c[p].id } });
    return { path: `/service-signups/${su.id}/confirm`, json: { hours: 2 } };
  });
probe('POST /service-signups/{id}/report', 'missing', () => ({ path: `/service-signups/${MISSING}/report`, json: { hours: 2 } }));
probe('GET /statistics/service', 'this year', async (role, c) => (await svc(c), { path: `/statistics/service?year=${c.year}` }));
// notifications (issue 17): settings, preferences, test messages, the delivery log, the daily job
const testDelivery = async (c) => (c.delivery ??= await c.A('/notify/test', { method: 'POST', json: { channel: 'wecom' } }));
probe('GET /notify/settings', 'own', () => ({ path: '/notify/settings' }));
probe('PUT /notify/settings', 'as it is', () => ({ path: '/notify/settings', json: { daily_time: '08:00' } }));
probe('GET /notify/preferences', 'own', () => ({ path: '/notify/preferences' }));
probe('PUT /notify/preferences', 'own', () => ({ path: '/notify/preferences', json: { quiet_from: '', quiet_to: '' } }));
probe('POST /notify/test', 'a robot not set up', () => ({ path: '/notify/test', json: { channel: 'wecom' } }));
probe('GET /deliveries', 'list', async (role, c) => (await testDelivery(c), { path: '/deliveries' }));
for (const [variant, on] of [['bureau', true], ['missing', false]])
  probe('GET /deliveries/{id}', variant, async (role, c) => ({ path: `/deliveries/${on ? (await testDelivery(c)).id : MISSING}` }));
probe('POST /jobs/daily-reminder/run', 'a past day', () => ({ path: '/jobs/daily-reminder/run', json: { day: '2001-07-01' } }));

// 主体责任清单 and 党建责任书 (issue 14 items 2–3): last year's documents, so that their check is open
const dutiesFx = (c) => (c.dutiesFx ??= (async () => {
  const y = c.year - 1;
  const doc = (json) => c.A('/duty-docs', { method: 'POST', json: { year: y, items: [{ content: 'MX 事项' }], ...json } });
  const d1 = await doc({ kind: 'letter', org_id: c.b1.id });
  const d2 = await doc({ kind: 'letter', org_id: c.b2.id });
  const l1 = await doc({ kind: 'list', person_id: c.p1.id, role: 'dual' });
  return { d1, d2, l1, i1: d1.items[0], i2: d2.items[0] };
})());
probe('GET /duty-docs', 'list', async (role, c) => { await dutiesFx(c); return { path: `/duty-docs?year=${c.year - 1}&limit=500` }; });
probe('GET /duty-docs', 'mine', async (role, c) => { await dutiesFx(c); return { path: '/duty-docs?mine=1' }; });
probe('GET /duty-docs/summary', 'last year', async (role, c) => { await dutiesFx(c); return { path: `/duty-docs/summary?year=${c.year - 1}` }; });
for (const [variant, d] of [['letter of 第一支部', 'd1'], ['letter of 第二支部', 'd2'], ['list of a person of 第一支部', 'l1'], ['missing', null]])
  probe('GET /duty-docs/{id}', variant, async (role, c) => ({ path: `/duty-docs/${d ? (await dutiesFx(c))[d].id : MISSING}` }));
probe('GET /duty-docs/{id}', 'own list (self its person)', async (role, c) => {
  if (!selfPerson(role, c)) return null;
  const d = await c.A('/duty-docs', { method: 'POST', json: { kind: 'list', year: c.year - 1, person_id: selfPerson(role, c) } });
  return { path: `/duty-docs/${d.id}` };
});
probe('POST /duty-docs', 'letter of 第一支部', (role, c) => ({ path: '/duty-docs', json: { kind: 'letter', year: c.year - 1, org_id: c.b1.id } }));
probe('POST /duty-docs/copy', 'last year to a later one', async (role, c) => { await dutiesFx(c); return { path: '/duty-docs/copy', json: { from_year: c.year - 1, to_year: Number(c.year) + 3 } }; });
for (const [variant, d] of [['letter of 第一支部', 'd1'], ['letter of 第二支部', 'd2'], ['missing', null]]) {
  probe('PATCH /duty-docs/{id}', variant, async (role, c) => ({ path: `/duty-docs/${d ? (await dutiesFx(c))[d].id : MISSING}`, json: { signed_on: `${c.year - 1}-01-20` } }));
  probe('POST /duty-docs/{id}/items', variant, async (role, c) => ({ path: `/duty-docs/${d ? (await dutiesFx(c))[d].id : MISSING}/items`, json: { content: '探针事项' } }));
}
for (const [variant, i] of [['of 第一支部\'s letter', 'i1'], ['of 第二支部\'s letter', 'i2'], ['missing', null]]) {
  probe('PATCH /duty-items/{id}', variant, async (role, c) => ({ path: `/duty-items/${i ? (await dutiesFx(c))[i].id : MISSING}`, json: { category: '探针' } }));
  probe('POST /duty-items/{id}/check', variant, async (role, c) => ({ path: `/duty-items/${i ? (await dutiesFx(c))[i].id : MISSING}/check`, json: { result: 'done' } }));
}
for (const [variant, org] of [['letter of 第一支部', 'b1'], ['missing', null]])
  probe('POST /duty-docs/{id}/remove', variant, async (role, c) => {
    if (!org) return { path: `/duty-docs/${MISSING}/remove`, json: { reason: '探针删除' } };
    const d = await c.A('/duty-docs', { method: 'POST', json: { kind: 'letter', year: c.year - 1, org_id: c[org].id } });
    return { path: `/duty-docs/${d.id}/remove`, json: { reason: '探针删除' } };
  });

// warnings engine and inbox (issue 17): stored warnings, their rules, the inbox, announcements
probe('GET /warnings', 'stored, all states', () => ({ path: '/warnings?state=all&limit=500' }));
probe('POST /warnings/refresh', 'own bureau', () => ({ path: '/warnings/refresh', json: {} }));
probe('GET /warnings/{id}', 'missing', () => ({ path: `/warnings/${MISSING}` }));
probe('POST /warnings/{id}/acknowledge', 'missing', () => ({ path: `/warnings/${MISSING}/acknowledge`, json: {} }));
probe('POST /warnings/{id}/dismiss', 'missing', () => ({ path: `/warnings/${MISSING}/dismiss`, json: { reason: '探针' } }));
probe('GET /warning-rules', 'list', () => ({ path: '/warning-rules' }));
probe('PATCH /warning-rules/{id}', 'own bureau', async (role, c) => {
  const rule = (await c.A('/warning-rules')).items.find((r) => r.code === 'department_unlinked');
  return { path: `/warning-rules/${rule.id}`, json: { enabled: true } };
});
probe('PATCH /warning-rules/{id}', 'missing', () => ({ path: `/warning-rules/${MISSING}`, json: { enabled: true } }));
probe('GET /inbox', 'own', () => ({ path: '/inbox' }));
probe('GET /inbox/unread', 'own', () => ({ path: '/inbox/unread' }));
probe('POST /inbox/read-all', 'own', () => ({ path: '/inbox/read-all', json: {} }));
probe('POST /inbox/{id}/read', 'missing', () => ({ path: `/inbox/${MISSING}/read`, json: {} }));
probe('POST /inbox/{id}/unread', 'missing', () => ({ path: `/inbox/${MISSING}/unread`, json: {} }));
probe('GET /announcements', 'list', () => ({ path: '/announcements' }));
for (const [variant, b] of [['to 第一支部', 'b1'], ['to 第二支部', 'b2']])
  probe('POST /announcements', variant, (role, c) => ({ path: '/announcements', json: { org_id: c[b].id, title: '探针通知' } }));
probe('POST /announcements', 'to the bureau', () => ({ path: '/announcements', json: { title: '探针通知' } }));

// member self-service (issue 12, item 3): the QR sign-in code of a meeting of today, the scan,
// study hours reported by dangyuan (第一支部) or zhibu2 (第二支部) themselves
const planToday = (c, b) => c.A('/meetings', { method: 'POST', json: { org_id: c[b].id, kind_id: c.kinds.branch_assembly, held_on: shanghaiDate(0), status: 'planned', topic: '探针签到', starts_at: '23:59' } });
for (const [variant, b] of [['in (第一支部)', 'b1'], ['out (第二支部)', 'b2']])
  probe('POST /meetings/{id}/signin-code', variant, async (role, c) => {
    c.signinMeeting ??= {};
    c.signinMeeting[b] ??= await planToday(c, b);
    return { path: `/meetings/${c.signinMeeting[b].id}/signin-code`, json: { origin: 'https://dj.example.cn' } };
  });
probe('POST /meetings/{id}/signin-code', 'missing', () => ({ path: `/meetings/${MISSING}/signin-code`, json: { origin: 'https://dj.example.cn' } }));
probe('POST /meeting-signins', 'a meeting of 第一支部', async (role, c) => {
  const m = await planToday(c, 'b1');
  const code = await c.A(`/meetings/${m.id}/signin-code`, { method: 'POST', json: { origin: 'https://dj.example.cn' } });
  return { path: '/meeting-signins', json: { token: code.token } };
});
probe('POST /meeting-signins', 'altered token', () => ({ path: '/meeting-signins', json: { token: '1.9999999999.AAAAAAAAAAAAAAAAAAAAAA' } }));
probe('GET /study-reports', 'list', () => ({ path: '/study-reports?limit=500' }));
probe('GET /study-reports', 'person_id=第二支部', (role, c) => ({ path: `/study-reports?limit=500&person_id=${c.p2.id}` }));
const reportBody = () => ({ studied_on: shanghaiDate(-1), hours: 1.5, mode: '个人自学', content: 'MX 学时申报' });
probe('POST /study-reports', 'self', () => ({ path: '/study-reports', json: reportBody() }));
for (const [variant, reporter] of [['in (第一支部)', 'dangyuan'], ['out (第二支部)', 'zhibu2']])
  for (const step of ['approve', 'reject'])
    probe(`POST /study-reports/{id}/${step}`, variant, async (role, c) => {
      const r = await call(c.url, '/study-reports', { method: 'POST', json: reportBody(), cookie: c.clients[reporter].cookie, csrf: c.clients[reporter].csrf });
      assert.equal(r.status, 201, r.text);
      return { path: `/study-reports/${r.data.id}/${step}`, json: { reason: '探针退回' } };
    });
probe('POST /study-reports/{id}/approve', 'missing', () => ({ path: `/study-reports/${MISSING}/approve`, json: {} }));

// 民主评议党员 and 支部书记述职评议 (issue 16 items 3-4): each branch's appraisal of this year and a
// secretary review of branch 1 and of branch 2, made once as admin on first use
const appr = (c) => (c.appr ??= (async () => {
  const P = (path, json) => c.A(path, { method: 'POST', json });
  const a1 = await P('/appraisals', { org_id: c.b1.id, year: Number(c.year), note: 'MX-B1 评议' });
  const a2 = await P('/appraisals', { org_id: c.b2.id, year: Number(c.year), note: 'MX-B2 评议' });
  const r1 = await P('/secretary-reviews', { org_id: c.b1.id, year: Number(c.year) });
  const r2 = await P('/secretary-reviews', { org_id: c.b2.id, year: Number(c.year) });
  return { a1, a2, r1, r2 };
})());
probe('GET /appraisals', 'list', async (role, c) => (await appr(c), { path: '/appraisals' }));
probe('GET /appraisals', 'list, xlsx', async (role, c) => (await appr(c), { path: '/appraisals?format=xlsx' }));
probe('POST /appraisals', 'in (第一支部), exists', async (role, c) => (await appr(c), { path: '/appraisals', json: { org_id: c.b1.id, year: Number(c.year) } }));
probe('GET /appraisals/settings', 'own', () => ({ path: '/appraisals/settings' }));
probe('POST /appraisals/settings', 'bureau', () => ({ path: '/appraisals/settings', json: { effective_from: '2001-01-01', excellent_num: 1, excellent_den: 3 } }));
probe('GET /appraisals/mine', 'own', async (role, c) => (await appr(c), { path: '/appraisals/mine' }));
for (const [variant, k] of [['in (第一支部)', 'a1'], ['out (第二支部)', 'a2'], ['missing', null]]) {
  const id = async (c) => (k ? (await appr(c))[k].id : MISSING);
  probe('GET /appraisals/{id}', variant, async (role, c) => ({ path: `/appraisals/${await id(c)}` }));
  probe('GET /appraisals/{id}/members', variant, async (role, c) => ({ path: `/appraisals/${await id(c)}/members` }));
  probe('PUT /appraisals/{id}/self', variant, async (role, c) => ({ path: `/appraisals/${await id(c)}/self`, json: { self_text: '探针自我评价：认真学习，按时参加组织生活。' } }));
  probe('POST /appraisals/{id}/ballot', variant, async (role, c) => ({ path: `/appraisals/${await id(c)}/ballot`, json: { ratings: [{ person_id: (k === 'a2' ? c.p2 : c.p1).id, grade: '合格' }] } }));
  probe('PUT /appraisals/{id}/grades', variant, async (role, c) => ({ path: `/appraisals/${await id(c)}/grades`, json: { grades: [] } }));
  probe('PUT /appraisals/{id}/members/{person_id}/follow-up', variant, async (role, c) => ({ path: `/appraisals/${await id(c)}/members/${(k === 'a2' ? c.p2 : c.p1).id}/follow-up`, json: { followup_note: '探针' } }));
}
probe('GET /secretary-reviews', 'list', async (role, c) => (await appr(c), { path: '/secretary-reviews' }));
probe('GET /secretary-reviews', 'list, csv', async (role, c) => (await appr(c), { path: '/secretary-reviews?format=csv' }));
probe('POST /secretary-reviews', 'in (第一支部), exists', async (role, c) => (await appr(c), { path: '/secretary-reviews', json: { org_id: c.b1.id, year: Number(c.year) } }));
for (const [variant, k] of [['in (第一支部)', 'r1'], ['out (第二支部)', 'r2'], ['missing', null]]) {
  const id = async (c) => (k ? (await appr(c))[k].id : MISSING);
  probe('GET /secretary-reviews/{id}', variant, async (role, c) => ({ path: `/secretary-reviews/${await id(c)}` }));
  probe('PUT /secretary-reviews/{id}/report', variant, async (role, c) => ({ path: `/secretary-reviews/${await id(c)}/report`, json: { report: '探针述职报告：一年来支部按时召开支部党员大会和支委会，落实三会一课制度。' } }));
  probe('POST /secretary-reviews/{id}/ratings', variant, async (role, c) => ({ path: `/secretary-reviews/${await id(c)}/ratings`, json: { grade: '较好' } }));
}
probe('POST /secretary-reviews/{id}/close', 'missing', () => ({ path: `/secretary-reviews/${MISSING}/close` }));
probe('POST /secretary-reviews/{id}/close', 'out (第二支部)', async (role, c) => ({ path: `/secretary-reviews/${(await appr(c)).r2.id}/close` }));
// cadre development (issue 16 item 5): a posting and a 帮带 pair of each branch's member, made once as admin
const cadre = (c) => (c.cadre ??= (async () => {
  const P = (path, json) => c.A(path, { method: 'POST', json });
  const post1 = await P('/cadre/postings', { person_id: c.p1.id, kind: 'frontline', place: 'MX-B1 一线', start_on: c.yesterday });
  const post2 = await P('/cadre/postings', { person_id: c.p2.id, kind: 'village', place: 'MX-B2 村', start_on: c.yesterday });
  const pair1 = await P('/cadre/mentorships', { mentor_id: c.p1.id, mentee_id: c.n1.id, mode: 'expert_young', goals: 'MX-B1 帮带目标', start_on: c.yesterday });
  const pair2 = await P('/cadre/mentorships', { mentor_id: c.p2.id, mentee_id: c.n2.id, mode: 'veteran_young', goals: 'MX-B2 帮带目标', start_on: c.yesterday });
  return { post1, post2, pair1, pair2 };
})());
probe('GET /cadre/postings', 'list', async (role, c) => (await cadre(c), { path: '/cadre/postings' }));
probe('GET /cadre/postings', 'list, xlsx', async (role, c) => (await cadre(c), { path: '/cadre/postings?format=xlsx' }));
probe('POST /cadre/postings', 'in (第一支部)', (role, c) => ({ path: '/cadre/postings', json: { person_id: c.p1.id, kind: 'frontline', place: '探针一线', start_on: c.yesterday } }));
probe('GET /cadre/mentorships', 'list', async (role, c) => (await cadre(c), { path: '/cadre/mentorships' }));
probe('GET /cadre/mentorships', 'list, csv', async (role, c) => (await cadre(c), { path: '/cadre/mentorships?format=csv' }));
probe('POST /cadre/mentorships', 'in (第一支部)', (role, c) => ({ path: '/cadre/mentorships', json: { mentor_id: c.p1.id, mentee_id: c.n1.id, mode: 'leader_backbone', goals: '探针帮带目标', start_on: c.yesterday } }));
for (const [variant, k] of [['in (第一支部)', '1'], ['out (第二支部)', '2'], ['missing', null]]) {
  probe('PATCH /cadre/postings/{id}', variant, async (role, c) => ({ path: `/cadre/postings/${k ? (await cadre(c))[`post${k}`].id : MISSING}`, json: { note: '探针' } }));
  probe('GET /cadre/mentorships/{id}', variant, async (role, c) => ({ path: `/cadre/mentorships/${k ? (await cadre(c))[`pair${k}`].id : MISSING}` }));
  probe('POST /cadre/mentorships/{id}/reviews', variant, async (role, c) => ({ path: `/cadre/mentorships/${k ? (await cadre(c))[`pair${k}`].id : MISSING}/reviews`, json: { reviewed_on: c.yesterday, rating: '好', summary: '探针考核意见' } }));
}

// 发展党员 and 荣誉 (issue 16 items 2 and 6): records made by admin in each branch, fresh for each write
const applicantIn = (c, b, extra = {}) => c.A('/applicants', { method: 'POST', json: { org_id: c[b].id, name: '探针申请人', birth_date: '1995-01-01', applied_on: '2023-01-10', talked_on: '2023-01-20', ...extra } });
const activistIn = async (c, b) => {
  const a = await applicantIn(c, b);
  return c.A(`/applicants/${a.id}/advance`, { method: 'POST', json: { stage: 'activist', activist_on: '2023-02-01', contact_ids: [c.p1.id] } });
};
const honourIn = (c, b) => c.A('/honours', { method: 'POST', json: { org_id: c[b].id, title: '探针荣誉', level: 'city', issuer: '市直机关工委', awarded_on: c.yesterday } });
probe('GET /applicants', 'list', async (role, c) => (await applicantIn(c, 'b2'), { path: '/applicants?limit=500' }));
probe('GET /applicants', 'org_id=第二支部', (role, c) => ({ path: `/applicants?org_id=${c.b2.id}` }));
for (const [variant, b] of [['in (第一支部)', 'b1'], ['out (第二支部)', 'b2']]) {
  probe('POST /applicants', variant, (role, c) => ({ path: '/applicants', json: { org_id: c[b].id, name: uniq(role), birth_date: '1995-01-01', applied_on: c.yesterday } }));
  probe('GET /applicants/{id}', variant, async (role, c) => ({ path: `/applicants/${(await applicantIn(c, b)).id}` }));
  probe('PATCH /applicants/{id}', variant, async (role, c) => ({ path: `/applicants/${(await applicantIn(c, b)).id}`, json: { note: uniq(role) } }));
  probe('POST /applicants/{id}/advance', variant, async (role, c) => ({ path: `/applicants/${(await applicantIn(c, b)).id}/advance`, json: { stage: 'activist', activist_on: '2023-02-01', contact_ids: [c.p1.id] } }));
  probe('POST /applicants/{id}/reviews', variant, async (role, c) => ({ path: `/applicants/${(await activistIn(c, b)).id}/reviews`, json: { reviewed_on: '2023-05-01' } }));
  probe('POST /applicants/{id}/extend', variant, async (role, c) => ({ path: `/applicants/${(await applicantIn(c, b)).id}/extend`, json: { months: 6 } }));
  probe('POST /honours', variant, (role, c) => ({ path: '/honours', json: { org_id: c[b].id, title: uniq(role), level: 'bureau', issuer: '本局', awarded_on: c.yesterday } }));
  probe('GET /honours/{id}', variant, async (role, c) => ({ path: `/honours/${(await honourIn(c, b)).id}` }));
  probe('PATCH /honours/{id}', variant, async (role, c) => ({ path: `/honours/${(await honourIn(c, b)).id}`, json: { note: uniq(role) } }));
  probe('DELETE /honours/{id}', variant, async (role, c) => ({ path: `/honours/${(await honourIn(c, b)).id}` }));
}
probe('GET /applicants/{id}', 'missing', () => ({ path: `/applicants/${MISSING}` }));
probe('POST /applicants/import', 'in (第一支部), dry run', () => {
  const mp = multipart([{ name: 'file', filename: 'applicants.csv', type: 'text/csv', data: '所在支部,姓名,出生日期,申请日期\r\n机关第一党支部,探针,1995-01-01,2024-01-01\r\n' }]);
  return { path: '/applicants/import?dry_run=1', body: mp.body, type: mp.type };
});
probe('GET /applicant-settings', 'bureau', () => ({ path: '/applicant-settings' }));
probe('POST /applicant-settings', 'bureau', (role, c) => ({ path: '/applicant-settings', json: { name: 'notice_days', value: 5, effective_from: `2090-01-${String(++serial % 28 + 1).padStart(2, '0')}` } }));
for (const [variant, own] of [['bureau', true], ['missing', false]])
  probe('DELETE /applicant-settings/{id}', variant, async (role, c) => {
    if (!own) return { path: `/applicant-settings/${MISSING}` };
    const st = await c.A('/applicant-settings', { method: 'POST', json: { name: 'notice_days', value: 6, effective_from: `2091-${String(++serial % 12 + 1).padStart(2, '0')}-01` } });
    return { path: `/applicant-settings/${st.id}` };
  });
probe('GET /honours', 'list', async (role, c) => (await honourIn(c, 'b2'), { path: '/honours?limit=500' }));
probe('GET /honours/{id}', 'missing', () => ({ path: `/honours/${MISSING}` }));
probe('POST /honours/import', 'bureau, dry run', () => {
  const mp = multipart([{ name: 'file', filename: 'honours.csv', type: 'text/csv', data: '荣誉名称,级别,授予机关,获得日期\r\n探针荣誉,局级,本局,2024-01-01\r\n' }]);
  return { path: '/honours/import?dry_run=1', body: mp.body, type: mp.type };
});

// ideas (issue 15): 领导出题·科室献计, 格言.  The records are made as admin on first use.
const ideas = (c) => (c.ideas ??= (async () => {
  const P = (path, json) => c.A(path, { method: 'POST', json });
  const topic = await P('/suggestion-topics', { title: 'MX 题目', opened_on: c.yesterday, deadline: '2099-12-31' });
  const suggestion = await P('/suggestions', { person_id: c.p2.id, topic_id: topic.id, title: 'MX-B2 建议', content: '探针', submitted_on: c.yesterday });
  const motto = await P('/mottos', { person_id: c.p2.id, text: 'MX-B2 格言', submitted_on: c.yesterday });
  await P(`/mottos/${motto.id}/review`, { decision: 'approved', reviewed_on: c.yesterday });
  const fresh = async (adopted) => {
    const s = await P('/suggestions', { person_id: c.p1.id, title: '探针建议', content: '探针', submitted_on: c.yesterday });
    if (adopted) await P(`/suggestions/${s.id}/review`, { decision: 'adopted', reason: '探针' });
    return s;
  };
  return { topic, suggestion, motto, fresh };
})());
probe('GET /suggestion-topics', 'list', async (role, c) => (await ideas(c), { path: '/suggestion-topics' }));
probe('POST /suggestion-topics', 'bureau', (role, c) => ({ path: '/suggestion-topics', json: { title: '探针题目', deadline: '2099-12-31' } }));
for (const [variant, on] of [['bureau', true], ['missing', false]]) {
  probe('GET /suggestion-topics/{id}', variant, async (role, c) => ({ path: `/suggestion-topics/${on ? (await ideas(c)).topic.id : MISSING}` }));
  probe('GET /suggestions/{id}', variant, async (role, c) => ({ path: `/suggestions/${on ? (await ideas(c)).suggestion.id : MISSING}` }));
  probe('POST /suggestions/{id}/review', variant, async (role, c) => ({ path: `/suggestions/${on ? (await (await ideas(c)).fresh(false)).id : MISSING}/review`, json: { decision: 'declined', reason: '探针' } }));
  probe('POST /suggestions/{id}/task', variant, async (role, c) => ({ path: `/suggestions/${on ? (await (await ideas(c)).fresh(true)).id : MISSING}/task`, json: { due_on: '2099-12-31' } }));
  probe('POST /mottos/{id}/review', variant, async (role, c) => {
    const m = on ? await c.A('/mottos', { method: 'POST', json: { person_id: c.p1.id, text: '探针格言' } }) : { id: MISSING };
    return { path: `/mottos/${m.id}/review`, json: { decision: 'approved' } };
  });
}
probe('GET /suggestions', 'list', async (role, c) => (await ideas(c), { path: '/suggestions?limit=500' }));
probe('GET /mottos', 'list', async (role, c) => (await ideas(c), { path: '/mottos?limit=500' }));
probe('GET /mottos/today', 'today', async (role, c) => (await ideas(c), { path: '/mottos/today' }));
probe('POST /suggestions', 'self', () => ({ path: '/suggestions', json: { title: '探针建议', content: '探针' } }));
probe('POST /mottos', 'self', () => ({ path: '/mottos', json: { text: '探针格言' } }));
for (const [variant, p] of [['in (第一支部)', 'p1'], ['out (第二支部)', 'p2']]) {
  probe('POST /suggestions', variant, (role, c) => ({ path: '/suggestions', json: { person_id: c[p].id, title: '探针建议', content: '探针' } }));
  probe('POST /mottos', variant, (role, c) => ({ path: '/mottos', json: { person_id: c[p].id, text: '探针格言' } }));
}

// duty rosters (issue 15): a roster of each branch, made as admin on first use; each write probe
// gets a fresh shift or assignment ("MX-B2" marks branch 2's)
const duty = (c) => (c.duty ??= (async () => {
  const P = (path, json) => c.A(path, { method: 'POST', json });
  const rin = await P('/rosters', { org_id: c.b1.id, kind: 'flood', title: 'MX-B1 值班' });
  const rout = await P('/rosters', { org_id: c.b2.id, kind: 'checkpoint', title: 'MX-B2 值班' });
  let day = 0;
  const shift = async (r) => {
    const d = new Date(Date.UTC(2030, 0, 1) + (day++) * 86400000).toISOString().slice(0, 10); // one day each: no overlaps
    return (await P(`/rosters/${r.id}/shifts`, { from: d, start_time: '08:00', hours: 8, required: 3 })).shifts[0];
  };
  const assignment = async (r, person) => P(`/duty-shifts/${(await shift(r)).id}/assignments`, { person_id: person.id });
  await assignment(rout, c.p2);
  await P('/duty-unavailable', { person_id: c.p2.id, day: '2030-12-31', note: 'MX-B2' });
  return { rin, rout, shift, assignment };
})());
let dutyDay = 0;
const freeDay = () => new Date(Date.UTC(2031, 0, 1) + (dutyDay++) * 86400000).toISOString().slice(0, 10);
probe('GET /rosters', 'list', async (role, c) => (await duty(c), { path: '/rosters' }));
probe('GET /duty-assignments', 'list', async (role, c) => (await duty(c), { path: '/duty-assignments?limit=500' }));
probe('GET /duty-unavailable', 'list', async (role, c) => (await duty(c), { path: '/duty-unavailable?limit=500' }));
for (const [variant, b] of [['in (第一支部)', 'b1'], ['out (第二支部)', 'b2']])
  probe('POST /rosters', variant, (role, c) => ({ path: '/rosters', json: { org_id: c[b].id, kind: 'other', title: '探针值班' } }));
for (const [variant, k] of [['in (第一支部)', 'rin'], ['out (第二支部)', 'rout'], ['missing', null]]) {
  probe('GET /rosters/{id}', variant, async (role, c) => ({ path: `/rosters/${k ? (await duty(c))[k].id : MISSING}` }));
  probe('POST /rosters/{id}/shifts', variant, async (role, c) => ({ path: `/rosters/${k ? (await duty(c))[k].id : MISSING}/shifts`, json: { from: freeDay(), start_time: '20:00', hours: 2, required: 1 } }));
}
for (const [variant, k, p] of [['person of 第一支部, in', 'rin', 'p1'], ['person of 第二支部, out', 'rout', 'p2'], ['missing', null, 'p1']]) {
  probe('POST /duty-shifts/{id}/assignments', variant, async (role, c) => {
    const d = await duty(c);
    return { path: `/duty-shifts/${k ? (await d.shift(d[k])).id : MISSING}/assignments`, json: { person_id: c[p].id } };
  });
  probe('POST /duty-assignments/{id}/absent', variant, async (role, c) => {
    const d = await duty(c);
    return { path: `/duty-assignments/${k ? (await d.assignment(d[k], c[p])).id : MISSING}/absent`, json: { absent: true } };
  });
  probe('POST /duty-assignments/{id}/swap-decision', variant, async (role, c) => {
    const d = await duty(c);
    return { path: `/duty-assignments/${k ? (await d.assignment(d[k], c[p])).id : MISSING}/swap-decision`, json: { decision: 'approved' } };
  });
}
probe('POST /duty-assignments/{id}/swap', 'self', async (role, c) => {
  const person = selfPerson(role, c) ?? (role === 'anon' ? c.p1.id : null);
  if (!person) return null;
  const d = await duty(c);
  const a = await d.assignment(d.rin, { id: person });
  return { path: `/duty-assignments/${a.id}/swap`, json: { to_person_id: c.p1.id === person ? c.p2.id : c.p1.id, reason: '探针' } };
});
probe('POST /duty-assignments/{id}/swap', 'missing', () => ({ path: `/duty-assignments/${MISSING}/swap`, json: { to_person_id: 1, reason: '探针' } }));
probe('POST /duty-unavailable', 'self', () => ({ path: '/duty-unavailable', json: { day: freeDay() } }));
for (const [variant, p] of [['in (第一支部)', 'p1'], ['out (第二支部)', 'p2']])
  probe('POST /duty-unavailable', variant, (role, c) => ({ path: '/duty-unavailable', json: { person_id: c[p].id, day: freeDay() } }));
// documents (issue 18): the PDFs answer as the records they show
getIds('GET /documents/evaluations/{id}/notice', { 'bureau (notice)': (c) => c.evNotice.id, missing: () => MISSING });
getIds('GET /documents/evaluations/{id}/xibao', { 'bureau (notice)': (c) => c.evNotice.id, missing: () => MISSING });
getIds('GET /documents/evaluations/{id}/certificates', { 'bureau (scoring)': (c) => c.evVote.id, missing: () => MISSING });
getIds('GET /documents/meetings/{id}', { 'in (第一支部)': (c) => c.m1.id, 'out (第二支部)': (c) => c.m2.id, missing: () => MISSING });
probe('GET /documents/bulletin', 'this month', (role, c) => ({ path: `/documents/bulletin?month=${c.yesterday.slice(0, 7)}` }));
probe('GET /documents/annual', 'yesterday', (role, c) => ({ path: `/documents/annual?from=${c.yesterday}&to=${c.yesterday}` }));
probe('GET /statistics/annual', 'this year', () => ({ path: '/statistics/annual' }));
// 数据大屏 (issue 18 item 3); the kiosk role's 403 on every other route: screen.test.mjs
probe('GET /screen', 'own bureau', () => ({ path: '/screen' }));
probe('GET /screen/settings', 'own bureau', () => ({ path: '/screen/settings' }));
probe('PUT /screen/settings', 'own bureau, as it is', () => ({ path: '/screen/settings', json: { title: '' } }));
probe('PUT /screen/settings', 'an unknown panel', () => ({ path: '/screen/settings', json: { panels: ['salaries'] } }));
// charts (issue 18 item 5)
getIds('GET /orgs/{id}/index-history', { 'in (第一支部)': (c) => c.b1.id, 'out (第二支部)': (c) => c.b2.id, missing: () => MISSING });
getIds('GET /people/{id}/index-history', { 'in (第一支部)': (c) => c.p1.id, 'out (第二支部)': (c) => c.p2.id, missing: () => MISSING });
probe('GET /people/{id}/index-history', 'self', (role, c) => (selfPerson(role, c) ? { path: `/people/${selfPerson(role, c)}/index-history` } : null));
probe('GET /statistics/attendance/months', 'this year', () => ({ path: '/statistics/attendance/months' }));

// ---------------------------------------------------------------------------

/** Reads run first (on the fixtures as made), then the writes in the order above. */
const ordered = () => [...probes.filter((p) => p.route.startsWith('GET ')), ...probes.filter((p) => !p.route.startsWith('GET '))];

describe(`the access matrix (${BACKEND})`, () => {
  let srv;
  let c;
  const observed = new Map(); // "ROUTE\tVARIANT" -> {route, variant, cells}
  const failures = [];

  before(async () => {
    const dir = makeTempDir();
    const db = makeDemoDb(dir);
    const made = runDj(['province-admin', PROVINCE, '--db', db]);
    assert.equal(made.status, 0, `province-admin: ${made.stdout}\n${made.stderr}`);
    srv = await startServer({ dir, dbPath: db });
    c = await makeFixtures(srv);
    c.url = srv.url;
    c.clients = { anon: { cookie: null, csrf: null } };
    c.personOf = { anon: null };
    c.userOf = {};
    const logins = await Promise.all(ROLES.slice(1).map((role) => login(srv.url, role, pw(role))));
    for (const [i, role] of ROLES.slice(1).entries()) {
      const cl = logins[i];
      c.clients[role] = cl;
      c.personOf[role] = cl.user.person_id || null;
      c.userOf[role] = cl.user;
    }
    c.freshSession = async (role) => login(srv.url, role, pw(role));
    c.uploadTo = (m) => {
      const mp = multipart([{ name: 'file', filename: 'evidence.png', type: 'image/png', data: PNG },
        { name: 'object_type', data: 'meeting' }, { name: 'object_id', data: String(m.id) }]);
      return { path: '/files', body: mp.body, type: mp.type };
    };
  });
  after(async () => { if (srv) await srv.stopClean(); });

  test('every route of routes.c has a probe, every probe a route', () => {
    const routes = new Set(parseRoutes().map((r) => routeKey(r.method, r.path)));
    const probed = new Set(probes.map((p) => p.route));
    assert.deepEqual([...routes].filter((r) => !probed.has(r)), [], 'routes without a probe in access_matrix.test.mjs');
    assert.deepEqual([...probed].filter((r) => !routes.has(r)), [], 'probes of routes that routes.c does not have');
  });

  test('every route, every caller: the status in access_matrix.tsv', async () => {
    const sentinel = (text) => c.sentinels.some((s) => text.includes(s));
    const one = async (p, role) => {
      const req = await p.make(role, c);
      if (!req) return '-';
      const method = p.route.split(' ')[0];
      let who = c.clients[role];
      if (req.session === 'none') who = { cookie: null, csrf: null };
      else if (req.session) who = req.session;
      let r;
      try {
        r = await call(srv.url, req.path, { method, json: req.json, body: req.body, type: req.type, cookie: who.cookie, csrf: who.csrf });
      } catch (e) {
        e.message = `${p.route} [${p.variant}] as ${role}: ${e.message}`; // which caller broke the contract
        throw e;
      }
      return String(r.status) + (method === 'GET' && r.status < 300 && sentinel(r.text) ? '+' : '');
    };
    const times = [];
    for (const p of ordered()) {
      const t0 = Date.now();
      const cells = {};
      if (p.route.startsWith('GET ') || p.parallel) {
        const got = await Promise.all(ROLES.map((role) => one(p, role)));
        ROLES.forEach((role, i) => { cells[role] = got[i]; });
      } else {
        for (const role of ROLES) cells[role] = await one(p, role);
      }
      observed.set(`${p.route}\t${p.variant}`, { route: p.route, variant: p.variant, cells });
      times.push([Date.now() - t0, `${p.route} [${p.variant}]`]);
    }
    if (process.env.DJ_MATRIX_TIMES)
      console.log(times.sort((x, y) => y[0] - x[0]).slice(0, 15).map(([ms, what]) => `${ms} ms ${what}`).join('\n'));
    // the table in the order of the probes (as in routes.c, grouped)
    const rows = probes.map((p) => observed.get(`${p.route}\t${p.variant}`));
    if (UPDATE) {
      writeTable(rows);
      writeDocsMatrix(rows);
      console.log(`access matrix: wrote ${rows.length} rows to ${TABLE_TSV} and docs/ACCESS.md`);
      return;
    }
    const table = readTable();
    for (const row of rows) {
      const want = table.get(`${row.route}\t${row.variant}`);
      if (!want) { failures.push(`no row in access_matrix.tsv for ${row.route} [${row.variant}]`); continue; }
      for (const role of ROLES)
        if (want.cells[role] !== row.cells[role])
          failures.push(`${row.route} [${row.variant}] as ${role}: got ${row.cells[role]}, the table says ${want.cells[role]} (line ${want.line})`);
    }
    for (const [key, want] of table)
      if (!observed.has(key)) failures.push(`access_matrix.tsv line ${want.line}: ${want.route} [${want.variant}] names no route or probe`);
    assert.deepEqual(failures, [], 'the access matrix changed (DJ_MATRIX_UPDATE=1 rewrites access_matrix.tsv; see docs/ACCESS.md)');
  });

  test('docs/ACCESS.md shows the table as it is', () => {
    assert.equal(docsMatrix(), tableMarkdown([...readTable().values()]), 'docs/ACCESS.md is behind access_matrix.tsv: DJ_MATRIX_UPDATE=1 rewrites both');
  });

  test('no caller gets a 500', () => {
    const errors = [];
    for (const row of observed.values())
      for (const role of ROLES) if (/^5/.test(row.cells[role])) errors.push(`${row.route} [${row.variant}] as ${role}: ${row.cells[role]}`);
    assert.deepEqual(errors, []);
  });
});
