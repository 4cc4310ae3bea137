// Duty rosters (issue 15): 24-hour flood duty two at a time and daily
// checkpoint shifts, assignments refused on a full shift, an unavailable day
// or an overlapping shift, swaps asked by the member and decided by the
// organiser, absences, the printable roster, served hours in the year's
// figures (a hand count) and in the 先锋指数 (duty_hours, explained down to the shift).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, ADMIN_PASSWORD } from './harness.mjs';

const TODAY = '2026-12-20';

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
}
const post = (c, path, json) => c.fetch(path, { method: 'POST', json });
const ok = (r) => { assert.ok(r.status === 200 || r.status === 201, `${r.status} ${JSON.stringify(r.data)}`); return r.data; };

describe('duty rosters', () => {
  let srv, admin, dangwei, zhibu1, zhibu2, dangyuan, people, orgs, b1, b2, me, mates;
  before(async () => {
    srv = await startServer({ today: TODAY });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    dangyuan = await login(srv.url, 'dangyuan');
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    b1 = orgs.find((o) => o.name === '机关第一党支部');
    b2 = orgs.find((o) => o.name === '机关第二党支部');
    me = people.find((p) => p.id === dangyuan.user.person_id);
    mates = people.filter((p) => p.branch_id === b1.id && p.id !== me.id && p.political_status === '中共党员');
  });
  after(async () => { await srv.stopClean(); });

  test('flood duty: 24-hour shifts two at a time; refused when full, unavailable or overlapping; the printable roster', async () => {
    const r = await post(zhibu1, '/api/v1/rosters', { org_id: b1.id, kind: 'flood', title: '汛期24小时值班', place: '局机关值班室' });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.match(r.headers.get('location'), /\/api\/v1\/rosters\/\d+$/);
    assertError(await post(zhibu2, '/api/v1/rosters', { org_id: b1.id, kind: 'flood', title: '他支部' }), 403, 'forbidden');
    assertError(await post(dangyuan, '/api/v1/rosters', { org_id: b1.id, kind: 'flood', title: '党员' }), 403, 'forbidden');
    assertFieldError(await post(zhibu1, '/api/v1/rosters', { org_id: b1.id, kind: 'party', title: '某' }), 'kind');

    const sh = await post(zhibu1, `/api/v1/rosters/${r.data.id}/shifts`, { from: '2026-07-01', to: '2026-07-03', start_time: '08:00', hours: 24, required: 2 });
    assert.equal(sh.status, 200, JSON.stringify(sh.data));
    assert.deepEqual(sh.data.shifts.map((s) => [s.starts_at, s.ends_at, s.hours, s.required]), [
      ['2026-07-01T08:00', '2026-07-02T08:00', 24, 2], ['2026-07-02T08:00', '2026-07-03T08:00', 24, 2], ['2026-07-03T08:00', '2026-07-04T08:00', 24, 2]]);
    assertFieldError(await post(zhibu1, `/api/v1/rosters/${r.data.id}/shifts`, { from: '2026-07-01', start_time: '25:00', hours: 24, required: 2 }), 'start_time');
    assertFieldError(await post(zhibu1, `/api/v1/rosters/${r.data.id}/shifts`, { from: '2026-07-01', start_time: '08:00', hours: 25, required: 2 }), 'hours');
    assertFieldError(await post(zhibu1, `/api/v1/rosters/${r.data.id}/shifts`, { from: '2026-07-01', to: '2026-12-01', start_time: '08:00', hours: 8, required: 2 }), 'to');
    assertError(await post(zhibu2, `/api/v1/rosters/${r.data.id}/shifts`, { from: '2026-07-01', start_time: '08:00', hours: 24, required: 2 }), 403, 'forbidden');
    const [s1, s2] = sh.data.shifts;

    const a1 = await post(zhibu1, `/api/v1/duty-shifts/${s1.id}/assignments`, { person_id: me.id });
    assert.equal(a1.status, 201, JSON.stringify(a1.data));
    assert.deepEqual([a1.data.person_id, a1.data.hours, a1.data.place], [me.id, 24, '局机关值班室']);
    assertError(await post(zhibu1, `/api/v1/duty-shifts/${s1.id}/assignments`, { person_id: me.id }), 409, 'conflict');
    ok(await post(zhibu1, `/api/v1/duty-shifts/${s1.id}/assignments`, { person_id: mates[0].id }));
    assertError(await post(zhibu1, `/api/v1/duty-shifts/${s1.id}/assignments`, { person_id: mates[1].id }), 409, 'conflict'); // full: two at a time
    assertError(await post(dangyuan, `/api/v1/duty-shifts/${s2.id}/assignments`, { person_id: me.id }), 403, 'forbidden');
    // the member is not available on 07-02 (on the phone); the next shift refuses them
    const un = await post(dangyuan, '/api/v1/duty-unavailable', { day: '2026-07-02', note: '孩子中考' });
    assert.equal(un.status, 201, JSON.stringify(un.data));
    assertError(await post(dangyuan, '/api/v1/duty-unavailable', { day: '2026-07-02' }), 409, 'conflict');
    assertError(await post(dangyuan, '/api/v1/duty-unavailable', { day: '2026-07-05', person_id: mates[0].id }), 403, 'forbidden');
    assertError(await post(zhibu1, `/api/v1/duty-shifts/${s2.id}/assignments`, { person_id: me.id }), 409, 'conflict');
    // overlapping: a checkpoint shift on 07-01 20:00 while on flood duty
    const cp = ok(await post(zhibu1, '/api/v1/rosters', { org_id: b1.id, kind: 'checkpoint', title: '疫情防控卡点值守', place: '高速路口' }));
    const cps = ok(await post(zhibu1, `/api/v1/rosters/${cp.id}/shifts`, { from: '2026-07-01', to: '2026-07-01', start_time: '20:00', hours: 4, required: 3, place: '东出口' })).shifts;
    assertError(await post(zhibu1, `/api/v1/duty-shifts/${cps[0].id}/assignments`, { person_id: me.id }), 409, 'conflict');

    const roster = (await dangyuan.fetch(`/api/v1/rosters/${r.data.id}`)).data;
    assert.equal(roster.shift_list.length, 3);
    assert.deepEqual(roster.shift_list[0].people.map((p) => p.person_id).sort(), [me.id, mates[0].id].sort());
    assert.equal(roster.may_write, false);
    assert.equal((await zhibu2.fetch(`/api/v1/rosters/${r.data.id}`)).status, 200); // posted for the bureau
    const x = await fetch(`${srv.url}/api/v1/rosters/${r.data.id}?format=csv`, { headers: { Cookie: dangyuan.cookie } });
    assert.equal(x.status, 200);
    const csv = await x.text();
    assert.match(csv, /2026-07-01 08:00/);
    assert.match(csv, new RegExp(me.name));
    const xl = await fetch(`${srv.url}/api/v1/rosters/${r.data.id}?format=xlsx`, { headers: { Cookie: zhibu1.cookie } });
    assert.equal(Buffer.from(await xl.arrayBuffer()).subarray(0, 2).toString('latin1'), 'PK');
    const mine = (await dangyuan.fetch('/api/v1/duty-assignments')).data;
    assert.deepEqual(mine.items.map((a) => a.id), [a1.data.id]);
    assertError(await dangyuan.fetch(`/api/v1/duty-assignments?person_id=${mates[0].id}`), 403, 'forbidden');
    assert.ok(!(await zhibu2.fetch('/api/v1/duty-assignments')).data.items.some((a) => a.person_id === me.id));
    assert.equal((await zhibu1.fetch('/api/v1/duty-unavailable?from=2026-07-01&to=2026-07-31')).data.items.filter((u) => u.person_id === me.id).length, 1);
    const audit = (await admin.fetch('/api/v1/audit?object_type=duty_roster&limit=50')).data.items.map((a) => a.action).sort();
    assert.deepEqual(audit, ['create', 'create', 'shifts', 'shifts']);
  });

  test('a swap asked by the member on the phone and decided by the organiser; an absence does not count', async () => {
    const r = ok(await post(zhibu1, '/api/v1/rosters', { org_id: b1.id, kind: 'checkpoint', title: '卡点值守（八月）' }));
    const [s] = ok(await post(zhibu1, `/api/v1/rosters/${r.id}/shifts`, { from: '2026-08-10', start_time: '08:00', hours: 8, required: 2 })).shifts;
    const a = ok(await post(zhibu1, `/api/v1/duty-shifts/${s.id}/assignments`, { person_id: me.id }));
    assertError(await post(zhibu1, `/api/v1/duty-assignments/${a.id}/swap`, { to_person_id: mates[1].id, reason: '代申请' }), 403, 'forbidden');
    assertFieldError(await post(dangyuan, `/api/v1/duty-assignments/${a.id}/swap`, { to_person_id: me.id, reason: '自己' }), 'to_person_id');
    assertFieldError(await post(dangyuan, `/api/v1/duty-assignments/${a.id}/swap`, { to_person_id: mates[1].id }), 'reason');
    const asked = await post(dangyuan, `/api/v1/duty-assignments/${a.id}/swap`, { to_person_id: mates[1].id, reason: '出差' });
    assert.equal(asked.status, 200, JSON.stringify(asked.data));
    assert.deepEqual([asked.data.swap_status, asked.data.swap_to], ['pending', mates[1].id]);
    assertError(await post(dangyuan, `/api/v1/duty-assignments/${a.id}/swap`, { to_person_id: mates[2].id, reason: '再换' }), 409, 'conflict');
    assert.equal((await zhibu1.fetch('/api/v1/duty-assignments?swap_status=pending')).data.total, 1);
    assertError(await post(dangyuan, `/api/v1/duty-assignments/${a.id}/swap-decision`, { decision: 'approved' }), 403, 'forbidden');
    assertError(await post(zhibu2, `/api/v1/duty-assignments/${a.id}/swap-decision`, { decision: 'approved' }), 403, 'forbidden');
    const done = await post(zhibu1, `/api/v1/duty-assignments/${a.id}/swap-decision`, { decision: 'approved' });
    assert.equal(done.status, 200, JSON.stringify(done.data));
    assert.deepEqual([done.data.person_id, done.data.swapped_from, done.data.swap_status], [mates[1].id, me.id, 'approved']);
    assertError(await post(zhibu1, `/api/v1/duty-assignments/${a.id}/swap-decision`, { decision: 'approved' }), 409, 'conflict');
    // the new holder is absent: marked by the organiser
    const abs = ok(await post(zhibu1, `/api/v1/duty-assignments/${a.id}/absent`, { absent: true }));
    assert.equal(abs.absent, true);
    assertError(await post(dangyuan, `/api/v1/duty-assignments/${a.id}/absent`, { absent: false }), 403, 'forbidden');
    const audit = (await admin.fetch(`/api/v1/audit?object_type=duty_assignment&object_id=${a.id}&limit=50`)).data.items.map((x) => x.action).sort();
    assert.deepEqual(audit, ['absent', 'create', 'swap', 'swap_decide']);
  });

  test('served hours: the year\'s figures equal a hand count; the 先锋指数 counts them, explained down to the shift', async () => {
    const scheme = ok(await post(dangwei, '/api/v1/schemes', {
      code: 'duty_test', name: '值班测试', target: 'member',
      indicators: [{ code: 'duty', name: '岗位奉献', kind: 'computed', source: 'duty_hours', max_points: 100, params: { map: 'per_unit', per: 0.1 } }],
    }));
    const ev = ok(await post(dangwei, '/api/v1/evaluations', { scheme_id: scheme.id, period: '2026Q3', notice_days: 0 }));
    ok(await post(dangwei, `/api/v1/evaluations/${ev.id}/compute`));
    const ex = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}/targets/${me.id}/explain`)).data;
    const node = ex.indicators.find((i) => i.code === 'duty');
    // me: the flood shift of 07-01 (24 h); the swapped August shift is mates[1]'s (absent)
    assert.equal(node.records.duty_hours, 24);
    assert.deepEqual(node.records.shifts.map((s) => [s.starts_at, s.hours]), [['2026-07-01T08:00', 24]]);
    assert.equal(ex.total, 2.4);
    const mate = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}/targets/${mates[1].id}/explain`)).data;
    assert.equal(mate.indicators.find((i) => i.code === 'duty').records.duty_hours, 0);
    // hand count: 07-01 two people × 24 h; the absent one and the shifts nobody took do not count;
    // a shift after today does not count yet
    const future = ok(await post(zhibu1, '/api/v1/rosters', { org_id: b1.id, kind: 'other', title: '元旦值班' }));
    const [fs] = ok(await post(zhibu1, `/api/v1/rosters/${future.id}/shifts`, { from: '2026-12-31', start_time: '09:00', hours: 8, required: 1 })).shifts;
    ok(await post(zhibu1, `/api/v1/duty-shifts/${fs.id}/assignments`, { person_id: mates[2].id }));
    const s = (await admin.fetch('/api/v1/statistics/service?year=2026')).data;
    assert.deepEqual([s.duty_shifts, s.duty_hours], [2, 48]);
    const b2stats = (await zhibu2.fetch('/api/v1/statistics/service?year=2026')).data;
    assert.deepEqual([b2stats.duty_shifts, b2stats.duty_hours], [0, 0]);
    assert.deepEqual([(await admin.fetch('/api/v1/statistics/service?year=2025')).data.duty_shifts], [0]);
  });
});
