// The list read path (issue 19): the access log (log.access, the query with
// its secrets masked, sampling), gzip, ETag and 304, the answer cache and its
// scopes, on one demo database shared by servers with different settings.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import zlib from 'node:zlib';
import { startServer, makeTempDir, makeDemoDb, login, sleep, sql } from './harness.mjs';

const accessLines = (text) => text.split('\n').filter((l) => / access /.test(l));

describe('the access log', () => {
  let dir, dbPath;
  before(() => {
    dir = makeTempDir();
    dbPath = makeDemoDb(dir);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('log.access=all writes the query with its secrets masked', async () => {
    const s = await startServer({ dir, dbPath, keepDir: true, cache: true });
    try {
      const c = await login(s.url, 'admin');
      // parameters /people does not take: refused (400), and still masked in the log
      const r = await c.fetch('/api/v1/people?limit=5&q=%E5%BC%A0&password=hunter2&csrf_token=tok9');
      assert.equal(r.status, 400);
      await sleep(100);
      const line = accessLines(s.stderr).find((l) => l.includes('/api/v1/people?'));
      assert.ok(line, s.stderr.slice(-2000));
      assert.match(line, /\/api\/v1\/people\?limit=5&q=张&password=\*\*\*&csrf_token=\*\*\* 400 /);
      assert.ok(!s.stderr.includes('hunter2') && !s.stderr.includes('tok9'));
    } finally {
      await s.stopClean();
    }
  });

  test('log.access=errors writes only failures; off writes none', async () => {
    const s = await startServer({ dir, dbPath, keepDir: true, cache: true, set: ['log.access=errors'] });
    try {
      const c = await login(s.url, 'admin');
      assert.equal((await c.fetch('/api/v1/people?limit=2')).status, 200);
      assert.equal((await c.fetch('/api/v1/people?limit=9999')).status, 400);
      await sleep(100);
      const lines = accessLines(s.stderr);
      assert.equal(lines.length, 1, lines.join('\n'));
      assert.match(lines[0], /\/api\/v1\/people\?limit=9999 400 /);
    } finally {
      await s.stopClean();
    }
    const off = await startServer({ dir, dbPath, keepDir: true, cache: true, set: ['log.access=off'] });
    try {
      const c = await login(off.url, 'admin');
      await c.fetch('/api/v1/people?limit=9999');
      await sleep(100);
      assert.equal(accessLines(off.stderr).length, 0);
    } finally {
      await off.stopClean();
    }
  });

  test('log.access_sample=4 writes one in four answers, and every error', async () => {
    const s = await startServer({ dir, dbPath, keepDir: true, cache: true, set: ['log.access_sample=4'] });
    try {
      const c = await login(s.url, 'admin');
      for (let i = 0; i < 15; i++) assert.equal((await c.fetch(`/api/v1/people?limit=1&offset=${i}`)).status, 200);
      assert.equal((await c.fetch('/api/v1/people?limit=0')).status, 400);
      await sleep(100);
      const lines = accessLines(s.stderr);
      // 16 answers below 400 (the login too): 4 of them, plus the error
      assert.equal(lines.filter((l) => / 200 /.test(l)).length, 4, lines.join('\n'));
      assert.equal(lines.filter((l) => / 400 /.test(l)).length, 1);
    } finally {
      await s.stopClean();
    }
  });
});

/** GET over node:http with exactly the headers given (fetch adds its own
 * Accept-Encoding and undoes gzip); resolves {status, headers, body: Buffer}. */
function rawGet(url, p, headers = {}) {
  return new Promise((resolve, reject) => {
    const req = http.get(url + p, { headers }, (res) => {
      const parts = [];
      res.on('data', (d) => parts.push(d));
      res.on('end', () => resolve({ status: res.statusCode, headers: res.headers, body: Buffer.concat(parts) }));
    });
    req.on('error', reject);
  });
}

describe('gzip, ETag and 304, the answer cache', () => {
  let dir, dbPath, a, b, nocache;
  before(async () => {
    dir = makeTempDir();
    dbPath = makeDemoDb(dir);
    a = await startServer({ dir, dbPath, keepDir: true, cache: true });
    // a second server on the same database, and one without the cache
    b = await startServer({ dir, dbPath, keepDir: true, cache: true });
    nocache = await startServer({ dir, dbPath, keepDir: true, set: ['cache.max_bytes=0', 'server.gzip_min_bytes=100'] });
  });
  after(async () => {
    await Promise.all([a.stopClean(), b.stopClean(), nocache.stopClean()]);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test('a JSON answer over server.gzip_min_bytes is gzipped when the client takes gzip', async () => {
    const c = await login(a.url, 'admin');
    const h = { Cookie: c.cookie };
    const plain = await rawGet(a.url, '/api/v1/people?limit=50', h);
    assert.equal(plain.status, 200);
    assert.equal(plain.headers['content-encoding'], undefined);
    assert.match(plain.headers.vary, /Accept-Encoding/);
    assert.ok(plain.body.length > 1400);
    for (const ae of ['gzip', 'br, gzip;q=0.8', '*', 'deflate, x-gzip']) {
      const gz = await rawGet(a.url, '/api/v1/people?limit=50', { ...h, 'Accept-Encoding': ae });
      assert.equal(gz.headers['content-encoding'], 'gzip', ae);
      assert.match(gz.headers.vary, /Accept-Encoding/);
      assert.ok(gz.body.length < plain.body.length / 3);
      assert.deepEqual(zlib.gunzipSync(gz.body), plain.body, ae);
      assert.notEqual(gz.headers.etag, plain.headers.etag); // another representation, another strong ETag
    }
    for (const ae of ['gzip;q=0', 'identity', 'br', '*;q=0']) {
      const r = await rawGet(a.url, '/api/v1/people?limit=50', { ...h, 'Accept-Encoding': ae });
      assert.equal(r.headers['content-encoding'], undefined, ae);
      assert.deepEqual(r.body, plain.body);
    }
    // below the threshold: as it is
    const small = await rawGet(a.url, '/api/v1/people?limit=1', { ...h, 'Accept-Encoding': 'gzip' });
    assert.equal(small.headers['content-encoding'], undefined);
    assert.ok(small.body.length < 1400);
    // an answer outside the cache (the session) is gzipped on the way out
    const cn = await login(nocache.url, 'admin');
    const sess = await rawGet(nocache.url, '/api/v1/session', { Cookie: cn.cookie, 'Accept-Encoding': 'gzip' });
    assert.equal(sess.headers['content-encoding'], 'gzip');
    assert.equal(sess.headers['cache-control'], 'no-store');
    assert.equal(JSON.parse(zlib.gunzipSync(sess.body)).user.username, 'admin');
  });

  test('lists and records carry a strong ETag; If-None-Match is 304 without running the query', async () => {
    for (const srv of [a, nocache]) {
      const c = await login(srv.url, 'admin');
      const first = await c.fetch('/api/v1/people?limit=20');
      assert.equal(first.status, 200);
      const etag = first.headers.get('etag');
      assert.match(etag, /^"[0-9a-f]{32}(-gz)?"$/); // fetch takes gzip: that representation's tag
      assert.equal(first.headers.get('cache-control'), 'private, no-cache');
      const person = await c.fetch(`/api/v1/people/${first.data.items[0].id}`);
      assert.match(person.headers.get('etag'), /^"[0-9a-f]{32}(-gz)?"$/);
      // the list query cannot run while its table is away: a 304 is answered anyway
      sql(dbPath, 'ALTER TABLE memberships RENAME TO memberships_away');
      try {
        const again = await c.fetch('/api/v1/people?limit=20', { headers: { 'If-None-Match': `"x", W/${etag}` } });
        assert.equal(again.status, 304);
        assert.equal(again.headers.get('etag'), etag);
        assert.equal(again.data, null);
        const gzTag = `"${etag.slice(1, 33)}-gz"`;
        const plainTag = `"${etag.slice(1, 33)}"`;
        assert.equal((await c.fetch('/api/v1/people?limit=20', { headers: { 'If-None-Match': plainTag } })).headers.get('etag'), plainTag);
        assert.equal((await c.fetch('/api/v1/people?limit=20', { headers: { 'If-None-Match': gzTag } })).status, 304);
        // ...whereas the query itself fails
        assert.equal((await c.fetch('/api/v1/people?limit=19')).status, 500);
      } finally {
        sql(dbPath, 'ALTER TABLE memberships_away RENAME TO memberships');
      }
      // another query, another user or a tag from elsewhere: not 304
      assert.equal((await c.fetch('/api/v1/people?limit=21', { headers: { 'If-None-Match': etag } })).status, 200);
      const z = await login(srv.url, 'zhibu1');
      const zr = await z.fetch('/api/v1/people?limit=20', { headers: { 'If-None-Match': etag } });
      assert.equal(zr.status, 200);
      assert.notEqual(zr.headers.get('etag'), etag);
      // a change makes a new ETag
      const id = first.data.items[0].id;
      const w = await c.fetch(`/api/v1/people/${id}`, { method: 'PATCH', json: { phone: `1380000${String(Date.now() % 10000).padStart(4, '0')}` } });
      assert.equal(w.status, 200);
      const after = await c.fetch('/api/v1/people?limit=20', { headers: { 'If-None-Match': etag } });
      assert.equal(after.status, 200);
      assert.notEqual(after.headers.get('etag'), etag);
      assert.equal(after.data.items.find((p) => p.id === id).phone, w.data.phone);
    }
  });

  test('a write on server A changes the ETag seen on server B', async () => {
    const ca = await login(a.url, 'admin');
    const cb = await login(b.url, 'admin');
    const onB = await cb.fetch('/api/v1/people?limit=50');
    const onA = await ca.fetch('/api/v1/people?limit=50');
    assert.equal(onA.headers.get('etag'), onB.headers.get('etag')); // one key file, one version
    const etag = onB.headers.get('etag');
    assert.equal((await cb.fetch('/api/v1/people?limit=50', { headers: { 'If-None-Match': etag } })).status, 304);
    // B keeps the answer; A changes a person
    assert.equal((await cb.fetch('/api/v1/people?limit=50')).headers.get('x-cache'), 'hit');
    const id = onB.data.items[3].id;
    const w = await ca.fetch(`/api/v1/people/${id}`, { method: 'PATCH', json: { position: '跨服务器测试' } });
    assert.equal(w.status, 200);
    const r = await cb.fetch('/api/v1/people?limit=50', { headers: { 'If-None-Match': etag } });
    assert.equal(r.status, 200);
    assert.notEqual(r.headers.get('etag'), etag);
    assert.equal(r.headers.get('x-cache'), 'miss');
    assert.equal(r.data.items.find((p) => p.id === id).position, '跨服务器测试');
  });

  test('a talk opened with its sealed content is never kept by the answer cache', async () => {
    const jijian = await login(a.url, 'jijian');
    const zhibu1 = await login(a.url, 'zhibu1');
    const dangyuan = await login(a.url, 'dangyuan');
    const branch = (await zhibu1.fetch('/api/v1/orgs')).data.items.find((o) => o.name === '机关第一党支部');
    const made = await zhibu1.fetch('/api/v1/talks', {
      method: 'POST',
      json: { org_id: branch.id, held_on: '2026-10-10', kind: '谈心', talkers: [zhibu1.user.person_id],
        talkees: [dangyuan.user.person_id], content: '缓存不得保留的谈话内容' },
    });
    assert.equal(made.status, 201, JSON.stringify(made.data));
    const list = await jijian.fetch('/api/v1/talks?limit=50');
    assert.equal(list.status, 200);
    assert.equal((await jijian.fetch('/api/v1/talks?limit=50')).headers.get('x-cache'), 'hit', 'lists are kept');
    const talk = list.data.items.find((t) => t.id === made.data.id);
    assert.ok(talk && talk.has_content, 'the talk with content is listed');
    for (let i = 0; i < 2; i++) {
      const r = await jijian.fetch(`/api/v1/talks/${talk.id}`);
      assert.equal(r.status, 200);
      assert.equal(typeof r.data.content, 'string', '纪检 reads the content');
      assert.equal(r.headers.get('x-cache'), null, 'not kept');
      assert.equal(r.headers.get('etag'), null, 'no ETag: nothing to revalidate against a kept copy');
    }
  });

  test('a cached answer never crosses scopes', async () => {
    const admin = await login(a.url, 'admin');
    const sec = await login(a.url, 'zhibu1');
    const secElsewhere = await login(nocache.url, 'zhibu1'); // a login is a write: before the answers
    const p = '/api/v1/people?limit=200&sort=name';
    const first = await admin.fetch(p);
    assert.equal(first.headers.get('x-cache'), 'miss');
    const again = await admin.fetch(p);
    assert.equal(again.headers.get('x-cache'), 'hit');
    assert.deepEqual(again.data, first.data);
    // the same path and query for the branch secretary: their own answer
    const mine = await sec.fetch(p);
    assert.equal(mine.status, 200);
    assert.equal(mine.headers.get('x-cache'), 'miss');
    assert.ok(mine.data.total < first.data.total, `${mine.data.total} < ${first.data.total}`);
    const fresh = await secElsewhere.fetch(p);
    assert.deepEqual(mine.data, fresh.data);
    assert.equal((await sec.fetch(p)).headers.get('x-cache'), 'hit');
    assert.deepEqual((await sec.fetch(p)).data, fresh.data);
    // and the bureau's answer is still the bureau's
    assert.deepEqual((await admin.fetch(p)).data, first.data);
    // a record the secretary may not read stays refused even when the admin's answer is kept
    const outside = first.data.items.find((x) => !mine.data.items.some((m) => m.id === x.id));
    assert.equal((await admin.fetch(`/api/v1/people/${outside.id}`)).status, 200);
    assert.equal((await admin.fetch(`/api/v1/people/${outside.id}`)).headers.get('x-cache'), 'hit');
    assert.equal((await sec.fetch(`/api/v1/people/${outside.id}`)).status, 403);
  });
});

describe('the people list written by util/jsonw', () => {
  let srv;
  before(async () => { srv = await startServer({ set: ['cache.max_bytes=0'] }); });
  after(async () => { await srv.stopClean(); });

  // Each item must be what the record answer (person_json, jansson) says of
  // the same person, minus what only the record carries.
  async function checkAgainstRecords(c, p) {
    const r = await c.fetch(p);
    assert.equal(r.status, 200, `${p}: ${JSON.stringify(r.data)}`);
    for (const item of r.data.items) {
      const one = await c.fetch(`/api/v1/people/${item.id}`);
      assert.equal(one.status, 200);
      delete one.data.memberships;
      delete one.data.posts; // the record's own history, not a list column
      delete one.data.id_number;
      assert.deepEqual(item, one.data, `${p}: person ${item.id}`);
      assert.deepEqual(Object.keys(item), Object.keys(one.data), 'the same members in the same order');
    }
    return r.data;
  }

  test('every item as the record answer gives it; the total as the whole list counts', async () => {
    for (const user of ['admin', 'dangwei', 'zhibu1', 'keshi', 'dangyuan']) {
      const c = await login(srv.url, user);
      const all = await c.fetch('/api/v1/people?limit=500');
      assert.equal(all.status, 200);
      assert.equal(all.data.total, all.data.items.length, user);
      const ids = all.data.items.map((x) => x.id);
      assert.equal(new Set(ids).size, ids.length);
      const page = await checkAgainstRecords(c, '/api/v1/people?limit=7&offset=3&sort=name&order=desc');
      assert.equal(page.total, all.data.total, user);
      const past = await c.fetch(`/api/v1/people?offset=${all.data.total + 5}`);
      assert.deepEqual(past.data, { items: [], total: all.data.total }, `${user}: a page past the end still counts`);
    }
    const admin = await login(srv.url, 'admin');
    const all = (await admin.fetch('/api/v1/people?limit=500')).data;
    assert.ok(all.total >= 150);
    // every person of the demo bureau, page by page
    for (let off = 0; off < all.total; off += 50) await checkAgainstRecords(admin, `/api/v1/people?limit=50&offset=${off}`);
    // filters: each page's total is the number of matching people in the whole list
    const branch = all.items.find((x) => x.branch_id).branch_id;
    const filters = [
      [`branch_id=${branch}`, (x) => x.branch_id === branch || null],
      ['political_status=中共党员', (x) => x.political_status === '中共党员'],
      ['q=王', (x) => x.name.includes('王') || x.staff_no.toLowerCase().includes('王')],
      ['sort=birth_date', () => true],
      ['sort=joined_party_on&order=desc', () => true],
    ];
    for (const [q, pred] of filters) {
      const d = await checkAgainstRecords(admin, `/api/v1/people?limit=20&${q}`);
      if (!q.startsWith('branch_id') && !q.startsWith('q=')) assert.equal(d.total, all.items.filter(pred).length, q);
      assert.ok(d.total >= d.items.length);
    }
    // a text that needs escaping comes back as it was written
    const tricky = '测试\t"引号" \\ \u2028 </script>';
    const id = all.items[0].id;
    assert.equal((await admin.fetch(`/api/v1/people/${id}`, { method: 'PATCH', json: { position: tricky } })).status, 200);
    const back = await checkAgainstRecords(admin, `/api/v1/people?limit=1&q=${encodeURIComponent(all.items[0].staff_no)}`);
    assert.equal(back.items[0].position, tricky);
  });
});

describe('the cache stays within cache.max_bytes', () => {
  test('an answer over an eighth is not kept; the least recently used leave first', async () => {
    const s = await startServer({ set: ['cache.max_bytes=120000'] });
    try {
      const c = await login(s.url, 'admin');
      // 50 rows (~28 KB) is more than an eighth of 120000: never kept
      assert.equal((await c.fetch('/api/v1/people?limit=50')).headers.get('x-cache'), 'miss');
      assert.equal((await c.fetch('/api/v1/people?limit=50')).headers.get('x-cache'), 'miss');
      // 60 answers of 5 rows (~3 KB each) do not all fit: the first ones leave
      const first = (await c.fetch('/api/v1/people?limit=5&offset=0')).data;
      for (let i = 1; i < 60; i++) assert.equal((await c.fetch(`/api/v1/people?limit=5&offset=${i}`)).status, 200);
      const newest = await c.fetch('/api/v1/people?limit=5&offset=59');
      assert.equal(newest.headers.get('x-cache'), 'hit');
      const oldest = await c.fetch('/api/v1/people?limit=5&offset=0');
      assert.equal(oldest.headers.get('x-cache'), 'miss');
      assert.deepEqual(oldest.data, first);
    } finally {
      await s.stopClean();
    }
  });
});
