// 发展党员 and 荣誉 through the browser: a branch secretary registers an
// applicant on the pipeline board (a future date is refused with the field's
// message), opens the card and sees the next step; on the phone the board is
// one column; the honours page lists the demo's honours.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, pickOption, assertNoPageErrors, apiLogin, PHONE } from './harness.mjs';

const TODAY = '2026-06-25';

describe('recruitment and honours', { skip: SKIP }, () => {
  let app, z;
  before(async () => {
    app = await startApp({ today: TODAY, records: true });
    z = await apiLogin(app.url, 'zhibu1');
  });
  after(async () => { await app?.close(); });

  const typeDate = async (item, day) => {
    const input = item.locator('.el-date-editor input');
    await input.fill(day);
    await input.press('Enter');
  };

  test('the secretary registers an applicant on the board', async () => {
    const page = await app.page();
    await loginAs(page, 'zhibu1');
    await page.goto('/applicants');
    await page.locator('[data-test=column-activist]').waitFor();
    await page.locator('[data-test=applicant-new]').click();
    const form = page.locator('[data-test=applicant-form]');
    await pickOption(page, form.locator('[data-test=applicant-org]'), '机关第一党支部');
    await form.locator('[data-test=applicant-name]').fill('浏览器申请人');
    await typeDate(form.locator('[data-test=applicant-birth_date]'), '1998-03-03');
    await typeDate(form.locator('[data-test=applicant-applied_on]'), '2026-06-30');
    await form.locator('[data-test=applicant-name]').click();
    await page.locator('[data-test=applicant-save]').click();
    await form.locator('.el-form-item__error', { hasText: '不能晚于今天' }).waitFor();
    await typeDate(form.locator('[data-test=applicant-applied_on]'), '2026-06-10');
    await form.locator('[data-test=applicant-name]').click();
    await page.locator('[data-test=applicant-save]').click();
    const card = page.locator('[data-test=column-applicant] [data-test=applicant-card]', { hasText: '浏览器申请人' });
    await card.waitFor();
    const saved = (await z.fetch('/api/v1/applicants?q=浏览器')).data.items;
    assert.deepEqual(saved.map((a) => [a.stage, a.applied_on, a.next_due_code]), [['applicant', '2026-06-10', 'talk_due']]);
    await card.click();
    await page.locator('[data-test=applicant-detail] [data-test=applicant-advance]', { hasText: '入党积极分子' }).waitFor();
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('on the phone the board is one column; the honours page lists the demo\'s honours', async () => {
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'zhibu1');
    await page.goto('/applicants');
    const board = page.locator('[data-test=applicants-board]');
    await board.locator('[data-test=applicant-card]').first().waitFor();
    const boxes = await Promise.all(['applicant', 'activist'].map((c) => page.locator(`[data-test=column-${c}]`).boundingBox()));
    assert.ok(boxes[1].y > boxes[0].y, 'columns stacked');
    await page.goto('/honours');
    await page.locator('[data-test=honours-table] .el-table__row').first().waitFor();
    assertNoPageErrors(page);
    await page.context().close();
  });
});
