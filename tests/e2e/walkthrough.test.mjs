// The bugs of issue 12's walk-through, each as the clerk met it in the
// console: the home page per role, a typed future date, the audit log in
// words, the import's errors as rows, and English without Chinese built by
// the console.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, assertNoPageErrors, pickOption, FIXTURES, DESKTOP, shanghaiDate } from './harness.mjs';

describe('the walk-through\'s bugs', { skip: SKIP }, () => {
  let app;
  before(async () => { app = await startApp(); });
  after(async () => { await app?.close(); });

  for (const [user, home] of [['admin', '/dashboard'], ['zhibu1', '/dashboard'], ['dangyuan', '/mine']]) {
    test(`opening / takes ${user} to ${home}`, async () => {
      const page = await app.page();
      await loginAs(page, user);
      await page.goto('/');
      await page.waitForURL((u) => u.pathname !== '/');
      assert.equal(new URL(page.url()).pathname, home);
      assert.equal(await page.locator('[data-test=forbidden]').count(), 0);
      assertNoPageErrors(page);
      await page.context().close();
    });
  }

  test('a typed future date is refused with a message, not turned into today', async () => {
    const page = await app.page();
    await loginAs(page, 'zhibu1');
    await page.goto('/meetings');
    await page.locator('[data-test=meeting-new]').click();
    const form = page.locator('[data-test=meeting-form]');
    await pickOption(page, form.locator('[data-test=meeting-org]'), '机关第一党支部');
    await pickOption(page, form.locator('[data-test=meeting-kind]'), '支部党员大会');
    const date = form.locator('.el-date-editor input');
    const future = shanghaiDate(6); // the server's today + 6
    await date.fill(future);
    await date.press('Enter');
    await form.locator('[data-test=meeting-topic]').click();
    assert.equal(await date.inputValue(), future, 'the typed date stays as typed');
    await page.locator('[data-test=meeting-save]').click();
    await form.locator('.el-form-item__error', { hasText: '会议日期不能晚于今天' }).waitFor();
    assert.match(new URL(page.url()).pathname, /^\/meetings$/, 'nothing saved');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the audit log shows actions, object types and names in words', async () => {
    // a failed sign-in to find in the log
    const r = await fetch(`${app.url}/api/v1/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'zhibu2', password: 'Not-the-password-9' }) });
    assert.equal(r.status, 401);
    const page = await app.page();
    await loginAs(page, 'admin');
    await page.goto('/audit');
    const table = page.locator('[data-test=audit-table]');
    await table.locator('.el-table__row', { hasText: '登录失败' }).first().waitFor();
    const text = await table.innerText();
    assert.doesNotMatch(text, /login_failed|\blogin\b|\buser\b/, 'no codes');
    assert.match(await table.locator('.el-table__row', { hasText: '登录失败' }).first().innerText(), /账号\s*zhibu2/);
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the import\'s errors are rows of 行, 列, 值, 问题 and the buttons stay on the screen', async () => {
    const page = await app.page({ viewport: DESKTOP });
    await loginAs(page, 'dangwei');
    await page.goto('/people');
    await page.locator('[data-test=import-open]').click();
    await page.locator('[data-test=import-upload] input[type=file]').setInputFiles(path.join(FIXTURES, 'roster-errors.xlsx'));
    await page.locator('[data-test=import-check]').click();
    const list = page.locator('[data-test=import-errors]');
    await list.waitFor();
    const heads = (await list.locator('thead th').allInnerTexts()).map((s) => s.trim());
    assert.deepEqual(heads, ['行', '列', '值', '问题']);
    const text = await list.innerText();
    assert.match(text, /身份证号校验位错误/);
    assert.match(text, /2019\.13\.01/, 'the value as typed');
    // no sideways scrolling, and the dialog's buttons within the window
    const wrap = list.locator('.el-table__body-wrapper .el-scrollbar__wrap').first();
    const [sw, cw] = await wrap.evaluate((e) => [e.scrollWidth, e.clientWidth]);
    assert.ok(sw <= cw + 1, `no horizontal scroll (${sw} > ${cw})`);
    const box = await page.locator('[data-test=import-check]').boundingBox();
    assert.ok(box && box.y + box.height <= DESKTOP.height, 'the check button is on the screen');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('names the bureau lacks are offered for creation once, not as an error per row', async () => {
    // roster-150 with its 综合股 and 机关第三党支部 renamed to ones the bureau lacks
    const csv = fs.readFileSync(path.join(FIXTURES, 'roster-150.csv'), 'utf8').replaceAll(',综合股,', ',新设股,').replaceAll(',机关第三党支部,', ',机关第十三党支部,');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'dj-e2e-')), 'roster-new-names.csv');
    fs.writeFileSync(file, csv);
    const page = await app.page();
    await loginAs(page, 'dangwei');
    await page.goto('/people');
    await page.locator('[data-test=import-open]').click();
    await page.locator('[data-test=import-upload] input[type=file]').setInputFiles(file);
    await page.locator('[data-test=import-check]').click();
    const offer = page.locator('[data-test=import-missing]');
    await offer.waitFor();
    const text = await offer.innerText();
    assert.match(text, /新设股/);
    assert.match(text, /机关第十三党支部/);
    assert.doesNotMatch(await page.locator('[data-test=import-result]').innerText(), /处错误/, 'no error count for names to create');
    assert.equal(await page.locator('[data-test=import-errors]').count(), 0, 'no row per missing name');
    await page.locator('[data-test=create-missing-retry]').click();
    await page.locator('[data-test=dry-run-ok]').waitFor();
    assert.match(await page.locator('[data-test=import-result]').innerText(), /新设股/);
    assert.ok(await page.locator('[data-test=import-confirm]').isEnabled(), 'the import may go ahead');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('in English the scheme\'s rules are English', async () => {
    const page = await app.page();
    await page.addInitScript(() => localStorage.setItem('dj_locale', 'en'));
    await loginAs(page, 'dangwei');
    await page.goto('/schemes');
    await page.locator("[data-test=schemes-table] .el-table__row a").first().click();
    await page.waitForURL(/\/schemes\/\d+$/);
    const rule = page.locator('.rule').first();
    await rule.waitFor();
    const rules = await page.locator('.rule').allInnerTexts();
    for (const r of rules) assert.doesNotMatch(r.replace(/[（(][^)）]*[)）]/g, ''), /来源|按比例|得满分|由.+评分|逐项|触发后|下级指标|分档|每单位|无记录/, r);
    assertNoPageErrors(page);
    await page.context().close();
  });
});
