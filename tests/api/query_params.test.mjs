// Query parameters (issue 18 item 4): a parameter an endpoint does not take
// is refused with 400 naming it, never silently ignored; and every statistic
// answers any range of dates (?from=&to=), across years: the figures of
// 2025-01-01..2026-12-31 are those of 2025 plus those of 2026.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, request, assertError, ADMIN_PASSWORD } from './harness.mjs';

const TODAY = '2026-06-30'; // the demo's year of records spans 2025 and 2026
const RANGE = 'from=2025-01-01&to=2026-12-31';

function assertUnknownParam(r, name) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[name], 'string', JSON.stringify(r.data));
  assert.ok(e.message.includes(name), e.message);
}

const sum = (items, key) => items.reduce((s, x) => s + (x[key] ?? 0), 0);

describe('query parameters', () => {
  let srv, admin;
  before(async () => {
    srv = await startServer({ records: true, today: TODAY });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
  });
  after(async () => srv && srv.stopClean());

  test('a parameter the endpoint does not take is 400 naming it', async () => {
    assertUnknownParam(await admin.fetch('/api/v1/people?limit=5&bogus=1'), 'bogus');
    assertUnknownParam(await admin.fetch('/api/v1/lectures/summary?from_date=2025-01-01'), 'from_date');
    assertUnknownParam(await admin.fetch('/api/v1/orgs?limit=500'), 'limit'); // /orgs is not paged
    assertUnknownParam(await admin.fetch('/api/v1/meetings/upcoming?org_id=1'), 'org_id');
    // a parameter given twice: the second would be ignored
    assertUnknownParam(await admin.fetch('/api/v1/people?q=a&q=b'), 'q');
    // on a state-changing route as well
    assertUnknownParam(await admin.fetch('/api/v1/orgs?dry_run=1', { method: 'POST', json: {} }), 'dry_run');
    // a public route too; and without a session the session is asked for first
    const pub = await request(srv.url, '/api/v1/health?verbose=1');
    assertUnknownParam(pub, 'verbose');
    assertError(await request(srv.url, '/api/v1/people?bogus=1'), 401, 'unauthenticated');
    // what it takes still works
    assert.equal((await admin.fetch('/api/v1/people?limit=5&q=%E5%BC%A0&sort=name')).status, 200);
    assert.equal((await admin.fetch('/api/v1/health')).status, 200);
  });

  test('from/to: both, valid, in order, and not beside period or year', async () => {
    for (const q of ['from=2025-01-01', 'to=2026-12-31', 'from=2025-13-01&to=2026-01-01',
      'from=2026-01-01&to=2025-12-31', 'period=2026&from=2025-01-01&to=2026-12-31'])
      assertError(await admin.fetch(`/api/v1/statistics/attendance?${q}`), 400, 'invalid');
    assertError(await admin.fetch(`/api/v1/lectures/summary?year=2026&${RANGE}`), 400, 'invalid');
    assertError(await admin.fetch(`/api/v1/statistics/service?year=2026&${RANGE}`), 400, 'invalid');
  });

  test('lectures/summary answers the range, not this year', async () => {
    const r = await admin.fetch(`/api/v1/lectures/summary?${RANGE}`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.from, '2025-01-01');
    assert.equal(r.data.to, '2026-12-31');
    const y25 = (await admin.fetch('/api/v1/lectures/summary?year=2025')).data;
    const y26 = (await admin.fetch('/api/v1/lectures/summary?year=2026')).data;
    assert.ok(y25.sessions > 0 && y26.sessions > 0, 'the demo has lectures in both years');
    assert.equal(r.data.sessions, y25.sessions + y26.sessions);
    assert.equal(r.data.person_times, y25.person_times + y26.person_times);
    assert.ok(r.data.by_month.some((m) => m.month.startsWith('2025')) && r.data.by_month.some((m) => m.month.startsWith('2026')));
    // the lecture list and rota take the range as well
    const list = await admin.fetch(`/api/v1/lectures?${RANGE}&limit=500`);
    assert.equal(list.status, 200);
    assert.equal(list.data.total, r.data.sessions);
    assert.equal((await admin.fetch(`/api/v1/lectures/rota?${RANGE}`)).status, 200);
  });

  test('attendance and learning statistics over two years', async () => {
    for (const [path, keys] of [['/api/v1/statistics/attendance', ['expected', 'attended', 'absent']],
      ['/api/v1/statistics/learning', ['lectures_attended', 'lectures_given', 'study_hours']]]) {
      const all = (await admin.fetch(`${path}?${RANGE}`)).data.items;
      const a = (await admin.fetch(`${path}?period=2025`)).data.items;
      const b = (await admin.fetch(`${path}?period=2026`)).data.items;
      for (const k of keys)
        assert.ok(Math.abs(sum(all, k) - sum(a, k) - sum(b, k)) < 1e-6, `${path} ${k}`);
      assert.ok(sum(a, keys[0]) > 0 && sum(b, keys[0]) > 0, `${path}: records in both years`);
    }
  });

  test('compliance board over two years', async () => {
    const r = await admin.fetch(`/api/v1/compliance?${RANGE}`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.from, '2025-01-01');
    assert.equal(r.data.to, '2026-12-31');
    const a = (await admin.fetch('/api/v1/compliance?period=2025')).data;
    const b = (await admin.fetch('/api/v1/compliance?period=2026')).data;
    assert.equal(r.data.required, a.required + b.required);
    assert.equal(r.data.met, a.met + b.met);
    assertError(await admin.fetch('/api/v1/compliance?from=2010-01-01&to=2026-12-31'), 400, 'invalid');
  });

  test('service statistics over two years', async () => {
    const r = await admin.fetch(`/api/v1/statistics/service?${RANGE}`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    const a = (await admin.fetch('/api/v1/statistics/service?year=2025')).data;
    const b = (await admin.fetch('/api/v1/statistics/service?year=2026')).data;
    for (const k of ['visits', 'activities', 'person_times', 'registrations'])
      assert.equal(r.data[k], a[k] + b[k], k);
    assert.ok(Math.abs(r.data.hours - a.hours - b.hours) < 1e-6);
    assert.ok(r.data.activities > 0);
  });
});
