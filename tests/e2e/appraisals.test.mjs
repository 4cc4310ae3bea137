// 民主评议 through the browser: a member writes the self-appraisal and casts
// the secret mutual ballot on a phone; the branch secretary grades the branch
// (the grading within the cap is saved) and the member then reads the result.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, apiLogin, PHONE, assertNoPageErrors } from './harness.mjs';

describe('民主评议党员', { skip: SKIP }, () => {
  let app, appraisal;
  before(async () => {
    app = await startApp();
    const z = await apiLogin(app.url, 'zhibu1');
    const orgs = (await z.fetch('/api/v1/orgs')).data.items;
    const b1 = orgs.find((o) => o.name === '机关第一党支部');
    const r = await z.fetch('/api/v1/appraisals', { method: 'POST', json: { org_id: b1.id, year: Number(new Date().getFullYear()) } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    appraisal = r.data;
  });
  after(async () => { await app?.close(); });

  test('a member appraises on the phone: the self-appraisal and the secret ballot', async () => {
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'dangyuan');
    await page.goto('/appraisals');
    const card = page.locator('[data-test=my-appraisal]').first();
    await card.waitFor();
    await card.locator('[data-test=self-text]').fill('一年来认真学习，按时参加组织生活和志愿服务，不足是主动服务意识还不够强。');
    await card.locator('[data-test=self-save]').click();
    await page.locator('.el-message', { hasText: '已保存' }).waitFor();
    // rate the first two peers and cast the ballot
    const groups = card.locator('.peer');
    await groups.nth(0).locator('.el-radio-button', { hasText: /^优秀$/ }).click();
    await groups.nth(1).locator('.el-radio-button', { hasText: /^合格$/ }).click();
    await card.locator('[data-test=ballot-submit]').click();
    await page.locator('[data-test=ballot-done]').waitFor();
    const d = await apiLogin(app.url, 'dangyuan');
    const mine = (await d.fetch('/api/v1/appraisals/mine')).data.items[0];
    assert.equal(mine.me.voted, true);
    assert.match(mine.me.self_text, /认真学习/);
    assertNoPageErrors(page);
  });

  test('the secretary grades the branch; the member reads the result', async () => {
    const page = await app.page();
    await loginAs(page, 'zhibu1');
    await page.goto('/appraisals');
    await page.locator('.el-tabs__item', { hasText: '支部民主评议' }).click();
    await page.locator('[data-test=appraisals-table] .el-table__row').first().click();
    await page.locator('[data-test=appraisal-detail]').waitFor();
    await page.locator('[data-test=grades-save]').click();
    await page.locator('.el-message', { hasText: '已保存' }).waitFor();
    const z = await apiLogin(app.url, 'zhibu1');
    const a = (await z.fetch(`/api/v1/appraisals/${appraisal.id}`)).data;
    assert.equal(a.status, 'graded');
    assertNoPageErrors(page);

    const phone = await app.page({ viewport: PHONE });
    await loginAs(phone, 'dangyuan');
    await phone.goto('/appraisals');
    await phone.locator('[data-test=my-grade]', { hasText: '合格' }).waitFor();
    assertNoPageErrors(phone);
  });
});
