// Accounts for the whole roster at once (issue 12, item 6): named by 工号 or
// phone in the bureau's namespace, linked to their person, member of their
// branch, one-time passwords shown once (JSON or the sheet to hand out),
// changed at first login; people with an account, of another bureau or out
// of scope are left out with the reason; nothing half-made.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, runDj, makeTempDir, makeDemoDb, ADMIN_PASSWORD, request } from './harness.mjs';

describe('accounts for many people at once', () => {
  let srv, admin, zhibu1, bAdmin, people;
  before(async () => {
    const dir = makeTempDir('dj-batch-');
    const db = makeDemoDb(dir);
    const add = runDj(['demo', '--db', db, '--no-records', '--bureau', '东城区财政局', '--code', 'dc']);
    assert.equal(add.status, 0, add.stderr);
    srv = await startServer({ dir, dbPath: db });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    zhibu1 = await login(srv.url, 'zhibu1');
    bAdmin = await login(srv.url, 'dc.admin', ADMIN_PASSWORD);
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
  });
  after(async () => { await srv.stopClean(); });

  test('ten people get accounts by 工号, linked, members of their branch, changed at first login', async () => {
    const ten = people.filter((p) => !p.user_id && p.branch_id).slice(0, 10);
    const r = await admin.fetch('/api/v1/users/batch', { method: 'POST', json: { person_ids: ten.map((p) => p.id) } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.created.length, 10);
    assert.deepEqual(r.data.skipped, []);
    for (const c of r.data.created) {
      const p = ten.find((x) => x.id === c.person_id);
      assert.equal(c.username, p.staff_no.toLowerCase());
      assert.ok(c.password.length >= 16);
    }
    const one = r.data.created[3];
    const s = await login(srv.url, one.username, one.password);
    assert.equal(s.user.must_change_password, true);
    assert.equal(s.user.person_id, one.person_id);
    assert.deepEqual(s.user.roles.map((g) => [g.role, g.org_id]), [['member', ten[3].branch_id]]);
    // audited, one row per account
    const audit = (await admin.fetch('/api/v1/audit?object_type=user&limit=100')).data.items;
    assert.equal(audit.filter((e) => e.action === 'create' && e.after?.batch === 'roster').length, 10);
    // again: all left out, with the reason
    const again = await admin.fetch('/api/v1/users/batch', { method: 'POST', json: { person_ids: ten.map((p) => p.id) } });
    assert.equal(again.data.created.length, 0);
    assert.ok(again.data.skipped.every((x) => x.reason === '已有账号'));
  });

  test('the sheet to hand out; another bureau and out of scope are left out', async () => {
    const two = people.filter((p) => !p.user_id).slice(20, 22);
    const bPerson = (await bAdmin.fetch('/api/v1/people?limit=50')).data.items.find((p) => !p.user_id);
    const x = await fetch(`${srv.url}/api/v1/users/batch?format=xlsx`, {
      method: 'POST',
      headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf, 'Content-Type': 'application/json' },
      body: JSON.stringify({ person_ids: two.map((p) => p.id) }),
    });
    assert.equal(x.status, 200);
    assert.equal(Buffer.from(await x.arrayBuffer()).subarray(0, 2).toString(), 'PK');
    assert.match(x.headers.get('content-disposition'), /xlsx/);
    const made = (await admin.fetch('/api/v1/users?q=' + two[0].staff_no.toLowerCase())).data.items;
    assert.equal(made.length, 1);
    // B's person does not exist for A: the whole request is refused, nothing made
    const third = people.filter((p) => !p.user_id).slice(30, 31);
    const mixed = await admin.fetch('/api/v1/users/batch', { method: 'POST', json: { person_ids: [third[0].id, bPerson.id] } });
    assertError(mixed, 400, 'invalid');
    assert.match(mixed.data.error.fields.person_ids, /人员不存在/);
    assert.equal((await admin.fetch('/api/v1/users?q=' + third[0].staff_no.toLowerCase())).data.items.length, 0);
    // B's own batch names its accounts dc.<工号>; A's person is not B's
    const b = await bAdmin.fetch('/api/v1/users/batch', { method: 'POST', json: { person_ids: [bPerson.id] } });
    assert.equal(b.status, 200, JSON.stringify(b.data));
    assert.equal(b.data.created[0].username, `dc.${bPerson.staff_no.toLowerCase()}`);
    assertError(await bAdmin.fetch('/api/v1/users/batch', { method: 'POST', json: { person_ids: [two[0].id] } }), 400, 'invalid');
    // a branch secretary manages no accounts
    assertError(await zhibu1.fetch('/api/v1/users/batch', { method: 'POST', json: { person_ids: [two[1].id] } }), 403, 'forbidden');
  });

  test("a person who leaves loses their account's way in; a retiree keeps it", async () => {
    const [a, b] = people.filter((p) => !p.user_id && p.branch_id && p.status === '在职').slice(40, 42);
    const r = await admin.fetch('/api/v1/users/batch', { method: 'POST', json: { person_ids: [a.id, b.id] } });
    assert.equal(r.data.created.length, 2);
    const [ua, ub] = r.data.created;
    const sa = await login(srv.url, ua.username, ua.password);
    const left = await admin.fetch(`/api/v1/people/${a.id}`, { method: 'PATCH', json: { status: '离职' } });
    assert.equal(left.status, 200, JSON.stringify(left.data));
    assert.equal((await sa.fetch('/api/v1/session')).status, 401);
    const relog = await request(srv.url, '/api/v1/session', { method: 'POST', json: { username: ua.username, password: ua.password } });
    assert.equal(relog.status, 401);
    const accounts = (await admin.fetch(`/api/v1/users?q=${ua.username}`)).data.items;
    assert.equal(accounts[0].disabled, true);
    const audit = (await admin.fetch(`/api/v1/audit?object_type=user&object_id=${accounts[0].id}`)).data.items;
    assert.ok(audit.some((e) => e.action === 'disable' && e.after.status === '离职'), JSON.stringify(audit));
    const retired = await admin.fetch(`/api/v1/people/${b.id}`, { method: 'PATCH', json: { status: '退休' } });
    assert.equal(retired.status, 200, JSON.stringify(retired.data));
    const sb = await login(srv.url, ub.username, ub.password);
    assert.equal((await sb.fetch('/api/v1/session')).status, 200);
  });

  test('bad requests change nothing', async () => {
    assertError(await admin.fetch('/api/v1/users/batch', { method: 'POST', json: { person_ids: [] } }), 400, 'invalid');
    assertError(await admin.fetch('/api/v1/users/batch', { method: 'POST', json: { person_ids: ['x'] } }), 400, 'invalid');
    assertError(await admin.fetch('/api/v1/users/batch', { method: 'POST', json: { person_ids: [1], login: 'email' } }), 400, 'invalid');
    assertError(await admin.fetch('/api/v1/users/batch', { method: 'POST', json: { person_ids: [1], extra: 1 } }), 400, 'invalid');
    const big = Array.from({ length: 301 }, (_, i) => i + 1);
    assertError(await admin.fetch('/api/v1/users/batch', { method: 'POST', json: { person_ids: big } }), 400, 'invalid');
    const anon = await request(srv.url, '/api/v1/users/batch', { method: 'POST', json: { person_ids: [1] } });
    assert.equal(anon.status, 401);
  });
});
