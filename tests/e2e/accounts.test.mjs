// Accounts for the whole roster at once, through the console (issue 12,
// item 6): the clerk picks ten people without an account, downloads the sheet
// of logins and one-time passwords, and one of them signs in with theirs and
// must change it.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import zlib from 'node:zlib';
import { SKIP, startApp, loginAs, assertNoPageErrors } from './harness.mjs';

/** The text of every entry of a zip (an xlsx) whose name matches re. */
function zipTexts(buf, re) {
  let eocd = buf.length - 22;
  while (eocd >= 0 && buf.readUInt32LE(eocd) !== 0x06054b50) eocd--;
  const count = buf.readUInt16LE(eocd + 10);
  let p = buf.readUInt32LE(eocd + 16);
  const out = [];
  for (let i = 0; i < count; i++) {
    const method = buf.readUInt16LE(p + 10), size = buf.readUInt32LE(p + 20);
    const n = buf.readUInt16LE(p + 28), e = buf.readUInt16LE(p + 30), c = buf.readUInt16LE(p + 32);
    const name = buf.subarray(p + 46, p + 46 + n).toString('utf8');
    const local = buf.readUInt32LE(p + 42);
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    if (re.test(name)) out.push((method === 8 ? zlib.inflateRawSync(data) : data).toString('utf8'));
    p += 46 + n + e + c;
  }
  return out.join('\n');
}

describe('accounts for many people at once', { skip: SKIP }, () => {
  let app;
  before(async () => { app = await startApp(); });
  after(async () => { await app?.close(); });

  test('ten accounts, the sheet, and a first sign-in', async () => {
    const page = await app.page();
    await loginAs(page, 'admin');
    await page.goto('/users');
    await page.locator('[data-test=users-batch]').click();
    const table = page.locator('[data-test=batch-table]');
    await table.locator('tbody tr').first().waitFor();
    const boxes = table.locator('tbody tr .el-checkbox');
    for (let i = 0; i < 10; i++) await boxes.nth(i).click();
    await page.getByText('已选 10 人').waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=batch-create]').click()]);
    assert.match(download.suggestedFilename(), /新开通账号\.xlsx$/);
    const file = await download.path();
    const xml = zipTexts(fs.readFileSync(file), /^xl\/(sharedStrings|worksheets\/sheet1)\.xml$/);
    // the strings of the sheet in order: each row's name, 工号, user name, password
    const strings = [...xml.matchAll(/<t[^>]*>([^<]*)<\/t>/g)].map((m) => m[1]);
    const i = strings.findIndex((s) => /^sf\d{4}$/.test(s));
    assert.ok(i > 0, strings.slice(0, 12).join(' '));
    const username = strings[i], password = strings[i + 1];
    assert.ok(password.length >= 16, password);
    await page.locator('.el-message-box').getByRole('button').last().click();
    // the list shows the new accounts
    await page.locator('[data-test=users-table]').getByText(username).waitFor().catch(() => {});
    assertNoPageErrors(page);
    // the person signs in and must change the password first
    const own = await app.page();
    await loginAs(own, username, password);
    assert.equal(new URL(own.url()).pathname, '/password');
    assertNoPageErrors(own);
  });
});
