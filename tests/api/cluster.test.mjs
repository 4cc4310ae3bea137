// Several servers on one database (issue 3): a session made on one server
// works on the other, a logout on one ends it on both, scheduled jobs run
// once per period however many servers wake up, and (PostgreSQL) a database
// restart under a running server gives 503 for the moment and then recovers
// without restarting dangjian.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { startServer, login, sql, sleep, IS_PG, ADMIN_PASSWORD } from './harness.mjs';

describe('two servers on one database', () => {
  let a, b;
  before(async () => {
    a = await startServer({ set: ['server.housekeeping_seconds=1'] });
    // the second server shares the first one's database (and key file)
    b = await startServer({ dir: a.dir, dbPath: a.dbPath, set: ['server.housekeeping_seconds=1'] });
  });
  after(async () => {
    await b.stopClean();
    await a.stopClean();
  });

  test('a session made on one server is good on the other; logout ends it on both', async () => {
    const ca = await login(a.url, 'admin', ADMIN_PASSWORD);
    const onB = await fetch(`${b.url}/api/v1/session`, { headers: { Cookie: ca.cookie } });
    assert.equal(onB.status, 200);
    assert.equal((await onB.json()).user.username, 'admin');
    // a write through B with the CSRF token from A
    const made = await fetch(`${b.url}/api/v1/users`, {
      method: 'POST',
      headers: { Cookie: ca.cookie, 'X-CSRF-Token': ca.csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({ username: 'viab', display_name: '经由乙服务器', password: 'Via#Server2026' }),
    });
    assert.equal(made.status, 201);
    const seenOnA = await ca.fetch('/api/v1/users?q=viab');
    assert.equal(seenOnA.data.total, 1);
    const out = await fetch(`${b.url}/api/v1/session`, {
      method: 'DELETE', headers: { Cookie: ca.cookie, 'X-CSRF-Token': ca.csrf },
    });
    assert.equal(out.status, 204);
    assert.equal((await ca.fetch('/api/v1/session')).status, 401);
  });

  test('the housekeeping job runs once per period across both servers', async () => {
    await sleep(3500);
    const rows = sql(a.dbPath, "SELECT period, holder FROM job_runs WHERE name = 'housekeeping' ORDER BY period")
      .trim().split('\n').filter(Boolean).map((l) => l.split('|'));
    assert.ok(rows.length >= 2, `expected runs in several periods, got ${rows.length}`);
    const periods = rows.map((r) => r[0]);
    assert.equal(new Set(periods).size, periods.length, 'a period ran twice');
    // both servers woke up every period; each period names one of them
    const holders = new Set(rows.map((r) => r[1].split(':').pop()));
    for (const h of holders) assert.ok([String(a.port), String(b.port)].includes(h), `unknown holder ${h}`);
  });
});

describe('the session cache', () => {
  let a, b;
  before(async () => {
    a = await startServer({ set: ['security.session_cache_seconds=1'] });
    b = await startServer({ dir: a.dir, dbPath: a.dbPath, set: ['security.session_cache_seconds=1'] });
  });
  after(async () => {
    await b.stopClean();
    await a.stopClean();
  });

  test('a logout on this server ends the session at once; on another within the cache time', async () => {
    const c1 = await login(a.url, 'zhibu1');
    assert.equal((await c1.fetch('/api/v1/session')).status, 200); // cached on A now
    const r = await fetch(`${a.url}/api/v1/session`, {
      method: 'DELETE', headers: { Cookie: c1.cookie, 'X-CSRF-Token': c1.csrf },
    });
    assert.equal(r.status, 204);
    assert.equal((await c1.fetch('/api/v1/session')).status, 401, 'same server: at once');

    const c2 = await login(a.url, 'zhibu2');
    assert.equal((await c2.fetch('/api/v1/session')).status, 200); // cached on A
    const out = await fetch(`${b.url}/api/v1/session`, {
      method: 'DELETE', headers: { Cookie: c2.cookie, 'X-CSRF-Token': c2.csrf },
    });
    assert.equal(out.status, 204);
    await sleep(1300);
    assert.equal((await c2.fetch('/api/v1/session')).status, 401, 'other server: within the cache time');
  });

  test('disabling an account ends its cached sessions on this server at once', async () => {
    const admin = await login(a.url, 'admin', ADMIN_PASSWORD);
    const made = await admin.fetch('/api/v1/users', {
      method: 'POST', json: { username: 'cached', display_name: '缓存', password: 'Cache#Test2026' },
    });
    assert.equal(made.status, 201);
    const u = await login(a.url, 'cached', 'Cache#Test2026');
    assert.equal((await u.fetch('/api/v1/session')).status, 200);
    assert.equal((await admin.fetch(`/api/v1/users/${made.data.id}`, { method: 'PATCH', json: { disabled: true } })).status, 200);
    assert.equal((await u.fetch('/api/v1/session')).status, 401);
  });
});

describe('a PostgreSQL restart under a running server', { skip: !IS_PG && 'PostgreSQL only' }, () => {
  let srv;
  before(async () => { srv = await startServer({ threads: 2 }); });
  after(async () => { await srv.stopClean(); });

  test('requests fail with 503 for the moment and recover without restarting dangjian', async (t) => {
    const dir = process.env.DJ_TEST_PG_DIR;
    if (!dir) return t.skip('DJ_TEST_PG_DIR not set: the cluster is not ours to restart');
    const c = await login(srv.url, 'admin', ADMIN_PASSWORD);
    assert.equal((await c.fetch('/api/v1/session')).status, 200);
    execFileSync('sh', [path.resolve(import.meta.dirname, '../../scripts/pg-throwaway.sh'), 'restart', dir]);
    const statuses = [];
    for (let i = 0; i < 20; i++) {
      const r = await c.fetch('/api/v1/session');
      statuses.push(r.status);
      if (r.status !== 200) {
        assert.equal(r.status, 503, JSON.stringify(r.data));
        assert.equal(r.data.error.code, 'unavailable');
      }
    }
    // every worker reconnected: the last answers are good again
    assert.deepEqual(statuses.slice(-5), [200, 200, 200, 200, 200], statuses.join(','));
    assert.ok(statuses.every((s) => s === 200 || s === 503), statuses.join(','));
  });
});
