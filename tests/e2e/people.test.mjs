// The roster through the browser: import roster-150.xlsx (dry run first, then
// for real) and find its rows in the list; a file with mistakes shows each
// error against its row and column and cannot be imported; the export button
// downloads an xlsx; a branch secretary cannot open a person of another branch.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { SKIP, FIXTURES, startApp, loginAs, assertNoPageErrors, apiLogin } from './harness.mjs';

describe('people', { skip: SKIP }, () => {
  let app;
  before(async () => { app = await startApp(); });
  after(async () => { await app?.close(); });

  test('a file with mistakes shows its errors by row and column, and nothing is imported', async () => {
    const page = await app.page();
    await loginAs(page, 'dangwei');
    await page.goto('/people');
    await page.locator('[data-test=import-open]').click();
    await page.locator('[data-test=import-upload] input[type=file]').setInputFiles(path.join(FIXTURES, 'roster-errors.xlsx'));
    await page.locator('[data-test=import-check]').click();
    const grid = page.locator('[data-test=import-errors]');
    await grid.waitFor();
    const rows = await grid.locator('.el-table__body-wrapper tr.el-table__row').count();
    // the branch the bureau lacks is offered for creation once, above the list, not as a row
    const missing = page.locator('[data-test=import-missing]');
    await missing.waitFor();
    assert.match(await missing.innerText(), /党支部/);
    assert.equal(rows, 6, 'one line per other faulty row');
    const text = await grid.innerText();
    for (const col of ['姓名', '入党时间', '工号', '手机号码', '政治面貌', '身份证号']) assert.ok(text.includes(col), `column ${col}`);
    assert.match(text, /身份证号校验位错误/);
    assert.ok(await page.locator('[data-test=import-confirm]').isDisabled(), 'import refused after a failed check');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('roster-150.xlsx: dry run, import, and the 150 rows in the list', async () => {
    const page = await app.page();
    await loginAs(page, 'dangwei');
    await page.goto('/people');
    await page.locator('[data-test=people-table] .el-table__row').first().waitFor();
    assert.equal(await page.locator('[data-test=import-confirm]:visible').count(), 0, 'no import button before the dialog opens');
    await page.locator('[data-test=import-open]').click();
    assert.ok(await page.locator('[data-test=import-confirm]').isDisabled(), 'no import before a dry run');
    await page.locator('[data-test=import-upload] input[type=file]').setInputFiles(path.join(FIXTURES, 'roster-150.xlsx'));
    await page.locator('[data-test=import-check]').click();
    await page.locator('[data-test=dry-run-ok]').waitFor();
    assert.match(await page.locator('[data-test=import-result]').innerText(), /150/);
    // the dry run wrote nothing
    const admin = await apiLogin(app.url, 'admin');
    assert.equal((await admin.fetch('/api/v1/people?q=CZ01&limit=1')).data.total, 0);
    await page.locator('[data-test=import-confirm]').click();
    await page.locator('[data-test=import-done]').waitFor();
    await page.keyboard.press('Escape');
    await page.locator('[data-test=people-q]').fill('CZ01');
    await page.locator('[data-test=people-search]').click();
    await page.locator('.el-pagination__total', { hasText: '150' }).waitFor();
    const first = await page.locator('[data-test=people-table] .el-table__body-wrapper tr.el-table__row').first().innerText();
    assert.match(first, /CZ01/);
    assert.equal((await admin.fetch('/api/v1/people?q=CZ01&limit=1')).data.total, 150);
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('the export button downloads the list as xlsx', async () => {
    const page = await app.page();
    await loginAs(page, 'zhibu1');
    await page.goto('/people');
    await page.locator('[data-test=people-table] .el-table__row').first().waitFor();
    const [download] = await Promise.all([page.waitForEvent('download'), page.locator('[data-test=export]').click()]);
    assert.equal(download.suggestedFilename(), '人员名册.xlsx');
    const file = await download.path();
    const head = fs.readFileSync(file).subarray(0, 2).toString('latin1');
    assert.equal(head, 'PK', 'an xlsx is a zip');
    await page.context().close();
  });

  test('a branch secretary opens a person of the branch but not of another branch', async () => {
    const admin = await apiLogin(app.url, 'admin');
    const own = (await admin.fetch('/api/v1/people?branch_id=4&limit=1')).data.items[0];
    const other = (await admin.fetch('/api/v1/people?branch_id=8&limit=1')).data.items[0];
    assert.ok(own && other);
    const page = await app.page();
    await loginAs(page, 'zhibu1');
    await page.goto(`/people/${own.id}`);
    await page.locator('[data-test=person-detail]').waitFor();
    assert.match(await page.locator('[data-test=person-detail]').innerText(), new RegExp(own.name));
    await page.goto(`/people/${other.id}`);
    await page.locator('[data-test=forbidden]').waitFor();
    assert.match(await page.locator('[data-test=forbidden]').innerText(), /无权访问/);
    assert.equal(await page.locator('[data-test=person-detail]').count(), 0);
    assert.ok(!(await page.content()).includes(other.id_number_masked), 'none of the person\'s data shows');
    await page.context().close();
  });
  test('clerks search the way they type: 拼音首字母 finds people and branches', async () => {
    const page = await app.page();
    await loginAs(page, 'dangwei');
    await page.goto('/people');
    await page.locator('[data-test=people-table] .el-table__row').first().waitFor();
    await page.locator('[data-test=people-q]').fill('wjg');
    await page.locator('[data-test=people-search]').click();
    await page.locator('[data-test=people-table] .el-table__row', { hasText: '王建国' }).waitFor();
    const names = await page.locator('[data-test=people-table] .el-table__body-wrapper tr.el-table__row').allInnerTexts();
    assert.ok(names.length >= 1 && names.length < 10, `wjg finds a few people, not the list: ${names.length}`);
    await page.goto('/orgs');
    const tree = page.locator('[data-test=org-tree]');
    await tree.locator('.node', { hasText: '机关第二党支部' }).waitFor();
    await page.locator('input[placeholder="筛选组织（名称或拼音）"]').fill('dydzb');
    // the tree hides what does not match: 第二 goes, 第一 stays
    await tree.locator('.node', { hasText: '机关第二党支部' }).waitFor({ state: 'hidden' });
    assert.ok(await tree.locator('.node', { hasText: '机关第一党支部' }).isVisible());
    assertNoPageErrors(page);
    await page.context().close();
  });
});
