// The cross-bureau matrix (issue 20, docs/ACCESS.md): one database holding the
// demo bureau A and a second demo bureau B (东城区财政局, code dc, with its year
// of records and a few records made here by B's own accounts).  Every route of
// src/api/routes.c is called by A's roles with B's ids, in the path and inside
// request bodies, and the same request is sent again with an id that no table
// holds.  The test fails when
//   - a route of routes.c has no probe here,
//   - B's id is answered differently from the missing id (status, message or
//     fields: the answer would tell that B's record exists), or with a 403,
//   - a write naming B's id succeeds, or any answer shows something of B
//     (B's bureau name, its accounts, the "DCX" records made here, or the id
//     of one of B's records where a record of that kind is listed),
//   - any list or export (people, meetings, audit, users, statistics, warnings,
//     compliance, rankings, xlsx and CSV) shows something of B,
//   - B's records read by B's administrator differ after the probes,
//   - a status differs from tests/api/cross_bureau.tsv (DJ_MATRIX_UPDATE=1
//     rewrites it), or anything answers 5xx.
// Runs on the backend DJ_TEST_BACKEND names, like the rest of the suite.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { startServer, login, makeTempDir, makeDemoDb, runDj, ADMIN_PASSWORD, BACKEND } from './harness.mjs';
import { parseRoutes, routeKey, call, multipart, idNumber, shanghaiDate, PNG, PREFIX } from './matrix_lib.mjs';

const UPDATE = process.env.DJ_MATRIX_UPDATE === '1';
const MISSING = 987654321;
const ROLES = ['admin', 'dangwei', 'zhibu1', 'keshi', 'jijian', 'dangyuan'];
const TABLE = path.resolve(import.meta.dirname, 'cross_bureau.tsv');
const B_NAME = '东城区财政局';
const B_CODE = 'dc';
const passwordOf = (u) => (u.endsWith('admin') ? ADMIN_PASSWORD : 'Demo@2026dj');

/** What marks an answer that shows B: its name, its accounts, the records made here for B. */
const B_TEXT = [/东城区/, /\bdc\.[a-z]/, /DCX/];
/** Fields that name a record of a kind, in any answer. */
const ID_FIELDS = {
  person_id: ['people'], lecturer_id: ['people'], host_id: ['people'], recorder_id: ['people'],
  target_id: ['people'], org_id: ['orgs'], branch_id: ['orgs'], group_id: ['orgs'], merged_into: ['orgs'],
  meeting_id: ['meetings'], department_id: ['depts'], scheme_id: ['schemes'], evaluation_id: ['evals'],
  file_id: ['files'], quiz_id: ['quizzes'], user_id: ['users'], bureau_id: ['bureaus'],
};
/** The kind of the records a route lists or shows (their "id"). */
const ROUTE_KIND = [
  ['/people', 'people'], ['/orgs', 'orgs'], ['/meetings', 'meetings'], ['/lectures', 'meetings'], ['/quizzes', 'quizzes'],
  ['/study-records', 'study'], ['/departments', 'depts'], ['/users', 'users'], ['/schemes', 'schemes'],
  ['/evaluations', 'evals'], ['/meeting-rules', 'rules'], ['/lecture-labels', 'labels'], ['/bureaus', 'bureaus'],
];

/** The places where an answer shows something of B (empty when none). */
function bLeaks(c, p, text, data) {
  const found = B_TEXT.filter((re) => re.test(text)).map((re) => `text ${re}`);
  if (!data || typeof data !== 'object') return found;
  const kind = ROUTE_KIND.find(([prefix]) => p.split('?')[0].startsWith(prefix))?.[1];
  const checkId = (kinds, v, where) => {
    for (const k of kinds) if (Number.isInteger(v) && c.B.ids[k]?.has(v)) found.push(`${where} = ${v} (${k} of B)`);
  };
  const walk = (v, where, depth) => {
    if (Array.isArray(v)) v.forEach((x, i) => walk(x, `${where}[${i}]`, depth));
    else if (v && typeof v === 'object')
      for (const [k, x] of Object.entries(v)) {
        if (ID_FIELDS[k]) checkId(ID_FIELDS[k], x, `${where}.${k}`);
        // "id" of the route's own records: the answer itself and its list's items
        if (k === 'id' && kind && depth <= 1) checkId([kind], x, `${where}.id`);
        walk(x, `${where}.${k}`, k === 'items' ? depth : depth + 1);
      }
  };
  walk(data, '$', 0);
  return found;
}

/** The text of the sheets of an xlsx file (its shared and inline strings). */
function xlsxText(buf, dir) {
  const f = path.join(dir, `x${Math.random().toString(16).slice(2)}.xlsx`);
  fs.writeFileSync(f, buf);
  try {
    return execFileSync('unzip', ['-p', f], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } finally {
    fs.rmSync(f, { force: true });
  }
}

/** The text of a PDF (documents, issue 18), by poppler's pdftotext. */
function pdfText(buf, dir) {
  const f = path.join(dir, `p${Math.random().toString(16).slice(2)}.pdf`);
  fs.writeFileSync(f, buf);
  try {
    return execFileSync('pdftotext', [f, '-'], { encoding: 'utf8', maxBuffer: 64 << 20 });
  } finally {
    fs.rmSync(f, { force: true });
  }
}

// ---------------------------------------------------------------------------
// The probes.  probe(route, variant, pick, build): pick(c) gives B's id, and
// build(c, id, role) the request ({path, json | body + type}); the same build
// runs again with MISSING.  list(route, variant, build): no id of B, the
// answer must show nothing of B.
// ---------------------------------------------------------------------------
const probes = [];
const probe = (route, variant, pick, build) => probes.push({ route, variant, pick, build });
const list = (route, variant, build) => probes.push({ route, variant, build, list: true });
const get = (route, variant, pick) => probe(route, variant, pick, (c, id) => ({ path: route.slice(4).replace(/\{id\}/, id) }));
let serial = 0;
const uniq = () => `${++serial}`;
const yesterday = shanghaiDate(-1);
const meetingBody = (c, extra) => ({ org_id: c.A.b1.id, kind_id: c.kinds.party_lecture, held_on: yesterday, topic: '跨单位探针', ...extra });
const fileUpload = (objectId) => {
  const mp = multipart([{ name: 'file', filename: 'evidence.png', type: 'image/png', data: PNG },
    { name: 'object_type', data: 'meeting' }, { name: 'object_id', data: String(objectId) }]);
  return { path: '/files', body: mp.body, type: mp.type };
};
const csvUpload = (p, csv) => {
  const mp = multipart([{ name: 'file', filename: 'data.csv', type: 'text/csv', data: csv }]);
  return { path: p, body: mp.body, type: mp.type };
};
const SCHEME = (code) => ({
  code, name: '跨单位探针方案', target: 'member', settings: { select: { count: 1, title: '标兵' }, visibility: 'own' },
  indicators: [{ code: 'civ', name: '文明创建', kind: 'entered', entered_by: 'branch_secretary', max_points: 10 }],
});
const newPerson = (c, extra) => {
  const n = ++serial;
  return {
    staff_no: `XB${String(n).padStart(4, '0')}`, name: '跨单位探针', gender: '女', birth_date: '1995-03-08',
    id_number: idNumber('410105', '1995-03-08', false, 300 + n), political_status: '中共党员',
    joined_party_on: '2019-07-01', full_member_on: '2020-07-01', branch_id: c.A.b1.id, ...extra,
  };
};

// session (no ids: nothing of B in the answers)
list('GET /health', 'none', () => ({ path: '/health' }));
list('POST /session', 'B\'s account name with A\'s password', () => ({ path: '/session', session: 'none', json: { username: 'dc.zhibu1', password: 'Demo@2026dj!' } }));
list('GET /session', 'own', () => ({ path: '/session' }));
list('DELETE /session', 'no session', () => ({ path: '/session', session: 'none' }));
list('POST /session/password', 'weak new password', (c, role) => ({ path: '/session/password', json: { old_password: passwordOf(role), new_password: 'x' } }));
// bureaus
list('GET /bureaus', 'list', () => ({ path: '/bureaus' }));
list('POST /bureaus', 'a new bureau', () => ({ path: '/bureaus', json: { name: `探针局${uniq()}`, code: `xb${serial}` } }));
list('GET /bureaus/rollup', 'this year', (c) => ({ path: `/bureaus/rollup?year=${c.year}` }));
get('GET /bureaus/{id}', 'B', (c) => c.B.bureau.id);
get('GET /bureaus/{id}/settings', 'B', (c) => c.B.bureau.id);
probe('PATCH /bureaus/{id}/settings', 'B, a setting', (c) => c.B.bureau.id, (c, id) => ({ path: `/bureaus/${id}/settings`, json: { warning_days: 3 } }));
probe('PATCH /bureaus/{id}', 'B, same name', (c) => c.B.bureau.id, (c, id) => ({ path: `/bureaus/${id}`, json: { name: B_NAME } }));
probe('PATCH /bureaus/{id}', 'B, suspend', (c) => c.B.bureau.id, (c, id) => ({ path: `/bureaus/${id}`, json: { status: 'suspended' } }));
// users
list('GET /users', 'list', () => ({ path: '/users?limit=500' }));
list('GET /users', 'q=dc', () => ({ path: '/users?limit=500&q=dc' }));
probe('POST /users', 'role on B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/users', json: { username: `xb_${uniq()}`, display_name: '探针', roles: [{ role: 'member', org_id: id }] } }));
probe('POST /users/batch', 'B\'s person', (c) => c.B.p.id, (c, id) => ({ path: '/users/batch', json: { person_ids: [id] } }));
probe('POST /users', 'role on A\'s branch, B\'s person', (c) => c.B.p.id, (c, id) => ({ path: '/users', json: { username: `xb_${uniq()}`, display_name: '探针', person_id: id, roles: [{ role: 'member', org_id: c.A.b1.id }] } }));
probe('POST /users', 'dept_head of A\'s root, B\'s department', (c) => c.B.d.id, (c, id) => ({ path: '/users', json: { username: `xb_${uniq()}`, display_name: '探针', roles: [{ role: 'dept_head', org_id: c.A.root.id, department_id: id }] } }));
// (B's code as a prefix is refused by the rule of account names, core/bureaus.h, which tells that the code is taken)
probes.push({ route: 'POST /users', variant: 'B\'s account name', list: true, mustFail: true,
  build: (c) => ({ path: '/users', json: { username: `dc.probe${uniq()}`, display_name: '探针', roles: [{ role: 'member', org_id: c.A.b1.id }] } }) });
get('GET /users/{id}', 'B\'s account', (c) => c.B.user.id);
probe('PATCH /users/{id}', 'B\'s account', (c) => c.B.user.id, (c, id) => ({ path: `/users/${id}`, json: { display_name: '探针' } }));
probe('PATCH /users/{id}', 'A\'s account, role on B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/users/${c.A.user.id}`, json: { roles: [{ role: 'member', org_id: id }] } }));
probe('PATCH /users/{id}', 'A\'s account, linked to B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/users/${c.A.user.id}`, json: { person_id: id } }));
probe('POST /users/{id}/password', 'B\'s account', (c) => c.B.user.id, (c, id) => ({ path: `/users/${id}/password`, json: {} }));
list('GET /audit', 'list', () => ({ path: '/audit?limit=500' }));
probe('GET /audit', 'user_id=B\'s account', (c) => c.B.user.id, (c, id) => ({ path: `/audit?limit=500&user_id=${id}` }));
probe('GET /audit', 'object_id=B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/audit?limit=500&object_type=person&object_id=${id}` }));
// organisational life
list('GET /meeting-kinds', 'list', () => ({ path: '/meeting-kinds' }));
list('GET /meeting-rules', 'list', () => ({ path: '/meeting-rules' }));
list('POST /meeting-rules', 'A\'s own', (c) => ({ path: '/meeting-rules', json: { kind_id: c.kinds.party_lecture, org_type: '党小组', frequency: 'quarter' } }));
get('GET /meeting-rules/{id}', 'B\'s rule', (c) => c.B.rule.id);
probe('PATCH /meeting-rules/{id}', 'B\'s rule', (c) => c.B.rule.id, (c, id) => ({ path: `/meeting-rules/${id}`, json: { times: 2 } }));
list('GET /compliance', 'this year', (c) => ({ path: `/compliance?period=${c.year}` }));
list('GET /warnings', 'list', () => ({ path: '/warnings' }));
list('GET /statistics/attendance', 'this year', (c) => ({ path: `/statistics/attendance?period=${c.year}` }));
probe('GET /statistics/attendance', 'person_id=B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/statistics/attendance?period=${c.year}&person_id=${id}` }));
list('GET /meetings', 'list', () => ({ path: '/meetings?limit=500' }));
probe('GET /meetings', 'org_id=B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/meetings?limit=500&org_id=${id}` }));
probe('POST /meetings', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/meetings', json: meetingBody(c, { org_id: id }) }));
probe('POST /meetings', 'A\'s branch, host of B', (c) => c.B.p.id, (c, id) => ({ path: '/meetings', json: meetingBody(c, { host_id: id }) }));
probe('POST /meetings', 'A\'s branch, recorder of B', (c) => c.B.p.id, (c, id) => ({ path: '/meetings', json: meetingBody(c, { recorder_id: id }) }));
probe('POST /meetings', 'A\'s branch, B\'s theme', (c) => c.B.label.id, (c, id) => ({ path: '/meetings', json: meetingBody(c, { theme_id: id }) }));
get('GET /meetings/{id}', 'B\'s meeting', (c) => c.B.m.id);
probe('PATCH /meetings/{id}', 'B\'s meeting', (c) => c.B.m.id, (c, id) => ({ path: `/meetings/${id}`, json: { place: '探针' } }));
probe('PATCH /meetings/{id}', 'A\'s meeting, host of B', (c) => c.B.p.id, (c, id) => ({ path: `/meetings/${c.A.m.id}`, json: { host_id: id } }));
probe('PATCH /meetings/{id}', 'A\'s meeting, moved to B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/meetings/${c.A.m.id}`, json: { org_id: id } }));
probe('PUT /meetings/{id}/attendance', 'B\'s meeting', (c) => c.B.m.id, (c, id) => ({ path: `/meetings/${id}/attendance`, json: { attendance: [{ person_id: c.A.p.id, status: '出席' }] } }));
probe('PUT /meetings/{id}/attendance', 'A\'s meeting, B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/meetings/${c.A.m.id}/attendance`, json: { attendance: [{ person_id: id, status: '出席' }] } }));
probe('DELETE /meetings/{id}/attendance/{person_id}', 'B\'s meeting and guest', (c) => c.B.m.id, (c, id) => ({ path: `/meetings/${id}/attendance/${c.B.guest.id}` }));
probe('DELETE /meetings/{id}/attendance/{person_id}', 'A\'s meeting, B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/meetings/${c.A.m.id}/attendance/${id}` }));
// lectures, tests, study
list('GET /lectures', 'list', () => ({ path: '/lectures?limit=500' }));
probe('POST /lectures', 'lecturer of B', (c) => c.B.p.id, (c, id) => ({ path: '/lectures', json: { held_on: yesterday, topic: '探针讲堂', lecturer_id: id } }));
probe('POST /lectures', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/lectures', json: { org_id: id, held_on: yesterday, topic: '探针讲堂', lecturer_id: c.A.p.id } }));
probe('POST /lectures', 'B\'s module', (c) => c.B.label.id, (c, id) => ({ path: '/lectures', json: { held_on: yesterday, topic: '探针讲堂', lecturer_id: c.A.p.id, module_id: id } }));
list('GET /lectures/summary', 'this year', () => ({ path: '/lectures/summary' }));
list('GET /lectures/rota', 'this year', () => ({ path: '/lectures/rota' }));
get('GET /lectures/{id}', 'B\'s lecture', (c) => c.B.lecture.id);
probe('PATCH /lectures/{id}', 'B\'s lecture', (c) => c.B.lecture.id, (c, id) => ({ path: `/lectures/${id}`, json: { place: '探针' } }));
probe('PATCH /lectures/{id}', 'A\'s lecture, lecturer of B', (c) => c.B.p.id, (c, id) => ({ path: `/lectures/${c.A.lecture.id}`, json: { lecturer_id: id } }));
probe('PATCH /lectures/{id}', 'A\'s lecture, B\'s theme', (c) => c.B.label.id, (c, id) => ({ path: `/lectures/${c.A.lecture.id}`, json: { theme_id: id } }));
probe('PUT /lectures/{id}/attendance', 'B\'s lecture', (c) => c.B.lecture.id, (c, id) => ({ path: `/lectures/${id}/attendance`, json: { attendance: [{ person_id: c.A.p.id, status: '出席' }] } }));
probe('PUT /lectures/{id}/attendance', 'A\'s lecture, B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/lectures/${c.A.lecture.id}/attendance`, json: { attendance: [{ person_id: id, status: '出席' }] } }));
probe('DELETE /lectures/{id}/attendance/{person_id}', 'B\'s lecture and person', (c) => c.B.lecture.id, (c, id) => ({ path: `/lectures/${id}/attendance/${c.B.p.id}` }));
probe('DELETE /lectures/{id}/attendance/{person_id}', 'A\'s lecture, B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/lectures/${c.A.lecture.id}/attendance/${id}` }));
list('GET /lecture-labels', 'list', () => ({ path: '/lecture-labels' }));
list('POST /lecture-labels', 'A\'s own', () => ({ path: '/lecture-labels', json: { kind: 'module', name: `探针${uniq()}` } }));
probe('PATCH /lecture-labels/{id}', 'B\'s theme', (c) => c.B.label.id, (c, id) => ({ path: `/lecture-labels/${id}`, json: { name: '探针主题' } }));
probe('PATCH /lecture-labels/{id}', 'B\'s theme, empty name', (c) => c.B.label.id, (c, id) => ({ path: `/lecture-labels/${id}`, json: { name: '' } }));
list('GET /quizzes', 'list', () => ({ path: '/quizzes?limit=500' }));
probe('POST /quizzes', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/quizzes', json: { org_id: id, kind: 'contest', title: '探针测试', held_on: yesterday, max_score: 100 } }));
get('GET /quizzes/{id}', 'B\'s test', (c) => c.B.quiz.id);
probe('PATCH /quizzes/{id}', 'B\'s test', (c) => c.B.quiz.id, (c, id) => ({ path: `/quizzes/${id}`, json: { description: '探针' } }));
probe('PATCH /quizzes/{id}', 'A\'s test, moved to B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/quizzes/${c.A.quiz.id}`, json: { org_id: id } }));
get('GET /quizzes/{id}/scores', 'B\'s test', (c) => c.B.quiz.id);
probe('PUT /quizzes/{id}/scores', 'B\'s test', (c) => c.B.quiz.id, (c, id) => ({ path: `/quizzes/${id}/scores`, json: { scores: [{ person_id: c.A.p.id, score: 80 }] } }));
probe('PUT /quizzes/{id}/scores', 'A\'s test, B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/quizzes/${c.A.quiz.id}/scores`, json: { scores: [{ person_id: id, score: 80 }] } }));
probe('POST /quizzes/{id}/scores/import', 'B\'s test, dry run', (c) => c.B.quiz.id, (c, id) => csvUpload(`/quizzes/${id}/scores/import?dry_run=1`, `工号,成绩\r\n${c.A.p.staff_no},77\r\n`));
list('GET /study-records', 'list', () => ({ path: '/study-records?limit=500' }));
probe('GET /study-records', 'person_id=B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/study-records?limit=500&person_id=${id}` }));
probe('POST /study-records', 'B\'s person', (c) => c.B.p.id, (c, id) => ({ path: '/study-records', json: { person_id: id, studied_on: shanghaiDate(-2), hours: 1, mode: '个人自学', content: '探针' } }));
probe('DELETE /study-records/{id}', 'B\'s record', (c) => c.B.study.id, (c, id) => ({ path: `/study-records/${id}` }));
list('GET /statistics/learning', 'this year', (c) => ({ path: `/statistics/learning?period=${c.year}` }));
probe('GET /statistics/learning', 'person_id=B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/statistics/learning?period=${c.year}&person_id=${id}` }));
// indexes
list('GET /schemes', 'list', () => ({ path: '/schemes' }));
list('POST /schemes', 'A\'s own', () => ({ path: '/schemes', json: SCHEME(`xb_${uniq()}`) }));
get('GET /schemes/{id}', 'B\'s 先锋指数', (c) => c.B.scheme.id);
probe('PUT /schemes/{id}', 'B\'s scheme', (c) => c.B.ownScheme.id, (c, id) => ({ path: `/schemes/${id}`, json: { ...SCHEME(c.B.ownScheme.code), name: '探针修订' } }));
list('GET /index-sources', 'list', () => ({ path: '/index-sources' }));
list('GET /evaluations', 'list', () => ({ path: '/evaluations' }));
probe('POST /evaluations', 'B\'s scheme', (c) => c.B.scheme.id, (c, id) => ({ path: '/evaluations', json: { scheme_id: id, period: c.period, notice_days: 0 } }));
for (const sub of ['', '/entries', '/scores', '/ranking', '/notice', '/progress', '/grid', '/targets', '/awards', '/objections'])
  get(`GET /evaluations/{id}${sub}`, 'B\'s, in notice', (c) => c.B.evNotice.id);
probe('GET /evaluations/{id}/entries', 'A\'s, target_id=B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/evaluations/${c.A.evOpen.id}/entries?target_id=${id}` }));
probe('POST /evaluations/{id}/compute', 'B\'s, open', (c) => c.B.evOpen.id, (c, id) => ({ path: `/evaluations/${id}/compute` }));
probe('POST /evaluations/{id}/state', 'B\'s, open -> review', (c) => c.B.evOpen.id, (c, id) => ({ path: `/evaluations/${id}/state`, json: { state: 'review' } }));
probe('POST /evaluations/{id}/versions', 'B\'s, in notice', (c) => c.B.evNotice.id, (c, id) => ({ path: `/evaluations/${id}/versions`, json: { reason: '探针：更正' } }));
probe('POST /evaluations/{id}/entries', 'B\'s, open', (c) => c.B.evOpen.id, (c, id) => ({ path: `/evaluations/${id}/entries`, json: { target_id: c.B.p.id, indicator_id: c.B.civility.id, points: 8 } }));
probe('POST /evaluations/{id}/entries', 'A\'s, target of B', (c) => c.B.p.id, (c, id) => ({ path: `/evaluations/${c.A.evOpen.id}/entries`, json: { target_id: id, indicator_id: c.A.civility.id, points: 8 } }));
probe('POST /evaluations/{id}/entries', 'A\'s, B\'s indicator', (c) => c.B.civility.id, (c, id) => ({ path: `/evaluations/${c.A.evOpen.id}/entries`, json: { target_id: c.A.p.id, indicator_id: id, points: 8 } }));
probe('POST /evaluations/{id}/entries', 'A\'s, B\'s file as evidence', (c) => c.B.file.id, (c, id) => ({ path: `/evaluations/${c.A.evOpen.id}/entries`, json: { target_id: c.A.p.id, indicator_id: c.A.civility.id, points: 8, file_id: id } }));
probe('DELETE /evaluations/{id}/entries/{entry_id}', 'B\'s entry', (c) => c.B.evOpen.id, (c, id) => ({ path: `/evaluations/${id}/entries/${c.B.entry.id}` }));
probe('DELETE /evaluations/{id}/entries/{entry_id}', 'A\'s evaluation, B\'s entry', (c) => c.B.entry.id, (c, id) => ({ path: `/evaluations/${c.A.evOpen.id}/entries/${id}` }));
probe('POST /evaluations/{id}/imports', 'B\'s, dry run', (c) => c.B.evOpen.id, (c, id) => csvUpload(`/evaluations/${id}/imports?dry_run=1`, `工号,个人绩效考核\r\n${c.A.p.staff_no},88\r\n`));
probe('GET /evaluations/{id}/targets/{target_id}/explain', 'B\'s, B\'s person', (c) => c.B.evNotice.id, (c, id) => ({ path: `/evaluations/${id}/targets/${c.B.p.id}/explain` }));
probe('GET /evaluations/{id}/targets/{target_id}/explain', 'A\'s, B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/evaluations/${c.A.evOpen.id}/targets/${id}/explain` }));
probe('POST /evaluations/{id}/nominations', 'B\'s, B\'s person', (c) => c.B.evOpen.id, (c, id) => ({ path: `/evaluations/${id}/nominations`, json: { award: 'business', target_id: c.B.p.id, reason: '业务能力突出，攻坚成效明显' } }));
probe('POST /evaluations/{id}/nominations', 'A\'s, B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/evaluations/${c.A.evOpen.id}/nominations`, json: { award: 'business', target_id: id, reason: '业务能力突出，攻坚成效明显' } }));
probe('POST /evaluations/{id}/votes', 'B\'s, B\'s nominee', (c) => c.B.evOpen.id, (c, id) => ({ path: `/evaluations/${id}/votes`, json: { award: 'business', target_id: c.B.p.id } }));
probe('POST /evaluations/{id}/votes', 'A\'s, B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/evaluations/${c.A.evOpen.id}/votes`, json: { award: 'business', target_id: id } }));
probe('POST /evaluations/{id}/objections', 'B\'s, in notice', (c) => c.B.evNotice.id, (c, id) => ({ path: `/evaluations/${id}/objections`, json: { reason: '探针：本季度得分似乎有误' } }));
probe('POST /evaluations/{id}/objections', 'A\'s in notice, B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/evaluations/${c.A.evNotice.id}/objections`, json: { target_id: id, reason: '探针：得分似乎有误' } }));
probe('POST /evaluations/{id}/objections/{objection_id}/answer', 'B\'s objection', (c) => c.B.evNotice.id, (c, id) => ({ path: `/evaluations/${id}/objections/${c.B.objection.id}/answer`, json: { answer: '探针：维持原分' } }));
probe('POST /evaluations/{id}/objections/{objection_id}/answer', 'A\'s evaluation, B\'s objection', (c) => c.B.objection.id, (c, id) => ({ path: `/evaluations/${c.A.evOpen.id}/objections/${id}/answer`, json: { answer: '探针：维持原分' } }));
// files
probe('POST /files', 'B\'s meeting', (c) => c.B.m.id, (c, id) => fileUpload(id));
get('GET /files/{id}', 'B\'s evidence', (c) => c.B.file.id);
// the tree, departments, people
list('GET /orgs', 'list', () => ({ path: '/orgs' }));
probe('POST /orgs', 'under B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/orgs', json: { parent_id: id, type: '党小组', name: `探针小组${uniq()}` } }));
get('GET /orgs/{id}', 'B\'s branch', (c) => c.B.b1.id);
get('GET /orgs/{id}', 'B\'s root', (c) => c.B.root.id);
probe('PATCH /orgs/{id}', 'B\'s branch, same name', (c) => c.B.b1.id, (c, id) => ({ path: `/orgs/${id}`, json: { name: '机关第一党支部' } }));
probe('PATCH /orgs/{id}', 'A\'s branch merged into B\'s', (c) => c.B.b2.id, (c, id) => ({ path: `/orgs/${c.A.b3.id}`, json: { status: 'merged', merged_into: id } }));
probe('POST /orgs/{id}/move', 'B\'s branch under A\'s root', (c) => c.B.b1.id, (c, id) => ({ path: `/orgs/${id}/move`, json: { parent_id: c.A.root.id } }));
probe('POST /orgs/{id}/move', 'A\'s branch under B\'s root', (c) => c.B.root.id, (c, id) => ({ path: `/orgs/${c.A.b3.id}/move`, json: { parent_id: id } }));
probe('POST /orgs/{id}/committee', 'B\'s branch, A\'s person', (c) => c.B.b1.id, (c, id) => ({ path: `/orgs/${id}/committee`, json: { person_id: c.A.p.id, post: '委员' } }));
probe('POST /orgs/{id}/committee', 'A\'s branch, B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/orgs/${c.A.b1.id}/committee`, json: { person_id: id, post: '委员' } }));
probe('DELETE /orgs/{id}/committee/{member_id}', 'B\'s branch and post', (c) => c.B.b1.id, (c, id) => ({ path: `/orgs/${id}/committee/${c.B.member.id}` }));
probe('DELETE /orgs/{id}/committee/{member_id}', 'A\'s branch, B\'s post', (c) => c.B.member.id, (c, id) => ({ path: `/orgs/${c.A.b1.id}/committee/${id}` }));
list('GET /departments', 'list', () => ({ path: '/departments' }));
probe('POST /departments', 'linked to B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/departments', json: { name: `探针科${uniq()}`, branch_id: id } }));
probe('POST /departments', 'under B\'s department', (c) => c.B.d.id, (c, id) => ({ path: '/departments', json: { name: `探针科${uniq()}`, parent_id: id } }));
get('GET /departments/{id}', 'B\'s department', (c) => c.B.d.id);
probe('PATCH /departments/{id}', 'B\'s department, same name', (c) => c.B.d.id, (c, id) => ({ path: `/departments/${id}`, json: { name: c.B.d.name } }));
probe('PATCH /departments/{id}', 'A\'s, linked to B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/departments/${c.A.d.id}`, json: { branch_id: id, link_start: shanghaiDate(0) } }));
probe('PATCH /departments/{id}', 'A\'s, under B\'s department', (c) => c.B.d.id, (c, id) => ({ path: `/departments/${c.A.d.id}`, json: { parent_id: id } }));
list('GET /people', 'list', () => ({ path: '/people?limit=500' }));
probe('GET /people', 'branch_id=B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/people?limit=500&branch_id=${id}` }));
probe('GET /people', 'department_id=B\'s department', (c) => c.B.d.id, (c, id) => ({ path: `/people?limit=500&department_id=${id}` }));
probe('POST /people', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/people', json: newPerson(c, { branch_id: id }) }));
probe('POST /people', 'A\'s branch, B\'s group', (c) => c.B.g1.id, (c, id) => ({ path: '/people', json: newPerson(c, { group_id: id }) }));
probe('POST /people', 'A\'s branch, B\'s department', (c) => c.B.d.id, (c, id) => ({ path: '/people', json: newPerson(c, { department_id: id }) }));
probe('POST /people/import', 'bureau_id=B, dry run', (c) => c.B.bureau.id, (c, id) => csvUpload(`/people/import?dry_run=1&bureau_id=${id}`,
  `工号,姓名,性别,出生日期,政治面貌,所在党支部\r\n${c.A.p.staff_no},${c.A.p.name},${c.A.p.gender},${c.A.p.birth_date},${c.A.p.political_status},${c.A.b1.name}\r\n`));
list('GET /people/template', 'none', () => ({ path: '/people/template' }));
get('GET /people/{id}', 'B\'s person', (c) => c.B.p.id);
probe('PATCH /people/{id}', 'B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/people/${id}`, json: { phone: '13800000000' } }));
probe('PATCH /people/{id}', 'A\'s person, to B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/people/${c.A.p.id}`, json: { branch_id: id } }));
probe('PATCH /people/{id}', 'A\'s person, B\'s department', (c) => c.B.d.id, (c, id) => ({ path: `/people/${c.A.p.id}`, json: { department_id: id } }));
// supervision of conduct (api_inspections.c)
list('GET /conduct-rules', 'list', () => ({ path: '/conduct-rules' }));
list('POST /conduct-rules', 'A\'s own', () => ({ path: '/conduct-rules', json: { code: `xb_${uniq()}`, text: '探针条款', severity: '一般' } }));
probe('PATCH /conduct-rules/{id}', 'B\'s rule', (c) => c.B.crule.id, (c, id) => ({ path: `/conduct-rules/${id}`, json: { text: '探针' } }));
list('GET /inspections', 'list', () => ({ path: '/inspections?limit=500' }));
probe('POST /inspections', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/inspections', json: { org_id: id, kind: 'spot', held_on: yesterday, inspectors: '探针' } }));
probe('POST /inspections', 'B\'s department', (c) => c.B.d.id, (c, id) => ({ path: '/inspections', json: { department_id: id, kind: 'spot', held_on: yesterday, inspectors: '探针' } }));
list('GET /inspections/statistics', 'this year', (c) => ({ path: `/inspections/statistics?year=${c.year}` }));
get('GET /inspections/{id}', 'B\'s inspection', (c) => c.B.insp.id);
probe('POST /inspections/{id}/findings', 'B\'s inspection', (c) => c.B.insp.id, (c, id) => ({ path: `/inspections/${id}/findings`, json: { rule_id: c.A.crule.id, person_ids: [c.A.p.id], description: '探针' } }));
probe('POST /inspections/{id}/findings', 'A\'s inspection, B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/inspections/${c.A.insp.id}/findings`, json: { rule_id: c.A.crule.id, person_ids: [id], description: '探针' } }));
probe('POST /inspections/{id}/findings', 'A\'s inspection, B\'s rule', (c) => c.B.crule.id, (c, id) => ({ path: `/inspections/${c.A.insp.id}/findings`, json: { rule_id: id, person_ids: [c.A.p.id], description: '探针' } }));
probe('POST /inspections/{id}/findings', 'A\'s inspection, B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/inspections/${c.A.insp.id}/findings`, json: { rule_id: c.A.crule.id, unit_org_id: id, description: '探针' } }));
list('GET /findings', 'list', () => ({ path: '/findings?limit=500' }));
probe('GET /findings', 'person_id=B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/findings?limit=500&person_id=${id}` }));
list('GET /findings/bulletin', 'this month', () => ({ path: `/findings/bulletin?month=${yesterday.slice(0, 7)}` }));
get('GET /findings/{id}', 'B\'s finding', (c) => c.B.finding.id);
probe('POST /findings/{id}/explanation', 'B\'s finding', (c) => c.B.finding.id, (c, id) => ({ path: `/findings/${id}/explanation`, json: { explanation: '探针' } }));
probe('POST /findings/{id}/decision', 'B\'s finding', (c) => c.B.finding.id, (c, id) => ({ path: `/findings/${id}/decision`, json: { state: 'dismissed' } }));
list('GET /conduct-reviews', 'list', () => ({ path: '/conduct-reviews' }));
probe('POST /conduct-reviews', 'B\'s finding', (c) => c.B.finding.id, (c, id) => ({ path: '/conduct-reviews', json: { period: `${yesterday.slice(0, 4)}Q${Math.floor((Number(yesterday.slice(5, 7)) - 1) / 3) + 1}`, held_on: yesterday, conclusions: '探针', finding_ids: [id] } }));
probe('POST /files', 'B\'s finding', (c) => c.B.finding.id, (c, id) => {
  const mp = multipart([{ name: 'file', filename: 'evidence.png', type: 'image/png', data: PNG },
    { name: 'object_type', data: 'finding' }, { name: 'object_id', data: String(id) }]);
  return { path: '/files', body: mp.body, type: mp.type };
});
for (const [route, p] of [['GET /findings', '/findings'], ['GET /inspections', '/inspections'], ['GET /conduct-rules', '/conduct-rules'], ['GET /findings/bulletin', `/findings/bulletin?month=${yesterday.slice(0, 7)}`]])
  for (const format of ['xlsx', 'csv'])
    list(route, `export ${format}`, () => ({ path: `${p}${p.includes('?') ? '&' : '?'}format=${format}`, file: format }));
// meeting life cycle (issue 12, item 2): B's meeting is missing to every step; A's plan names no B org or person
list('GET /meetings/upcoming', 'own', () => ({ path: '/meetings/upcoming' }));
probe('POST /meetings', 'A\'s plan, B\'s invitee', (c) => c.B.p.id, (c, id) => ({ path: '/meetings', json: { org_id: c.A.b1.id, kind_id: c.kinds.party_lecture, held_on: shanghaiDate(7), status: 'planned', invitees: [id] } }));
for (const [route, json] of [['POST /meetings/{id}/hold', {}], ['POST /meetings/{id}/cancel', { reason: '探针' }], ['POST /meetings/{id}/void', { reason: '探针' }],
  ['POST /meetings/{id}/correct', { reason: '探针' }], ['POST /meetings/{id}/leave', { reason: '探针' }], ['DELETE /meetings/{id}/leave', undefined]])
  probe(route, 'B\'s meeting', (c) => c.B.m.id, (c, id) => ({ path: `/meetings/${id}/${route.split('/').pop()}`, json }));
probe('POST /meetings/{id}/correct', 'A\'s meeting, to B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/meetings/${c.A.m.id}/correct`, json: { reason: '探针', org_id: id } }));
probe('POST /files/{id}/remove', 'B\'s evidence', (c) => c.B.file.id, (c, id) => ({ path: `/files/${id}/remove`, json: { reason: '探针' } }));
probe('POST /quizzes/{id}/remove', 'B\'s quiz', (c) => c.B.quiz.id, (c, id) => ({ path: `/quizzes/${id}/remove`, json: { reason: '探针' } }));
// every list as a file
for (const [route, p] of [['GET /people', '/people'], ['GET /meetings', '/meetings'], ['GET /audit', '/audit'], ['GET /users', '/users'],
  ['GET /orgs', '/orgs'], ['GET /departments', '/departments'], ['GET /lectures', '/lectures'], ['GET /lectures/rota', '/lectures/rota'],
  ['GET /quizzes', '/quizzes'], ['GET /study-records', '/study-records'], ['GET /compliance', '/compliance?period=YEAR'],
  ['GET /warnings', '/warnings'], ['GET /statistics/attendance', '/statistics/attendance?period=YEAR'],
  ['GET /statistics/learning', '/statistics/learning?period=YEAR'], ['GET /bureaus', '/bureaus'], ['GET /evaluations/{id}/ranking', '/evaluations/EV/ranking']])
  for (const format of ['xlsx', 'csv'])
    list(route, `export ${format}`, (c) => ({ path: `${p.replace('YEAR', c.year).replace('EV', c.A.evNotice.id)}${p.includes('?') ? '&' : '?'}format=${format}`, file: format }));
list('GET /evaluations/{id}/ranking', 'A\'s, in notice', (c) => ({ path: `/evaluations/${c.A.evNotice.id}/ranking` }));
// tasks and rectifications (issue 14): B's records made once by B's administrator ("DCX" marks them)
const bTasks = (c) => (c.bTasks ??= (async () => {
  const task = await c.B.X('/tasks', { method: 'POST', json: { org_id: c.B.b1.id, title: 'DCX 任务', line: 'business', due_on: `${c.year}-12-31`, owner_person_id: c.B.p.id } });
  const report = await c.B.X(`/tasks/${task.id}/reports`, { method: 'POST', json: { percent: 30, note: 'DCX 进度' } });
  const rect = await c.B.X('/rectifications', { method: 'POST', json: { org_id: c.B.b1.id, source: 'audit', problem: 'DCX 问题', owner_person_id: c.B.p.id, due_on: `${c.year}-12-31` } });
  return { task, report, rect };
})());
const taskJson = (c, extra) => ({ org_id: c.A.b1.id, title: '跨单位探针任务', line: 'party', due_on: `${c.year}-12-31`, ...extra });
const rectJson = (c, extra) => ({ org_id: c.A.b1.id, source: 'other', problem: '跨单位探针问题', owner_person_id: c.A.p.id, due_on: `${c.year}-12-31`, ...extra });
list('GET /tasks', 'list', async (c) => { await bTasks(c); return { path: '/tasks?limit=500' }; });
list('GET /tasks/board', 'this year', async (c) => { await bTasks(c); return { path: `/tasks/board?year=${c.year}` }; });
probe('GET /tasks', 'org_id=B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/tasks?limit=500&org_id=${id}` }));
probe('POST /tasks', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/tasks', json: taskJson(c, { org_id: id }) }));
probe('POST /tasks', 'A\'s branch, owner of B', (c) => c.B.p.id, (c, id) => ({ path: '/tasks', json: taskJson(c, { owner_person_id: id }) }));
probe('POST /tasks', 'A\'s branch, B\'s department', (c) => c.B.d.id, (c, id) => ({ path: '/tasks', json: taskJson(c, { owner_department_id: id }) }));
// (organisations are named in the file and looked up in the caller's bureau only: A's own branch here)
list('POST /tasks/import', 'A\'s branch by name, dry run', (c) => csvUpload('/tasks/import?dry_run=1', `任务,所属组织,条线,截止日期\r\n跨单位探针,${c.A.b1.name},党建工作,${c.year}-12-31\r\n`));
probe('GET /tasks/{id}', 'B\'s task', async (c) => (await bTasks(c)).task.id, (c, id) => ({ path: `/tasks/${id}` }));
probe('PATCH /tasks/{id}', 'B\'s task', async (c) => (await bTasks(c)).task.id, (c, id) => ({ path: `/tasks/${id}`, json: { weight: 5 } }));
probe('POST /tasks/{id}/reports', 'B\'s task', async (c) => (await bTasks(c)).task.id, (c, id) => ({ path: `/tasks/${id}/reports`, json: { percent: 50 } }));
probe('POST /files', 'B\'s task report', async (c) => (await bTasks(c)).report.id, (c, id) => {
  const mp = multipart([{ name: 'file', filename: 'evidence.png', type: 'image/png', data: PNG },
    { name: 'object_type', data: 'task_report' }, { name: 'object_id', data: String(id) }]);
  return { path: '/files', body: mp.body, type: mp.type };
});
list('GET /rectifications', 'list', async (c) => { await bTasks(c); return { path: '/rectifications?limit=500' }; });
probe('POST /rectifications', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/rectifications', json: rectJson(c, { org_id: id }) }));
probe('POST /rectifications', 'A\'s branch, owner of B', (c) => c.B.p.id, (c, id) => ({ path: '/rectifications', json: rectJson(c, { owner_person_id: id }) }));
probe('GET /rectifications/{id}', 'B\'s item', async (c) => (await bTasks(c)).rect.id, (c, id) => ({ path: `/rectifications/${id}` }));
probe('PATCH /rectifications/{id}', 'B\'s item', async (c) => (await bTasks(c)).rect.id, (c, id) => ({ path: `/rectifications/${id}`, json: { measures: '探针' } }));
probe('POST /rectifications/{id}/close', 'B\'s item', async (c) => (await bTasks(c)).rect.id, (c, id) => ({ path: `/rectifications/${id}/close`, json: { note: '探针' } }));
probe('POST /rectifications/{id}/reopen', 'B\'s item', async (c) => (await bTasks(c)).rect.id, (c, id) => ({ path: `/rectifications/${id}/reopen`, json: { reason: '探针' } }));
probe('POST /files', 'B\'s rectification', async (c) => (await bTasks(c)).rect.id, (c, id) => {
  const mp = multipart([{ name: 'file', filename: 'evidence.png', type: 'image/png', data: PNG },
    { name: 'object_type', data: 'rectification' }, { name: 'object_id', data: String(id) }]);
  return { path: '/files', body: mp.body, type: mp.type };
});
for (const [route, p] of [['GET /tasks', '/tasks'], ['GET /rectifications', '/rectifications']])
  for (const format of ['xlsx', 'csv'])
    list(route, `export ${format}`, async (c) => { await bTasks(c); return { path: `${p}?format=${format}`, file: format }; });

// dues (issue 16 item 1): B's records made by B's administrator in the fixtures (c.B.dues)
list('GET /dues/settings', 'bureau', () => ({ path: '/dues/settings' }));
list('POST /dues/settings', 'own bureau', () => ({ path: '/dues/settings', json: { name: 'warning_months', value: '3', effective_from: `2095-0${serial % 9 + 1}`, note: uniq() } }));
probe('DELETE /dues/settings/{id}', 'B\'s setting', (c) => c.B.dues.setting.id, (c, id) => ({ path: `/dues/settings/${id}` }));
list('GET /dues/bases', 'list', () => ({ path: '/dues/bases' }));
probe('GET /dues/bases', 'person_id=B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/dues/bases?person_id=${id}` }));
probe('POST /dues/bases', 'B\'s person', (c) => c.B.p.id, (c, id) => ({ path: '/dues/bases', json: { person_id: id, from_month: '2026-01', base_fen: 300000 } }));
list('POST /dues/bases/import', 'B\'s 工号, dry run', (c) => csvUpload('/dues/bases/import?dry_run=1&from_month=2026-01', `工号,党费基数\r\n${c.B.p.staff_no}X,3000\r\n`));
probe('DELETE /dues/bases/{id}', 'B\'s base', (c) => c.B.dues.base.id, (c, id) => ({ path: `/dues/bases/${id}` }));
list('GET /dues/reductions', 'list', () => ({ path: '/dues/reductions' }));
probe('POST /dues/reductions', 'B\'s person', (c) => c.B.p.id, (c, id) => ({ path: '/dues/reductions', json: { person_id: id, from_month: '2026-01', to_month: '2026-02', amount_fen: 0, reason: '探针', approval_level: 'committee', approved_by: '机关党委', approved_on: yesterday } }));
probe('DELETE /dues/reductions/{id}', 'B\'s reduction', (c) => c.B.dues.reduction.id, (c, id) => ({ path: `/dues/reductions/${id}` }));
list('GET /dues/payments', 'list', () => ({ path: '/dues/payments?limit=500' }));
probe('GET /dues/payments', 'person_id=B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/dues/payments?person_id=${id}` }));
probe('POST /dues/payments', 'B\'s person', (c) => c.B.p.id, (c, id) => ({ path: '/dues/payments', json: { person_id: id, from_month: c.B.dues.month, amount_fen: 5000, paid_on: yesterday, channel: '现金', confirm_late: true } }));
probe('DELETE /dues/payments/{id}', 'B\'s payment', (c) => c.B.dues.payment.id, (c, id) => ({ path: `/dues/payments/${id}` }));
list('GET /dues/remittances', 'list', () => ({ path: '/dues/remittances' }));
probe('GET /dues/remittances', 'org_id=B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/dues/remittances?org_id=${id}` }));
probe('POST /dues/remittances', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/dues/remittances', json: { org_id: id, month: '2026-02', amount_fen: 100, remitted_on: yesterday } }));
probe('DELETE /dues/remittances/{id}', 'B\'s remittance', (c) => c.B.dues.remittance.id, (c, id) => ({ path: `/dues/remittances/${id}` }));
list('GET /dues/members', 'list', () => ({ path: '/dues/members' }));
probe('GET /dues/members', 'org_id=B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/dues/members?org_id=${id}` }));
list('GET /dues/report', 'this year', (c) => ({ path: `/dues/report?period=${c.year}` }));
probe('GET /dues/report', 'org_id=B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/dues/report?org_id=${id}` }));
list('GET /dues/statement', 'own', () => ({ path: '/dues/statement' }));
probe('GET /dues/statement', 'person_id=B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/dues/statement?person_id=${id}` }));
for (const [route, p] of [['GET /dues/members', '/dues/members'], ['GET /dues/payments', '/dues/payments'], ['GET /dues/report', '/dues/report'], ['GET /dues/bases', '/dues/bases']])
  for (const format of ['xlsx', 'csv'])
    list(route, `export ${format}`, () => ({ path: `${p}?format=${format}`, file: format }));
// supervision: talks, risk points, fund processes (issue 13)
async function supervisionFixtures(S, mark) {
  const post = (p, json) => S.X(p, { method: 'POST', json });
  S.talk = await post('/talks', { org_id: S.b1.id, held_on: yesterday, kind: '谈心', occasion: `${mark} 谈心`, talkers: [S.guest.id], talkees: [S.p.id], content: `${mark} 谈话内容` });
  S.risk = await post('/risk-points', { department_id: S.d.id, post: `${mark} 岗`, risk: `${mark} 风险`, level: '高', owner_id: S.p.id });
  S.integrityCase = await post('/integrity-cases', { title: `${mark} 案例`, lessons: `${mark} 教训` });
  S.fund = await post('/fund-processes', { name: `${mark} 资金支出`, steps: [{ name: '申请', department_id: S.d.id, risk_point_ids: [S.risk.id] }, { name: '审批' }] });
}
const talkBody = (c, extra) => ({ org_id: c.A.root.id, held_on: yesterday, kind: '谈心', talkers: [c.A.guest.id], talkees: [c.A.p.id], ...extra });
list('GET /talks', 'list', () => ({ path: '/talks?limit=500' }));
probe('GET /talks', 'person_id=B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/talks?limit=500&person_id=${id}` }));
probe('POST /talks', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/talks', json: talkBody(c, { org_id: id }) }));
probe('POST /talks', 'A\'s root, B\'s person talked with', (c) => c.B.p.id, (c, id) => ({ path: '/talks', json: talkBody(c, { talkees: [id] }) }));
probe('POST /talks', 'A\'s root, B\'s person talking', (c) => c.B.p.id, (c, id) => ({ path: '/talks', json: talkBody(c, { talkers: [id] }) }));
list('GET /talks/due', 'list', () => ({ path: '/talks/due' }));
list('GET /talks/statistics', 'this year', (c) => ({ path: `/talks/statistics?year=${c.year}` }));
list('GET /talks/settings', 'own', () => ({ path: '/talks/settings' }));
list('PUT /talks/settings', 'own, as it is', () => ({ path: '/talks/settings', json: { content_roles: ['discipline'] } }));
get('GET /talks/{id}', 'B\'s talk', (c) => c.B.talk.id);
probe('PATCH /talks/{id}', 'B\'s talk', (c) => c.B.talk.id, (c, id) => ({ path: `/talks/${id}`, json: { place: '探针' } }));
probe('PATCH /talks/{id}', 'A\'s talk, B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/talks/${c.A.talk.id}`, json: { talkers: [c.A.guest.id], talkees: [id] } }));
probe('PATCH /talks/{id}', 'A\'s talk, moved to B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/talks/${c.A.talk.id}`, json: { org_id: id } }));
list('GET /risk-points', 'list', () => ({ path: '/risk-points?limit=500' }));
probe('GET /risk-points', 'department_id=B\'s department', (c) => c.B.d.id, (c, id) => ({ path: `/risk-points?department_id=${id}` }));
probe('POST /risk-points', 'B\'s department', (c) => c.B.d.id, (c, id) => ({ path: '/risk-points', json: { department_id: id, risk: '探针风险', level: '低' } }));
probe('POST /risk-points', 'owner of B', (c) => c.B.p.id, (c, id) => ({ path: '/risk-points', json: { owner_id: id, risk: '探针风险', level: '低' } }));
get('GET /risk-points/{id}', 'B\'s risk point', (c) => c.B.risk.id);
probe('PATCH /risk-points/{id}', 'B\'s risk point', (c) => c.B.risk.id, (c, id) => ({ path: `/risk-points/${id}`, json: { measures: '探针' } }));
probe('PATCH /risk-points/{id}', 'A\'s, B\'s department', (c) => c.B.d.id, (c, id) => ({ path: `/risk-points/${c.A.risk.id}`, json: { department_id: id } }));
list('GET /fund-processes', 'list', () => ({ path: '/fund-processes' }));
probe('POST /fund-processes', 'step with B\'s risk point', (c) => c.B.risk.id, (c, id) => ({ path: '/fund-processes', json: { name: '探针流程', steps: [{ name: '甲', risk_point_ids: [id] }, { name: '乙' }] } }));
probe('POST /fund-processes', 'step with B\'s department', (c) => c.B.d.id, (c, id) => ({ path: '/fund-processes', json: { name: '探针流程', steps: [{ name: '甲', department_id: id }, { name: '乙' }] } }));
get('GET /fund-processes/{id}', 'B\'s fund process', (c) => c.B.fund.id);
probe('PUT /fund-processes/{id}', 'B\'s fund process', (c) => c.B.fund.id, (c, id) => ({ path: `/fund-processes/${id}`, json: { description: '探针' } }));
list('GET /integrity-cases', 'list', () => ({ path: '/integrity-cases' }));
list('POST /integrity-cases', 'own bureau', () => ({ path: '/integrity-cases', json: { title: '探针案例' } }));
get('GET /integrity-cases/{id}', 'B\'s case', (c) => c.B.integrityCase.id);
probe('PATCH /integrity-cases/{id}', 'B\'s case', (c) => c.B.integrityCase.id, (c, id) => ({ path: `/integrity-cases/${id}`, json: { lessons: '探针' } }));
for (const [route, p] of [['GET /talks', '/talks'], ['GET /talks/due', '/talks/due'], ['GET /risk-points', '/risk-points'], ['GET /integrity-cases', '/integrity-cases']])
  for (const format of ['xlsx', 'csv'])
    list(route, `export ${format}`, () => ({ path: `${p}?format=${format}`, file: format }));

// service (issue 15): B's contact, pairing, registration, activity and sign-up ("DCX"), and A's contact
async function serviceFixtures(A, B) {
  const P = (X, path, json) => X(path, { method: 'POST', json });
  B.contact = await P(B.X, '/contacts', { person_id: B.p.id, kind: 'household', name: 'DCX 联系户', started_on: yesterday });
  await P(B.X, `/contacts/${B.contact.id}/visits`, { visited_on: yesterday, content: 'DCX 走访' });
  B.pairing = await P(B.X, '/pairings', { org_id: B.b1.id, partner: 'DCX 村', partner_kind: 'village', started_on: yesterday });
  B.registration = await P(B.X, '/community-registrations', { person_id: B.p.id, community: 'DCX 社区', registered_on: yesterday });
  B.activity = await P(B.X, '/service-activities', { org_id: B.b1.id, kind: 'volunteer', title: 'DCX 志愿服务', held_on: yesterday });
  B.signup = await P(B.X, `/service-activities/${B.activity.id}/signups`, { person_id: B.p.id });
  A.contact = await P(A.X, '/contacts', { person_id: A.p.id, kind: 'household', name: 'XA 联系户', started_on: yesterday });
  A.activity = await P(A.X, '/service-activities', { org_id: A.b1.id, kind: 'volunteer', title: 'XA 志愿服务', held_on: yesterday });
}
list('GET /contacts', 'list', () => ({ path: '/contacts?limit=500' }));
probe('GET /contacts', 'person_id=B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/contacts?limit=500&person_id=${id}` }));
probe('POST /contacts', 'B\'s person', (c) => c.B.p.id, (c, id) => ({ path: '/contacts', json: { person_id: id, kind: 'household', name: '探针', started_on: yesterday } }));
probe('POST /contacts', 'A\'s person, B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/contacts', json: { person_id: c.A.p.id, org_id: id, kind: 'village_branch', name: '探针', started_on: yesterday } }));
list('GET /contacts/gaps', 'today', () => ({ path: '/contacts/gaps' }));
probes.push({ route: 'POST /contacts/import', variant: 'B\'s person', list: true,
  build: (c) => csvUpload('/contacts/import', `工号,联系对象\r\n${c.B.p.staff_no},探针联系户\r\n`) });
get('GET /contacts/{id}', 'B\'s contact', (c) => c.B.contact.id);
probe('PATCH /contacts/{id}', 'B\'s contact', (c) => c.B.contact.id, (c, id) => ({ path: `/contacts/${id}`, json: { phone: '13800000000' } }));
probe('PATCH /contacts/{id}', 'A\'s contact, B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/contacts/${c.A.contact.id}`, json: { org_id: id } }));
probe('POST /contacts/{id}/visits', 'B\'s contact', (c) => c.B.contact.id, (c, id) => ({ path: `/contacts/${id}/visits`, json: { visited_on: yesterday, content: '探针' } }));
list('GET /contact-visits', 'list', () => ({ path: '/contact-visits?limit=500' }));
probe('GET /contact-visits', 'contact_id=B\'s contact', (c) => c.B.contact.id, (c, id) => ({ path: `/contact-visits?limit=500&contact_id=${id}` }));
list('GET /pairings', 'list', () => ({ path: '/pairings' }));
probe('POST /pairings', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/pairings', json: { org_id: id, partner: '探针', partner_kind: 'village', started_on: yesterday } }));
get('GET /pairings/{id}', 'B\'s pairing', (c) => c.B.pairing.id);
probe('POST /pairings/{id}/activities', 'B\'s pairing', (c) => c.B.pairing.id, (c, id) => ({ path: `/pairings/${id}/activities`, json: { held_on: yesterday, title: '探针' } }));
list('GET /community-registrations', 'list', () => ({ path: '/community-registrations?limit=500' }));
probe('POST /community-registrations', 'B\'s person', (c) => c.B.p.id, (c, id) => ({ path: '/community-registrations', json: { person_id: id, community: '探针', registered_on: yesterday } }));
probe('POST /community-registrations/{id}/confirm', 'B\'s registration', (c) => c.B.registration.id, (c, id) => ({ path: `/community-registrations/${id}/confirm`, json: {} }));
list('GET /service-activities', 'list', () => ({ path: '/service-activities?limit=500' }));
probe('POST /service-activities', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/service-activities', json: { org_id: id, kind: 'volunteer', title: '探针', held_on: yesterday } }));
get('GET /service-activities/{id}', 'B\'s activity', (c) => c.B.activity.id);
probe('POST /service-activities/{id}/signups', 'B\'s activity', (c) => c.B.activity.id, (c, id) => ({ path: `/service-activities/${id}/signups`, json: {} }));
probe('POST /service-activities/{id}/signups', 'A\'s activity, B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/service-activities/${c.A.activity.id}/signups`, json: { person_id: id } }));
list('GET /service-signups', 'list', () => ({ path: '/service-signups?limit=500' }));
probe('GET /service-signups', 'activity_id=B\'s activity', (c) => c.B.activity.id, (c, id) => ({ path: `/service-signups?limit=500&activity_id=${id}` }));
probe('POST /service-signups/{id}/report', 'B\'s sign-up', (c) => c.B.signup.id, (c, id) => ({ path: `/service-signups/${id}/report`, json: { hours: 2 } }));
probe('POST /service-signups/{id}/confirm', 'B\'s sign-up', (c) => c.B.signup.id, (c, id) => ({ path: `/service-signups/${id}/confirm`, json: { hours: 2 } }));
list('GET /statistics/service', 'this year', (c) => ({ path: `/statistics/service?year=${c.year}` }));

// warnings engine and inbox (issue 17): B's stored warning (a department of B linked to no branch, its
// rule sent to B's administrator too), B's rule and B's administrator's inbox item
async function warningFixtures(B) {
  B.wrule = (await B.X('/warning-rules')).items.find((r) => r.code === 'department_unlinked');
  await B.X(`/warning-rules/${B.wrule.id}`, { method: 'PATCH', json: { recipients: 'party_admin,sysadmin' } });
  await B.X('/departments', { method: 'POST', json: { name: 'DCX 预警科' } });
  await B.X('/warnings/refresh', { method: 'POST', json: {} });
  B.warning = (await B.X('/warnings?state=all&code=department_unlinked')).items[0];
  B.inbox = (await B.X('/inbox')).items[0];
}
list('GET /warnings', 'stored', () => ({ path: '/warnings?state=all&limit=500' }));
probe('GET /warnings', 'stored, org_id=B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/warnings?state=all&org_id=${id}` }));
list('POST /warnings/refresh', 'own bureau', () => ({ path: '/warnings/refresh', json: {} }));
get('GET /warnings/{id}', 'B\'s warning', (c) => c.B.warning.id);
probe('POST /warnings/{id}/acknowledge', 'B\'s warning', (c) => c.B.warning.id, (c, id) => ({ path: `/warnings/${id}/acknowledge`, json: {} }));
probe('POST /warnings/{id}/dismiss', 'B\'s warning', (c) => c.B.warning.id, (c, id) => ({ path: `/warnings/${id}/dismiss`, json: { reason: '探针' } }));
list('GET /warning-rules', 'list', () => ({ path: '/warning-rules' }));
probe('PATCH /warning-rules/{id}', 'B\'s rule', (c) => c.B.wrule.id, (c, id) => ({ path: `/warning-rules/${id}`, json: { enabled: true } }));
list('GET /inbox', 'own', () => ({ path: '/inbox' }));
list('GET /inbox/unread', 'own', () => ({ path: '/inbox/unread' }));
list('POST /inbox/read-all', 'own', () => ({ path: '/inbox/read-all', json: {} }));
probe('POST /inbox/{id}/read', 'B\'s item', (c) => c.B.inbox.id, (c, id) => ({ path: `/inbox/${id}/read`, json: {} }));
probe('POST /inbox/{id}/unread', 'B\'s item', (c) => c.B.inbox.id, (c, id) => ({ path: `/inbox/${id}/unread`, json: {} }));
list('GET /announcements', 'list', () => ({ path: '/announcements' }));
probe('POST /announcements', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/announcements', json: { org_id: id, title: '探针通知' } }));
list('POST /announcements', 'own bureau', () => ({ path: '/announcements', json: { title: '探针通知' } }));
// 发展党员 and 荣誉 (issue 16 items 2 and 6)
list('GET /applicants', 'list', () => ({ path: '/applicants?limit=500' }));
probe('GET /applicants', 'org_id=B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: `/applicants?org_id=${id}` }));
probe('POST /applicants', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/applicants', json: { org_id: id, name: '探针', birth_date: '1995-01-01', applied_on: yesterday } }));
probe('POST /applicants', 'B\'s person', (c) => c.B.p.id, (c, id) => ({ path: '/applicants', json: { org_id: c.A.b1.id, person_id: id, birth_date: '1995-01-01', applied_on: yesterday } }));
get('GET /applicants/{id}', 'B\'s applicant', (c) => c.B.applicant.id);
probe('PATCH /applicants/{id}', 'B\'s applicant', (c) => c.B.applicant.id, (c, id) => ({ path: `/applicants/${id}`, json: { note: '探针' } }));
probe('POST /applicants/{id}/advance', 'B\'s applicant', (c) => c.B.applicant.id, (c, id) => ({ path: `/applicants/${id}/advance`, json: { stage: 'activist', activist_on: '2023-02-01', contact_ids: [c.A.p.id] } }));
probe('POST /applicants/{id}/reviews', 'B\'s applicant', (c) => c.B.applicant.id, (c, id) => ({ path: `/applicants/${id}/reviews`, json: { reviewed_on: '2023-05-01' } }));
probe('POST /applicants/{id}/extend', 'B\'s applicant', (c) => c.B.applicant.id, (c, id) => ({ path: `/applicants/${id}/extend`, json: { months: 6 } }));
list('GET /applicant-settings', 'bureau', () => ({ path: '/applicant-settings' }));
list('POST /applicant-settings', 'own bureau', () => ({ path: '/applicant-settings', json: { name: 'notice_days', value: 5, effective_from: `2095-01-${String(serial % 28 + 1).padStart(2, '0')}`, note: uniq() } }));
list('POST /applicants/import', 'B\'s branch, dry run', () => csvUpload('/applicants/import?dry_run=1', '所在支部,姓名,出生日期,申请日期\r\n探针支部,探针,1995-01-01,2024-01-01\r\n'));
list('POST /honours/import', 'B\'s person, dry run', (c) => csvUpload('/honours/import?dry_run=1', `获得人,荣誉名称,级别,授予机关,获得日期\r\n${c.B.p.staff_no}X,探针,局级,本局,2024-01-01\r\n`));
probe('DELETE /applicant-settings/{id}', 'B\'s setting', (c) => c.B.appSetting.id, (c, id) => ({ path: `/applicant-settings/${id}` }));
list('GET /honours', 'list', () => ({ path: '/honours?limit=500' }));
probe('GET /honours', 'person_id=B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/honours?person_id=${id}` }));
probe('POST /honours', 'B\'s person', (c) => c.B.p.id, (c, id) => ({ path: '/honours', json: { person_id: id, title: '探针', level: 'city', issuer: '探针', awarded_on: yesterday } }));
probe('POST /honours', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/honours', json: { org_id: id, title: '探针', level: 'city', issuer: '探针', awarded_on: yesterday } }));
get('GET /honours/{id}', 'B\'s honour', (c) => c.B.honour.id);
probe('PATCH /honours/{id}', 'B\'s honour', (c) => c.B.honour.id, (c, id) => ({ path: `/honours/${id}`, json: { note: '探针' } }));
probe('DELETE /honours/{id}', 'B\'s honour', (c) => c.B.honour.id, (c, id) => ({ path: `/honours/${id}` }));
for (const [route, p] of [['GET /applicants', '/applicants'], ['GET /honours', '/honours']])
  for (const format of ['xlsx', 'csv'])
    list(route, `export ${format}`, () => ({ path: `${p}?format=${format}`, file: format }));
// 数据大屏 (issue 18 item 3): no id; each bureau's own screen and settings
list('GET /screen', 'own', () => ({ path: '/screen' }));
list('GET /screen/settings', 'own', () => ({ path: '/screen/settings' }));
list('PUT /screen/settings', 'own, as it is', () => ({ path: '/screen/settings', json: { title: '' } }));
// charts (issue 18 item 5)
get('GET /orgs/{id}/index-history', 'B\'s branch', (c) => c.B.b1.id);
get('GET /people/{id}/index-history', 'B\'s person', (c) => c.B.p.id);
list('GET /statistics/attendance/months', 'this year', () => ({ path: '/statistics/attendance/months' }));
for (const route of ['/contacts', '/contact-visits', '/pairings', '/community-registrations', '/service-activities', '/service-signups'])
  for (const format of ['xlsx', 'csv'])
    list(`GET ${route}`, `export ${format}`, () => ({ path: `${route}?format=${format}`, file: format }));
// 主体责任清单 and 党建责任书 (issue 14 items 2–3): B's letter and list ("DCX"), last year's
const bDuties = (c) => (c.bDuties ??= (async () => {
  const y = Number(c.year) - 1;
  const letter = await c.B.X('/duty-docs', { method: 'POST', json: { kind: 'letter', year: y, org_id: c.B.b1.id, items: [{ content: 'DCX 事项' }] } });
  const personal = await c.B.X('/duty-docs', { method: 'POST', json: { kind: 'list', year: y, person_id: c.B.p.id, items: [{ content: 'DCX 清单事项' }] } });
  return { letter, personal, item: letter.items[0] };
})());
list('GET /duty-docs', 'list', async (c) => { await bDuties(c); return { path: '/duty-docs?limit=500' }; });
list('GET /duty-docs/summary', 'last year', async (c) => { await bDuties(c); return { path: `/duty-docs/summary?year=${Number(c.year) - 1}` }; });
probe('GET /duty-docs', 'person_id=B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/duty-docs?person_id=${id}` }));
probe('POST /duty-docs', 'list of B\'s person', (c) => c.B.p.id, (c, id) => ({ path: '/duty-docs', json: { kind: 'list', year: Number(c.year) - 1, person_id: id } }));
probe('POST /duty-docs', 'letter of B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/duty-docs', json: { kind: 'letter', year: Number(c.year) - 1, org_id: id } }));
probe('POST /duty-docs', 'letter of B\'s department', (c) => c.B.d.id, (c, id) => ({ path: '/duty-docs', json: { kind: 'letter', year: Number(c.year) - 1, department_id: id } }));
probe('GET /duty-docs/{id}', 'B\'s letter', async (c) => (await bDuties(c)).letter.id, (c, id) => ({ path: `/duty-docs/${id}` }));
probe('GET /duty-docs/{id}', 'B\'s list', async (c) => (await bDuties(c)).personal.id, (c, id) => ({ path: `/duty-docs/${id}` }));
probe('PATCH /duty-docs/{id}', 'B\'s letter', async (c) => (await bDuties(c)).letter.id, (c, id) => ({ path: `/duty-docs/${id}`, json: { title: '探针' } }));
probe('POST /duty-docs/{id}/items', 'B\'s letter', async (c) => (await bDuties(c)).letter.id, (c, id) => ({ path: `/duty-docs/${id}/items`, json: { content: '探针' } }));
probe('POST /duty-docs/{id}/remove', 'B\'s letter', async (c) => (await bDuties(c)).letter.id, (c, id) => ({ path: `/duty-docs/${id}/remove`, json: { reason: '探针' } }));
probe('PATCH /duty-items/{id}', 'B\'s item', async (c) => (await bDuties(c)).item.id, (c, id) => ({ path: `/duty-items/${id}`, json: { content: '探针' } }));
probe('POST /duty-items/{id}/check', 'B\'s item', async (c) => (await bDuties(c)).item.id, (c, id) => ({ path: `/duty-items/${id}/check`, json: { result: 'done' } }));
probe('POST /files', 'B\'s responsibility letter', async (c) => (await bDuties(c)).letter.id, (c, id) => {
  const mp = multipart([{ name: 'file', filename: 'letter.png', type: 'image/png', data: PNG },
    { name: 'object_type', data: 'duty_doc' }, { name: 'object_id', data: String(id) }]);
  return { path: '/files', body: mp.body, type: mp.type };
});
// copying a year copies the caller's own bureau's documents only
list('POST /duty-docs/copy', 'last year to a later one', async (c) => { await bDuties(c); return { path: '/duty-docs/copy', json: { from_year: Number(c.year) - 1, to_year: Number(c.year) + 4 } }; });
for (const format of ['xlsx', 'csv'])
  list('GET /duty-docs', `export ${format}`, () => ({ path: `/duty-docs?format=${format}`, file: format }));

// member self-service (issue 12, item 3): B's meeting of today (a fresh sign-in token per probe), and a study
// report of B's member ("DCX")
async function selfServiceFixtures(B, bm, kinds) {
  B.today = await B.X('/meetings', { method: 'POST', json: { org_id: B.b1.id, kind_id: kinds.branch_assembly, held_on: shanghaiDate(0), status: 'planned', topic: 'DCX 签到', starts_at: '23:59' } });
  const r = await call(bm.url, '/study-reports', { method: 'POST', cookie: bm.cookie, csrf: bm.csrf, json: { studied_on: yesterday, hours: 1, mode: '个人自学', content: 'DCX 申报' } });
  assert.equal(r.status, 201, `B's study report: ${r.text}`);
  B.report = r.data;
}
probe('POST /meetings/{id}/signin-code', 'B\'s meeting of today', (c) => c.B.today.id, (c, id) => ({ path: `/meetings/${id}/signin-code`, json: { origin: 'https://dj.example.cn' } }));
// (a token is signed by the server: none names a missing meeting, so both runs send one of B's; a
// missing meeting answers as B's does, 404 会议不存在 — core/signin's load_today)
probe('POST /meeting-signins', 'B\'s token', (c) => c.B.today.id, async (c) => ({ path: '/meeting-signins', json: { token: (await c.B.X(`/meetings/${c.B.today.id}/signin-code`, { method: 'POST', json: { origin: 'https://dcx.example.cn' } })).token } }));
list('GET /study-reports', 'list', () => ({ path: '/study-reports?limit=500' }));
list('POST /study-reports', 'own person', () => ({ path: '/study-reports', json: { studied_on: yesterday, hours: 1, mode: '个人自学', content: '探针' } }));
probe('GET /study-reports', 'person_id=B\'s person', (c) => c.B.report.person_id, (c, id) => ({ path: `/study-reports?limit=500&person_id=${id}` }));
probe('POST /study-reports/{id}/approve', 'B\'s report', (c) => c.B.report.id, (c, id) => ({ path: `/study-reports/${id}/approve`, json: {} }));
probe('POST /study-reports/{id}/reject', 'B\'s report', (c) => c.B.report.id, (c, id) => ({ path: `/study-reports/${id}/reject`, json: { reason: '探针' } }));
for (const format of ['xlsx', 'csv'])
  list('GET /study-reports', `export ${format}`, () => ({ path: `/study-reports?format=${format}`, file: format }));

// 民主评议党员 and 支部书记述职评议 (issue 16 items 3-4): B's appraisal and review, made once by B's administrator
const bAppr = (c) => (c.bAppr ??= (async () => {
  // B's demo holds this year's appraisal and review of each branch; made here when it does not
  const find = async (p) => (await c.B.X(`${p}?year=${c.year}&org_id=${c.B.b1.id}`)).items[0];
  const a = (await find('/appraisals')) ?? await c.B.X('/appraisals', { method: 'POST', json: { org_id: c.B.b1.id, year: Number(c.year), note: 'DCX 评议' } });
  const r = (await find('/secretary-reviews')) ?? await c.B.X('/secretary-reviews', { method: 'POST', json: { org_id: c.B.b1.id, year: Number(c.year) } });
  return { a, r };
})());
list('GET /appraisals/settings', 'own', () => ({ path: '/appraisals/settings' }));
list('POST /appraisals/settings', 'own bureau', () => ({ path: '/appraisals/settings', json: { effective_from: '2001-01-01', excellent_num: 1, excellent_den: 3 } }));
list('GET /appraisals', 'list', async (c) => { await bAppr(c); return { path: '/appraisals' }; });
list('GET /appraisals/mine', 'own', async (c) => { await bAppr(c); return { path: '/appraisals/mine' }; });
list('GET /secretary-reviews', 'list', async (c) => { await bAppr(c); return { path: '/secretary-reviews' }; });
probe('POST /appraisals', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/appraisals', json: { org_id: id, year: Number(c.year) } }));
probe('POST /secretary-reviews', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/secretary-reviews', json: { org_id: id, year: Number(c.year) } }));
probe('GET /appraisals/{id}', 'B\'s appraisal', async (c) => (await bAppr(c)).a.id, (c, id) => ({ path: `/appraisals/${id}` }));
probe('GET /appraisals/{id}/members', 'B\'s appraisal', async (c) => (await bAppr(c)).a.id, (c, id) => ({ path: `/appraisals/${id}/members` }));
probe('PUT /appraisals/{id}/self', 'B\'s appraisal', async (c) => (await bAppr(c)).a.id, (c, id) => ({ path: `/appraisals/${id}/self`, json: { self_text: '跨单位探针自我评价，认真学习按时参加组织生活。' } }));
probe('POST /appraisals/{id}/ballot', 'B\'s appraisal', async (c) => (await bAppr(c)).a.id, (c, id) => ({ path: `/appraisals/${id}/ballot`, json: { ratings: [{ person_id: c.B.p.id, grade: '合格' }] } }));
probe('PUT /appraisals/{id}/grades', 'B\'s appraisal', async (c) => (await bAppr(c)).a.id, (c, id) => ({ path: `/appraisals/${id}/grades`, json: { grades: [] } }));
probe('PUT /appraisals/{id}/members/{person_id}/follow-up', 'B\'s appraisal', async (c) => (await bAppr(c)).a.id, (c, id) => ({ path: `/appraisals/${id}/members/${c.B.p.id}/follow-up`, json: {} }));
probe('GET /secretary-reviews/{id}', 'B\'s review', async (c) => (await bAppr(c)).r.id, (c, id) => ({ path: `/secretary-reviews/${id}` }));
probe('PUT /secretary-reviews/{id}/report', 'B\'s review', async (c) => (await bAppr(c)).r.id, (c, id) => ({ path: `/secretary-reviews/${id}/report`, json: { report: '跨单位探针述职报告：一年来支部按时召开支部党员大会和支委会。' } }));
probe('POST /secretary-reviews/{id}/ratings', 'B\'s review', async (c) => (await bAppr(c)).r.id, (c, id) => ({ path: `/secretary-reviews/${id}/ratings`, json: { grade: '好' } }));
probe('POST /secretary-reviews/{id}/close', 'B\'s review', async (c) => (await bAppr(c)).r.id, (c, id) => ({ path: `/secretary-reviews/${id}/close` }));
// cadre development (issue 16 item 5): B's posting and pair
const bCadre = (c) => (c.bCadre ??= (async () => {
  const post = await c.B.X('/cadre/postings', { method: 'POST', json: { person_id: c.B.p.id, kind: 'frontline', place: 'DCX 一线', start_on: yesterday } });
  const pair = await c.B.X('/cadre/mentorships', { method: 'POST', json: { mentor_id: c.B.p.id, mentee_id: c.B.guest.id, mode: 'expert_young', goals: 'DCX 帮带目标', start_on: yesterday } });
  return { post, pair };
})());
list('GET /cadre/postings', 'list', async (c) => { await bCadre(c); return { path: '/cadre/postings' }; });
list('GET /cadre/mentorships', 'list', async (c) => { await bCadre(c); return { path: '/cadre/mentorships' }; });
probe('GET /cadre/postings', 'person_id=B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/cadre/postings?person_id=${id}` }));
probe('POST /cadre/postings', 'B\'s person', (c) => c.B.p.id, (c, id) => ({ path: '/cadre/postings', json: { person_id: id, kind: 'frontline', place: '跨单位探针', start_on: yesterday } }));
probe('POST /cadre/postings', 'B\'s department', (c) => c.B.d.id, (c, id) => ({ path: '/cadre/postings', json: { person_id: c.A.p.id, kind: 'rotation', department_id: id, start_on: yesterday } }));
probe('PATCH /cadre/postings/{id}', 'B\'s posting', async (c) => (await bCadre(c)).post.id, (c, id) => ({ path: `/cadre/postings/${id}`, json: { note: '探针' } }));
probe('POST /cadre/mentorships', 'B\'s mentor', (c) => c.B.p.id, (c, id) => ({ path: '/cadre/mentorships', json: { mentor_id: id, mentee_id: c.A.p.id, mode: 'expert_young', goals: '跨单位探针目标', start_on: yesterday } }));
probe('GET /cadre/mentorships/{id}', 'B\'s pair', async (c) => (await bCadre(c)).pair.id, (c, id) => ({ path: `/cadre/mentorships/${id}` }));
probe('POST /cadre/mentorships/{id}/reviews', 'B\'s pair', async (c) => (await bCadre(c)).pair.id, (c, id) => ({ path: `/cadre/mentorships/${id}/reviews`, json: { reviewed_on: yesterday, rating: '好', summary: '跨单位探针意见' } }));
for (const route of ['/appraisals', '/secretary-reviews', '/cadre/postings', '/cadre/mentorships'])
  for (const format of ['xlsx', 'csv'])
    list(`GET ${route}`, `export ${format}`, () => ({ path: `${route}?format=${format}`, file: format }));

// ideas (issue 15): B's topic, suggestion (adopted) and motto (approved), marked DCX
async function ideasFixtures(A, B) {
  const P = (X, p, json) => X(p, { method: 'POST', json });
  B.topic = await P(B.X, '/suggestion-topics', { title: 'DCX 题目', opened_on: yesterday, deadline: '2099-12-31' });
  B.suggestion = await P(B.X, '/suggestions', { person_id: B.p.id, topic_id: B.topic.id, title: 'DCX 建议', content: 'DCX', submitted_on: yesterday });
  B.idea = await P(B.X, '/suggestions', { person_id: B.p.id, title: 'DCX 采纳', content: 'DCX', submitted_on: yesterday });
  await P(B.X, `/suggestions/${B.idea.id}/review`, { decision: 'adopted', reason: 'DCX' });
  B.motto = await P(B.X, '/mottos', { person_id: B.p.id, text: 'DCX 格言', submitted_on: yesterday });
  await P(B.X, `/mottos/${B.motto.id}/review`, { decision: 'approved', reviewed_on: yesterday });
  A.idea = await P(A.X, '/suggestions', { person_id: A.p.id, title: 'XA 建议', content: 'XA', submitted_on: yesterday });
}
list('GET /suggestion-topics', 'list', () => ({ path: '/suggestion-topics?limit=500' }));
probe('POST /suggestion-topics', 'B\'s person as leader', (c) => c.B.p.id, (c, id) => ({ path: '/suggestion-topics', json: { title: '探针', deadline: '2099-12-31', leader_id: id } }));
get('GET /suggestion-topics/{id}', 'B\'s topic', (c) => c.B.topic.id);
list('GET /suggestions', 'list', () => ({ path: '/suggestions?limit=500' }));
probe('GET /suggestions', 'topic_id=B\'s topic', (c) => c.B.topic.id, (c, id) => ({ path: `/suggestions?limit=500&topic_id=${id}` }));
probe('POST /suggestions', 'B\'s person', (c) => c.B.p.id, (c, id) => ({ path: '/suggestions', json: { person_id: id, title: '探针', content: '探针' } }));
probe('POST /suggestions', 'B\'s topic', (c) => c.B.topic.id, (c, id) => ({ path: '/suggestions', json: { person_id: c.A.p.id, topic_id: id, title: '探针', content: '探针' } }));
probe('POST /suggestions', 'B\'s department', (c) => c.B.d.id, (c, id) => ({ path: '/suggestions', json: { person_id: c.A.p.id, department_id: id, title: '探针', content: '探针' } }));
get('GET /suggestions/{id}', 'B\'s suggestion', (c) => c.B.suggestion.id);
probe('POST /suggestions/{id}/review', 'B\'s suggestion', (c) => c.B.suggestion.id, (c, id) => ({ path: `/suggestions/${id}/review`, json: { decision: 'declined', reason: '探针' } }));
probe('POST /suggestions/{id}/review', 'A\'s, merged into B\'s', (c) => c.B.suggestion.id, (c, id) => ({ path: `/suggestions/${c.A.idea.id}/review`, json: { decision: 'merged', reason: '探针', merged_into_id: id } }));
probe('POST /suggestions/{id}/task', 'B\'s adopted suggestion', (c) => c.B.idea.id, (c, id) => ({ path: `/suggestions/${id}/task`, json: { due_on: '2099-12-31' } }));
list('GET /mottos', 'list', () => ({ path: '/mottos?limit=500' }));
list('GET /mottos/today', 'today', () => ({ path: '/mottos/today' }));
probe('POST /mottos', 'B\'s person', (c) => c.B.p.id, (c, id) => ({ path: '/mottos', json: { person_id: id, text: '探针' } }));
probe('POST /mottos/{id}/review', 'B\'s motto', (c) => c.B.motto.id, (c, id) => ({ path: `/mottos/${id}/review`, json: { decision: 'rejected', note: '探针' } }));
for (const route of ['/suggestion-topics', '/suggestions', '/mottos'])
  for (const format of ['xlsx', 'csv'])
    list(`GET ${route}`, `export ${format}`, () => ({ path: `${route}?format=${format}`, file: format }));

// duty rosters (issue 15): B's roster with a shift, an assignment and an unavailable day, marked DCX
async function dutyFixtures(A, B) {
  const P = (X, p, json) => X(p, { method: 'POST', json });
  B.roster = await P(B.X, '/rosters', { org_id: B.b1.id, kind: 'flood', title: 'DCX 防汛值班' });
  [B.shift] = (await P(B.X, `/rosters/${B.roster.id}/shifts`, { from: yesterday, start_time: '08:00', hours: 24, required: 2 })).shifts;
  B.assignment = await P(B.X, `/duty-shifts/${B.shift.id}/assignments`, { person_id: B.p.id });
  await P(B.X, '/duty-unavailable', { person_id: B.p.id, day: '2099-01-01', note: 'DCX' });
  A.roster = await P(A.X, '/rosters', { org_id: A.b1.id, kind: 'checkpoint', title: 'XA 卡点' });
  [A.shift] = (await P(A.X, `/rosters/${A.roster.id}/shifts`, { from: '2099-02-01', start_time: '08:00', hours: 8, required: 50 })).shifts;
}
list('GET /rosters', 'list', () => ({ path: '/rosters?limit=500' }));
probe('POST /rosters', 'B\'s branch', (c) => c.B.b1.id, (c, id) => ({ path: '/rosters', json: { org_id: id, kind: 'other', title: '探针' } }));
get('GET /rosters/{id}', 'B\'s roster', (c) => c.B.roster.id);
probe('POST /rosters/{id}/shifts', 'B\'s roster', (c) => c.B.roster.id, (c, id) => ({ path: `/rosters/${id}/shifts`, json: { from: '2099-03-01', start_time: '08:00', hours: 8, required: 1 } }));
probe('POST /duty-shifts/{id}/assignments', 'B\'s shift', (c) => c.B.shift.id, (c, id) => ({ path: `/duty-shifts/${id}/assignments`, json: { person_id: c.A.p.id } }));
probe('POST /duty-shifts/{id}/assignments', 'A\'s shift, B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/duty-shifts/${c.A.shift.id}/assignments`, json: { person_id: id } }));
list('GET /duty-assignments', 'list', () => ({ path: '/duty-assignments?limit=500' }));
probe('GET /duty-assignments', 'roster_id=B\'s roster', (c) => c.B.roster.id, (c, id) => ({ path: `/duty-assignments?limit=500&roster_id=${id}` }));
probe('POST /duty-assignments/{id}/swap', 'B\'s assignment', (c) => c.B.assignment.id, (c, id) => ({ path: `/duty-assignments/${id}/swap`, json: { to_person_id: c.A.p.id, reason: '探针' } }));
probe('POST /duty-assignments/{id}/swap-decision', 'B\'s assignment', (c) => c.B.assignment.id, (c, id) => ({ path: `/duty-assignments/${id}/swap-decision`, json: { decision: 'approved' } }));
probe('POST /duty-assignments/{id}/absent', 'B\'s assignment', (c) => c.B.assignment.id, (c, id) => ({ path: `/duty-assignments/${id}/absent`, json: { absent: true } }));
list('GET /duty-unavailable', 'list', () => ({ path: '/duty-unavailable?limit=500' }));
probe('POST /duty-unavailable', 'B\'s person', (c) => c.B.p.id, (c, id) => ({ path: '/duty-unavailable', json: { person_id: id, day: '2099-01-02' } }));
for (const route of ['/rosters', '/duty-assignments', '/duty-unavailable'])
  for (const format of ['xlsx', 'csv'])
    list(`GET ${route}`, `export ${format}`, () => ({ path: `${route}?format=${format}`, file: format }));
// notifications (issue 17): B's test message in its delivery log
list('GET /notify/settings', 'own', () => ({ path: '/notify/settings' }));
list('PUT /notify/settings', 'own, as it is', () => ({ path: '/notify/settings', json: { daily_time: '08:00' } }));
list('GET /notify/preferences', 'own', () => ({ path: '/notify/preferences' }));
list('PUT /notify/preferences', 'own, as it is', () => ({ path: '/notify/preferences', json: {} }));
list('POST /notify/test', 'a robot not set up', () => ({ path: '/notify/test', json: { channel: 'wecom' } }));
list('POST /jobs/daily-reminder/run', 'a past day', () => ({ path: '/jobs/daily-reminder/run', json: { day: '2001-07-01' } }));
list('GET /deliveries', 'list', () => ({ path: '/deliveries?limit=500' }));
probe('GET /deliveries', 'person_id=B\'s person', (c) => c.B.p.id, (c, id) => ({ path: `/deliveries?limit=500&person_id=${id}` }));
get('GET /deliveries/{id}', 'B\'s delivery', (c) => c.B.delivery.id);
for (const format of ['xlsx', 'csv'])
  list('GET /deliveries', `export ${format}`, () => ({ path: `/deliveries?format=${format}`, file: format }));
// documents (issue 18): B's records as PDFs answer as missing ones; the annual figures show nothing of B
for (const sub of ['notice', 'xibao', 'certificates'])
  get(`GET /documents/evaluations/{id}/${sub}`, 'B\'s, in notice', (c) => c.B.evNotice.id);
get('GET /documents/meetings/{id}', 'B\'s meeting', (c) => c.B.m.id);
list('GET /statistics/annual', 'this year', () => ({ path: '/statistics/annual' }));
list('GET /documents/annual', 'this year', () => ({ path: '/documents/annual', file: 'pdf' }));
list('GET /documents/bulletin', 'this month', () => ({ path: `/documents/bulletin?month=${yesterday.slice(0, 7)}`, file: 'pdf' }));

/** B's records, read by B's administrator before and after the probes: they must not change. */
const SNAPSHOT = (c) => [
  `/orgs/${c.B.b1.id}`, `/orgs/${c.B.b2.id}`, `/people/${c.B.p.id}`, `/meetings/${c.B.m.id}`, `/lectures/${c.B.lecture.id}`,
  `/quizzes/${c.B.quiz.id}`, `/study-records?limit=500&person_id=${c.B.p.id}`, `/departments/${c.B.d.id}`, '/departments',
  `/meeting-rules/${c.B.rule.id}`, '/lecture-labels', `/schemes/${c.B.ownScheme.id}`, '/schemes', '/evaluations',
  `/evaluations/${c.B.evOpen.id}/entries`, `/evaluations/${c.B.evOpen.id}/awards`, `/evaluations/${c.B.evNotice.id}/objections`,
  `/users/${c.B.user.id}`, '/users?limit=500', `/bureaus/${c.B.bureau.id}`, '/orgs', '/people?limit=500', '/meetings?limit=5',
  '/quizzes?limit=500', '/lectures?limit=500',
  // dues (issue 16 item 1)
  '/dues/settings', '/dues/bases', '/dues/reductions', '/dues/payments?limit=500', '/dues/remittances', '/dues/members',
  // appraisals and secretary reviews (issue 16 items 3-4)
  '/appraisals', '/secretary-reviews',
];

// ---------------------------------------------------------------------------

async function fixtures(srv) {
  const as = async (username) => login(srv.url, username, passwordOf(username));
  const caller = (cl) => async (p, opts = {}, want = [200, 201, 204]) => {
    const r = await call(srv.url, p, { cookie: cl.cookie, csrf: cl.csrf, ...opts });
    assert.ok(want.includes(r.status), `fixture ${cl.user.username} ${opts.method || 'GET'} ${p}: ${r.status} ${r.text}`);
    return r.data;
  };
  const all = async (X, p) => { // every page of a list
    const items = [];
    for (let offset = 0; ; offset += 500) {
      const d = await X(`${p}${p.includes('?') ? '&' : '?'}limit=500&offset=${offset}`);
      items.push(...d.items);
      if (d.items.length < 500) return items;
    }
  };
  const today = shanghaiDate(0);
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3);
  const period = q === 0 ? `${Number(today.slice(0, 4)) - 1}Q4` : `${today.slice(0, 4)}Q${q}`;
  const kinds = Object.fromEntries((await caller(await as('admin'))('/meeting-kinds')).items.map((k) => [k.code, k.id]));

  /** The records of one bureau, found as its administrator, and those made here (titles prefixed). */
  const side = async (admin, mark) => {
    const cl = await as(admin);
    const X = caller(cl);
    const post = (p, json) => X(p, { method: 'POST', json });
    const orgs = (await X('/orgs')).items;
    const root = orgs.find((o) => !o.parent_id);
    const b1 = orgs.find((o) => o.name === '机关第一党支部');
    const b2 = orgs.find((o) => o.name === '机关第二党支部');
    const b3 = orgs.find((o) => o.name === '机关第三党支部');
    const g1 = orgs.find((o) => o.parent_id === b1.id && o.type === '党小组');
    const people = await all(X, '/people');
    const users = (await X('/users?limit=500')).items;
    const linked = new Set(users.map((u) => u.person_id).filter(Boolean));
    const pick = (f) => people.filter((x) => f(x) && !linked.has(x.id)).sort((x, y) => x.staff_no.localeCompare(y.staff_no))[0];
    const p = pick((x) => x.branch_id === b1.id && x.political_status === '中共党员');
    const guest = pick((x) => !['中共党员', '中共预备党员'].includes(x.political_status));
    const depts = (await X('/departments')).items;
    const d = depts.find((x) => x.name === '办公室');
    const m = await post('/meetings', { org_id: b1.id, kind_id: kinds.party_lecture, held_on: yesterday, topic: `${mark} 党课` });
    await X(`/meetings/${m.id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: p.id, status: '出席' }, { person_id: guest.id, status: '出席' }] } });
    const up = fileUpload(m.id);
    const file = await X('/files', { method: 'POST', body: up.body, type: up.type });
    const lecture = await post('/lectures', { held_on: yesterday, topic: `${mark} 讲堂`, lecturer_id: p.id });
    await X(`/lectures/${lecture.id}/attendance`, { method: 'PUT', json: { attendance: [{ person_id: p.id, status: '出席' }] } });
    const quiz = await post('/quizzes', { org_id: b1.id, kind: 'contest', title: `${mark} 测试`, held_on: yesterday, max_score: 100 });
    await X(`/quizzes/${quiz.id}/scores`, { method: 'PUT', json: { scores: [{ person_id: p.id, score: 90 }] } });
    const study = await post('/study-records', { person_id: p.id, studied_on: yesterday, hours: 1, mode: '个人自学', content: `${mark} 自学` });
    const rule = await post('/meeting-rules', { kind_id: kinds.theme_day, org_type: '党支部', frequency: 'month' });
    const label = await post('/lecture-labels', { kind: 'theme', name: `${mark}主题` });
    const scheme = (await X('/schemes?active=1')).items.find((s) => s.code === 'vanguard');
    const full = await X(`/schemes/${scheme.id}`);
    const civility = full.indicators.flatMap((i) => [i, ...(i.children || [])]).find((i) => i.code === 'civility');
    const ownScheme = await post('/schemes', SCHEME(`${mark.toLowerCase()}_scheme`));
    const evOpen = await post('/evaluations', { scheme_id: scheme.id, period, notice_days: 0 });
    const entry = await post(`/evaluations/${evOpen.id}/entries`, { target_id: p.id, indicator_id: civility.id, points: 8 });
    await post(`/evaluations/${evOpen.id}/nominations`, { award: 'business', target_id: p.id, reason: '业务能力突出，攻坚成效明显' });
    const evNotice = await post('/evaluations', { scheme_id: scheme.id, period, notice_days: 0 });
    for (const state of ['review', 'notice']) await post(`/evaluations/${evNotice.id}/state`, { state, override_reason: '探针：评分未全' });
    const member = await X(`/orgs/${b1.id}/committee`, { method: 'POST', json: { person_id: p.id, post: '委员' } });
    const user = users.find((u) => /zhibu1$/.test(u.username));
    const bureau = (await X('/bureaus')).items[0];
    return { cl, X, root, b1, b2, b3, g1, p, guest, d, m, file, lecture, quiz, study, rule, label, scheme, civility, ownScheme,
      evOpen, evNotice, entry, member, user, bureau, orgs, people };
  };
  const A = await side('admin', 'XA');
  const B = await side(`${B_CODE}.admin`, 'DCX');
  // an objection of B's member during B's notice
  const bm = await as(`${B_CODE}.dangyuan`);
  const o = await call(srv.url, `/evaluations/${B.evNotice.id}/objections`, { method: 'POST', cookie: bm.cookie, csrf: bm.csrf, json: { reason: 'DCX 本季度得分似乎有误' } });
  assert.equal(o.status, 201, `B's objection: ${o.text}`);
  B.objection = o.data;
  // supervision of conduct: A's and B's inspection with a finding each, and B's rule (DCX marks B's)
  for (const [S, mark] of [[A, 'XA'], [B, 'DCX']]) {
    S.crule = (await S.X('/conduct-rules')).items[0];
    S.insp = await S.X('/inspections', { method: 'POST', json: { kind: 'daily', held_on: yesterday, inspectors: `${mark} 纪检` } });
    S.finding = await S.X(`/inspections/${S.insp.id}/findings`, { method: 'POST', json: { rule_id: S.crule.id, person_ids: [S.p.id], description: `${mark} 问题` } });
  }
  await serviceFixtures(A, B);
  await warningFixtures(B);
  await selfServiceFixtures(B, bm, kinds); // member self-service
  await ideasFixtures(A, B); // ideas (issue 15)
  await dutyFixtures(A, B); // duty rosters (issue 15)
  // an account of A to change
  A.user = await caller(A.cl)('/users', { method: 'POST', json: { username: 'xb_member', display_name: '探针', password: 'Probe#Cross2026', roles: [{ role: 'member', org_id: A.b1.id }] } });
  // dues (issue 16 item 1): a setting, a base, a reduction, a payment and a remittance of B, marked DCX
  {
    const month = `${Number(today.slice(0, 4)) - 1}-01`;
    const X = B.X;
    B.dues = {
      month: `${Number(today.slice(0, 4)) - 1}-03`,
      setting: await X('/dues/settings', { method: 'POST', json: { name: 'warning_months', value: '3', effective_from: '2099-01', note: 'DCX' } }),
      base: await X('/dues/bases', { method: 'POST', json: { person_id: B.p.id, from_month: month, base_fen: 500000, note: 'DCX' } }),
      reduction: await X('/dues/reductions', { method: 'POST', json: { person_id: B.p.id, from_month: month, to_month: month, amount_fen: 100, reason: 'DCX 困难', approval_level: 'committee', approved_by: 'DCX 党委', approved_on: yesterday } }),
      payment: await X('/dues/payments', { method: 'POST', json: { person_id: B.p.id, from_month: month, amount_fen: 100, paid_on: yesterday, channel: '现金', note: 'DCX', confirm_late: true } }),
      remittance: await X('/dues/remittances', { method: 'POST', json: { org_id: B.b1.id, month, amount_fen: 100, remitted_on: yesterday, note: 'DCX' } }),
    };
  }
  // 发展党员 and 荣誉 (issue 16 items 2 and 6): an applicant, a setting and an honour of B, marked DCX
  B.applicant = await B.X('/applicants', { method: 'POST', json: { org_id: B.b1.id, name: 'DCX 申请人', birth_date: '1995-01-01', applied_on: '2023-01-10', talked_on: '2023-01-20' } });
  B.appSetting = await B.X('/applicant-settings', { method: 'POST', json: { name: 'notice_days', value: 6, effective_from: '2099-01-01', note: 'DCX' } });
  B.honour = await B.X('/honours', { method: 'POST', json: { person_id: B.p.id, title: 'DCX 荣誉', level: 'city', issuer: 'DCX 工委', awarded_on: yesterday } });
  // B's ids by kind, for the answers' checks
  const ids = (xs) => new Set(xs.map((x) => x.id));
  B.ids = {
    orgs: ids(B.orgs), people: ids(await all(B.X, '/people')), meetings: ids([...await all(B.X, '/meetings'), ...await all(B.X, '/lectures')]),
    quizzes: ids((await B.X('/quizzes?limit=500')).items), study: ids(await all(B.X, '/study-records')),
    depts: ids((await B.X('/departments')).items), users: ids((await B.X('/users?limit=500')).items),
    schemes: ids((await B.X('/schemes')).items), evals: ids((await B.X('/evaluations')).items),
    rules: ids((await B.X('/meeting-rules')).items.filter((r) => r.bureau_id)), labels: ids((await B.X('/lecture-labels')).items),
    files: new Set([B.file.id]), bureaus: new Set([B.bureau.id]),
  };
  for (const [k, s] of Object.entries(B.ids)) assert.ok(s.size > 0, `B has ${k}`);
  // supervision (issue 13): a talk, a risk point and a fund process of each bureau
  for (const [S, mark] of [[A, 'XA'], [B, 'DCX']]) await supervisionFixtures(S, mark);
  // notifications (issue 17): a test message of B (a robot not set up: logged as failed)
  B.delivery = await B.X('/notify/test', { method: 'POST', json: { channel: 'wecom' } });
  return { A, B, kinds, period, year: today.slice(0, 4) };
}

function readTable() {
  const rows = new Map();
  if (!fs.existsSync(TABLE)) return rows;
  fs.readFileSync(TABLE, 'utf8').split('\n').forEach((line, i) => {
    if (!line || line.startsWith('#') || line.startsWith('route\t')) return;
    const f = line.split('\t');
    rows.set(`${f[0]}\t${f[1]}`, { cells: Object.fromEntries(ROLES.map((r, k) => [r, f[k + 2]])), line: i + 1 });
  });
  return rows;
}

function writeTable(rows) {
  const head = `# The cross-bureau matrix (tests/api/cross_bureau.test.mjs, docs/ACCESS.md): the status A's roles get
# when a request names a record of bureau B (东城区财政局) — the same status, message and fields as for an id
# that does not exist.  Lists name no id of B (their answers must show nothing of B).  DJ_MATRIX_UPDATE=1 rewrites.
route\tvariant\t${ROLES.join('\t')}\n`;
  fs.writeFileSync(TABLE, head + rows.map((r) => [r.route, r.variant, ...ROLES.map((x) => r.cells[x])].join('\t')).join('\n') + '\n');
}

describe(`the cross-bureau matrix (${BACKEND})`, () => {
  let srv;
  let c;
  let dir;
  const observed = [];
  const failures = [];

  before(async () => {
    dir = makeTempDir('dj-xb-');
    const db = makeDemoDb(dir);
    const r = runDj(['demo', '--db', db, '--bureau', B_NAME, '--code', B_CODE]);
    assert.equal(r.status, 0, `demo --bureau: ${r.stdout}\n${r.stderr}`);
    srv = await startServer({ dir, dbPath: db });
    c = await fixtures(srv);
    c.clients = Object.fromEntries(await Promise.all(ROLES.map(async (role) => [role, await login(srv.url, role, passwordOf(role))])));
  });
  after(async () => { if (srv) await srv.stopClean(); });

  test('every route of routes.c has a probe', () => {
    const routes = parseRoutes().map((r) => routeKey(r.method, r.path));
    const probed = new Set(probes.map((p) => p.route));
    assert.deepEqual(routes.filter((r) => !probed.has(r)), [], 'routes without a probe in cross_bureau.test.mjs');
    assert.deepEqual([...probed].filter((r) => !routes.includes(r)), [], 'probes of routes that routes.c does not have');
  });

  test('A\'s roles neither read, change nor learn of B\'s records', async () => {
    const before = await Promise.all(SNAPSHOT(c).map((p) => c.B.X(p)));
    const send = async (req, role, method) => {
      const who = req.session === 'none' ? {} : c.clients[role];
      if (req.file) {
        const res = await fetch(srv.url + PREFIX + req.path, { headers: { Cookie: who.cookie } });
        const buf = Buffer.from(await res.arrayBuffer());
        const text = res.status !== 200 ? buf.toString('utf8') : req.file === 'xlsx' ? xlsxText(buf, dir)
          : req.file === 'pdf' ? pdfText(buf, dir) : buf.toString('utf8');
        return { status: res.status, text, data: null };
      }
      try {
        return await call(srv.url, req.path, { method, json: req.json, body: req.body, type: req.type, cookie: who.cookie, csrf: who.csrf });
      } catch (e) { // an answer that docs/openapi.yaml does not describe: noted, and the probes go on
        failures.push(`${method} ${req.path} as ${role}: ${e.message.split('\n')[0]}`);
        const status = Number(e.message.match(/answered (\d{3})/)?.[1] ?? 0);
        return { status, text: '', data: null };
      }
    };
    // the answer to a missing id, with the id itself taken out of messages
    const shape = (r, id) => (r.data?.error ? JSON.stringify({ m: r.data.error.message, f: r.data.error.fields ?? null }).replaceAll(String(id), '#') : '');
    // the reads first, then the writes
    const ordered = [...probes.filter((p) => p.route.startsWith('GET ')), ...probes.filter((p) => !p.route.startsWith('GET '))];
    for (const p of ordered) {
      const method = p.route.split(' ')[0];
      const what = `${p.route} [${p.variant}]`;
      const cells = {};
      for (const role of ROLES) {
        const bId = p.list ? null : await p.pick(c);
        const req = p.list ? await p.build(c, role) : await p.build(c, bId, role);
        const r = await send(req, role, method);
        cells[role] = String(r.status);
        const leaks = bLeaks(c, req.path, r.text, r.data);
        if (leaks.length) failures.push(`${what} as ${role}: ${r.status} shows B: ${leaks.slice(0, 5).join('; ')}`);
        if (r.status >= 500) failures.push(`${what} as ${role}: ${r.status} ${r.text.slice(0, 200)}`);
        if (p.mustFail && r.status < 300) failures.push(`${what} as ${role}: ${r.status}, a write naming B succeeded`);
        if (p.list) continue;
        // a write naming B's record never succeeds, nor a read of B's record by its id in the path
        if (method !== 'GET' && r.status < 300) failures.push(`${what} as ${role}: ${r.status}, a write naming B's record succeeded`);
        if (method === 'GET' && r.status < 300 && req.path.split('?')[0].split('/').includes(String(bId)))
          failures.push(`${what} as ${role}: ${r.status}, B's record was read`);
        const m = await send(await p.build(c, MISSING, role), role, method);
        if (m.status !== r.status || shape(m, MISSING) !== shape(r, bId))
          failures.push(`${what} as ${role}: B's id answers ${r.status} ${shape(r, bId)}, a missing id ${m.status} ${shape(m, MISSING)}`);
      }
      observed.push({ route: p.route, variant: p.variant, cells });
    }
    const after = await Promise.all(SNAPSHOT(c).map((p) => c.B.X(p)));
    SNAPSHOT(c).forEach((p, i) => {
      if (JSON.stringify(after[i]) !== JSON.stringify(before[i])) failures.push(`B's ${p} changed: ${JSON.stringify(before[i]).slice(0, 300)} -> ${JSON.stringify(after[i]).slice(0, 300)}`);
    });
    if (UPDATE) {
      writeTable(observed);
      console.log(`cross-bureau matrix: wrote ${observed.length} rows to ${TABLE}`);
    } else {
      const table = readTable();
      for (const row of observed) {
        const want = table.get(`${row.route}\t${row.variant}`);
        if (!want) { failures.push(`no row in cross_bureau.tsv for ${row.route} [${row.variant}]`); continue; }
        for (const role of ROLES)
          if (want.cells[role] !== row.cells[role]) failures.push(`${row.route} [${row.variant}] as ${role}: got ${row.cells[role]}, the table says ${want.cells[role]} (line ${want.line})`);
      }
      const seen = new Set(observed.map((r) => `${r.route}\t${r.variant}`));
      for (const [key, want] of table) if (!seen.has(key)) failures.push(`cross_bureau.tsv line ${want.line} names no probe`);
    }
    assert.deepEqual(failures, []);
  });
});
