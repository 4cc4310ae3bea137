// The console lets the browser revalidate what it read (issue 19): the second
// visit of the roster sends If-None-Match from the browser's HTTP cache, the
// server answers 304, and the page shows the same rows.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, assertNoPageErrors } from './harness.mjs';

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

describe('revalidation', { skip: SKIP }, () => {
  let app;
  before(async () => { app = await startApp(); });
  after(async () => { await app?.close(); });

  test('the roster read twice: the second answer is a 304 from the server, the page shows it', async () => {
    const page = await app.page();
    await loginAs(page, 'dangwei');
    const statuses = [];
    page.on('response', (r) => { if (new URL(r.url()).pathname === '/api/v1/people') statuses.push(r.status()); });
    await page.goto('/people');
    const rows = page.locator('[data-test=people-table] .el-table__row');
    await rows.first().waitFor();
    const firstText = await rows.first().innerText();
    await page.goto('/');
    await page.goto('/people');
    await rows.first().waitFor();
    assert.equal(await rows.first().innerText(), firstText);
    await sleep(200);
    const access = app.server.stderr.split('\n').filter((l) => / access .* GET \/api\/v1\/people\?/.test(l));
    assert.ok(access.length >= 2, access.join('\n'));
    assert.match(access[0], / 200 /);
    assert.match(access.at(-1), / 304 /, access.join('\n'));
    assert.ok(statuses.length >= 2, String(statuses));
    assertNoPageErrors(page);
    await page.context().close();
  });
});
