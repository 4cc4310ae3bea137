// `dangjian serve` itself: a port in use is refused (never shared with a
// second server), a restarted server takes its port back at once, and HSTS
// is sent when the session cookie is Secure (that is, behind HTTPS).
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, makeTempDir, request, assertNoSanitizerReport, rawHttp, ADMIN_PASSWORD } from './harness.mjs';

describe('two servers on one port', () => {
  let a;
  before(async () => { a = await startServer({ threads: 2 }); });
  after(async () => { await a?.stopClean(); });

  test('a second server on the same port refuses to start: 端口被占用 / port in use, exit 1', async () => {
    // its own database: with a shared port it would have served half the requests from it
    const dir = makeTempDir();
    let started = null;
    const err = await startServer({ dir, listen: `127.0.0.1:${a.port}`, threads: 2 }).then(
      (s) => { started = s; return null; },
      (e) => e,
    );
    if (started) await started.stop();
    assert.equal(started, null, 'the second server started on a port in use');
    assert.equal(err.exitCode, 1, `exit status: ${err.message}`);
    assert.match(err.stderr, /端口被占用/);
    assert.match(err.stderr, /port in use/);
    assert.match(err.stderr, new RegExp(`127\\.0\\.0\\.1:${a.port}`));
    assertNoSanitizerReport(err.stderr, 'second server stderr');
    // the first server still answers every request
    const before = (a.stderr.match(/ access /g) || []).length;
    for (let i = 0; i < 10; i++) {
      const r = await request(a.url, '/api/v1/session');
      assert.equal(r.status, 401);
    }
    await new Promise((r) => setTimeout(r, 200)); // the access log line follows the answer
    assert.equal((a.stderr.match(/ access /g) || []).length - before, 10, 'not every request reached the first server');
  });
});

test('a restarted server takes the port back while the old connections wait in TIME_WAIT', async () => {
  const first = await startServer({ threads: 2 });
  // a few answered connections that the server closes (Connection: close): TIME_WAIT on its side
  for (let i = 0; i < 3; i++) {
    const text = await rawHttp(first.port, 'GET /api/v1/session HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n');
    assert.match(text, /^HTTP\/1\.1 401/);
  }
  assert.equal(await first.stop(), 0);
  assertNoSanitizerReport(first.stderr);
  const again = await startServer({ dir: first.dir, dbPath: first.dbPath, listen: `127.0.0.1:${first.port}`, threads: 2 });
  try {
    assert.equal(again.port, first.port);
    assert.equal((await request(again.url, '/api/v1/session')).status, 401);
  } finally {
    await again.stopClean();
  }
});

describe('HSTS follows the Secure cookie', () => {
  let plain;
  before(async () => { plain = await startServer({ threads: 2 }); });
  after(async () => { await plain?.stopClean(); });

  test('without security.secure_cookie: no Strict-Transport-Security, no Secure cookie', async () => {
    const r = await request(plain.url, '/api/v1/session');
    assert.equal(r.headers.get('strict-transport-security'), null);
    const login = await request(plain.url, '/api/v1/session', { method: 'POST', json: { username: 'admin', password: ADMIN_PASSWORD } });
    assert.equal(login.status, 200);
    assert.doesNotMatch(login.headers.getSetCookie().join('\n'), /;\s*Secure/i);
    assert.equal(login.headers.get('strict-transport-security'), null);
  });

  test('with security.secure_cookie=true: every answer, API or page, carries HSTS for a year', async () => {
    const s = await startServer({ dir: plain.dir, dbPath: plain.dbPath, threads: 2, set: ['security.secure_cookie=true'], keepDir: true });
    try {
      const login = await request(s.url, '/api/v1/session', { method: 'POST', json: { username: 'admin', password: ADMIN_PASSWORD } });
      assert.equal(login.status, 200);
      assert.match(login.headers.getSetCookie().join('\n'), /dj_session=[^;]+;.*Secure/);
      assert.equal(login.headers.get('strict-transport-security'), 'max-age=31536000');
      for (const p of ['/api/v1/session', '/api/v1/nothing-here', '/', '/people']) {
        const res = await fetch(s.url + p, { redirect: 'manual' });
        await res.arrayBuffer();
        assert.equal(res.headers.get('strict-transport-security'), 'max-age=31536000', p);
      }
    } finally {
      await s.stopClean();
    }
  });
});
