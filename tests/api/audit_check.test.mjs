// The command line around the server: `check` (audit chain, key file), `backup`,
// `serve --listen HOST:0`, and a clean stop under load.
import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import {
  startServer, login, runDj, makeTempDir, makeDemoDb, sql, assertNoSanitizerReport, sleep,
  ADMIN_PASSWORD,
  keyFileOf, IS_PG,
} from './harness.mjs';

function check(dbPath, extra = []) {
  const r = runDj(['check', '--db', dbPath, ...extra]);
  assertNoSanitizerReport(r.stderr, 'dangjian check stderr');
  return r;
}

function assertCheckPasses(dbPath, what) {
  const r = check(dbPath);
  assert.equal(r.status, 0, `${what}: check failed:\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /check passed/);
  assert.match(r.stdout, /audit chain: 正常 ok/);
  assert.match(r.stdout, /key file: 正常 ok/);
  return r;
}

function assertCheckFails(dbPath, what) {
  const r = check(dbPath);
  assert.equal(r.status, 1, `${what}: check should exit 1, got ${r.status}:\n${r.stdout}\n${r.stderr}`);
  assert.match(r.stdout, /check FAILED/, what);
  return r;
}

/** A fresh demo database in its own dir. */
function freshDb() {
  const dir = makeTempDir('dj-check-');
  return { dir, dbPath: makeDemoDb(dir) };
}

const rm = (dir) => { if (!process.env.DJ_KEEP_TMP) fs.rmSync(dir, { recursive: true, force: true }); };

function auditCount(dbPath) {
  return Number(sql(dbPath, 'SELECT COUNT(*) FROM audit').trim());
}

/** Some writes through the API: a user created, renamed, reset; a failed and a good login. */
async function someWrites(srv, username) {
  const admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
  const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
  const br = orgs.find((x) => x.name === '机关第三党支部');
  const made = await admin.fetch('/api/v1/users', {
    method: 'POST', json: { username, display_name: '校验', roles: [{ role: 'member', org_id: br.id }] },
  });
  assert.equal(made.status, 201, JSON.stringify(made.data));
  const p = await admin.fetch(`/api/v1/users/${made.data.id}`, { method: 'PATCH', json: { display_name: '校验二' } });
  assert.equal(p.status, 200);
  const reset = await admin.fetch(`/api/v1/users/${made.data.id}/password`, { method: 'POST' });
  assert.equal(reset.status, 200);
  const bad = await fetch(srv.url + '/api/v1/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ username: 'admin', password: 'Not-the-pass1' }),
  });
  assert.equal(bad.status, 401);
  const out = await admin.fetch('/api/v1/session', { method: 'DELETE' });
  assert.equal(out.status, 204);
  return made.data.id;
}

describe('dangjian check', () => {
  test('passes on a fresh demo database and counts its records', () => {
    const { dir, dbPath } = freshDb();
    const r = assertCheckPasses(dbPath, 'fresh demo');
    const n = auditCount(dbPath);
    assert.ok(n >= 39, `demo has ${n} audit rows`); // 32 orgs + 7 users
    assert.match(r.stdout, new RegExp(`正常 ok（${n} 条记录`));
    assert.match(r.stdout, /integrity: 正常 ok/);
    rm(dir);
  });

  test('passes after API writes, while the server runs and after it stops', async () => {
    const srv = await startServer({ keepDir: true });
    const before = auditCount(srv.dbPath);
    await someWrites(srv, 'checkme');
    const n = auditCount(srv.dbPath);
    assert.ok(n >= before + 6, `expected at least 6 new audit rows, ${before} -> ${n}`);
    assertCheckPasses(srv.dbPath, 'while serving');
    await srv.stopClean();
    const r = assertCheckPasses(srv.dbPath, 'after stop');
    assert.match(r.stdout, new RegExp(`（${n} 条记录`));
    rm(srv.dir);
  });

  test('an edited audit row fails the check, naming the record', () => {
    const { dir, dbPath } = freshDb();
    sql(dbPath, "UPDATE audit SET action = 'x' WHERE id = 5");
    const r = assertCheckFails(dbPath, 'edited #5');
    assert.match(r.stdout, /audit chain: 失败 FAILED/);
    assert.match(r.stdout, /#5(?!\d)/, r.stdout);
    rm(dir);
  });

  test('edits to other fields are caught too (before/after JSON, user, time)', () => {
    const probe = freshDb();
    const branchRecord = Number(sql(probe.dbPath, "SELECT MIN(id) FROM audit WHERE after_json LIKE '%机关第一党支部%'").trim());
    assert.ok(branchRecord > 0);
    rm(probe.dir);
    for (const [stmt, id] of [
      [`UPDATE audit SET after_json = replace(after_json, '机关第一党支部', '机关第九党支部') WHERE id = ${branchRecord}`, branchRecord],
      ["UPDATE audit SET username = 'someone' WHERE id = 7", 7],
      ["UPDATE audit SET at = '2020-01-01T00:00:00.000Z' WHERE id = 12", 12],
      ["UPDATE audit SET object_id = 99 WHERE id = 3", 3],
    ]) {
      const { dir, dbPath } = freshDb();
      sql(dbPath, stmt);
      const r = assertCheckFails(dbPath, stmt);
      assert.match(r.stdout, new RegExp(`#${id}(?!\\d)`), `${stmt}:\n${r.stdout}`);
      rm(dir);
    }
  });

  test('a row rewritten with a recomputed own hash still breaks the chain at the next record', () => {
    const { dir, dbPath } = freshDb();
    // change the hash of #8 (as a forger re-hashing it would): #9's prev_hash no longer fits
    sql(dbPath, "UPDATE audit SET hash = '" + 'a'.repeat(64) + "' WHERE id = 8");
    const r = assertCheckFails(dbPath, 'rehashed #8');
    assert.match(r.stdout, /#8(?!\d)/, r.stdout);
    rm(dir);
  });

  test('deleting the last audit row fails the check', () => {
    const { dir, dbPath } = freshDb();
    const last = Number(sql(dbPath, 'SELECT MAX(id) FROM audit').trim());
    sql(dbPath, 'DELETE FROM audit WHERE id = (SELECT MAX(id) FROM audit)');
    const r = assertCheckFails(dbPath, 'last row deleted');
    assert.match(r.stdout, /audit chain: 失败 FAILED/);
    assert.match(r.stdout, new RegExp(`#${last}(?!\\d)`), r.stdout);
    rm(dir);
  });

  test('deleting a middle audit row fails the check, naming it', () => {
    const { dir, dbPath } = freshDb();
    sql(dbPath, 'DELETE FROM audit WHERE id = 10');
    const r = assertCheckFails(dbPath, 'row 10 deleted');
    assert.match(r.stdout, /audit chain: 失败 FAILED/);
    assert.match(r.stdout, /#10(?!\d)/, r.stdout);
    rm(dir);
  });

  test('deleting the whole audit table content fails the check', () => {
    const { dir, dbPath } = freshDb();
    sql(dbPath, 'DELETE FROM audit');
    assertCheckFails(dbPath, 'all rows deleted');
    rm(dir);
  });

  test('a missing key file fails the check and says so', () => {
    const { dir, dbPath } = freshDb();
    fs.renameSync(keyFileOf(dbPath), path.join(dir, 'moved.key'));
    const r = assertCheckFails(dbPath, 'key moved away');
    assert.match(r.stdout, /key file: 失败 FAILED/);
    // the chain is keyed with the key file: without it, it cannot be verified (and is not called broken)
    assert.match(r.stdout, /audit chain: 未校验 \/ not verified/, r.stdout);
    // with --key-file pointing at it, it passes again
    const ok = check(dbPath, ['--key-file', path.join(dir, 'moved.key')]);
    assert.equal(ok.status, 0, ok.stdout);
    rm(dir);
  });

  test('the key file of another database fails the check', () => {
    const a = freshDb();
    const b = freshDb();
    fs.copyFileSync(keyFileOf(b.dbPath), keyFileOf(a.dbPath));
    const r = assertCheckFails(a.dbPath, 'foreign key');
    assert.match(r.stdout, /key file: 失败 FAILED/);
    rm(a.dir);
    rm(b.dir);
  });

  test('check on a missing database exits 1 and creates nothing', () => {
    const dir = makeTempDir('dj-check-');
    const r = runDj(['check', '--db', path.join(dir, 'nope.db')]);
    assert.equal(r.status, 1);
    assert.equal(fs.existsSync(path.join(dir, 'nope.db')), false);
    rm(dir);
  });
});

describe('dangjian backup', { skip: IS_PG && 'PostgreSQL is backed up with pg_dump (see the test below)' }, () => {
  test('a backup taken while the server runs (and writes) passes check', async () => {
    const srv = await startServer({ keepDir: true });
    const id = await someWrites(srv, 'beforebackup');
    // keep writing while the backup runs
    const admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    let writing = true;
    let writes = 0;
    const writer = (async () => {
      while (writing) {
        const r = await admin.fetch(`/api/v1/users/${id}`, { method: 'PATCH', json: { display_name: `名${writes}` } });
        assert.equal(r.status, 200, JSON.stringify(r.data));
        writes++;
      }
    })();
    await sleep(50);
    const out = path.join(srv.dir, 'backup.db');
    const b = runDj(['backup', '--db', srv.dbPath, out]);
    writing = false;
    await writer;
    assertNoSanitizerReport(b.stderr, 'backup stderr');
    assert.equal(b.status, 0, `backup failed:\n${b.stdout}\n${b.stderr}`);
    assert.ok(fs.existsSync(out));
    assert.ok(writes > 0, 'no writes ran during the backup');
    // the copy is one plain file: no -wal beside it is needed
    assert.equal(sql(out, 'PRAGMA journal_mode').trim(), 'delete');
    fs.copyFileSync(srv.dbPath + '.key', out + '.key');
    assertCheckPasses(out, 'backup');
    assert.equal(sql(out, "SELECT COUNT(*) FROM users WHERE username = 'beforebackup'").trim(), '1');
    // a second backup to the same name is refused and leaves the first intact
    const size = fs.statSync(out).size;
    const again = runDj(['backup', '--db', srv.dbPath, out]);
    assert.notEqual(again.status, 0, 'backup overwrote an existing file');
    assert.equal(fs.statSync(out).size, size);
    // the server is unharmed
    assert.equal((await admin.fetch('/api/v1/session')).status, 200);
    await srv.stopClean();
    assertCheckPasses(srv.dbPath, 'live db after backup');
    // a server started on the backup works
    const srv2 = await startServer({ dir: makeTempDir(), dbPath: out });
    const c = await login(srv2.url, 'admin', ADMIN_PASSWORD);
    const u = await c.fetch('/api/v1/users?q=beforebackup');
    assert.equal(u.data.total, 1);
    await srv2.stopClean();
    rm(srv.dir);
  });
});

describe('serve', () => {
  test('--listen 127.0.0.1:0 binds a free port and prints it', async () => {
    const srv = await startServer({ listen: '127.0.0.1:0' });
    assert.ok(srv.port > 0);
    const r = await fetch(srv.url + '/api/v1/health');
    assert.equal(r.status, 200);
    await srv.stopClean();
  });

  test('SIGTERM under load: in-flight requests finish, exit 0 within 5 s, check passes', async (t) => {
    const srv = await startServer({ keepDir: true, threads: 4 });
    const c = await login(srv.url, 'zhibu1');
    const N = 200;
    let completed = 0;
    let termAt = 0;
    let resolveHalf;
    const half = new Promise((r) => { resolveHalf = r; });
    const one = async () => {
      let res;
      try {
        res = await fetch(srv.url + '/api/v1/session', { headers: { Cookie: c.cookie } });
      } catch (e) {
        return { kind: 'no-connection', detail: e.cause?.code || e.message };
      } finally {
        if (++completed >= N / 4) resolveHalf();
      }
      let text;
      try {
        text = await res.text();
      } catch (e) {
        return { kind: 'truncated', detail: `${res.status} body read failed: ${e.cause?.message || e.message}` };
      }
      if (res.status !== 200) return { kind: 'bad-status', detail: `${res.status} ${text.slice(0, 200)}` };
      try {
        const j = JSON.parse(text);
        if (j.user?.username !== 'zhibu1') return { kind: 'bad-body', detail: text.slice(0, 200) };
      } catch {
        return { kind: 'truncated', detail: `unparsable 200 body: ${text.slice(0, 200)}` };
      }
      return { kind: 'ok' };
    };
    // the first half at once; SIGTERM when a quarter has answered; the second half right after
    const first = Array.from({ length: N / 2 }, one);
    await Promise.race([half, sleep(3000)]);
    termAt = Date.now();
    srv.kill('SIGTERM');
    const second = Array.from({ length: N / 2 }, one);
    const results = await Promise.all([...first, ...second]);
    const exit = await Promise.race([srv.exited, sleep(5000).then(() => null)]);
    const took = Date.now() - termAt;
    if (!exit) srv.child.kill('SIGKILL');
    assert.ok(exit, `the server did not exit within 5 s of SIGTERM; stderr:\n${srv.stderr.slice(-3000)}`);
    assert.equal(exit.code, 0, `exit code ${exit.code} (signal ${exit.signal}); stderr:\n${srv.stderr.slice(-3000)}`);
    assert.ok(took < 5000, `exit took ${took} ms`);
    assertNoSanitizerReport(srv.stderr, 'server stderr');
    const byKind = {};
    for (const r of results) byKind[r.kind] = (byKind[r.kind] || 0) + 1;
    const why = {};
    for (const r of results) if (r.detail) why[r.detail] = (why[r.detail] || 0) + 1;
    t.diagnostic(`outcomes ${JSON.stringify(byKind)} ${JSON.stringify(why)}; exit after ${took} ms`);
    const bad = results.filter((r) => r.kind !== 'ok' && r.kind !== 'no-connection');
    assert.deepEqual(bad, [], `requests that neither completed nor failed to connect: ${JSON.stringify(byKind)}`);
    assert.ok((byKind.ok || 0) >= N / 4, `only ${byKind.ok} completed: ${JSON.stringify(byKind)}`);
    assert.match(srv.stderr, /stopped cleanly/);
    // nothing answers any more
    await assert.rejects(fetch(srv.url + '/api/v1/health'));
    assertCheckPasses(srv.dbPath, 'after SIGTERM under load');
    rm(srv.dir);
  });

  test('SIGINT stops the server cleanly too', async () => {
    const srv = await startServer();
    await login(srv.url, 'admin', ADMIN_PASSWORD);
    srv.kill('SIGINT');
    const exit = await Promise.race([srv.exited, sleep(5000).then(() => null)]);
    assert.ok(exit, 'no exit within 5 s of SIGINT');
    assert.equal(exit.code, 0, srv.stderr);
    assertNoSanitizerReport(srv.stderr);
    await srv.stopClean();
  });
});

describe('dangjian backup on PostgreSQL', { skip: !IS_PG && 'SQLite only' }, () => {
  test('backup refuses a PostgreSQL database and names pg_dump', () => {
    const dir = makeTempDir('dj-pgbackup-');
    const dbPath = makeDemoDb(dir);
    const r = runDj(['backup', '--db', dbPath, path.join(dir, 'out.db')]);
    assert.notEqual(r.status, 0);
    assert.match(r.stderr, /pg_dump/);
    assert.equal(fs.existsSync(path.join(dir, 'out.db')), false);
    rm(dir);
  });
});

// The chain is keyed with a key derived from the key file (issue 11, item 4):
// whoever can write the database but not read the key file cannot rewrite a
// record and recompute the chain so that `check` passes.
describe('check: a keyed audit chain', () => {
  const field = (s) => {
    const b = Buffer.from(s ?? '', 'utf8');
    return Buffer.concat([Buffer.from(`${b.length}:`), b, Buffer.from(';')]);
  };
  /** The old, unkeyed chain (v1): SHA-256 over the fields, as a forger can compute it. */
  function plainChain(dbPath, edit = null) {
    const sep = '\u001f';
    const cols = ['id', 'at', 'COALESCE(user_id, 0)', 'username', 'action', 'object_type', 'COALESCE(object_id, 0)',
      'COALESCE(org_id, 0)', "COALESCE(before_json, '\u0001null')", "COALESCE(after_json, '\u0001null')"];
    const rows = sql(dbPath, `SELECT ${cols.join(` || '${sep}' || `)} FROM audit ORDER BY id`)
      .split('\n').filter((l) => l.length).map((line) => line.split(sep));
    let prev = '0'.repeat(64);
    const updates = [];
    for (const r of rows) {
      const [id, at, userId, username, action, type, objectId, orgId, before, after] = r;
      const afterUsed = edit && Number(id) === edit.id ? edit.after : after;
      const h = crypto.createHash('sha256');
      for (const f of ['dangjian-audit-v1', prev, id, at, userId, username, action, type, objectId, orgId, before, afterUsed]) h.update(field(f));
      const hash = h.digest('hex');
      const set = afterUsed !== after ? `, after_json = '${afterUsed.replace(/'/g, "''")}'` : '';
      updates.push(`UPDATE audit SET prev_hash = '${prev}', hash = '${hash}'${set} WHERE id = ${id};`);
      prev = hash;
    }
    updates.push(`UPDATE audit_head SET hash = '${prev}' WHERE id = 1;`);
    sql(dbPath, updates.join('\n'));
    return rows.length;
  }

  test('a record rewritten with the whole chain recomputed as plain SHA-256 fails the check', () => {
    const { dir, dbPath } = freshDb();
    const target = Number(sql(dbPath, 'SELECT MIN(id) FROM audit WHERE after_json IS NOT NULL').trim());
    plainChain(dbPath, { id: target, after: '{"forged":true}' });
    const r = assertCheckFails(dbPath, 'forged and rechained');
    assert.match(r.stdout, /audit chain: 失败 FAILED/);
    rm(dir);
  });

  test('check --rechain re-keys a sound old chain once, audited; an edited record under the old chain is refused', () => {
    const { dir, dbPath } = freshDb();
    const n = plainChain(dbPath);
    assertCheckFails(dbPath, 'old chain');
    const r = check(dbPath, ['--rechain']);
    assert.equal(r.status, 0, `${r.stdout}\n${r.stderr}`);
    assert.match(r.stdout, new RegExp(`${n} 条审计记录`));
    assertCheckPasses(dbPath, 'after --rechain');
    assert.equal(sql(dbPath, "SELECT action FROM audit ORDER BY id DESC LIMIT 1").trim(), 'rechain');
    // a plain chain with a record edited but not re-hashed is not laundered
    plainChain(dbPath);
    sql(dbPath, "UPDATE audit SET action = 'forged' WHERE id = 3");
    const bad = check(dbPath, ['--rechain']);
    assert.equal(bad.status, 1, bad.stdout);
    assert.match(bad.stdout, /rechain: 失败 FAILED/);
    rm(dir);
  });
});
