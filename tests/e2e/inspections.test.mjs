// Supervision of conduct through the browser: 纪检 records a daily check,
// notes a finding against a member under the 十不准 and confirms it; the
// member finds it on 我的 on a phone the same day and may read it; the rules
// are listed for everyone who opens the page.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, pickOption, assertNoPageErrors, apiLogin, PHONE, menuNames } from './harness.mjs';

describe('inspections and findings', { skip: SKIP }, () => {
  let app;
  before(async () => { app = await startApp(); });
  after(async () => { await app?.close(); });

  test('纪检 records a check and a finding, confirms it; the member sees it on 我的 (phone)', async () => {
    const page = await app.page();
    await loginAs(page, 'jijian');
    assert.ok((await menuNames(page)).includes('inspections'));
    await page.goto('/inspections');
    await page.locator('[data-test=inspection-new]').click();
    const dlg = page.locator('[data-test=inspection-dialog]');
    await dlg.locator('[data-test=inspection-inspectors]').fill('纪检组 赵正清');
    await dlg.locator('[data-test=inspection-save]').click();
    const drawer = page.locator('[data-test=inspection-detail]');
    await drawer.locator('[data-test=finding-new]').click();
    const fd = page.locator('[data-test=finding-dialog]');
    await pickOption(page, fd.locator('[data-test=finding-rule]'), '2. 不准迟到早退、擅离职守、无故缺勤');
    const person = fd.locator('[data-test=finding-person]');
    await person.click();
    await page.keyboard.type('刘思源');
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: '刘思源' }).first().click();
    await fd.locator('[data-test=finding-description]').fill('上午九点二十分到岗，未请假');
    await fd.locator('[data-test=finding-save]').click();
    const item = drawer.locator('[data-test^=finding-]', { hasText: '上午九点二十分到岗' }).first();
    await item.waitFor();
    await item.locator('[data-test=finding-confirm]').click();
    await page.locator('.el-message-box input').fill('情况属实');
    await page.locator('.el-message-box .el-button--primary').click();
    await drawer.locator('[data-test^=finding-]', { hasText: '情况属实' }).first().waitFor();

    const j = await apiLogin(app.url, 'jijian');
    const found = (await j.fetch('/api/v1/findings?state=confirmed')).data.items.find((f) => f.description === '上午九点二十分到岗，未请假');
    assert.ok(found, 'the finding is confirmed');
    assert.equal(found.people_names, '刘思源');
    assert.equal(found.decision_note, '情况属实');
    // the rules tab lists the 十不准
    await page.keyboard.press('Escape');
    await page.locator('.el-tabs__item', { hasText: '行为规范' }).click();
    await page.locator('[data-test=conduct-rules-table]', { hasText: '不准在上班时间炒股' }).waitFor();
    assertNoPageErrors(page);
    await page.context().close();

    const phone = await app.page({ viewport: PHONE });
    await loginAs(phone, 'dangyuan');
    await phone.waitForURL(/\/mine$/);
    const mine = phone.locator('[data-test=my-findings]');
    await mine.locator('[data-test^=finding-]', { hasText: '上午九点二十分到岗' }).first().waitFor();
    assert.match(await mine.innerText(), /已认定/);
    await mine.locator('[data-test=finding-open]').first().click();
    await phone.locator('[data-test=finding-detail]', { hasText: '不准迟到早退' }).waitFor();
    assertNoPageErrors(phone);
    await phone.context().close();
  });
});
