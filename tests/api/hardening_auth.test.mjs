// Issue 11, item 5 (smaller leaks and gaps), apart from HSTS: vetoes hidden in
// the ranking, notice and awards; no self-granted roles; denials audited and
// rate-limited; the password change throttled; stronger password rules and
// admin-set passwords changed at first login; the GET /session answer keyed by
// the token; login locks per account and client address; downloads named by
// their detected type.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import {
  startServer, login, assertError, sql, sleep, readJson,
  ADMIN_PASSWORD, DEMO_PASSWORD,
} from './harness.mjs';

/** A login sent from a given local address (127.0.0.x): the server sees it as the client's. */
function loginFrom(srv, localAddress, username, password) {
  const body = JSON.stringify({ username, password });
  return new Promise((resolve, reject) => {
    const req = http.request({
      host: '127.0.0.1', port: srv.port, localAddress, method: 'POST', path: '/api/v1/session',
      headers: { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, data: text ? JSON.parse(text) : null }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/** The after_json of the audit rows of an action by a user, oldest first. */
function auditAfter(srv, action, username) {
  return sql(srv.dbPath, `SELECT after_json FROM audit WHERE action = '${action}' AND username = '${username}' ORDER BY id`)
    .split('\n').filter((l) => l.trim()).map((l) => JSON.parse(l));
}

describe('accounts: passwords, throttles, roles, denials, the session answer', () => {
  let srv, admin, b1;
  before(async () => {
    srv = await startServer({ threads: 1, set: ['security.denial_audit_seconds=2'] });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    b1 = (await admin.fetch('/api/v1/orgs')).data.items.find((o) => o.name === '机关第一党支部');
  });
  after(async () => { await srv.stopClean(); });

  test('password rules: "password12", common words and the user name are refused; the demo passwords pass', async () => {
    const c = await login(srv.url, 'zhibu2');
    for (const weak of ['password12', 'Password@123', 'Qwerty!2026', 'Zhibu2#2026', 'xx.zhibu2.yy#A1']) {
      const r = await c.fetch('/api/v1/session/password', { method: 'POST', json: { old_password: DEMO_PASSWORD, new_password: weak } });
      const e = assertError(r, 400, 'invalid');
      assert.equal(typeof e.fields?.new_password, 'string', `${weak}: ${JSON.stringify(r.data)}`);
    }
    for (const good of ['Demo@2026dj', 'Admin@2026dj']) {
      const r = await admin.fetch('/api/v1/users', {
        method: 'POST', json: { username: `ok${good.slice(0, 4).toLowerCase()}`, display_name: '合格', password: good },
      });
      assert.equal(r.status, 201, `${good}: ${JSON.stringify(r.data)}`);
    }
  });

  test('an account created by an administrator with a password must change it at first login', async () => {
    const r = await admin.fetch('/api/v1/users', {
      method: 'POST', json: { username: 'given', display_name: '给定', password: 'Given#Pass2026', roles: [{ role: 'member', org_id: b1.id }] },
    });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.must_change_password, true);
    const c = await login(srv.url, 'given', 'Given#Pass2026');
    assert.equal(c.user.must_change_password, true);
    assertError(await c.fetch('/api/v1/orgs'), 403, 'forbidden');
    assert.equal((await c.fetch('/api/v1/session/password', { method: 'POST', json: { old_password: 'Given#Pass2026', new_password: 'Mine#Chosen2026' } })).status, 204);
    assert.equal((await c.fetch('/api/v1/orgs')).status, 200);
    // a reset by an administrator: the same
    assert.equal((await admin.fetch(`/api/v1/users/${r.data.id}/password`, { method: 'POST', json: { password: 'Reset#Given2026' } })).status, 200);
    const again = await login(srv.url, 'given', 'Reset#Given2026');
    assert.equal(again.user.must_change_password, true);
  });

  test('a wrong old_password on a password change is throttled like a login', async () => {
    const c = await login(srv.url, 'jijian');
    for (let i = 0; i < 5; i++) {
      const r = await c.fetch('/api/v1/session/password', { method: 'POST', json: { old_password: `Wrong#Old${i}x`, new_password: 'Fresh#Pass2026' } });
      assertError(r, 400, 'invalid');
    }
    const blocked = await c.fetch('/api/v1/session/password', { method: 'POST', json: { old_password: DEMO_PASSWORD, new_password: 'Fresh#Pass2026' } });
    assert.equal(blocked.status, 429, JSON.stringify(blocked.data));
    assert.equal(auditAfter(srv, 'change_password_failed', 'jijian').length, 5);
  });

  test('five wrong passwords lock the account from that address only', async () => {
    for (let i = 0; i < 5; i++)
      assert.equal((await loginFrom(srv, '127.0.0.2', 'keshi', `Wrong#Pass${i}x`)).status, 401);
    const locked = await loginFrom(srv, '127.0.0.2', 'keshi', DEMO_PASSWORD);
    assert.equal(locked.status, 429, JSON.stringify(locked.data));
    const elsewhere = await loginFrom(srv, '127.0.0.1', 'keshi', DEMO_PASSWORD);
    assert.equal(elsewhere.status, 200, JSON.stringify(elsewhere.data));
  });

  test('a sysadmin cannot grant itself a role; the refusal is audited; its own grants stay', async () => {
    const me = (await admin.fetch(`/api/v1/users/${admin.user.id}`)).data;
    const held = me.roles.map((g) => ({ role: g.role, org_id: g.org_id }));
    assert.deepEqual(held.map((g) => g.role).sort(), ['party_admin', 'sysadmin'], 'the bootstrap grant');
    const lastBefore = Number(sql(srv.dbPath, 'SELECT MAX(id) FROM audit').trim());
    const r = await admin.fetch(`/api/v1/users/${admin.user.id}`, { method: 'PATCH', json: { roles: [...held, { role: 'branch_secretary', org_id: b1.id }] } });
    assertError(r, 403, 'forbidden');
    // one refusal, one audit row: the grant_refused record, no second generic "denied"
    const written = sql(srv.dbPath, `SELECT action FROM audit WHERE id > ${lastBefore} ORDER BY id`).split('\n').filter((l) => l.trim());
    assert.deepEqual(written, ['grant_refused']);
    const after = (await admin.fetch(`/api/v1/users/${admin.user.id}`)).data;
    assert.equal(after.roles.length, 2, 'nothing granted');
    const refused = auditAfter(srv, 'grant_refused', 'admin');
    assert.equal(refused.length, 1);
    assert.equal(refused[0].role, 'branch_secretary');
    assert.equal(refused[0].org_id, b1.id);
    // keeping what it holds is still allowed (e.g. a changed display name with the same roles)
    const keep = await admin.fetch(`/api/v1/users/${admin.user.id}`, { method: 'PATCH', json: { roles: held, display_name: '系统管理员' } });
    assert.equal(keep.status, 200, JSON.stringify(keep.data));
    // granting the role to another account is fine
    const other = (await admin.fetch('/api/v1/users?q=zhibu1')).data.items[0];
    const grant = await admin.fetch(`/api/v1/users/${other.id}`, {
      method: 'PATCH', json: { roles: [...other.roles.map((g) => ({ role: g.role, org_id: g.org_id })), { role: 'discipline', org_id: b1.id }] },
    });
    assert.equal(grant.status, 200, JSON.stringify(grant.data));
  });

  test('denials are audited (who, route, target), at most one record per account and route per window, with a count', async () => {
    const c = await login(srv.url, 'dangyuan');
    for (let i = 0; i < 5; i++) assertError(await c.fetch('/api/v1/users'), 403, 'forbidden');
    assertError(await c.fetch(`/api/v1/users/${admin.user.id}`), 403, 'forbidden');
    let rows = auditAfter(srv, 'denied', 'dangyuan');
    assert.equal(rows.length, 2, JSON.stringify(rows));
    assert.deepEqual([rows[0].method, rows[0].route, rows[0].path, rows[0].suppressed], ['GET', '/api/v1/users', '/api/v1/users', 0]);
    assert.deepEqual([rows[1].route, rows[1].path], ['/api/v1/users/{id}', `/api/v1/users/${admin.user.id}`]);
    assert.equal(rows[0].client_addr, '127.0.0.1');
    await sleep(2200); // the window (security.denial_audit_seconds=2) has passed
    assertError(await c.fetch('/api/v1/users'), 403, 'forbidden');
    rows = auditAfter(srv, 'denied', 'dangyuan');
    assert.equal(rows.length, 3);
    assert.equal(rows[2].suppressed, 4, 'the four denials not recorded are counted');
  });

  test('a session row id given again never brings back the old session\'s CSRF token', async () => {
    const first = await login(srv.url, 'zhibu1');
    const s1 = await first.fetch('/api/v1/session');
    assert.equal(s1.data.csrf_token, first.csrf);
    const oldId = sql(srv.dbPath, 'SELECT max(id) FROM sessions').trim();
    sql(srv.dbPath, `DELETE FROM sessions WHERE id = ${oldId}`);
    const second = await login(srv.url, 'zhibu1');
    // make the new session take the old row id, as SQLite may do by itself
    sql(srv.dbPath, `UPDATE sessions SET id = ${oldId} WHERE id = (SELECT max(id) FROM sessions)`);
    assert.notEqual(second.csrf, first.csrf);
    const s2 = await second.fetch('/api/v1/session');
    assert.equal(s2.status, 200);
    assert.equal(s2.data.csrf_token, second.csrf, 'the answer of the dead session came back');
  });
});

describe('vetoes stay hidden from those who may not see them', () => {
  let srv, dangwei, zhibu1, jijian, dangyuan, keshi, zhibu2, people, b1;
  before(async () => {
    srv = await startServer();
    const admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    jijian = await login(srv.url, 'jijian');
    dangyuan = await login(srv.url, 'dangyuan');
    keshi = await login(srv.url, 'keshi');
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    b1 = (await admin.fetch('/api/v1/orgs')).data.items.find((o) => o.name === '机关第一党支部');
  });
  after(async () => { await srv.stopClean(); });

  const eligible = () => people.filter((p) => p.branch_id === b1.id && p.id !== dangyuan.user.person_id &&
    p.political_status === '中共党员' && p.joined_party_on < '2024-01-01');

  test('ranking and notice: the vetoed row is left out and the ranks close up; managers and the branch see it', async () => {
    const scheme = (await dangwei.fetch('/api/v1/schemes', {
      method: 'POST',
      json: {
        code: 'veto_hidden', name: '否决隐藏', target: 'member',
        settings: { select: { count: 1, title: '标兵' }, visibility: 'all' },
        indicators: [
          { code: 'civ', name: '文明创建', kind: 'entered', entered_by: 'branch_secretary', max_points: 10 },
          { code: 'bon', name: '加分', kind: 'bonus', max_points: 5 },
          { code: 'veto', name: '一票否决', kind: 'veto' },
        ],
      },
    })).data;
    assert.ok(scheme.id, JSON.stringify(scheme));
    const ind = Object.fromEntries((await dangwei.fetch(`/api/v1/schemes/${scheme.id}`)).data.indicators.map((i) => [i.code, i.id]));
    const ev = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: scheme.id, period: '2025Q3', notice_days: 0 } })).data;
    const [B, C] = eligible();
    for (const [p, v] of [[B, 5], [C, 3]])
      assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/entries`, { method: 'POST', json: { target_id: p.id, indicator_id: ind.bon, points: v, reason: '表彰加分' } })).status, 201);
    assert.equal((await jijian.fetch(`/api/v1/evaluations/${ev.id}/entries`, { method: 'POST', json: { target_id: B.id, indicator_id: ind.veto, reason: '违反十不准' } })).status, 201);
    assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/compute`, { method: 'POST' })).status, 200);
    for (const s of ['scoring', 'review', 'notice'])
      assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/state`, { method: 'POST', json: { state: s, override_reason: '测试：部分对象本期不评分' } })).status, 200, s);

    const managerRows = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}/ranking`)).data.items;
    const mrow = (p) => managerRows.find((x) => x.target_id === p.id);
    assert.deepEqual([mrow(B).rank, mrow(B).vetoed, mrow(B).selected], [1, true, false]);
    assert.deepEqual([mrow(C).rank, mrow(C).selected], [2, true]);
    // the secretary of B's branch may see B's record, and so the veto
    const branchRows = (await zhibu1.fetch(`/api/v1/evaluations/${ev.id}/ranking`)).data.items;
    assert.equal(branchRows.find((x) => x.target_id === B.id).vetoed, true);
    // the score sheet and its export mark the vetoed row (issue 12, item 4)
    const sheet = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}/scores`)).data.items;
    assert.deepEqual(sheet.filter((x) => x.vetoed).map((x) => x.target_id), [B.id]);
    const csv = await (await fetch(`${srv.url}/api/v1/evaluations/${ev.id}/scores?format=csv`, { headers: { Cookie: dangwei.cookie } })).text();
    const lines = csv.replace(/^\uFEFF/, '').trim().split(/\r?\n/);
    const head = lines[0].split(',');
    const vetoCol = head.indexOf('否决');
    assert.ok(vetoCol > 0, `a 否决 column: ${lines[0]}`);
    const marked = lines.slice(1).filter((l) => l.split(',')[vetoCol] === '否决');
    assert.equal(marked.length, 1);
    assert.ok(marked[0].includes(B.name), marked[0]);

    for (const reader of [dangyuan, zhibu2, keshi]) {
      const board = (await reader.fetch(`/api/v1/evaluations/${ev.id}/ranking`)).data.items;
      assert.ok(board.length > 50, 'visibility all: the whole board');
      assert.equal(board.find((x) => x.target_id === B.id), undefined, `${reader.user.username} sees the vetoed row`);
      assert.ok(board.every((x) => x.vetoed === false));
      const top = board[0];
      assert.deepEqual([top.target_id, top.rank, top.selected], [C.id, 1, true], 'the first place is the selected one');
      assert.ok(!board.some((x) => x.rank < top.rank || (!x.selected && x.rank === 1)));
      const notice = (await reader.fetch(`/api/v1/evaluations/${ev.id}/notice`)).data;
      assert.deepEqual(notice.selected.map((x) => [x.name, x.rank]), [[C.name, 1]], 'no gap in the ranks');
    }
    const managerNotice = (await dangwei.fetch(`/api/v1/evaluations/${ev.id}/notice`)).data;
    assert.deepEqual(managerNotice.selected.map((x) => [x.name, x.rank]), [[C.name, 2]]);
  });

  test('awards: a vetoed nominee with the most votes is not listed to those who may not see the veto', async () => {
    const vanguard = (await dangwei.fetch('/api/v1/schemes?active=1')).data.items.find((x) => x.code === 'vanguard');
    const ev = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: vanguard.id, period: '2025Q2', notice_days: 0 } })).data;
    const [B, C] = eligible();
    for (const p of [B, C])
      assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/nominations`, { method: 'POST', json: { award: 'business', target_id: p.id, reason: '业务能力突出，攻坚成效明显' } })).status, 200);
    assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/state`, { method: 'POST', json: { state: 'scoring' } })).status, 200);
    const vote = (c, p) => c.fetch(`/api/v1/evaluations/${ev.id}/votes`, { method: 'POST', json: { award: 'business', target_id: p.id } });
    for (const [c, p] of [[keshi, B], [zhibu2, B], [dangyuan, C]]) assert.equal((await vote(c, p)).status, 200);
    const veto = (await dangwei.fetch(`/api/v1/schemes/${vanguard.id}`)).data.indicators.find((i) => i.kind === 'veto');
    assert.equal((await jijian.fetch(`/api/v1/evaluations/${ev.id}/entries`, { method: 'POST', json: { target_id: B.id, indicator_id: veto.id, reason: '违反十不准' } })).status, 201);
    const business = async (c) => (await c.fetch(`/api/v1/evaluations/${ev.id}/awards`)).data.awards.find((a) => a.code === 'business');
    const managed = await business(dangwei);
    assert.deepEqual(managed.nominees.map((n) => [n.target_id, n.votes, n.winner]), [[B.id, 2, false], [C.id, 1, true]]);
    assert.deepEqual((await business(zhibu1)).nominees.map((n) => n.target_id), [B.id, C.id], 'the branch may see the veto');
    for (const reader of [dangyuan, keshi, zhibu2]) {
      const seen = await business(reader);
      assert.deepEqual(seen.nominees.map((n) => [n.target_id, n.winner]), [[C.id, true]], reader.user.username);
    }
  });
});

describe('downloads are named by their detected type', () => {
  let srv, zhibu1, b1;
  before(async () => {
    srv = await startServer();
    const admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    zhibu1 = await login(srv.url, 'zhibu1');
    b1 = (await admin.fetch('/api/v1/orgs')).data.items.find((o) => o.name === '机关第一党支部');
  });
  after(async () => { await srv.stopClean(); });

  test('a GIF uploaded as poly.html is stored and offered as poly.gif; an HTML file named .gif is refused', async () => {
    const kinds = Object.fromEntries((await zhibu1.fetch('/api/v1/meeting-kinds')).data.items.map((k) => [k.code, k.id]));
    const m = (await zhibu1.fetch('/api/v1/meetings', { method: 'POST', json: { org_id: b1.id, kind_id: kinds.branch_assembly, held_on: '2025-10-15' } })).data;
    assert.ok(m.id, JSON.stringify(m));
    const upload = async (bytes, name) => {
      const form = new FormData();
      form.append('object_type', 'meeting');
      form.append('object_id', String(m.id));
      form.append('file', new Blob([bytes]), name);
      const res = await fetch(`${srv.url}/api/v1/files`, { method: 'POST', body: form, headers: { Cookie: zhibu1.cookie, 'X-CSRF-Token': zhibu1.csrf } });
      return { status: res.status, data: await readJson(res) };
    };
    const polyglot = Buffer.concat([Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), Buffer.from('<html><script>alert(1)</script></html>')]);
    const up = await upload(polyglot, 'poly.html');
    assert.equal(up.status, 201, JSON.stringify(up.data));
    assert.equal(up.data.mime, 'image/gif');
    assert.equal(up.data.name, 'poly.gif');
    const res = await fetch(`${srv.url}/api/v1/files/${up.data.id}`, { headers: { Cookie: zhibu1.cookie } });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('content-type'), 'image/gif');
    const disposition = res.headers.get('content-disposition');
    assert.match(disposition, /poly\.gif/);
    assert.doesNotMatch(disposition, /\.html/);
    await res.arrayBuffer();
    // a row stored before the fix: the download is still named by its type
    sql(srv.dbPath, `UPDATE files SET name = 'old.html' WHERE id = ${up.data.id}`);
    const old = await fetch(`${srv.url}/api/v1/files/${up.data.id}`, { headers: { Cookie: zhibu1.cookie } });
    assert.match(old.headers.get('content-disposition'), /old\.gif/);
    await old.arrayBuffer();
    // HTML named .gif: the bytes decide, and HTML is not evidence
    const html = await upload(Buffer.from('<!doctype html><script>alert(1)</script>'), 'photo.gif');
    assert.equal(html.status, 415, JSON.stringify(html.data));
  });
});
