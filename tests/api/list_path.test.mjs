// The list read path (issue 19): the access log (log.access, the query with
// its secrets masked, sampling), gzip, ETag and 304, the answer cache and its
// scopes, on one demo database shared by servers with different settings.
import { test, describe, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import { startServer, makeTempDir, makeDemoDb, login, sleep } from './harness.mjs';

const accessLines = (text) => text.split('\n').filter((l) => / access /.test(l));

describe('the access log', () => {
  let dir, dbPath;
  before(() => {
    dir = makeTempDir();
    dbPath = makeDemoDb(dir);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  test('log.access=all writes the query with its secrets masked', async () => {
    const s = await startServer({ dir, dbPath, keepDir: true });
    try {
      const c = await login(s.url, 'admin');
      const r = await c.fetch('/api/v1/people?limit=5&q=%E5%BC%A0&password=hunter2&csrf_token=tok9');
      assert.equal(r.status, 200);
      await sleep(100);
      const line = accessLines(s.stderr).find((l) => l.includes('/api/v1/people?'));
      assert.ok(line, s.stderr.slice(-2000));
      assert.match(line, /\/api\/v1\/people\?limit=5&q=张&password=\*\*\*&csrf_token=\*\*\* 200 /);
      assert.ok(!s.stderr.includes('hunter2') && !s.stderr.includes('tok9'));
    } finally {
      await s.stopClean();
    }
  });

  test('log.access=errors writes only failures; off writes none', async () => {
    const s = await startServer({ dir, dbPath, keepDir: true, set: ['log.access=errors'] });
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
    const off = await startServer({ dir, dbPath, keepDir: true, set: ['log.access=off'] });
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
    const s = await startServer({ dir, dbPath, keepDir: true, set: ['log.access_sample=4'] });
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
