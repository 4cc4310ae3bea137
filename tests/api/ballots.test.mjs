// One person, one ballot (issue 11, item 2): votes are unique per person and
// award, whichever account cast them; no one links their own account to a
// person; linking to a person who has an account, or to one outside the
// linker's scope, is refused; a re-link is audited as such.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, ADMIN_PASSWORD } from './harness.mjs';

describe('one person, one ballot', () => {
  let srv, admin, dangwei, dangyuan, people, me, ev, A, B, C;
  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    dangyuan = await login(srv.url, 'dangyuan');
    people = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    me = people.find((p) => p.user_id === dangyuan.user.id);
    assert.ok(me, 'dangyuan is linked to a person');
    const vanguard = (await dangwei.fetch('/api/v1/schemes?active=1')).data.items.find((x) => x.code === 'vanguard');
    ev = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: vanguard.id, period: '2025Q3', notice_days: 0 } })).data;
    [A, B, C] = people.filter((p) => p.political_status === '中共党员' && p.id !== me.id).slice(0, 3);
    for (const p of [A, B, C]) {
      const r = await dangwei.fetch(`/api/v1/evaluations/${ev.id}/nominations`, { method: 'POST', json: { award: 'business', target_id: p.id, reason: '业务能力突出，攻坚成效明显' } });
      assert.equal(r.status, 200, JSON.stringify(r.data));
    }
    assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev.id}/state`, { method: 'POST', json: { state: 'scoring' } })).status, 200);
  });
  after(async () => { await srv.stopClean(); });

  const vote = (c, target, withdraw = false) =>
    c.fetch(`/api/v1/evaluations/${ev.id}/votes`, { method: 'POST', json: { award: 'business', target_id: target.id, withdraw } });

  test('no one links their own account to a person', async () => {
    const free = people.find((p) => !p.user_id && p.political_status === '中共党员');
    const r = await admin.fetch(`/api/v1/users/${admin.user.id}`, { method: 'PATCH', json: { person_id: free.id } });
    assertError(r, 400, 'invalid');
    assert.match(r.data.error.fields.person_id, /自己的账号/);
    assert.equal((await admin.fetch(`/api/v1/users/${admin.user.id}`)).data.person_id, null);
    // a link made with a new account is audited as a link too
    const made = await admin.fetch('/api/v1/users', {
      method: 'POST', json: { username: 'linked', display_name: '新账号', password: 'Fresh#Acct2026', roles: [], person_id: free.id },
    });
    assert.equal(made.status, 201, JSON.stringify(made.data));
    const audit = (await admin.fetch('/api/v1/audit?object_type=user&limit=50')).data.items;
    assert.ok(audit.some((e) => e.action === 'link_person' && e.object_id === made.data.id && e.after.person_id === free.id), JSON.stringify(audit.slice(0, 3)));
  });

  test('a second account of a person is refused; a re-linked account cannot vote again as the same person', async () => {
    assert.equal((await vote(dangyuan, A)).status, 200);
    assert.equal((await vote(dangyuan, B)).status, 200);
    const made = await admin.fetch('/api/v1/users', {
      method: 'POST', json: { username: 'second', display_name: '第二账号', password: 'Ballot#Two2026', roles: dangyuan.user.roles.map((g) => ({ role: g.role, org_id: g.org_id })) },
    });
    assert.equal(made.status, 201, JSON.stringify(made.data));
    // the person already has an account
    const twice = await admin.fetch(`/api/v1/users/${made.data.id}`, { method: 'PATCH', json: { person_id: me.id } });
    assertError(twice, 400, 'invalid');
    // unlink dangyuan's account, link the new one to the same person: the ballot stays the person's
    assert.equal((await admin.fetch(`/api/v1/users/${dangyuan.user.id}`, { method: 'PATCH', json: { person_id: null } })).status, 200);
    const moved = await admin.fetch(`/api/v1/users/${made.data.id}`, { method: 'PATCH', json: { person_id: me.id } });
    assert.equal(moved.status, 200, JSON.stringify(moved.data));
    let second = await login(srv.url, 'second', 'Ballot#Two2026');
    if (second.user.must_change_password) {
      const ch = await second.fetch('/api/v1/session/password', { method: 'POST', json: { old_password: 'Ballot#Two2026', new_password: 'Ballot#Two2027x' } });
      assert.ok(ch.status === 200 || ch.status === 204, JSON.stringify(ch.data));
      second = await login(srv.url, 'second', 'Ballot#Two2027x');
    }
    assertError(await vote(second, A), 409, 'conflict'); // voted for A already as this person
    assertError(await vote(second, C), 409, 'conflict'); // two votes per person, both used
    const aw = (await second.fetch(`/api/v1/evaluations/${ev.id}/awards`)).data.awards.find((a) => a.code === 'business');
    const by = (p) => aw.nominees.find((x) => x.target_id === p.id);
    assert.deepEqual([by(A).votes, by(B).votes, by(C).votes], [1, 1, 0]);
    assert.equal(by(A).my_vote, true, 'the ballot follows the person');
    // the re-links are in the audit trail as such
    const audit = (await admin.fetch('/api/v1/audit?object_type=user&limit=100')).data.items;
    const links = audit.filter((e) => e.action === 'link_person');
    assert.ok(links.some((e) => e.object_id === dangyuan.user.id && e.after.person_id === null && e.before.person_id === me.id), JSON.stringify(links));
    assert.ok(links.some((e) => e.object_id === made.data.id && e.after.person_id === me.id), JSON.stringify(links));
  });

  test('an account re-linked to another person casts that person\'s vote for the same nominee', async () => {
    // the ballot is the person's: the old per-account uniqueness must not refuse it
    const vanguard = (await dangwei.fetch('/api/v1/schemes?active=1')).data.items.find((x) => x.code === 'vanguard');
    const ev3 = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: vanguard.id, period: '2025Q2', notice_days: 0 } })).data;
    const fresh = (await admin.fetch('/api/v1/people?limit=500')).data.items;
    const [P1, P2] = fresh.filter((p) => !p.user_id && p.political_status === '中共党员').slice(-2);
    const nominee = fresh.find((p) => p.political_status === '中共党员' && p.id !== P1.id && p.id !== P2.id);
    assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev3.id}/nominations`, { method: 'POST', json: { award: 'business', target_id: nominee.id, reason: '业务能力突出，攻坚成效明显' } })).status, 200);
    assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev3.id}/state`, { method: 'POST', json: { state: 'scoring' } })).status, 200);
    const acct = await admin.fetch('/api/v1/users', {
      method: 'POST', json: { username: 'relinked', display_name: '换绑账号', password: 'Moved#Vote2026', roles: dangyuan.user.roles.map((g) => ({ role: g.role, org_id: g.org_id })), person_id: P1.id },
    });
    assert.equal(acct.status, 201, JSON.stringify(acct.data));
    let s = await login(srv.url, 'relinked', 'Moved#Vote2026');
    if (s.user.must_change_password) {
      await s.fetch('/api/v1/session/password', { method: 'POST', json: { old_password: 'Moved#Vote2026', new_password: 'Moved#Vote2027x' } });
      s = await login(srv.url, 'relinked', 'Moved#Vote2027x');
    }
    const castFor = (c) => c.fetch(`/api/v1/evaluations/${ev3.id}/votes`, { method: 'POST', json: { award: 'business', target_id: nominee.id } });
    assert.equal((await castFor(s)).status, 200, 'P1 votes');
    assertError(await castFor(s), 409, 'conflict'); // P1 twice: still refused
    const moved = await admin.fetch(`/api/v1/users/${acct.data.id}`, { method: 'PATCH', json: { person_id: P2.id } });
    assert.equal(moved.status, 200, JSON.stringify(moved.data));
    const again = await castFor(s);
    assert.equal(again.status, 200, `P2 has not voted yet: ${again.status} ${JSON.stringify(again.data)}`);
    assertError(await castFor(s), 409, 'conflict'); // P2 twice: refused
    const aw = (await s.fetch(`/api/v1/evaluations/${ev3.id}/awards`)).data.awards.find((a) => a.code === 'business');
    const row = aw.nominees.find((x) => x.target_id === nominee.id);
    assert.equal(row.votes, 2, 'one vote of each person');
    assert.equal(row.my_vote, true);
  });

  test('ballots cast at the same moment still respect the limit', async () => {
    const vanguard = (await dangwei.fetch('/api/v1/schemes?active=1')).data.items.find((x) => x.code === 'vanguard');
    const ev2 = (await dangwei.fetch('/api/v1/evaluations', { method: 'POST', json: { scheme_id: vanguard.id, period: '2025Q4', notice_days: 0 } })).data;
    const nominees = people.filter((p) => p.political_status === '中共党员' && p.id !== me.id).slice(0, 6);
    for (const p of nominees)
      assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev2.id}/nominations`, { method: 'POST', json: { award: 'business', target_id: p.id, reason: '业务能力突出，攻坚成效明显' } })).status, 200);
    assert.equal((await dangwei.fetch(`/api/v1/evaluations/${ev2.id}/state`, { method: 'POST', json: { state: 'scoring' } })).status, 200);
    const voter = await login(srv.url, 'zhibu1');
    const all = await Promise.all([...nominees, ...nominees].map((p) =>
      voter.fetch(`/api/v1/evaluations/${ev2.id}/votes`, { method: 'POST', json: { award: 'business', target_id: p.id } })));
    const accepted = all.filter((r) => r.status === 200).length;
    assert.equal(accepted, 2, all.map((r) => r.status).join(' '));
    const aw = (await voter.fetch(`/api/v1/evaluations/${ev2.id}/awards`)).data.awards.find((a) => a.code === 'business');
    assert.equal(aw.nominees.reduce((n, x) => n + x.votes, 0), 2);
  });

  test('linking to a person outside the linker\'s scope is refused', async () => {
    // a sysadmin of 第一支部's subtree only
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    const first = orgs.find((o) => o.name === '机关第一党支部');
    const second = orgs.find((o) => o.name === '机关第二党支部');
    const sub = await admin.fetch('/api/v1/users', {
      method: 'POST', json: { username: 'subadmin', display_name: '支部系统管理员', password: 'Sub#Admin2026x', roles: [{ role: 'sysadmin', org_id: first.id }] },
    });
    assert.equal(sub.status, 201, JSON.stringify(sub.data));
    const target = await admin.fetch('/api/v1/users', {
      method: 'POST', json: { username: 'linkme', display_name: '待关联', password: 'Link#Me20261x', roles: [] },
    });
    assert.equal(target.status, 201, JSON.stringify(target.data));
    let s = await login(srv.url, 'subadmin', 'Sub#Admin2026x');
    if (s.user.must_change_password) {
      await s.fetch('/api/v1/session/password', { method: 'POST', json: { old_password: 'Sub#Admin2026x', new_password: 'Sub#Admin2027y' } });
      s = await login(srv.url, 'subadmin', 'Sub#Admin2027y');
    }
    const outside = people.find((p) => !p.user_id && p.branch_id === second.id);
    const r = await s.fetch(`/api/v1/users/${target.data.id}`, { method: 'PATCH', json: { person_id: outside.id } });
    assert.ok(r.status === 403 || r.status === 404, `${r.status} ${JSON.stringify(r.data)}`);
    const self = people.find((p) => !p.user_id && p.branch_id === first.id);
    const own = await s.fetch(`/api/v1/users/${s.user.id}`, { method: 'PATCH', json: { person_id: self.id } });
    assertError(own, 400, 'invalid');
  });
});
