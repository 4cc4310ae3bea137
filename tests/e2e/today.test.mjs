// The console's "today" is the server's (GET /session's `today`: bureau.today,
// DANGJIAN_TODAY here), not the browser's clock: a server whose day lies in
// another year than this machine's clock shows that year on the dashboard and
// asks for that year's board.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, assertNoPageErrors } from './harness.mjs';

const TODAY = '2024-06-25'; // a year no test machine's clock shows any more

describe('the console takes today from the server', { skip: SKIP }, () => {
  let app;
  before(async () => { app = await startApp({ today: TODAY }); });
  after(async () => { await app?.close(); });

  test('the dashboard shows and loads the server\'s year', async () => {
    assert.notEqual(new Date().getFullYear(), 2024, 'the browser\'s clock must be in another year for this test to tell');
    const page = await app.page();
    const boards = [];
    page.on('request', (r) => { if (new URL(r.url()).pathname === '/api/v1/compliance') boards.push(new URL(r.url()).searchParams.get('period')); });
    const board = page.waitForResponse((r) => new URL(r.url()).pathname === '/api/v1/compliance');
    await loginAs(page, 'dangwei');
    assert.equal((await board).status(), 200);
    assert.deepEqual(boards, ['2024']);
    assert.match(await page.locator('.page-head .year').innerText(), /^\s*2024年\s*$/);
    await page.locator('.stat .muted', { hasText: '2024年应开期次' }).waitFor();
    assertNoPageErrors(page);
    await page.context().close();
  });
});
