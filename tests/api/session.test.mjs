// Sessions: login, cookie, CSRF, logout, expiry, throttling, password changes.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, login, request, clientFor, sessionCookieFrom, sql, assertError,
  ADMIN_PASSWORD, DEMO_PASSWORD, nowSeconds } from './harness.mjs';

describe('sessions', () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { await srv.stopClean(); });

  test('login answers 200 with the user, a CSRF token and a strict HttpOnly cookie', async () => {
    const r = await request(srv.url, '/api/v1/session', {
      method: 'POST', json: { username: 'zhibu1', password: DEMO_PASSWORD },
    });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.match(r.headers.get('content-type'), /^application\/json/);
    assert.equal(r.data.user.username, 'zhibu1');
    assert.equal(r.data.user.display_name, '王建国');
    assert.equal(typeof r.data.user.id, 'number');
    assert.equal(r.data.user.must_change_password, false);
    assert.equal(r.data.user.password_hash, undefined, 'the hash must never be sent');
    assert.deepEqual(r.data.user.roles.map((x) => x.role), ['branch_secretary']);
    assert.equal(r.data.user.roles[0].org_name, '机关第一党支部');
    assert.equal(typeof r.data.csrf_token, 'string');
    assert.ok(r.data.csrf_token.length >= 20, 'CSRF token too short');
    const c = sessionCookieFrom(r.headers);
    assert.ok(c, 'no dj_session cookie');
    assert.ok(c.value.length >= 20, 'session token too short');
    assert.notEqual(c.value, r.data.csrf_token, 'cookie and CSRF token must differ');
    const attrs = c.raw.split(';').map((x) => x.trim().toLowerCase());
    assert.ok(attrs.includes('httponly'), c.raw);
    assert.ok(attrs.includes('samesite=strict'), c.raw);
    assert.ok(attrs.includes('path=/'), c.raw);
    // the token is stored hashed, never as such
    const stored = sql(srv.dbPath, 'SELECT token_hash FROM sessions');
    assert.ok(!stored.includes(c.value), 'the session token is stored in clear');
  });

  test('two logins give two different sessions and tokens', async () => {
    const a = await login(srv.url, 'keshi');
    const b = await login(srv.url, 'keshi');
    assert.notEqual(a.cookie, b.cookie);
    assert.notEqual(a.csrf, b.csrf);
  });

  test('wrong password and unknown user get the same 401 answer', async () => {
    const wrong = await request(srv.url, '/api/v1/session', {
      method: 'POST', json: { username: 'zhibu1', password: 'Wrong#Pass123' },
    });
    const unknown = await request(srv.url, '/api/v1/session', {
      method: 'POST', json: { username: 'no-such-user', password: 'Wrong#Pass123' },
    });
    assertError(wrong, 401, 'unauthenticated');
    assertError(unknown, 401, 'unauthenticated');
    assert.deepEqual(wrong.data, unknown.data);
    assert.equal(sessionCookieFrom(wrong.headers), null, 'a failed login must not set a session');
    assert.equal(sessionCookieFrom(unknown.headers), null);
  });

  test('a missing field gives 400 with fields', async () => {
    const r = await request(srv.url, '/api/v1/session', { method: 'POST', json: { username: 'zhibu1' } });
    const e = assertError(r, 400, 'invalid');
    assert.ok(e.fields && typeof e.fields.password === 'string', JSON.stringify(r.data));
  });

  test('GET /session with the cookie answers the user with roles and scope', async () => {
    const c = await login(srv.url, 'dangwei');
    const r = await c.fetch('/api/v1/session');
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.user.username, 'dangwei');
    assert.equal(r.data.user.id, c.user.id);
    assert.equal(r.data.csrf_token, c.csrf);
    assert.equal(r.data.user.roles.length, 1);
    const role = r.data.user.roles[0];
    assert.equal(role.role, 'party_admin');
    assert.equal(typeof role.role_label, 'string');
    assert.equal(role.org_id, 1);
    assert.equal(role.org_name, '示范县财政局');
    // what the user may do, for the UI
    assert.ok(Array.isArray(r.data.permissions), JSON.stringify(r.data));
    assert.ok(r.data.permissions.includes('audit.read'), JSON.stringify(r.data.permissions));
    assert.ok(!r.data.permissions.includes('users.manage'), 'party_admin does not manage accounts');
    const m = await (await login(srv.url, 'dangyuan')).fetch('/api/v1/session');
    assert.ok(!m.data.permissions.includes('audit.read'));
    assert.ok(!m.data.permissions.includes('users.manage'));
    const a = await (await login(srv.url, 'admin', ADMIN_PASSWORD)).fetch('/api/v1/session');
    assert.ok(a.data.permissions.includes('users.manage'));
  });

  test('GET /session without a cookie, or with a forged one, is 401', async () => {
    assertError(await request(srv.url, '/api/v1/session'), 401, 'unauthenticated');
    assertError(await request(srv.url, '/api/v1/session', { cookie: 'dj_session=garbage' }), 401, 'unauthenticated');
    const forged = 'dj_session=' + 'A'.repeat(43);
    assertError(await request(srv.url, '/api/v1/session', { cookie: forged }), 401, 'unauthenticated');
  });

  test('logout: DELETE with CSRF gives 204, clears the cookie, and the session no longer works', async () => {
    const c = await login(srv.url, 'jijian');
    assert.equal((await c.fetch('/api/v1/session')).status, 200);
    const r = await c.fetch('/api/v1/session', { method: 'DELETE' });
    assert.equal(r.status, 204, JSON.stringify(r.data));
    assert.equal(r.data, null, '204 has no body');
    const cleared = sessionCookieFrom(r.headers);
    assert.ok(cleared, 'logout should clear the cookie');
    assert.equal(cleared.value, '');
    assert.match(cleared.raw, /Max-Age=0/i);
    assertError(await c.fetch('/api/v1/session'), 401, 'unauthenticated');
    // and it is gone from the database
    const n = sql(srv.dbPath, `SELECT COUNT(*) FROM sessions WHERE user_id = ${c.user.id}`).trim();
    assert.equal(n, '0');
    // a second logout with the dead session is 401, not a crash
    assertError(await c.fetch('/api/v1/session', { method: 'DELETE' }), 401, 'unauthenticated');
  });

  test('DELETE /session without or with a wrong CSRF token is 403 and the session survives', async () => {
    const c = await login(srv.url, 'zhibu2');
    const none = await request(srv.url, '/api/v1/session', { method: 'DELETE', cookie: c.cookie });
    assertError(none, 403, 'forbidden');
    const wrong = await request(srv.url, '/api/v1/session', {
      method: 'DELETE', cookie: c.cookie, csrf: c.csrf.slice(0, -1) + (c.csrf.endsWith('A') ? 'B' : 'A'),
    });
    assertError(wrong, 403, 'forbidden');
    // another session's token does not fit this session either
    const other = await login(srv.url, 'zhibu2');
    const crossed = await request(srv.url, '/api/v1/session', { method: 'DELETE', cookie: c.cookie, csrf: other.csrf });
    assertError(crossed, 403, 'forbidden');
    assert.equal((await c.fetch('/api/v1/session')).status, 200, 'the session must survive the refused logouts');
  });

  test('a session idle for longer than session_idle_minutes is refused (401)', async () => {
    const c = await login(srv.url, 'keshi');
    assert.equal((await c.fetch('/api/v1/session')).status, 200);
    // default idle limit is 60 minutes: make this session 2 hours idle
    sql(srv.dbPath, `UPDATE sessions SET last_seen = ${nowSeconds() - 7200} WHERE csrf_token = '${c.csrf}'`);
    assertError(await c.fetch('/api/v1/session'), 401, 'unauthenticated');
    assertError(await c.fetch('/api/v1/session'), 401, 'unauthenticated');
  });

  test('a session past its absolute expiry is refused (401) even if recently used', async () => {
    const c = await login(srv.url, 'keshi');
    assert.equal((await c.fetch('/api/v1/session')).status, 200);
    sql(srv.dbPath, `UPDATE sessions SET expires_at = ${nowSeconds() - 5}, last_seen = ${nowSeconds()} WHERE csrf_token = '${c.csrf}'`);
    assertError(await c.fetch('/api/v1/session'), 401, 'unauthenticated');
  });

  test('the session cookie lasts session_absolute_hours (Max-Age) and expires_at matches', async () => {
    const r = await request(srv.url, '/api/v1/session', { method: 'POST', json: { username: 'keshi', password: DEMO_PASSWORD } });
    assert.equal(r.status, 200);
    const c = sessionCookieFrom(r.headers);
    assert.match(c.raw, /Max-Age=43200/); // 12 h default
    const row = sql(srv.dbPath, `SELECT expires_at - created_at FROM sessions WHERE csrf_token = '${r.data.csrf_token}'`).trim();
    assert.equal(row, '43200');
  });

  test('password change by the user: wrong old, weak new, success', async () => {
    const a = await login(srv.url, 'zhibu2');
    const b = await login(srv.url, 'zhibu2'); // a second session of the same user
    const path = '/api/v1/session/password';

    const wrongOld = await a.fetch(path, { method: 'POST', json: { old_password: 'Not#The0ld1', new_password: 'Fresh#Pass2026' } });
    const e1 = assertError(wrongOld, 400, 'invalid');
    assert.equal(typeof e1.fields?.old_password, 'string', JSON.stringify(wrongOld.data));

    for (const weak of ['Ab1!', 'onlyletterslong', '12345678901234', 'zhibu2']) {
      const r = await a.fetch(path, { method: 'POST', json: { old_password: DEMO_PASSWORD, new_password: weak } });
      const e = assertError(r, 400, 'invalid');
      assert.equal(typeof e.fields?.new_password, 'string', `weak ${weak}: ${JSON.stringify(r.data)}`);
    }
    const same = await a.fetch(path, { method: 'POST', json: { old_password: DEMO_PASSWORD, new_password: DEMO_PASSWORD } });
    assertError(same, 400, 'invalid');

    const missing = await a.fetch(path, { method: 'POST', json: { old_password: DEMO_PASSWORD } });
    assert.equal(typeof assertError(missing, 400, 'invalid').fields?.new_password, 'string');

    // without CSRF the change is refused
    const noCsrf = await request(srv.url, path, {
      method: 'POST', cookie: a.cookie, json: { old_password: DEMO_PASSWORD, new_password: 'Fresh#Pass2026' },
    });
    assertError(noCsrf, 403, 'forbidden');

    const ok = await a.fetch(path, { method: 'POST', json: { old_password: DEMO_PASSWORD, new_password: 'Fresh#Pass2026' } });
    assert.equal(ok.status, 204, JSON.stringify(ok.data));
    // the session that changed it stays; the other session of this user ends
    assert.equal((await a.fetch('/api/v1/session')).status, 200);
    assertError(await b.fetch('/api/v1/session'), 401, 'unauthenticated');

    const old = await request(srv.url, '/api/v1/session', { method: 'POST', json: { username: 'zhibu2', password: DEMO_PASSWORD } });
    assertError(old, 401, 'unauthenticated');
    const fresh = await login(srv.url, 'zhibu2', 'Fresh#Pass2026');
    assert.equal(fresh.user.username, 'zhibu2');
    assert.equal(fresh.user.must_change_password, false);
  });

  test('a password reset by the admin forces a change before anything else', async () => {
    const admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    const before = await login(srv.url, 'dangyuan');
    const list = await admin.fetch('/api/v1/users?q=dangyuan');
    assert.equal(list.status, 200);
    const target = list.data.items.find((u) => u.username === 'dangyuan');
    assert.ok(target, 'dangyuan not listed');

    // no CSRF: refused
    const noCsrf = await request(srv.url, `/api/v1/users/${target.id}/password`, { method: 'POST', cookie: admin.cookie });
    assertError(noCsrf, 403, 'forbidden');

    const reset = await admin.fetch(`/api/v1/users/${target.id}/password`, { method: 'POST' });
    assert.equal(reset.status, 200, JSON.stringify(reset.data));
    assert.equal(reset.data.must_change_password, true);
    const initial = reset.data.initial_password;
    assert.equal(typeof initial, 'string');
    assert.ok(initial.length >= 10, `initial password too short: ${initial}`);

    // the reset ends the user's sessions and the old password
    assertError(await before.fetch('/api/v1/session'), 401, 'unauthenticated');
    assertError(await request(srv.url, '/api/v1/session', { method: 'POST', json: { username: 'dangyuan', password: DEMO_PASSWORD } }), 401, 'unauthenticated');

    const c = await login(srv.url, 'dangyuan', initial);
    assert.equal(c.user.must_change_password, true);
    // the session endpoints stay open
    const me = await c.fetch('/api/v1/session');
    assert.equal(me.status, 200);
    assert.equal(me.data.user.must_change_password, true);
    // everything else is refused with 403
    assertError(await c.fetch('/api/v1/orgs'), 403, 'forbidden');
    assertError(await c.fetch('/api/v1/users'), 403, 'forbidden');
    assertError(await c.fetch('/api/v1/audit'), 403, 'forbidden');

    const changed = await c.fetch('/api/v1/session/password', { method: 'POST', json: { old_password: initial, new_password: 'Mine#Own2026' } });
    assert.equal(changed.status, 204, JSON.stringify(changed.data));
    const me2 = await c.fetch('/api/v1/session');
    assert.equal(me2.data.user.must_change_password, false);
    const orgs = await c.fetch('/api/v1/orgs');
    assert.equal(orgs.status, 200, JSON.stringify(orgs.data));
    assert.ok(orgs.data.items.length > 0);
    const again = await login(srv.url, 'dangyuan', 'Mine#Own2026');
    assert.equal(again.user.must_change_password, false);
  });

  test('a reset with a chosen password also forces a change, and a weak one is refused', async () => {
    const admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    const list = await admin.fetch('/api/v1/users?q=jijian');
    const target = list.data.items.find((u) => u.username === 'jijian');
    const weak = await admin.fetch(`/api/v1/users/${target.id}/password`, { method: 'POST', json: { password: 'short' } });
    assert.equal(typeof assertError(weak, 400, 'invalid').fields?.password, 'string');
    const r = await admin.fetch(`/api/v1/users/${target.id}/password`, { method: 'POST', json: { password: 'Chosen#Pass2026' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.must_change_password, true);
    assert.equal(r.data.initial_password, undefined, 'no generated password when one was given');
    const c = await login(srv.url, 'jijian', 'Chosen#Pass2026');
    assert.equal(c.user.must_change_password, true);
    assertError(await c.fetch('/api/v1/orgs'), 403, 'forbidden');
  });

  test('every login, failed login, logout and password change is in the audit', async () => {
    const admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    const rows = await auditAll(admin, '');
    const jijian = rows.filter((x) => x.username === 'jijian').map((x) => x.action);
    for (const a of ['login', 'logout']) assert.ok(jijian.includes(a), `no ${a} of jijian in the audit`);
    const failed = rows.find((x) => x.action === 'login_failed' && x.username === 'no-such-user');
    assert.ok(failed, 'the failed login of an unknown name is audited');
    const failedKnown = rows.find((x) => x.action === 'login_failed' && x.username === 'zhibu1');
    assert.ok(failedKnown, 'the failed login of a known name is audited');
    const actions = rows.map((x) => x.action);
    assert.ok(actions.includes('change_password'));
    assert.ok(actions.includes('reset_password'));
    // no password or token in the audit
    const all = JSON.stringify(rows);
    for (const secret of ['Fresh#Pass2026', 'Mine#Own2026', 'Chosen#Pass2026', 'Wrong#Pass123', DEMO_PASSWORD, ADMIN_PASSWORD])
      assert.ok(!all.includes(secret), `the audit shows a password: ${secret}`);
    assert.ok(!all.includes(admin.csrf), 'the audit shows a CSRF token');
  });
});

/** Every audit row matching query (a "k=v&..." string), newest first. */
async function auditAll(client, query) {
  const items = [];
  for (let offset = 0; ; offset += 500) {
    const r = await client.fetch(`/api/v1/audit?limit=500&offset=${offset}${query ? '&' + query : ''}`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    items.push(...r.data.items);
    if (r.data.items.length < 500 || items.length >= r.data.total) return items;
  }
}

describe('login throttling', () => {
  let srv;
  before(async () => {
    srv = await startServer({
      set: ['security.login_max_failures_account=3', 'security.login_max_failures_address=8'],
    });
  });
  after(async () => { await srv.stopClean(); });

  test('after login_max_failures_account failures the account gets 429, even with the right password', async () => {
    const attempt = (password) => request(srv.url, '/api/v1/session', { method: 'POST', json: { username: 'zhibu2', password } });
    for (let i = 0; i < 3; i++) assertError(await attempt('Wrong#Pass' + i), 401, 'unauthenticated');
    const blocked = await attempt('Wrong#Pass9');
    assertError(blocked, 429, 'rate_limited');
    const rightButBlocked = await attempt(DEMO_PASSWORD);
    assertError(rightButBlocked, 429, 'rate_limited');
    assert.equal(sessionCookieFrom(rightButBlocked.headers), null);
    // another account from the same address is not blocked yet (3 < 8 address failures)
    const other = await login(srv.url, 'keshi');
    assert.equal(other.user.username, 'keshi');
  });

  test('a successful login clears the account failures', async () => {
    const attempt = (password) => request(srv.url, '/api/v1/session', { method: 'POST', json: { username: 'dangwei', password } });
    assertError(await attempt('Wrong#Pass1'), 401);
    assertError(await attempt('Wrong#Pass2'), 401);
    assert.equal((await attempt(DEMO_PASSWORD)).status, 200);
    assertError(await attempt('Wrong#Pass3'), 401); // would be the 3rd failure without the clear
    assert.equal((await attempt(DEMO_PASSWORD)).status, 200);
  });

  test('after login_max_failures_address failures from one address every login gets 429', async () => {
    // top up the failures recorded for 127.0.0.1 to the limit with unknown names
    const count = () => Number(sql(srv.dbPath, "SELECT COUNT(*) FROM login_failures WHERE kind = 'address'").trim());
    let n = count();
    let i = 0;
    while (n < 8) {
      const r = await request(srv.url, '/api/v1/session', { method: 'POST', json: { username: `ghost${i++}`, password: 'Wrong#Pass1' } });
      assertError(r, 401, 'unauthenticated');
      n = count();
      assert.ok(i < 10, 'failures are not being counted per address');
    }
    const blocked = await request(srv.url, '/api/v1/session', { method: 'POST', json: { username: 'jijian', password: DEMO_PASSWORD } });
    assertError(blocked, 429, 'rate_limited');
    const blocked2 = await request(srv.url, '/api/v1/session', { method: 'POST', json: { username: 'admin', password: ADMIN_PASSWORD } });
    assertError(blocked2, 429, 'rate_limited');
    // without server.trusted_proxy a client cannot choose its own address
    const spoofed = await request(srv.url, '/api/v1/session', {
      method: 'POST', json: { username: 'admin', password: ADMIN_PASSWORD }, headers: { 'X-Forwarded-For': '203.0.113.9' },
    });
    assertError(spoofed, 429, 'rate_limited');
  });

  test('failures older than login_window_minutes no longer count', async () => {
    sql(srv.dbPath, `UPDATE login_failures SET at = at - 3600`);
    const ok = await login(srv.url, 'jijian');
    assert.equal(ok.user.username, 'jijian');
    const ok2 = await login(srv.url, 'zhibu2');
    assert.equal(ok2.user.username, 'zhibu2');
  });

  test('existing sessions keep working while logins are throttled', async () => {
    const c = await login(srv.url, 'keshi');
    for (let i = 0; i < 3; i++)
      await request(srv.url, '/api/v1/session', { method: 'POST', json: { username: 'keshi', password: 'Wrong#Pass' + i } });
    assertError(await request(srv.url, '/api/v1/session', { method: 'POST', json: { username: 'keshi', password: DEMO_PASSWORD } }), 429, 'rate_limited');
    assert.equal((await c.fetch('/api/v1/session')).status, 200);
  });
});
