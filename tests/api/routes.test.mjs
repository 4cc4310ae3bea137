// Routes no other test called: GET /meeting-rules/{id}, PATCH /quizzes/{id}
// and GET /people/template — what they answer, who may call them, and that a
// change is audited.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, assertError, ADMIN_PASSWORD } from './harness.mjs';

describe('routes otherwise untested', () => {
  let srv, admin, dangwei, zhibu1, zhibu2, dangyuan;
  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    dangwei = await login(srv.url, 'dangwei');
    zhibu1 = await login(srv.url, 'zhibu1');
    zhibu2 = await login(srv.url, 'zhibu2');
    dangyuan = await login(srv.url, 'dangyuan');
  });
  after(async () => { await srv.stopClean(); });

  test('GET /meeting-rules/{id} answers the rule the list shows; 404 for none', async () => {
    const list = (await admin.fetch('/api/v1/meeting-rules')).data.items;
    assert.ok(list.length >= 3, JSON.stringify(list));
    for (const rule of list.slice(0, 3)) {
      const r = await dangyuan.fetch(`/api/v1/meeting-rules/${rule.id}`);
      assert.equal(r.status, 200, JSON.stringify(r.data));
      const { in_force, ...same } = rule; // the list adds whether the rule is in force today
      assert.equal(typeof in_force, 'boolean');
      assert.deepEqual(r.data, same);
    }
    assertError(await admin.fetch('/api/v1/meeting-rules/999999'), 404, 'not_found');
    assertError(await admin.fetch('/api/v1/meeting-rules/abc'), 404, 'not_found');
  });

  test('PATCH /quizzes/{id} changes a quiz of the branch, checks it, audits it; others may not', async () => {
    const made = await zhibu1.fetch('/api/v1/quizzes', { method: 'POST', json: { org_id: 4, title: '党章测验', held_on: '2026-06-01' } });
    assert.equal(made.status, 201, JSON.stringify(made.data));
    const id = made.data.id;
    assert.deepEqual([made.data.max_score, made.data.pass_score], [100, 60]);

    const r = await zhibu1.fetch(`/api/v1/quizzes/${id}`, { method: 'PATCH', json: { title: '党章知识测验', max_score: 50, pass_score: 30 } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    const got = (await zhibu1.fetch(`/api/v1/quizzes/${id}`)).data;
    assert.deepEqual([got.title, got.max_score, got.pass_score, got.held_on, got.org_id], ['党章知识测验', 50, 30, '2026-06-01', 4]);

    // a pass mark above the full marks is refused by field, and nothing changes
    const bad = assertError(await zhibu1.fetch(`/api/v1/quizzes/${id}`, { method: 'PATCH', json: { max_score: 20 } }), 400, 'invalid');
    assert.ok(bad.fields && bad.fields.pass_score, JSON.stringify(bad));
    assert.equal((await zhibu1.fetch(`/api/v1/quizzes/${id}`)).data.max_score, 50);

    // the secretary of another branch and a member may not; a missing quiz is 404
    assertError(await zhibu2.fetch(`/api/v1/quizzes/${id}`, { method: 'PATCH', json: { title: 'x' } }), 403, 'forbidden');
    assertError(await dangyuan.fetch(`/api/v1/quizzes/${id}`, { method: 'PATCH', json: { title: 'x' } }), 403, 'forbidden');
    assertError(await zhibu1.fetch('/api/v1/quizzes/999999', { method: 'PATCH', json: { title: 'x' } }), 404, 'not_found');
    assert.equal((await zhibu1.fetch(`/api/v1/quizzes/${id}`)).data.title, '党章知识测验');

    // the change is in the audit trail, before and after
    const audit = (await admin.fetch(`/api/v1/audit?object_type=quiz&object_id=${id}&limit=50`)).data.items;
    const upd = audit.filter((a) => a.action === 'update');
    assert.equal(upd.length, 1, JSON.stringify(audit.map((a) => a.action)));
    assert.equal(upd[0].username, 'zhibu1');
    assert.equal(upd[0].before.title, '党章测验');
    assert.equal(upd[0].after.title, '党章知识测验');
  });

  test('GET /people/template is an xlsx for those who may import; others get 403', async () => {
    for (const c of [admin, dangwei]) {
      const res = await fetch(`${srv.url}/api/v1/people/template`, { headers: { Cookie: c.cookie } });
      assert.equal(res.status, 200, c.user.username);
      assert.equal(res.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.match(res.headers.get('content-disposition'), /attachment/);
      assert.match(decodeURIComponent(res.headers.get('content-disposition')), /人员名册导入模板\.xlsx/);
      const body = Buffer.from(await res.arrayBuffer());
      assert.equal(body.subarray(0, 2).toString('latin1'), 'PK', 'an xlsx is a zip');
      // the template is a file the import reads: its columns are the import's own, its example row passes
      const form = new FormData();
      form.append('file', new Blob([body]), 'template.xlsx');
      const imp = await fetch(`${srv.url}/api/v1/people/import?dry_run=1`, {
        method: 'POST', body: form, headers: { Cookie: c.cookie, 'X-CSRF-Token': c.csrf },
      });
      const data = await imp.json();
      assert.equal(imp.status, 200, JSON.stringify(data));
      assert.deepEqual([data.dry_run, data.unknown_columns, data.error_count], [true, [], 0], JSON.stringify(data));
    }
    for (const c of [zhibu1, dangyuan])
      assertError(await c.fetch('/api/v1/people/template'), 403, 'forbidden');
  });
});
