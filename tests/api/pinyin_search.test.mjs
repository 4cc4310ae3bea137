// Search the way clerks type (issue 12, item 7): 拼音首字母 and full pinyin find
// people, every reading of a surname counts, an edit re-keys the name, and
// the rows of a database from before the key are keyed when the server opens it.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { startServer, login, sql, ADMIN_PASSWORD } from './harness.mjs';

const search = async (admin, q) => {
  const r = await admin.fetch(`/api/v1/people?limit=500&q=${encodeURIComponent(q)}`);
  assert.equal(r.status, 200, `q=${q}`);
  return r.data;
};
const staffNos = (data) => data.items.map((x) => x.staff_no);

describe('people search by pinyin', () => {
  let srv, admin, all;
  before(async () => {
    srv = await startServer({ keepDir: true });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    all = (await admin.fetch('/api/v1/people?limit=500')).data.items;
  });
  after(async () => { await srv?.stopClean(); });

  test('initials and full pinyin find 王建国, in any case', async () => {
    for (const q of ['wjg', 'WJG', 'wangjianguo', 'wangjian', 'jianguo']) {
      const found = await search(admin, q);
      assert.ok(staffNos(found).includes('SF1002'), `q=${q} finds 王建国`);
      assert.equal(found.total, found.items.length);
      for (const p of found.items)
        assert.ok(p.name.length > 0 && !p.name.includes('%'), 'a real person');
    }
    // initials do not run across the word boundary of the key ("wjg wangjianguo")
    assert.ok(!staffNos(await search(admin, 'gw')).includes('SF1002'));
  });

  test('every demo person is found by the initials of their name', async () => {
    // a person is found by their own key; a key shared with others finds them too
    const sample = all.filter((_, i) => i % 15 === 0);
    for (const p of sample) {
      const key = sql(srv.dbPath, `SELECT name_pinyin FROM people WHERE id = ${p.id}`).trim();
      assert.match(key, /^[a-z0-9]+( [a-z0-9]+)*$/, `key of ${p.name}: ${key}`);
      const initials = key.split(' ')[0];
      assert.equal(initials.length, [...p.name].length, `initials of ${p.name}: ${initials}`);
      assert.ok(staffNos(await search(admin, initials)).includes(p.staff_no), `${initials} finds ${p.name}`);
    }
  });

  test('an edited name is found by its new pinyin, with the surname read 单 (shàn)', async () => {
    const p = all.find((x) => x.staff_no === 'SF1020');
    const r = await admin.fetch(`/api/v1/people/${p.id}`, { method: 'PATCH', json: { name: '单晓雯' } });
    assert.equal(r.status, 200, JSON.stringify(r.data));
    for (const q of ['sxw', 'shanxiaowen', 'dxw', 'danxiaowen'])
      assert.deepEqual(staffNos(await search(admin, q)).filter((s) => s === 'SF1020'), ['SF1020'], `q=${q}`);
    assert.ok(!staffNos(await search(admin, p.name)).includes('SF1020'), 'the old name no longer finds them');
  });

  test('rows without a key are keyed when the server opens the database', async () => {
    sql(srv.dbPath, "UPDATE people SET name_pinyin = ''");
    assert.equal((await search(admin, 'wjg')).total, 0, 'without keys nothing is found');
    await srv.stop();
    srv = await startServer({ dbPath: srv.dbPath, dir: srv.dir });
    admin = await login(srv.url, 'admin', ADMIN_PASSWORD);
    assert.ok(staffNos(await search(admin, 'wjg')).includes('SF1002'));
    const empty = sql(srv.dbPath, "SELECT COUNT(*) FROM people WHERE name_pinyin = '' AND name <> ''").trim();
    assert.equal(empty, '0');
  });
});
