// The warnings engine's scheduled run (issue 17, item 1) on two servers sharing one database:
// each bureau is evaluated once per period (warnings.job_seconds) whichever server wakes first,
// never before the first full period after start, and the warnings it finds are there to read.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, sql, sleep } from './harness.mjs';

describe('the warnings job on two servers', () => {
  let a, b;
  const set = ['server.housekeeping_seconds=1', 'warnings.job_seconds=2'];
  before(async () => {
    a = await startServer({ set });
    b = await startServer({ dir: a.dir, dbPath: a.dbPath, set });
  });
  after(async () => {
    await b.stopClean();
    await a.stopClean();
  });

  test('each bureau once per period, across both servers', async () => {
    const runs = () => sql(a.dbPath, "SELECT name, period, holder FROM job_runs WHERE name LIKE 'warnings:%' ORDER BY period")
      .trim().split('\n').filter(Boolean).map((l) => l.split('|'));
    let rows = [];
    for (let waited = 0; waited < 60000 && rows.length < 2; waited += 500) { // a run takes a while on a busy machine
      await sleep(500);
      rows = runs();
    }
    assert.ok(rows.length >= 2, `expected runs in several periods, got ${JSON.stringify(rows)}`);
    const keys = rows.map((r) => `${r[0]}@${r[1]}`);
    assert.equal(new Set(keys).size, keys.length, 'a bureau ran twice in one period');
    const holders = new Set(rows.map((r) => r[2].split(':').pop()));
    for (const h of holders) assert.ok([String(a.port), String(b.port)].includes(h), `unknown holder ${h}`);
    // the run left the bureau's warnings: the demo's fifth branch's term ends soon
    const dangwei = await login(a.url, 'dangwei');
    assert.ok(Number(sql(a.dbPath, 'SELECT COUNT(*) FROM warning_runs').trim()) >= 1);
    const open = (await dangwei.fetch('/api/v1/warnings?state=open&code=term_ending')).data.items;
    assert.ok(open.some((w) => /机关第五党支部/.test(w.message)), JSON.stringify(open));
    const refreshes = (await dangwei.fetch('/api/v1/audit?object_type=warning&limit=50')).data.items.filter((x) => x.action === 'refresh');
    assert.equal(refreshes.length, 1, 'the first run opened them; the later runs changed nothing and wrote no record');
  });
});

describe('the warnings job turned off', () => {
  let s;
  before(async () => { s = await startServer({ set: ['server.housekeeping_seconds=1', 'warnings.job_seconds=0'] }); });
  after(async () => { await s.stopClean(); });
  test('no run', async () => {
    await sleep(2500);
    assert.equal(Number(sql(s.dbPath, "SELECT COUNT(*) FROM job_runs WHERE name LIKE 'warnings:%'").trim()), 0);
    assert.equal(Number(sql(s.dbPath, 'SELECT COUNT(*) FROM warning_runs').trim()), 0);
  });
});
