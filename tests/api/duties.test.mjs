// 主体责任清单 and 党建责任书 (issue 14 items 2–3): a person's responsibility list
// and a branch's responsibility letter per year, their items, the year-end check
// (from 1 December, never by the list's own person), removal with a reason,
// copying a year, the year's figures, scope and the audit trail.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, shanghaiDate, ADMIN_PASSWORD } from './harness.mjs';

function assertFieldError(r, field) {
  const e = assertError(r, 400, 'invalid');
  assert.equal(typeof e.fields?.[field], 'string', `expected fields.${field}, got ${JSON.stringify(r.data)}`);
}

describe('duties: 主体责任清单 and 党建责任书', () => {
  let srv, admin, dangwei, zhibu1, zhibu2, dangyuan, b1, b2;
  const today = shanghaiDate();
  // a year whose check is open today (from 1 December on) and one whose is not
  const openYear = today.slice(5, 7) === '12' ? Number(today.slice(0, 4)) : Number(today.slice(0, 4)) - 1;
  const closedYear = Number(today.slice(0, 4)) + 1;
  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    dangyuan = await login(srv.url, 'dangyuan');
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    b1 = orgs.find((o) => o.name === '机关第一党支部');
    b2 = orgs.find((o) => o.name === '机关第二党支部');
  });
  after(async () => { await srv.stopClean(); });

  const create = (c, json) => c.fetch('/api/v1/duty-docs', { method: 'POST', json });
  const check = (c, id, result, note) => c.fetch(`/api/v1/duty-items/${id}/check`, { method: 'POST', json: { result, note } });

  test('a person\'s list: written by the 机关党委, read by its person, checked at year end by someone else', async () => {
    const person = dangyuan.user.person_id;
    let r = await create(zhibu1, { kind: 'list', year: openYear, person_id: person, role: 'dual', items: [{ content: 'x' }] });
    assert.equal(r.status, 403, JSON.stringify(r.data));
    r = await create(dangwei, { kind: 'list', year: openYear, person_id: person, role: 'boss' });
    assertFieldError(r, 'role');
    r = await create(dangwei, { kind: 'list', year: openYear, role: 'dual' });
    assertFieldError(r, 'person_id');
    r = await create(dangwei, { kind: 'list', year: openYear, person_id: person, role: 'dual', items: [{ category: '党建' }] });
    assert.equal(r.status, 400);
    assert.match(r.data.error.message, /第 1 项/);
    r = await create(dangwei, {
      kind: 'list', year: openYear, person_id: person, role: 'dual',
      items: [{ category: '党风廉政', content: '落实分管科室的廉政风险防控' }, { category: '业务', content: '预算绩效评价全覆盖' }],
    });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    assert.match(r.headers.get('location'), /\/api\/v1\/duty-docs\/\d+$/);
    const doc = r.data;
    assert.equal(doc.items.length, 2);
    assert.deepEqual(doc.items.map((i) => i.seq), [1, 2]);
    assert.equal(doc.role_label, '一岗双责');
    assert.match(doc.title, new RegExp(`^${openYear}年度.+（一岗双责）主体责任清单$`));
    assert.equal(doc.items_count, 2);

    // its person reads it; another branch's secretary does not see it
    assert.equal((await dangyuan.fetch(`/api/v1/duty-docs/${doc.id}`)).status, 200);
    assert.equal((await zhibu2.fetch(`/api/v1/duty-docs/${doc.id}`)).status, 404);
    const mine = (await dangyuan.fetch('/api/v1/duty-docs?mine=1')).data;
    assert.ok(mine.items.some((d) => d.id === doc.id));
    assert.equal((await zhibu2.fetch('/api/v1/duty-docs')).data.items.some((d) => d.id === doc.id), false);

    // the check: a result, a note when not done, never by the list's own person
    const [first, second] = doc.items;
    assertFieldError(await check(dangwei, first.id, 'perfect'), 'result');
    assertFieldError(await check(dangwei, first.id, 'partly', ''), 'note');
    assert.equal((await check(dangyuan, first.id, 'done')).status, 403);
    r = await check(dangwei, first.id, 'done');
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.result_label, '完成');
    assert.equal(r.data.checked_on, today);
    r = await check(dangwei, second.id, 'not_done', '两个项目未评价');
    assert.equal(r.status, 200);
    const again = (await dangwei.fetch(`/api/v1/duty-docs/${doc.id}`)).data;
    assert.deepEqual([again.checked, again.done, again.not_done, again.partly], [2, 1, 1, 0]);
    // clearing a check
    r = await check(dangwei, second.id, '');
    assert.equal(r.data.result, '');
    assert.equal(r.data.checked_on, null);

    // the audit trail names the document and the items
    const audit = (await admin.fetch(`/api/v1/audit?object_type=duty_item&object_id=${first.id}`)).data.items;
    assert.ok(audit.some((a) => a.action === 'check'), JSON.stringify(audit));
  });

  test('a year not yet at its end cannot be checked', async () => {
    const r = await create(dangwei, { kind: 'list', year: closedYear, person_id: zhibu1.user.person_id, role: 'branch', items: [{ content: '按期换届' }] });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    const c = await check(dangwei, r.data.items[0].id, 'done');
    assertError(c, 409, 'conflict');
    assert.match(c.data.error.message, new RegExp(`${closedYear}-12-01`));
  });

  test('a branch\'s letter: its secretary reads it, not another branch; the signed date is checked', async () => {
    let r = await create(dangwei, { kind: 'letter', year: openYear, org_id: b1.id, signed_on: '2999-01-01' });
    assertFieldError(r, 'signed_on');
    r = await create(dangwei, { kind: 'letter', year: openYear, org_id: b1.id, signed_on: `${openYear}-01-15`, items: [{ category: '组织建设', content: '三会一课按期召开' }] });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    const letter = r.data;
    assert.equal(letter.title, `${openYear}年度党建工作责任书（机关第一党支部）`);
    assert.equal((await zhibu1.fetch(`/api/v1/duty-docs/${letter.id}`)).status, 200);
    assert.equal((await zhibu2.fetch(`/api/v1/duty-docs/${letter.id}`)).status, 404);
    // the secretary reads but does not write
    r = await zhibu1.fetch(`/api/v1/duty-docs/${letter.id}`, { method: 'PATCH', json: { title: '改' } });
    assert.equal(r.status, 403);
    r = await zhibu1.fetch(`/api/v1/duty-docs/${letter.id}/items`, { method: 'POST', json: { content: '加' } });
    assert.equal(r.status, 403);
    // the 机关党委 adds an item and edits one
    r = await dangwei.fetch(`/api/v1/duty-docs/${letter.id}/items`, { method: 'POST', json: { category: '党风廉政', content: '廉政谈话全覆盖' } });
    assert.equal(r.status, 201);
    assert.equal(r.data.seq, 2);
    r = await dangwei.fetch(`/api/v1/duty-items/${r.data.id}`, { method: 'PATCH', json: { content: '廉政谈话全覆盖（每季度）' } });
    assert.equal(r.status, 200);
    assert.equal(r.data.content, '廉政谈话全覆盖（每季度）');
    // kind and year are not changed by PATCH
    assert.equal((await dangwei.fetch(`/api/v1/duty-docs/${letter.id}`, { method: 'PATCH', json: { year: 2001 } })).status, 400);
  });

  test('removal needs a reason, keeps the rows out of lists and figures; copying a year skips what exists', async () => {
    const sumBefore = (await dangwei.fetch(`/api/v1/duty-docs/summary?year=${openYear}`)).data;
    let r = await create(dangwei, { kind: 'letter', year: openYear, org_id: b2.id, items: [{ content: '主题党日每月一次' }] });
    assert.equal(r.status, 201);
    const id = r.data.id;
    let sum = (await dangwei.fetch(`/api/v1/duty-docs/summary?year=${openYear}`)).data;
    assert.equal(sum.letters, sumBefore.letters + 1);
    assert.equal(sum.letters_signed, sumBefore.letters_signed);
    assert.equal(sum.items, sumBefore.items + 1);
    assertFieldError(await dangwei.fetch(`/api/v1/duty-docs/${id}/remove`, { method: 'POST', json: { reason: '' } }), 'reason');
    r = await dangwei.fetch(`/api/v1/duty-docs/${id}/remove`, { method: 'POST', json: { reason: '重复录入' } });
    assert.equal(r.status, 204);
    sum = (await dangwei.fetch(`/api/v1/duty-docs/summary?year=${openYear}`)).data;
    assert.deepEqual(sum, sumBefore);
    const removed = (await dangwei.fetch(`/api/v1/duty-docs?removed=1&year=${openYear}`)).data.items;
    assert.ok(removed.some((d) => d.id === id && d.removed_reason === '重复录入'));
    assert.equal((await dangwei.fetch(`/api/v1/duty-docs/${id}/items`, { method: 'POST', json: { content: 'x' } })).status, 409);

    // the hand count of the year equals the summary
    const all = (await dangwei.fetch(`/api/v1/duty-docs?year=${openYear}&limit=500`)).data.items;
    assert.equal(sum.lists, all.filter((d) => d.kind === 'list').length);
    assert.equal(sum.items, all.reduce((n, d) => n + d.items_count, 0));

    // copy to the next-but-one year: every document once, unchecked, titles renamed
    const to = openYear + 2;
    r = await dangwei.fetch('/api/v1/duty-docs/copy', { method: 'POST', json: { from_year: openYear, to_year: to } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    assert.equal(r.data.created + r.data.skipped, all.length);
    assert.ok(r.data.created >= 2, `the serving people's and branches' documents are copied: ${JSON.stringify(r.data)}`);
    const copied = (await dangwei.fetch(`/api/v1/duty-docs?year=${to}&limit=500`)).data.items;
    assert.equal(copied.length, r.data.created);
    assert.ok(copied.every((d) => d.checked === 0 && d.title.startsWith(`${to}年度`) && d.signed_on === null));
    r = await dangwei.fetch('/api/v1/duty-docs/copy', { method: 'POST', json: { from_year: openYear, to_year: to } });
    assert.equal(r.data.created, 0);
    assert.equal((await zhibu1.fetch('/api/v1/duty-docs/copy', { method: 'POST', json: { from_year: openYear, to_year: to } })).status, 403);
  });

  test('the list exports to xlsx', async () => {
    const res = await fetch(`${srv.url}/api/v1/duty-docs?format=xlsx`, { headers: { Cookie: dangwei.cookie } });
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type'), /spreadsheetml/);
    const buf = Buffer.from(await res.arrayBuffer());
    assert.equal(buf.subarray(0, 2).toString(), 'PK');
  });
});
