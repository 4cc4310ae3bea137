// The charts' series (issue 18 item 5): a branch's 堡垒指数 and a member's
// 先锋指数 over the published evaluations (equal to each ranking's row), who
// may read them, and attendance month by month (summing to the period's).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, ADMIN_PASSWORD } from './harness.mjs';

const TODAY = '2026-11-20';

describe('series for the charts', () => {
  let srv, admin, dangyuan, zhibu1, b1, b2, me, other, published = {};
  before(async () => {
    srv = await startServer({ records: true, today: TODAY });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangyuan = await login(srv.url, 'dangyuan');
    zhibu1 = await login(srv.url, 'zhibu1');
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    b1 = orgs.find((o) => o.name === '机关第一党支部');
    b2 = orgs.find((o) => o.name === '机关第二党支部');
    me = dangyuan.user.person_id;
    const people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    other = people.find((p) => p.branch_id === b2.id && p.political_status === '中共党员');
    // two earlier quarters published for members and branches, one left open
    const schemes = (await admin.fetch('/api/v1/schemes?active=1')).data.items;
    const post = async (p, json) => {
      const r = await admin.fetch(p, { method: 'POST', json });
      assert.ok([200, 201].includes(r.status), `${p}: ${JSON.stringify(r.data)}`);
      return r.data;
    };
    for (const target of ['member', 'branch']) {
      const scheme = schemes.find((s) => s.target === target);
      published[target] = [];
      for (const period of ['2026Q1', '2026Q2', '2025Q4']) {
        const e = await post('/api/v1/evaluations', { scheme_id: scheme.id, period, notice_days: 0 });
        await post(`/api/v1/evaluations/${e.id}/compute`);
        if (period === '2025Q4') continue; // computed, never published: not in the series
        await post(`/api/v1/evaluations/${e.id}/state`, { state: 'review' });
        await post(`/api/v1/evaluations/${e.id}/state`, { state: 'notice', override_reason: '系列测试：评分未全' });
        published[target].push(e.id);
      }
    }
  });
  after(async () => srv && srv.stopClean());

  test("a branch's 堡垒指数 over the quarters equals each ranking's row", async () => {
    const r = await admin.fetch(`/api/v1/orgs/${b1.id}/index-history`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.deepEqual(r.data.points.map((p) => p.period), ['2026Q1', '2026Q2', '2026Q3']);
    for (const p of r.data.points) {
      const rank = (await admin.fetch(`/api/v1/evaluations/${p.evaluation_id}/ranking`)).data.items.find((x) => x.target_id === b1.id);
      assert.equal(p.total, rank.total, p.period);
      assert.equal(p.rank, rank.rank, p.period);
    }
    // a member of branch 1 reads their branch's; another bureau's or a missing org: 404
    assert.equal((await dangyuan.fetch(`/api/v1/orgs/${b1.id}/index-history`)).status, 200);
    assertError(await admin.fetch('/api/v1/orgs/987654/index-history'), 404, 'not_found');
    assertError(await admin.fetch(`/api/v1/orgs/${b1.id}/index-history?year=2026`), 400, 'invalid');
  });

  test("a member's 先锋指数: their own, their secretary's, not another's", async () => {
    const r = await dangyuan.fetch(`/api/v1/people/${me}/index-history`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.deepEqual(r.data.points.map((p) => p.period), ['2026Q1', '2026Q2', '2026Q3']);
    for (const p of r.data.points) {
      const rank = (await admin.fetch(`/api/v1/evaluations/${p.evaluation_id}/ranking`)).data.items.find((x) => x.target_id === me);
      assert.equal(p.total, rank.total, p.period);
    }
    assert.equal((await zhibu1.fetch(`/api/v1/people/${me}/index-history`)).status, 200);
    assertError(await zhibu1.fetch(`/api/v1/people/${other.id}/index-history`), 403, 'forbidden');
    assertError(await dangyuan.fetch(`/api/v1/people/${other.id}/index-history`), 403, 'forbidden');
    assert.equal((await admin.fetch(`/api/v1/people/${other.id}/index-history`)).status, 200);
  });

  test('attendance month by month sums to the period', async () => {
    const r = await admin.fetch('/api/v1/statistics/attendance/months?period=2026');
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.months.length, 12);
    const year = (await admin.fetch('/api/v1/statistics/attendance?period=2026')).data.items;
    const sum = (a, k) => a.reduce((s, x) => s + x[k], 0);
    assert.equal(sum(r.data.months, 'expected'), sum(year, 'expected'));
    assert.equal(sum(r.data.months, 'attended'), sum(year, 'attended'));
    assert.ok(r.data.months[0].expected > 0 && r.data.months[11].rate === null, 'December has no meetings yet');
    // any range, across years; a member's are their own
    const two = await admin.fetch('/api/v1/statistics/attendance/months?from=2025-01-01&to=2026-12-31');
    assert.equal(two.data.months.length, 24);
    const mine = await dangyuan.fetch('/api/v1/statistics/attendance/months?period=2026');
    const own = (await dangyuan.fetch(`/api/v1/statistics/attendance?period=2026&person_id=${me}`)).data.items;
    assert.equal(sum(mine.data.months, 'expected'), sum(own, 'expected'));
    assertError(await admin.fetch('/api/v1/statistics/attendance/months?year=2026'), 400, 'invalid');
  });
});
