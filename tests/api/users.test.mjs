// Users, roles and scopes; the organisation tree; the audit trail as read through the API.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import {
  startServer, login, request, assertError, sql, ADMIN_PASSWORD, DEMO_PASSWORD,
} from './harness.mjs';

const NON_SYSADMINS = ['dangwei', 'zhibu1', 'dangyuan', 'jijian', 'keshi'];
const DEMO_USERNAMES = ['admin', 'dangwei', 'zhibu1', 'keshi', 'jijian', 'dangyuan', 'zhibu2'];

describe('users, orgs and audit', () => {
  let srv;
  let admin;
  let orgs; // name -> org (admin's view)
  let branch1;
  let branch2;
  const ids = {}; // username -> id
  // an account made with a password by an administrator: the user chooses their own first
  async function firstLogin(username, given, chosen) {
    const c = await login(srv.url, username, given);
    assert.equal(c.user.must_change_password, true);
    const r = await c.fetch('/api/v1/session/password', { method: 'POST', json: { old_password: given, new_password: chosen } });
    assert.equal(r.status, 204, JSON.stringify(r.data));
    return c;
  }

  /** Audit rows about one object, oldest first. */
  async function auditOf(type, id) {
    const r = await admin.fetch(`/api/v1/audit?object_type=${type}&object_id=${id}&limit=500`);
    assert.equal(r.status, 200, JSON.stringify(r.data));
    return r.data.items.slice().reverse();
  }

  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    const o = await admin.fetch('/api/v1/orgs');
    assert.equal(o.status, 200);
    orgs = o.data.items;
    branch1 = orgs.find((x) => x.name === '机关第一党支部');
    branch2 = orgs.find((x) => x.name === '机关第二党支部');
    assert.ok(branch1 && branch2, 'demo branches missing');
    const u = await admin.fetch('/api/v1/users?limit=500');
    for (const x of u.data.items) ids[x.username] = x.id;
  });
  after(async () => { await srv.stopClean(); });

  test('admin lists the demo users with items and total', async () => {
    const r = await admin.fetch('/api/v1/users');
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.total, 7);
    assert.equal(r.data.items.length, 7);
    assert.deepEqual(r.data.items.map((x) => x.username).sort(), DEMO_USERNAMES.slice().sort());
    for (const u of r.data.items) {
      assert.equal(typeof u.id, 'number');
      assert.equal(typeof u.display_name, 'string');
      assert.equal(u.disabled, false);
      assert.ok(Array.isArray(u.roles) && u.roles.length >= 1, u.username);
      assert.equal(u.password_hash, undefined, 'password hashes must not be listed');
      assert.equal(u.password, undefined);
    }
    const zhibu1 = r.data.items.find((x) => x.username === 'zhibu1');
    assert.deepEqual(zhibu1.roles.map((x) => [x.role, x.org_id]), [['branch_secretary', branch1.id]]);
  });

  test('paging with limit and offset', async () => {
    const all = (await admin.fetch('/api/v1/users?limit=500')).data.items.map((x) => x.id);
    const p1 = await admin.fetch('/api/v1/users?limit=3&offset=0');
    const p2 = await admin.fetch('/api/v1/users?limit=3&offset=3');
    const p3 = await admin.fetch('/api/v1/users?limit=3&offset=6');
    const p4 = await admin.fetch('/api/v1/users?limit=3&offset=100');
    for (const p of [p1, p2, p3, p4]) assert.equal(p.data.total, all.length);
    assert.deepEqual(p1.data.items.map((x) => x.id), all.slice(0, 3));
    assert.deepEqual(p2.data.items.map((x) => x.id), all.slice(3, 6));
    assert.deepEqual(p3.data.items.map((x) => x.id), all.slice(6, 9));
    assert.deepEqual(p4.data.items, []);
  });

  test('q filters by username and display name, literally', async () => {
    const a = await admin.fetch('/api/v1/users?q=zhibu');
    assert.deepEqual(a.data.items.map((x) => x.username).sort(), ['zhibu1', 'zhibu2']);
    assert.equal(a.data.total, 2);
    const b = await admin.fetch('/api/v1/users?q=' + encodeURIComponent('王建国'));
    assert.deepEqual(b.data.items.map((x) => x.username), ['zhibu1']);
    const c = await admin.fetch('/api/v1/users?q=nobody-here');
    assert.equal(c.data.total, 0);
    assert.deepEqual(c.data.items, []);
    // LIKE wildcards match only themselves
    for (const q of ['%', '_', '%25']) {
      const w = await admin.fetch('/api/v1/users?q=' + encodeURIComponent(q));
      assert.equal(w.status, 200);
      assert.equal(w.data.total, 0, `q=${q} matched ${JSON.stringify(w.data.items.map((x) => x.username))}`);
    }
    const d = await admin.fetch('/api/v1/users?q=zhibu&limit=1');
    assert.equal(d.data.items.length, 1);
    assert.equal(d.data.total, 2);
  });

  test('admin creates a user: 201, Location, initial_password, audited', async () => {
    const r = await admin.fetch('/api/v1/users', {
      method: 'POST',
      json: { username: 'wangwu', display_name: '王五', roles: [{ role: 'member', org_id: branch1.id }] },
    });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(typeof r.data.id, 'number');
    assert.equal(r.headers.get('location'), `/api/v1/users/${r.data.id}`);
    assert.equal(r.data.username, 'wangwu');
    assert.equal(r.data.display_name, '王五');
    assert.equal(r.data.must_change_password, true);
    assert.equal(r.data.disabled, false);
    assert.deepEqual(r.data.roles.map((x) => [x.role, x.org_id, x.org_name]), [['member', branch1.id, '机关第一党支部']]);
    assert.equal(typeof r.data.initial_password, 'string');
    assert.ok(r.data.initial_password.length >= 10);
    ids.wangwu = r.data.id;

    const got = await admin.fetch(r.headers.get('location'));
    assert.equal(got.status, 200);
    assert.equal(got.data.username, 'wangwu');
    assert.equal(got.data.initial_password, undefined, 'the password is shown only once');

    const c = await login(srv.url, 'wangwu', r.data.initial_password);
    assert.equal(c.user.must_change_password, true);

    const audit = await auditOf('user', r.data.id);
    const create = audit.find((x) => x.action === 'create');
    assert.ok(create, 'no create row in the audit');
    assert.equal(create.username, 'admin');
    assert.equal(create.user_id, ids.admin);
    assert.equal(create.before, null);
    assert.equal(create.after.username, 'wangwu');
    assert.equal(create.after.display_name, '王五');
    assert.ok(!JSON.stringify(create).includes(r.data.initial_password), 'the audit shows the password');
  });

  test('a user created with a password (known to the administrator) must change it at first login', async () => {
    const r = await admin.fetch('/api/v1/users', {
      method: 'POST',
      json: { username: 'zhaoliu', display_name: '赵六', password: 'Given#Six2026', roles: [{ role: 'member', org_id: branch2.id }] },
    });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.equal(r.data.must_change_password, true);
    assert.equal(r.data.initial_password, undefined);
    ids.zhaoliu = r.data.id;
    const c = await firstLogin('zhaoliu', 'Given#Six2026', 'Zhao#Own2026x');
    assert.equal((await c.fetch('/api/v1/orgs')).status, 200);
  });

  test('create: 400 with fields for bad input, 409 for a taken name, and nothing is written', async () => {
    const before = (await admin.fetch('/api/v1/users')).data.total;
    const good = { username: 'newbie', display_name: '新人', roles: [{ role: 'member', org_id: branch1.id }] };
    const cases = [
      [{ ...good, username: 'Bad User' }, 'username'],
      [{ ...good, username: 'ab' }, 'username'],
      [{ ...good, username: 'x'.repeat(33) }, 'username'],
      [{ ...good, username: '-dash' }, 'username'],
      [{ ...good, username: undefined }, 'username'],
      [{ ...good, username: 42 }, 'username'],
      [{ ...good, password: 'short1' }, 'password'],
      [{ ...good, password: 'onlyletterslong' }, 'password'],
      [{ ...good, display_name: undefined }, 'display_name'],
      [{ ...good, display_name: '' }, 'display_name'],
      [{ ...good, display_name: '长'.repeat(41) }, 'display_name'],
      [{ ...good, roles: [{ role: 'king', org_id: branch1.id }] }, 'roles'],
      [{ ...good, roles: [{ role: 'member', org_id: 99999 }] }, 'roles'],
      [{ ...good, roles: [{ role: 'member' }] }, 'roles'],
      [{ ...good, roles: 'member' }, 'roles'],
      [{ ...good, disabled: 'yes' }, 'disabled'],
      [{ ...good, is_admin: true }, 'is_admin'],
    ];
    for (const [body, field] of cases) {
      const r = await admin.fetch('/api/v1/users', { method: 'POST', json: body });
      const e = assertError(r, 400, 'invalid');
      assert.equal(typeof e.fields?.[field], 'string', `${JSON.stringify(body)} -> ${JSON.stringify(r.data)}`);
    }
    const dup = await admin.fetch('/api/v1/users', { method: 'POST', json: { ...good, username: 'zhibu1' } });
    assertError(dup, 409, 'conflict');
    const dup2 = await admin.fetch('/api/v1/users', { method: 'POST', json: { ...good, username: 'wangwu', password: 'Another#1234' } });
    assertError(dup2, 409, 'conflict');
    assert.equal((await admin.fetch('/api/v1/users')).data.total, before, 'a refused create wrote a user');
    // without CSRF
    const noCsrf = await request(srv.url, '/api/v1/users', { method: 'POST', cookie: admin.cookie, json: good });
    assertError(noCsrf, 403, 'forbidden');
    assert.equal((await admin.fetch('/api/v1/users')).data.total, before);
  });

  test('PATCH display_name, roles and disabled; each change audited with before and after', async () => {
    const id = ids.zhaoliu;
    const t0 = new Date().toISOString();
    const r1 = await admin.fetch(`/api/v1/users/${id}`, { method: 'PATCH', json: { display_name: '赵六六' } });
    assert.equal(r1.status, 200, JSON.stringify(r1.data));
    assert.equal(r1.data.display_name, '赵六六');
    assert.equal(r1.data.username, 'zhaoliu');
    assert.deepEqual(r1.data.roles.map((x) => x.org_id), [branch2.id], 'roles untouched by a name change');

    const r2 = await admin.fetch(`/api/v1/users/${id}`, {
      method: 'PATCH',
      json: { roles: [{ role: 'member', org_id: branch1.id }, { role: 'dept_head', org_id: branch1.id }] },
    });
    assert.equal(r2.status, 200, JSON.stringify(r2.data));
    assert.deepEqual(r2.data.roles.map((x) => [x.role, x.org_id]).sort(), [['dept_head', branch1.id], ['member', branch1.id]]);
    assert.equal(r2.data.display_name, '赵六六');

    const got = await admin.fetch(`/api/v1/users/${id}`);
    assert.equal(got.data.display_name, '赵六六');
    assert.equal(got.data.roles.length, 2);

    const bad = [
      [{ username: 'renamed' }, 'username'],
      [{ password: 'New#Pass2026' }, 'password'],
      [{ display_name: '' }, 'display_name'],
      [{ disabled: 1 }, 'disabled'],
      [{ roles: [{ role: 'sysadmin', org_id: 424242 }] }, 'roles'],
      [{ roles: [{ role: 'wizard', org_id: branch1.id }] }, 'roles'],
      [{ roles: [{ role: 'member', org_id: branch1.id }, { role: 'member', org_id: branch1.id }] }, 'roles'],
    ];
    for (const [body, field] of bad) {
      const r = await admin.fetch(`/api/v1/users/${id}`, { method: 'PATCH', json: body });
      const e = assertError(r, 400, 'invalid');
      assert.equal(typeof e.fields?.[field], 'string', `${JSON.stringify(body)} -> ${JSON.stringify(r.data)}`);
    }
    const after = await admin.fetch(`/api/v1/users/${id}`);
    assert.equal(after.data.username, 'zhaoliu');
    assert.equal(after.data.display_name, '赵六六');
    assert.equal(after.data.roles.length, 2, 'a refused PATCH changed the roles');
    assertError(await admin.fetch('/api/v1/users/99999', { method: 'PATCH', json: { display_name: 'x' } }), 404, 'not_found');

    const updates = (await auditOf('user', id)).filter((x) => x.action === 'update' && x.at >= t0);
    assert.equal(updates.length, 2, `expected 2 update rows, got ${JSON.stringify(updates)}`);
    assert.equal(updates[0].before.display_name, '赵六');
    assert.equal(updates[0].after.display_name, '赵六六');
    assert.equal(updates[0].username, 'admin');
    assert.deepEqual(updates[1].before.roles.map((x) => x.org_id), [branch2.id]);
    assert.deepEqual(updates[1].after.roles.map((x) => x.org_id).sort(), [branch1.id, branch1.id]);
  });

  test('disabling a user ends their sessions and refuses their logins; enabling lets them back', async () => {
    const id = ids.zhaoliu;
    const c = await login(srv.url, 'zhaoliu', 'Zhao#Own2026x');
    assert.equal((await c.fetch('/api/v1/session')).status, 200);
    const r = await admin.fetch(`/api/v1/users/${id}`, { method: 'PATCH', json: { disabled: true } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.disabled, true);
    assertError(await c.fetch('/api/v1/session'), 401, 'unauthenticated');
    assertError(await c.fetch('/api/v1/orgs'), 401, 'unauthenticated');
    assert.equal(sql(srv.dbPath, `SELECT COUNT(*) FROM sessions WHERE user_id = ${id}`).trim(), '0');
    const denied = await request(srv.url, '/api/v1/session', { method: 'POST', json: { username: 'zhaoliu', password: 'Zhao#Own2026x' } });
    assertError(denied, 401, 'unauthenticated');

    const listed = await admin.fetch('/api/v1/users?q=zhaoliu');
    assert.equal(listed.data.items[0].disabled, true);

    const en = await admin.fetch(`/api/v1/users/${id}`, { method: 'PATCH', json: { disabled: false } });
    assert.equal(en.status, 200);
    assert.equal(en.data.disabled, false);
    const back = await login(srv.url, 'zhaoliu', 'Zhao#Own2026x');
    assert.equal((await back.fetch('/api/v1/session')).status, 200);

    const rows = (await auditOf('user', id)).filter((x) => x.action === 'update');
    const dis = rows.find((x) => x.before.disabled === false && x.after.disabled === true);
    const ena = rows.find((x) => x.before.disabled === true && x.after.disabled === false);
    assert.ok(dis && ena, 'disable and enable must both be audited with before/after');
  });

  test('admin cannot disable themself nor drop their own sysadmin role', async () => {
    const me = ids.admin;
    const r = await admin.fetch(`/api/v1/users/${me}`, { method: 'PATCH', json: { disabled: true } });
    assert.equal(typeof assertError(r, 400, 'invalid').fields?.disabled, 'string');
    const r2 = await admin.fetch(`/api/v1/users/${me}`, { method: 'PATCH', json: { roles: [{ role: 'party_admin', org_id: 1 }] } });
    assert.equal(typeof assertError(r2, 400, 'invalid').fields?.roles, 'string');
    const still = await admin.fetch('/api/v1/session');
    assert.equal(still.status, 200);
    assert.equal(still.data.user.disabled, false);
    assert.ok(still.data.user.roles.some((x) => x.role === 'sysadmin'));
    // a harmless change to oneself is allowed
    const ok = await admin.fetch(`/api/v1/users/${me}`, { method: 'PATCH', json: { display_name: '系统管理员' } });
    assert.equal(ok.status, 200);
  });

  test('non-sysadmins get 403 on /users', async () => {
    for (const name of NON_SYSADMINS) {
      const c = await login(srv.url, name);
      assertError(await c.fetch('/api/v1/users'), 403, 'forbidden');
      assertError(await c.fetch(`/api/v1/users/${c.user.id}`), 403, 'forbidden');
      assertError(await c.fetch(`/api/v1/users/${ids.admin}`), 403, 'forbidden');
      assertError(await c.fetch('/api/v1/users', {
        method: 'POST', json: { username: `by${name}`, display_name: '某人', roles: [{ role: 'sysadmin', org_id: 1 }] },
      }), 403, 'forbidden');
      assertError(await c.fetch(`/api/v1/users/${c.user.id}`, { method: 'PATCH', json: { roles: [{ role: 'sysadmin', org_id: 1 }] } }), 403, 'forbidden');
      assertError(await c.fetch(`/api/v1/users/${ids.admin}/password`, { method: 'POST' }), 403, 'forbidden');
    }
    const list = await admin.fetch('/api/v1/users?q=by');
    assert.equal(list.data.items.filter((x) => x.username.startsWith('by')).length, 0, 'a non-sysadmin created a user');
    const me = await (await login(srv.url, 'zhibu1')).fetch('/api/v1/session');
    assert.deepEqual(me.data.user.roles.map((x) => x.role), ['branch_secretary'], 'a non-sysadmin changed their roles');
  });

  test('GET /orgs: admin sees the whole tree', async () => {
    const r = await admin.fetch('/api/v1/orgs');
    assert.equal(r.status, 200);
    // root, 党组, 机关党委, 7 branches and the retirees' branch, each with 3 groups
    assert.equal(r.data.total, 35);
    assert.equal(r.data.items.length, 35);
    const root = r.data.items.find((x) => x.parent_id === null);
    assert.equal(root.name, '示范县财政局');
    assert.equal(r.data.items.filter((x) => x.parent_id === null).length, 1);
    assert.equal(r.data.items.filter((x) => x.type === '党支部').length, 8);
    assert.equal(r.data.items.filter((x) => x.type === '党小组').length, 24);
    for (const o of r.data.items) {
      for (const k of ['id', 'name', 'parent_id', 'status', 'type', 'founded_on', 'term_start', 'term_end']) {
        assert.ok(k in o, `org field ${k}`);
      }
      if (o.parent_id !== null) assert.ok(r.data.items.some((p) => p.id === o.parent_id), `orphan ${o.name}`);
    }
  });

  test('GET /orgs: zhibu1 (and the other members of branch 1) see only their branch subtree', async () => {
    for (const name of ['zhibu1', 'keshi', 'dangyuan']) {
      const c = await login(srv.url, name);
      const r = await c.fetch('/api/v1/orgs');
      assert.equal(r.status, 200, `${name}: ${JSON.stringify(r.data)}`);
      assert.equal(r.data.total, 4, `${name}: ${JSON.stringify(r.data.items.map((x) => x.name))}`);
      const names = r.data.items.map((x) => x.name).sort();
      assert.deepEqual(names, ['机关第一党支部', '第1党小组', '第2党小组', '第3党小组'].sort());
      const br = r.data.items.find((x) => x.name === '机关第一党支部');
      assert.equal(br.id, branch1.id);
      for (const g of r.data.items.filter((x) => x.type === '党小组')) assert.equal(g.parent_id, branch1.id);
    }
    const z2 = await login(srv.url, 'zhibu2');
    const r2 = await z2.fetch('/api/v1/orgs');
    assert.equal(r2.data.total, 4);
    assert.ok(r2.data.items.some((x) => x.id === branch2.id));
    assert.ok(!r2.data.items.some((x) => x.id === branch1.id));
    for (const name of ['dangwei', 'jijian']) {
      const c = await login(srv.url, name);
      assert.equal((await c.fetch('/api/v1/orgs')).data.total, 35, name);
    }
  });

  test('a sysadmin scoped to a branch manages only that branch', async () => {
    const made = await admin.fetch('/api/v1/users', {
      method: 'POST',
      json: { username: 'bradmin', display_name: '支部管理员', password: 'Given#Br2026', roles: [{ role: 'sysadmin', org_id: branch1.id }] },
    });
    assert.equal(made.status, 201, JSON.stringify(made.data));
    const c = await firstLogin('bradmin', 'Given#Br2026', 'Br#Own2026x');
    const list = await c.fetch('/api/v1/users?limit=500');
    assert.equal(list.status, 200);
    const names = list.data.items.map((x) => x.username).sort();
    assert.deepEqual(names, ['bradmin', 'dangyuan', 'keshi', 'wangwu', 'zhaoliu', 'zhibu1'].sort());
    assert.equal(list.data.total, names.length);
    assertError(await c.fetch(`/api/v1/users/${ids.zhibu2}`), 404, 'not_found');
    assertError(await c.fetch(`/api/v1/users/${ids.admin}`), 404, 'not_found');
    assertError(await c.fetch(`/api/v1/users/${ids.admin}`, { method: 'PATCH', json: { disabled: true } }), 404, 'not_found');
    assertError(await c.fetch(`/api/v1/users/${ids.admin}/password`, { method: 'POST' }), 404, 'not_found');
    // may not grant a role outside the branch, nor lift anyone to the root
    assertError(await c.fetch('/api/v1/users', {
      method: 'POST', json: { username: 'outsider', display_name: '外人', roles: [{ role: 'member', org_id: branch2.id }] },
    }), 403, 'forbidden');
    assertError(await c.fetch(`/api/v1/users/${ids.zhibu1}`, {
      method: 'PATCH', json: { roles: [{ role: 'sysadmin', org_id: 1 }] },
    }), 403, 'forbidden');
    // inside the branch it works
    const group = orgs.find((x) => x.parent_id === branch1.id);
    const ok = await c.fetch('/api/v1/users', {
      method: 'POST', json: { username: 'insider', display_name: '内部人', roles: [{ role: 'member', org_id: group.id }] },
    });
    assert.equal(ok.status, 201, JSON.stringify(ok.data));
    const z1 = await c.fetch(`/api/v1/users/${ids.zhibu1}`, { method: 'PATCH', json: { display_name: '王建国' } });
    assert.equal(z1.status, 200);
    const orgsSeen = await c.fetch('/api/v1/orgs');
    assert.equal(orgsSeen.data.total, 4);
  });

  test('a branch sysadmin cannot create a user without roles (only root sysadmins see those)', async () => {
    const c = await login(srv.url, 'bradmin', 'Br#Own2026x');
    const r = await c.fetch('/api/v1/users', { method: 'POST', json: { username: 'roleless', display_name: '无角色' } });
    assert.equal(r.status, 403,
      `a branch sysadmin created a user outside their own scope: ${r.status} ${JSON.stringify(r.data)}`);
    const visible = await c.fetch('/api/v1/users?q=roleless');
    assert.equal(visible.data.total, 0);
  });

  test('a branch sysadmin cannot strip a user of all roles (the user would leave their scope)', async () => {
    const c = await login(srv.url, 'bradmin', 'Br#Own2026x');
    const insider = (await c.fetch('/api/v1/users?q=insider')).data.items[0];
    assert.ok(insider, 'insider (made by bradmin) is missing');
    const r = await c.fetch(`/api/v1/users/${insider.id}`, { method: 'PATCH', json: { roles: [] } });
    assert.equal(r.status, 403, `a branch sysadmin moved a user out of their own scope: ${r.status} ${JSON.stringify(r.data)}`);
    const still = await c.fetch(`/api/v1/users/${insider.id}`);
    assert.equal(still.status, 200);
    assert.equal(still.data.roles.length, 1);
  });

  test('a branch sysadmin cannot take over a user who also holds roles outside the branch', async () => {
    const made = await admin.fetch('/api/v1/users', {
      method: 'POST',
      json: {
        username: 'mixed', display_name: '兼职', password: 'Mixed#Role2026',
        roles: [{ role: 'party_admin', org_id: 1 }, { role: 'member', org_id: branch1.id }],
      },
    });
    assert.equal(made.status, 201, JSON.stringify(made.data));
    const c = await login(srv.url, 'bradmin', 'Br#Own2026x');
    // a password reset would hand bradmin a login with party_admin rights over the whole bureau
    const reset = await c.fetch(`/api/v1/users/${made.data.id}/password`, { method: 'POST' });
    assert.ok(reset.status === 403 || reset.status === 404,
      `branch sysadmin reset the password of a bureau-wide party_admin: ${reset.status} ${JSON.stringify(reset.data)}`);
    const dis = await c.fetch(`/api/v1/users/${made.data.id}`, { method: 'PATCH', json: { disabled: true } });
    assert.ok(dis.status === 403 || dis.status === 404, `branch sysadmin disabled a bureau-wide user: ${dis.status}`);
    const strip = await c.fetch(`/api/v1/users/${made.data.id}`, { method: 'PATCH', json: { roles: [{ role: 'member', org_id: branch1.id }] } });
    assert.ok(strip.status === 403 || strip.status === 404, `branch sysadmin removed a bureau-wide role: ${strip.status}`);
    const after = await admin.fetch(`/api/v1/users/${made.data.id}`);
    assert.equal(after.data.disabled, false);
    assert.equal(after.data.roles.length, 2);
  });

  test('/audit is readable by admin and dangwei, 403 for zhibu1 and dangyuan', async () => {
    const a = await admin.fetch('/api/v1/audit');
    assert.equal(a.status, 200);
    assert.ok(a.data.total > 40, `total ${a.data.total}`);
    assert.equal(a.data.items.length, 50, 'default limit is 50');
    const ids_ = a.data.items.map((x) => x.id);
    assert.deepEqual(ids_, ids_.slice().sort((x, y) => y - x), 'newest first');
    for (const row of a.data.items) {
      assert.deepEqual(Object.keys(row).sort(),
        ['action', 'after', 'at', 'before', 'hash', 'id', 'object_id', 'object_type', 'org_id', 'user_id', 'username']);
      assert.match(row.at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
      assert.match(row.hash, /^[0-9a-f]{64}$/);
    }
    const d = await (await login(srv.url, 'dangwei')).fetch('/api/v1/audit');
    assert.equal(d.status, 200);
    assert.equal(d.data.total, a.data.total + 1, 'dangwei sees everything (plus their own login)');
    for (const name of ['zhibu1', 'dangyuan']) {
      const c = await login(srv.url, name);
      assertError(await c.fetch('/api/v1/audit'), 403, 'forbidden');
      assertError(await c.fetch('/api/v1/audit?object_type=user'), 403, 'forbidden');
    }
  });

  test('audit filters: user_id, object_type, object_id, from/to, paging', async () => {
    const byUser = await admin.fetch(`/api/v1/audit?user_id=${ids.zhaoliu}&limit=500`);
    assert.equal(byUser.status, 200);
    assert.ok(byUser.data.total >= 3, 'zhaoliu logged in three times');
    for (const x of byUser.data.items) assert.equal(x.user_id, ids.zhaoliu);
    assert.ok(byUser.data.items.some((x) => x.action === 'login'));

    const byType = await admin.fetch('/api/v1/audit?object_type=org&limit=500');
    // the root is made as a bureau (its row is object_type 'bureau'), every other org as an org
    assert.equal(byType.data.total, 34, 'one create row per org below the root');
    const bureauRows = (await admin.fetch('/api/v1/audit?object_type=bureau')).data.items;
    assert.deepEqual(bureauRows.map((x) => [x.action, x.username, x.after.name]), [['create', 'system', '示范县财政局']]);
    for (const x of byType.data.items) {
      assert.equal(x.object_type, 'org');
      assert.equal(x.action, 'create');
      assert.equal(x.username, 'system');
      assert.equal(x.user_id, null);
    }
    const byObj = await admin.fetch(`/api/v1/audit?object_type=org&object_id=${branch1.id}`);
    assert.equal(byObj.data.total, 1);
    assert.equal(byObj.data.items[0].after.name, '机关第一党支部');
    assert.equal(byObj.data.items[0].before, null);

    const userRows = await admin.fetch(`/api/v1/audit?object_type=user&object_id=${ids.wangwu}`);
    for (const x of userRows.data.items) {
      assert.equal(x.object_type, 'user');
      assert.equal(x.object_id, ids.wangwu);
    }
    assert.ok(userRows.data.items.some((x) => x.action === 'create'));

    const total = (await admin.fetch('/api/v1/audit?limit=1')).data.total;
    const dayMs = 86400000;
    const yesterday = new Date(Date.now() - dayMs).toISOString().slice(0, 10);
    const tomorrow = new Date(Date.now() + dayMs).toISOString().slice(0, 10);
    const all = await admin.fetch(`/api/v1/audit?from=${yesterday}&to=${tomorrow}&limit=1`);
    assert.equal(all.data.total, total, 'from yesterday to tomorrow covers everything');
    assert.equal((await admin.fetch(`/api/v1/audit?to=2000-01-01`)).data.total, 0);
    assert.equal((await admin.fetch(`/api/v1/audit?from=2099-01-01`)).data.total, 0);
    assert.equal((await admin.fetch(`/api/v1/audit?from=${tomorrow}T00:00:00Z`)).data.total, 0);

    // a precise lower bound: only what happened after it
    const t0 = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    const ch = await admin.fetch(`/api/v1/users/${ids.wangwu}`, { method: 'PATCH', json: { display_name: '王五五' } });
    assert.equal(ch.status, 200);
    const since = await admin.fetch(`/api/v1/audit?from=${encodeURIComponent(t0)}&limit=500`);
    assert.equal(since.status, 200);
    assert.ok(since.data.items.length >= 1);
    for (const x of since.data.items) assert.ok(x.at >= t0, `${x.at} < ${t0}`);
    const upd = since.data.items.find((x) => x.action === 'update' && x.object_id === ids.wangwu);
    assert.ok(upd, 'the change after t0 is listed');
    assert.equal(upd.before.display_name, '王五');
    assert.equal(upd.after.display_name, '王五五');
    const until = await admin.fetch(`/api/v1/audit?to=${encodeURIComponent(t0)}&limit=500`);
    assert.ok(!until.data.items.some((x) => x.id === upd.id), 'to= excludes later rows');

    // combined filters and paging
    const combo = await admin.fetch(`/api/v1/audit?user_id=${ids.admin}&object_type=user&limit=2&offset=1`);
    assert.equal(combo.status, 200);
    assert.ok(combo.data.items.length <= 2);
    for (const x of combo.data.items) {
      assert.equal(x.user_id, ids.admin);
      assert.equal(x.object_type, 'user');
    }
    const full = await admin.fetch(`/api/v1/audit?user_id=${ids.admin}&object_type=user&limit=500`);
    assert.equal(combo.data.total, full.data.total);
    assert.deepEqual(combo.data.items.map((x) => x.id), full.data.items.slice(1, 3).map((x) => x.id));

    for (const q of ['user_id=abc', 'user_id=0', 'object_id=-3', 'from=yesterday', 'to=2026-13', "from=2026-01-01' OR 1=1"]) {
      const r = await admin.fetch(`/api/v1/audit?${q.replace(/ /g, '%20')}`);
      const field = q.split('=')[0];
      assert.equal(typeof assertError(r, 400, 'invalid').fields?.[field], 'string', `${q}: ${JSON.stringify(r.data)}`);
    }
  });

  test('every change made through the API in this file is in the audit with before/after', async () => {
    const rows = (await admin.fetch('/api/v1/audit?object_type=user&limit=500')).data.items;
    const creates = rows.filter((x) => x.action === 'create').map((x) => x.after.username).sort();
    // the 7 demo accounts (by "system") and the 4 made here
    for (const u of ['wangwu', 'zhaoliu', 'bradmin', 'insider']) assert.ok(creates.includes(u), `create of ${u} not audited`);
    for (const x of rows.filter((r) => r.action === 'create')) {
      assert.equal(x.before, null);
      assert.equal(typeof x.after.username, 'string');
    }
    const updates = rows.filter((x) => x.action === 'update');
    for (const x of updates) {
      assert.ok(x.before && x.after, `update ${x.id} lacks before/after`);
      assert.equal(x.before.id, x.object_id);
      assert.equal(x.after.id, x.object_id);
      assert.notDeepEqual(x.before, x.after, `update ${x.id} changed nothing?`);
    }
    // zhaoliu: name, roles, disable, enable; wangwu: name; admin: own name (unchanged value);
    // zhibu1 by bradmin
    const count = (id) => updates.filter((x) => x.object_id === id).length;
    assert.equal(count(ids.zhaoliu), 4);
    assert.equal(count(ids.wangwu), 1);
    const byBr = updates.find((x) => x.object_id === ids.zhibu1);
    assert.equal(byBr?.username, 'bradmin');
    // resets are audited too
    const r = await admin.fetch(`/api/v1/users/${ids.wangwu}/password`, { method: 'POST' });
    assert.equal(r.status, 200);
    const after = (await admin.fetch(`/api/v1/audit?object_type=user&object_id=${ids.wangwu}`)).data.items;
    assert.equal(after[0].action, 'reset_password');
    assert.equal(after[0].username, 'admin');
    assert.ok(!JSON.stringify(after[0]).includes(r.data.initial_password));
  });
});

describe('audit date filters use the bureau time zone (Asia/Shanghai)', () => {
  let srv;
  before(async () => { srv = await startServer(); });
  after(async () => { await srv.stopClean(); });

  test('from/to as plain dates are calendar days in Asia/Shanghai', async () => {
    // 2026-03-01T17:30:00Z is 2026-03-02 01:30 in Shanghai (UTC+8)
    sql(srv.dbPath, "UPDATE audit SET at = '2026-03-01T17:30:00.000Z' WHERE id = 2");
    // 2026-03-02T15:30:00Z is 2026-03-02 23:30 in Shanghai
    sql(srv.dbPath, "UPDATE audit SET at = '2026-03-02T15:30:00.000Z' WHERE id = 3");
    const admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    const r = await admin.fetch('/api/v1/audit?from=2026-03-02&to=2026-03-02');
    assert.equal(r.status, 200);
    assert.deepEqual(r.data.items.map((x) => x.id).sort(), [2, 3],
      `the Shanghai day 2026-03-02 should hold rows 2 and 3, got ${JSON.stringify(r.data.items.map((x) => [x.id, x.at]))}`);
    const prev = await admin.fetch('/api/v1/audit?from=2026-03-01&to=2026-03-01');
    assert.deepEqual(prev.data.items.map((x) => x.id), [], 'nothing happened on 2026-03-01 in Shanghai');
  });
});
