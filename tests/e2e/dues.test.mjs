// 党费 through the browser: a branch secretary records a member's payment from
// the 党员党费 list (the form proposes the month and the amount), reads the
// collection report, and the member finds the payment in 我的 on a phone.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, apiLogin, shanghaiDate, PHONE, assertNoPageErrors } from './harness.mjs';

describe('dues', { skip: SKIP }, () => {
  let app, z, person, month;
  before(async () => {
    app = await startApp();
    z = await apiLogin(app.url, 'zhibu1');
    const d = await apiLogin(app.url, 'dangyuan');
    person = d.user.person_id;
    month = shanghaiDate(0).slice(0, 7);
    // 5100.00 yuan from this month: 76.50 a month
    const r = await z.fetch('/api/v1/dues/bases', { method: 'POST', json: { person_id: person, from_month: month, base_fen: 510000 } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
  });
  after(async () => { await app?.close(); });

  test('the secretary records a payment from the members\' list; the report counts it', async () => {
    const page = await app.page();
    await loginAs(page, 'zhibu1');
    await page.goto('/dues');
    const row = page.locator('[data-test=dues-members] .el-table__row', { hasText: '刘思源' }).first();
    await row.waitFor();
    assert.match(await row.innerText(), /76\.50/);
    await row.locator('[data-test=dues-pay]').click();
    const dialog = page.locator('[data-test=dues-pay-dialog]');
    await dialog.waitFor();
    assert.equal(await dialog.locator('input[data-test=dues-amount], [data-test=dues-amount] input').inputValue(), '76.50');
    await dialog.locator('[data-test=dues-pay-save]').click();
    await dialog.waitFor({ state: 'hidden' });
    const paid = (await z.fetch(`/api/v1/dues/payments?person_id=${person}`)).data.items;
    assert.equal(paid.length, 1);
    assert.equal(paid[0].amount_fen, 7650);
    assert.equal(paid[0].from_month, month);
    await page.locator('.el-tabs__item', { hasText: '收缴统计' }).click();
    await page.locator('[data-test=dues-report] .el-table__row', { hasText: '机关第一党支部' }).first().waitFor();
    assert.match(await page.locator('[data-test=dues-report]').innerText(), /76\.50/);
    assertNoPageErrors(page);
  });

  test('the member reads their dues in 我的 on a phone', async () => {
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'dangyuan');
    await page.waitForURL(/\/mine$/);
    const mine = page.locator('[data-test=my-dues]');
    await mine.locator('[data-test=dues-months] .el-table__row', { hasText: month }).waitFor();
    const text = await mine.innerText();
    assert.match(text, /76\.50/);
    assert.match(text, /已缴/);
  });

  test('the 机关党委 on a phone: the members\' list and a member\'s statement', async () => {
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'dangwei');
    await page.goto('/dues');
    const row = page.locator('[data-test=dues-members] .el-table__row', { hasText: '刘思源' }).first();
    await row.waitFor();
    await row.locator('[data-test=dues-statement]').click();
    const drawer = page.locator('[data-test=dues-statement-drawer]');
    await drawer.locator('[data-test=dues-months] .el-table__row', { hasText: month }).waitFor();
    assert.match(await drawer.innerText(), /已缴/);
    assertNoPageErrors(page);
  });
});
