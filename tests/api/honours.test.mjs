// 荣誉 (/api/v1/honours, issue 16 item 6): honours of the bureau, branches and
// people with scope, export and import, and the index source `honours` — a
// computed indicator counting them and a bonus indicator adding points by
// level, explained down to each honour.  Today is fixed at 2026-12-15.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, ADMIN_PASSWORD } from './harness.mjs';

const TODAY = '2026-12-15';

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
}

async function upload(client, path, text, filename) {
  const form = new FormData();
  form.append('file', new Blob([text]), filename);
  const res = await fetch(`${client.url}${path}`, {
    method: 'POST', body: form, headers: { Cookie: client.cookie, 'X-CSRF-Token': client.csrf },
  });
  return { status: res.status, data: await res.json() };
}

describe('honours: records, scope, export, import and the index source', () => {
  let srv, admin, dangwei, zhibu1, zhibu2, dangyuan, people, root, branch1, branch2, A, B;
  before(async () => {
    srv = await startServer({ today: TODAY });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    dangyuan = await login(srv.url, 'dangyuan');
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    root = orgs.find((o) => !o.parent_id);
    branch1 = orgs.find((o) => o.name === '机关第一党支部');
    branch2 = orgs.find((o) => o.name === '机关第二党支部');
    A = people.find((p) => p.id === dangyuan.user.person_id);
    B = people.find((p) => p.branch_id === branch2.id && p.political_status === '中共党员');
    assert.ok(root && A && B);
  });
  after(async () => { await srv.stopClean(); });
  const post = (client, json) => client.fetch('/api/v1/honours', { method: 'POST', json });

  test('recording: the bureau\'s by the 机关党委, a branch\'s and its members\' by its secretary', async () => {
    const bureau = await post(dangwei, { org_id: root.id, title: '省级文明单位', level: 'province', issuer: '省文明委', awarded_on: '2026-10-10' });
    assert.equal(bureau.status, 201, JSON.stringify(bureau.data));
    assert.equal(bureau.data.holder, 'bureau');
    assertError(await post(zhibu1, { org_id: root.id, title: 'x', level: 'city', issuer: 'y', awarded_on: '2026-10-10' }), 403, 'forbidden');
    const mine = await post(zhibu1, { person_id: A.id, title: '市直机关优秀共产党员', level: '市级', issuer: '市直机关工委', awarded_on: '2026-11-01' });
    assert.equal(mine.status, 201, JSON.stringify(mine.data));
    assert.equal(mine.data.org_id, branch1.id, 'filed under the member\'s branch');
    assert.equal(mine.data.level, 'city');
    assert.equal((await post(zhibu1, { person_id: A.id, title: '局优秀共产党员', level: 'bureau', issuer: '局机关党委', awarded_on: '2026-10-20' })).status, 201);
    assert.equal((await post(zhibu1, { person_id: A.id, title: '往年荣誉', level: 'city', issuer: '市直机关工委', awarded_on: '2026-06-01' })).status, 201);
    assertError(await post(zhibu1, { person_id: B.id, title: 'x', level: 'city', issuer: 'y', awarded_on: '2026-10-10' }), 403, 'forbidden');
    assertFieldError(await post(zhibu1, { person_id: A.id, title: 'x', level: '乡级', issuer: 'y', awarded_on: '2026-10-10' }), 'level');
    assertFieldError(await post(zhibu1, { person_id: A.id, title: 'x', level: 'city', issuer: 'y', awarded_on: '2026-12-16' }), 'awarded_on');
    assertFieldError(await post(zhibu1, { person_id: A.id, level: 'city', issuer: 'y', awarded_on: '2026-10-10' }), 'title');
    assert.equal((await post(zhibu2, { org_id: branch2.id, title: '五星党支部', level: 'bureau', issuer: '局机关党委', awarded_on: '2026-11-11' })).status, 201);
    // the member reads their own, the other branch's secretary not theirs
    const own = (await dangyuan.fetch('/api/v1/honours')).data;
    assert.equal(own.total, 3);
    assertError(await zhibu2.fetch(`/api/v1/honours/${mine.data.id}`), 403, 'forbidden');
    assert.equal((await zhibu2.fetch(`/api/v1/honours/${mine.data.id}`, { method: 'PATCH', json: { note: 'x' } })).status, 403);
    const changed = await zhibu1.fetch(`/api/v1/honours/${mine.data.id}`, { method: 'PATCH', json: { note: '证书编号 2026-018' } });
    assert.equal(changed.data.note, '证书编号 2026-018');
    const audit = (await admin.fetch('/api/v1/audit?object_type=honour&limit=50')).data.items;
    assert.ok(audit.some((r) => r.action === 'update' && r.object_id === mine.data.id));
  });

  test('list filters, the export and the import (columns by name, errors by row)', async () => {
    const city = (await dangwei.fetch('/api/v1/honours?level=city')).data.items;
    assert.ok(city.length >= 2 && city.every((h) => h.level === 'city'));
    assertFieldError(await dangwei.fetch('/api/v1/honours?level=town'), 'level');
    const q4 = (await dangwei.fetch('/api/v1/honours?from=2026-10-01&to=2026-12-31')).data.items;
    assert.ok(q4.every((h) => h.awarded_on >= '2026-10-01'));
    const x = await fetch(`${srv.url}/api/v1/honours?format=xlsx`, { headers: { Cookie: dangwei.cookie } });
    assert.equal(x.status, 200);
    assert.match(x.headers.get('content-type'), /spreadsheetml/);
    const head = '获得单位,获得人,荣誉名称,级别,授予机关,获得日期\n';
    const bad = await upload(dangwei, '/api/v1/honours/import', `${head},${A.staff_no},先进工作者,局级,局机关党委,2026-09-09\n,无此人,先进工作者,局级,局机关党委,2026-09-09\n机关第一党支部,,先进支部,乡级,局机关党委,2026-09-09\n`, 'h.csv');
    assert.equal(bad.status, 200, JSON.stringify(bad.data));
    assert.equal(bad.data.created, 0);
    assert.deepEqual(bad.data.errors.map((e) => [e.row, e.column]), [[3, '获得人'], [4, '级别']]);
    const ok = await upload(dangwei, '/api/v1/honours/import', `${head},${A.staff_no},先进工作者,局级,局机关党委,2026-09-09\n机关第一党支部,,先进支部,局级,局机关党委,2026-09-09\n`, 'h.csv');
    assert.equal(ok.data.created, 2, JSON.stringify(ok.data));
  });

  test('the index source: a computed count and a bonus by level, explained honour by honour', async () => {
    const sources = (await dangwei.fetch('/api/v1/index-sources')).data.items;
    assert.ok(sources.some((s) => s.name === 'honours' && s.target === 'member'));
    assertFieldError(await dangwei.fetch('/api/v1/schemes', { method: 'POST', json: {
      code: 'hon_bad', name: '荣誉', target: 'member', settings: {},
      indicators: [{ code: 'b', name: '加分', kind: 'bonus', source: 'attendance_rate', max_points: 5 }],
    } }), 'indicators[0].source');
    const scheme = await dangwei.fetch('/api/v1/schemes', { method: 'POST', json: {
      code: 'hon_test', name: '荣誉测试', target: 'member', settings: {},
      indicators: [
        { code: 'n', name: '荣誉数', kind: 'computed', source: 'honours', max_points: 4, params: { map: 'per_unit', per: 1 } },
        { code: 'b', name: '荣誉加分', kind: 'bonus', source: 'honours', max_points: 5, params: { levels: { city: 3, bureau: 1.5 } } },
      ],
    } });
    assert.equal(scheme.status, 201, JSON.stringify(scheme.data));
    const ev = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: scheme.data.id, period: '2026Q4', notice_days: 0 } })).data;
    const computed = await dangwei.fetch(`/api/v1/evaluations/${ev.id}/compute`, { method: 'POST' });
    assert.equal(computed.status, 200, JSON.stringify(computed.data));
    const ex = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}/targets/${A.id}/explain`)).data;
    const node = (code) => ex.indicators.find((i) => i.code === code);
    // Q4: 市直机关优秀共产党员 (city, 3) and 局优秀共产党员 (bureau, 1.5); June's is outside the period
    assert.equal(node('n').points, 2);
    assert.deepEqual(node('n').records.honours.map((h) => h.title).sort(), ['局优秀共产党员', '市直机关优秀共产党员']);
    assert.equal(node('b').points, 4.5);
    assert.deepEqual(node('b').honours.map((h) => [h.level, h.points]).sort(), [['局级', 1.5], ['市级', 3]]);
    assert.match(node('b').rule, /2 项合计 4\.50/);
    const exB = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}/targets/${B.id}/explain`)).data;
    assert.equal(exB.indicators.find((i) => i.code === 'n').points, 0);
  });

  test('evidence: a certificate on an honour; one with a certificate is not deleted', async () => {
    const h = (await zhibu1.fetch('/api/v1/honours')).data.items.find((x) => x.person_id === A.id);
    const form = new FormData();
    form.append('object_type', 'honour');
    form.append('object_id', String(h.id));
    form.append('file', new Blob(['%PDF-1.4\n%%EOF\n']), '证书.pdf');
    const res = await fetch(`${srv.url}/api/v1/files`, { method: 'POST', body: form, headers: { Cookie: zhibu1.cookie, 'X-CSRF-Token': zhibu1.csrf } });
    assert.equal(res.status, 201);
    assert.equal((await zhibu1.fetch(`/api/v1/honours/${h.id}`)).data.files.length, 1);
    const gone = await zhibu2.fetch(`/api/v1/honours/${h.id}`, { method: 'DELETE' });
    assertError(gone, 403, 'forbidden');
    assertError(await zhibu1.fetch(`/api/v1/honours/${h.id}`, { method: 'DELETE' }), 409, 'conflict'); // its certificate names it
    const other = (await post(zhibu1, { person_id: A.id, title: '误录', level: 'bureau', issuer: '局机关党委', awarded_on: '2026-12-01' })).data;
    assert.equal((await zhibu1.fetch(`/api/v1/honours/${other.id}`, { method: 'DELETE' })).status, 204);
    assertError(await zhibu1.fetch(`/api/v1/honours/${other.id}`), 404, 'not_found');
  });
});
