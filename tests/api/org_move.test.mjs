// Moving an organisation (issue 12, item 1): a branch goes under a new 党总支
// with its groups, people, records and secretary's grant; the refusals; the
// audit; and the order of siblings (sort_order).
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, ADMIN_PASSWORD } from './harness.mjs';

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
}

describe('moving organisations', () => {
  let srv, admin, dangwei, zhibu1, zhibu2, orgs;
  const byName = (name) => {
    const o = orgs.find((x) => x.name === name);
    assert.ok(o, `demo org ${name}`);
    return o;
  };
  const reload = async () => { orgs = (await admin.fetch('/api/v1/orgs')).data.items; };
  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    await reload();
  });
  after(async () => { await srv?.stopClean(); });

  test('a branch moves under a new 党总支 with everything below it', async () => {
    const committee = orgs.find((o) => o.type === '机关党委');
    const b2 = byName('机关第二党支部');
    const groups = orgs.filter((o) => o.parent_id === b2.id);
    assert.ok(groups.length >= 1, 'the branch has groups');
    const peopleBefore = (await dangwei.fetch(`/api/v1/people?limit=500&branch_id=${b2.id}`)).data.items.map((p) => p.id).sort();
    const mineBefore = (await zhibu2.fetch('/api/v1/people?limit=500')).data.total;
    assert.ok(peopleBefore.length > 0 && mineBefore > 0);

    const general = await dangwei.fetch('/api/v1/orgs', { method: 'POST', json: { parent_id: committee.id, type: '党总支', name: '业务党总支' } });
    assert.equal(general.status, 201, JSON.stringify(general.data));
    const moved = await dangwei.fetch(`/api/v1/orgs/${b2.id}/move`, { method: 'POST', json: { parent_id: general.data.id } });
    assert.equal(moved.status, 200, JSON.stringify(moved.data));
    assert.equal(moved.data.parent_id, general.data.id);

    await reload();
    assert.equal(byName('机关第二党支部').parent_id, general.data.id);
    for (const g of groups) assert.equal(orgs.find((o) => o.id === g.id).parent_id, b2.id, 'its groups stay with it');
    // the subtree of the 党总支 now holds the branch's people (their paths moved)
    const underGeneral = (await dangwei.fetch(`/api/v1/people?limit=500&branch_id=${general.data.id}`)).data.items.map((p) => p.id).sort();
    assert.deepEqual(underGeneral, peopleBefore);
    // the secretary's grant moved with the branch: the same people, at once
    assert.equal((await zhibu2.fetch('/api/v1/people?limit=500')).data.total, mineBefore);
    assert.equal((await zhibu2.fetch(`/api/v1/orgs/${b2.id}`)).status, 200);
    // audited with the old and new parent
    const audit = (await admin.fetch('/api/v1/audit?object_type=org&limit=50')).data.items.find((a) => a.action === 'move' && a.object_id === b2.id);
    assert.ok(audit, 'a move record');
    assert.equal(audit.before.parent_id, committee.id);
    assert.equal(audit.after.parent_id, general.data.id);

    // and back again
    const back = await dangwei.fetch(`/api/v1/orgs/${b2.id}/move`, { method: 'POST', json: { parent_id: committee.id } });
    assert.equal(back.status, 200, JSON.stringify(back.data));
    assert.equal((await dangwei.fetch(`/api/v1/people?limit=500&branch_id=${general.data.id}`)).data.total, 0);
  });

  test('what cannot move, and who cannot move it', async () => {
    await reload();
    const b1 = byName('机关第一党支部');
    const group = orgs.find((o) => o.parent_id === b1.id && o.type === '党小组');
    const root = orgs.find((o) => o.parent_id === null);
    const b3 = byName('机关第三党支部');
    const move = (who, id, parent_id) => who.fetch(`/api/v1/orgs/${id}/move`, { method: 'POST', json: { parent_id } });
    assertFieldError(await move(dangwei, b1.id, group.id), 'parent_id');       // under its own group
    assertFieldError(await move(dangwei, b1.id, b1.id), 'parent_id');          // under itself
    assertFieldError(await move(dangwei, b1.id, b3.id), 'parent_id');          // a 党支部 under a 党支部
    assertFieldError(await move(dangwei, root.id, b1.id), 'parent_id');        // the bureau itself
    assertFieldError(await move(dangwei, b1.id, b1.parent_id), 'parent_id');   // where it is
    assertFieldError(await move(dangwei, b1.id, 999999), 'parent_id');         // no such parent
    assertError(await move(zhibu1, group.id, b3.id), 403, 'forbidden');                     // not on the new parent
    assertError(await move(zhibu1, b1.id, root.id), 403, 'forbidden');
    for (const body of [{}, { parent_id: '3' }, { parent_id: 3, name: 'x' }])
      assertError(await dangwei.fetch(`/api/v1/orgs/${b1.id}/move`, { method: 'POST', json: body }), 400, 'invalid');
    // a group moves to another branch of the caller's scope
    const ok = await move(dangwei, group.id, b3.id);
    assert.equal(ok.status, 200, JSON.stringify(ok.data));
    // a dissolved organisation stays where it was dissolved
    assert.equal((await dangwei.fetch(`/api/v1/orgs/${group.id}`, { method: 'PATCH', json: { status: 'dissolved' } })).status, 200);
    assertFieldError(await move(dangwei, group.id, b1.id), 'parent_id');
  });

  test('sort_order places siblings', async () => {
    await reload();
    const committee = orgs.find((o) => o.type === '机关党委');
    const siblings = () => orgs.filter((o) => o.parent_id === committee.id && o.status === 'active').map((o) => o.name);
    const before = siblings();
    const last = byName(before[before.length - 1]);
    assertFieldError(await dangwei.fetch(`/api/v1/orgs/${last.id}`, { method: 'PATCH', json: { sort_order: -1 } }), 'sort_order');
    assertFieldError(await dangwei.fetch(`/api/v1/orgs/${last.id}`, { method: 'PATCH', json: { sort_order: 'a' } }), 'sort_order');
    // every other sibling to 10, the last one to 1: it comes first
    for (const name of before.slice(0, -1))
      assert.equal((await dangwei.fetch(`/api/v1/orgs/${byName(name).id}`, { method: 'PATCH', json: { sort_order: 10 } })).status, 200);
    const r = await dangwei.fetch(`/api/v1/orgs/${last.id}`, { method: 'PATCH', json: { sort_order: 1 } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.sort_order, 1);
    await reload();
    assert.deepEqual(siblings(), [before[before.length - 1], ...before.slice(0, -1)]);
  });
});
