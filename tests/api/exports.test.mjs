// Every list exports to Excel and CSV (?format=xlsx|csv), with the right type,
// a Chinese file name and the whole list rather than one page.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, ADMIN_PASSWORD } from './harness.mjs';

describe('list exports', () => {
  let srv, admin;
  before(async () => {
    srv = await startServer();
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
  });
  after(async () => { await srv.stopClean(); });

  test('an account shows the person it is linked to; the tree lists siblings in their order', async () => {
    const users = (await admin.fetch('/api/v1/users?limit=50')).data.items;
    const dangyuan = users.find((u) => u.username === 'dangyuan');
    const session = (await login(srv.url, 'dangyuan')).user;
    assert.equal(dangyuan.person_id, session.person_id);
    assert.ok(dangyuan.person_id > 0);
    assert.equal(users.find((u) => u.username === 'admin').person_id, null);
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    const names = orgs.filter((o) => o.type === '党支部').map((o) => o.name);
    assert.deepEqual(names.slice(0, 3), ['机关第一党支部', '机关第二党支部', '机关第三党支部']);
    for (const o of orgs) if (o.parent_id) assert.ok(orgs.findIndex((x) => x.id === o.parent_id) < orgs.indexOf(o), 'parents first');
  });

  async function download(c, path) {
    const r = await fetch(`${srv.url}${path}`, { headers: { Cookie: c.cookie } });
    return { status: r.status, headers: r.headers, bytes: Buffer.from(await r.arrayBuffer()) };
  }

  const lists = [
    ['/api/v1/people', '工号,姓名,性别', '%E4%BA%BA%E5%91%98%E5%90%8D%E5%86%8C'],
    ['/api/v1/users', '用户名,姓名,角色', '%E8%B4%A6%E5%8F%B7'],
    ['/api/v1/orgs', '编号,名称,类型', '%E7%BB%84%E7%BB%87'],
    ['/api/v1/departments', '编号,科室,挂钩党支部', '%E7%A7%91%E5%AE%A4'],
    ['/api/v1/audit', '编号,时间（UTC）,用户', '%E5%AE%A1%E8%AE%A1%E8%AE%B0%E5%BD%95'],
    ['/api/v1/meeting-rules', '会议类型,组织类型,频次', '%E7%BB%84%E7%BB%87%E7%94%9F%E6%B4%BB%E8%A7%84%E5%88%99'],
    ['/api/v1/warnings', '期限,级别,提醒', '%E9%A2%84%E8%AD%A6%E6%8F%90%E9%86%92'],
  ];

  for (const [path, header, name] of lists) {
    test(`${path}?format=csv and xlsx`, async () => {
      const json = await admin.fetch(path);
      const csv = await download(admin, `${path}?format=csv`);
      assert.equal(csv.status, 200);
      assert.match(csv.headers.get('content-type'), /^text\/csv/);
      assert.match(csv.headers.get('content-disposition'), new RegExp(`filename\\*=UTF-8''${name}\\.csv`));
      const text = csv.bytes.toString('utf8');
      assert.ok(text.startsWith('\ufeff' + header), text.slice(0, 80));
      // the whole list: one line per item (the demo's lists are bigger than a page for people and audit)
      const records = text.split('\r\n').filter((l) => l.length).length - 1;
      assert.ok(records >= Math.min(json.data.total, 50), `${records} rows for ${json.data.total}`);
      if (path === '/api/v1/people' || path === '/api/v1/orgs' || path === '/api/v1/departments' || path === '/api/v1/users')
        assert.equal(records, json.data.total);
      const x = await download(admin, `${path}?format=xlsx`);
      assert.equal(x.status, 200);
      assert.equal(x.headers.get('content-type'), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
      assert.equal(x.bytes.subarray(0, 2).toString('latin1'), 'PK');
    });
  }

  for (const format of ['xlsx', 'csv']) {
    test(`an exported roster (${format}) re-imports to the same data`, async () => {
      const total = (await admin.fetch('/api/v1/people')).data.total;
      const file = await download(admin, `/api/v1/people?format=${format}`);
      assert.equal(file.status, 200);
      const form = new FormData();
      form.append('file', new Blob([file.bytes]), `people.${format}`);
      const r = await fetch(`${srv.url}/api/v1/people/import`, {
        method: 'POST', headers: { Cookie: admin.cookie, 'X-CSRF-Token': admin.csrf }, body: form,
      });
      const result = await r.json();
      assert.equal(r.status, 200, JSON.stringify(result));
      assert.deepEqual(result.errors, []);
      assert.equal(result.rows, total);
      assert.equal(result.unchanged, total, JSON.stringify(result.changes.slice(0, 3)));
      assert.equal(result.created + result.updated, 0);
    });
  }

  test('an unknown format is 400; a list the caller may not read is 403 in any format', async () => {
    assert.equal((await admin.fetch('/api/v1/users?format=pdf')).status, 400);
    const member = await login(srv.url, 'dangyuan');
    assert.equal((await download(member, '/api/v1/users?format=xlsx')).status, 403);
    assert.equal((await download(member, '/api/v1/audit?format=csv')).status, 403);
    // a member's people export holds only themself
    const mine = await download(member, '/api/v1/people?format=csv');
    assert.equal(mine.status, 200);
    assert.equal(mine.bytes.toString('utf8').split('\r\n').filter((l) => l.length).length, 2);
  });
});
