// The 数据大屏 (issue 18 item 3): GET /screen answers the panels the bureau
// marks public (GET/PUT /screen/settings), with figures that equal the list
// endpoints'; a kiosk account (role kiosk at the bureau's root) reads the
// screen and its own session, and gets 403 on every other route of routes.c.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, ADMIN_PASSWORD } from './harness.mjs';
import { parseRoutes, call } from './matrix_lib.mjs';

const TODAY = '2026-11-20';
const ALL = ['membership', 'honours', 'compliance', 'lectures', 'service', 'branches'];

describe('数据大屏 and the kiosk account', () => {
  let srv, admin, dangyuan, kiosk, root;
  before(async () => {
    srv = await startServer({ records: true, today: TODAY });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangyuan = await login(srv.url, 'dangyuan');
    root = (await admin.fetch('/api/v1/orgs')).data.items.find((o) => !o.parent_id);
  });
  after(async () => srv && srv.stopClean());

  test('the demo shows every panel; the figures agree with the lists', async () => {
    const s = await admin.fetch('/api/v1/screen');
    assert.equal(s.status, 200, JSON.stringify(s.data));
    assert.deepEqual(s.data.panels, ALL);
    assert.equal(s.data.quarter, '2026Q4');
    const m = s.data.membership;
    assert.equal(m.by_branch.reduce((a, b) => a + b.members, 0), m.members);
    const people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    const party = people.filter((p) => ['中共党员', '中共预备党员'].includes(p.political_status) && p.branch_id);
    assert.equal(m.members, party.length);
    assert.equal(m.probationary, party.filter((p) => p.political_status === '中共预备党员').length);
    // the branches' tree: the root first, each branch's members as in membership
    assert.equal(s.data.branches[0].id, root.id);
    for (const b of m.by_branch)
      assert.equal(s.data.branches.find((o) => o.name === b.name).members, b.members);
    // lectures: this year's as /lectures/summary says
    const sum = (await admin.fetch(`/api/v1/lectures/summary?from=2026-01-01&to=${TODAY}`)).data;
    assert.equal(s.data.lectures.sessions, sum.sessions);
    assert.equal(s.data.lectures.person_times, sum.person_times);
    assert.ok(s.data.lectures.total_sessions >= sum.sessions);
    const svc = (await admin.fetch('/api/v1/statistics/service?year=2026')).data;
    assert.equal(s.data.service.hours, svc.hours);
    // the honours: the names of the latest 公示 of members
    const h = s.data.honours.find((x) => x.target === 'member');
    assert.ok(h && h.selected.length > 0, JSON.stringify(s.data.honours));
    const ev = (await admin.fetch('/api/v1/evaluations')).data.items.find((e) => e.name === h.evaluation && ['notice', 'final'].includes(e.state));
    const notice = (await admin.fetch(`/api/v1/evaluations/${ev.id}/notice`)).data;
    assert.deepEqual(h.selected.map((x) => x.name), notice.selected.map((x) => x.name));
    // the heat map: 12 months, nothing after today
    for (const b of s.data.compliance.branches) {
      assert.equal(b.months.length, 12);
      assert.equal(b.months[11], null, 'December has not ended');
    }
    // anyone of the bureau may look at the screen
    assert.equal((await dangyuan.fetch('/api/v1/screen')).status, 200);
  });

  test('settings: only the public panels are answered; only an administrator changes them', async () => {
    const put = (c, json) => c.fetch('/api/v1/screen/settings', { method: 'PUT', json });
    assertError(await put(dangyuan, { panels: ['lectures'] }), 403, 'forbidden');
    assertError(await put(admin, { panels: ['salaries'] }), 400, 'invalid');
    assertError(await put(admin, { panels: ['lectures', 'lectures'] }), 400, 'invalid');
    assertError(await put(admin, { panels: ['lectures'], extra: 1 }), 400, 'invalid');
    const r = await put(admin, { panels: ['service', 'lectures'], title: '示范县财政局 · 党建' });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.deepEqual(r.data.panels, ['lectures', 'service']); // in the screen's order
    const s = (await admin.fetch('/api/v1/screen')).data;
    assert.deepEqual(Object.keys(s).filter((k) => ALL.includes(k)).sort(), ['lectures', 'service']);
    assert.equal(s.title, '示范县财政局 · 党建');
    const audit = (await admin.fetch('/api/v1/audit?object_type=screen_settings&limit=5')).data.items;
    assert.equal(audit[0].action, 'update');
    assert.deepEqual(audit[0].after.panels, ['lectures', 'service']);
    await put(admin, { panels: ALL, title: '' });
  });

  test('a kiosk account: granted at the root only; sees the screen and nothing else', async () => {
    const branch = (await admin.fetch('/api/v1/orgs')).data.items.find((o) => o.type === '党支部');
    const post = (json) => admin.fetch('/api/v1/users', { method: 'POST', json });
    assertError(await post({ username: 'lobby_b1', display_name: '支部大屏', password: 'Lobby#Screen2026', roles: [{ role: 'kiosk', org_id: branch.id }] }), 400, 'invalid');
    const made = await post({ username: 'lobby', display_name: '大厅大屏', password: 'Lobby#Screen2026', roles: [{ role: 'kiosk', org_id: root.id }] });
    assert.equal(made.status, 201, JSON.stringify(made.data));
    kiosk = await login(srv.url, 'lobby', 'Lobby#Screen2026');
    // the first password is changed like any account's
    const pw = await kiosk.fetch('/api/v1/session/password', { method: 'POST', json: { old_password: 'Lobby#Screen2026', new_password: 'Hall#Display2027' } });
    assert.ok([200, 204].includes(pw.status), JSON.stringify(pw.data));
    kiosk = await login(srv.url, 'lobby', 'Hall#Display2027');
    const s = await kiosk.fetch('/api/v1/screen');
    assert.equal(s.status, 200, JSON.stringify(s.data));
    assert.deepEqual(s.data.panels, ALL);
    assert.equal((await kiosk.fetch('/api/v1/session')).status, 200);
    // every other route of routes.c: 403, whatever the id or body
    const open = new Set(['GET /screen', 'GET /session', 'DELETE /session', 'POST /session/password', 'POST /session', 'GET /health']);
    const tried = [];
    for (const r of parseRoutes()) {
      if (open.has(`${r.method} ${r.path}`)) continue;
      const path = r.path.replace(/\{[a-z_]+\}/g, '1');
      const got = await call(srv.url, path, { method: r.method, cookie: kiosk.cookie, csrf: kiosk.csrf, json: r.method === 'GET' || r.method === 'DELETE' ? undefined : {} });
      tried.push(`${r.method} ${r.path}`);
      assert.equal(got.status, 403, `kiosk ${r.method} ${path}: ${got.status} ${got.text}`);
    }
    assert.ok(tried.includes('GET /people') && tried.includes('GET /screen/settings') && tried.includes('PUT /screen/settings'));
    // its session ends like any other
    assert.equal((await kiosk.fetch('/api/v1/session', { method: 'DELETE' })).status, 204);
  });
});
