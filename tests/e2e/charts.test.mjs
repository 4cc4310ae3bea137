// Charts where people would rather look (issue 18 item 5): a member's
// 先锋指数 over the quarters and their attendance month by month on the
// phone (我的), a branch's 堡垒指数 in 组织机构, attendance over the year in
// 落实情况.  Screenshots: docs/screenshots/charts-*.png.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { SKIP, ROOT, startApp, loginAs, assertNoPageErrors, apiLogin, ADMIN_PASSWORD, PHONE } from './harness.mjs';

const TODAY = '2026-11-20';

describe('charts', { skip: SKIP }, () => {
  let app, b1;
  before(async () => {
    app = await startApp({ records: true, today: TODAY });
    const admin = await apiLogin(app.url, 'admin', ADMIN_PASSWORD);
    b1 = (await admin.fetch('/api/v1/orgs')).data.items.find((o) => o.name === '机关第一党支部');
    // two earlier quarters published beside the demo's 2026Q3
    const schemes = (await admin.fetch('/api/v1/schemes?active=1')).data.items;
    const post = async (p, json) => {
      const r = await admin.fetch(p, { method: 'POST', json });
      assert.ok([200, 201].includes(r.status), `${p}: ${JSON.stringify(r.data)}`);
      return r.data;
    };
    for (const target of ['member', 'branch'])
      for (const period of ['2026Q1', '2026Q2']) {
        const e = await post('/api/v1/evaluations', { scheme_id: schemes.find((s) => s.target === target).id, period, notice_days: 0 });
        await post(`/api/v1/evaluations/${e.id}/compute`);
        await post(`/api/v1/evaluations/${e.id}/state`, { state: 'review' });
        await post(`/api/v1/evaluations/${e.id}/state`, { state: 'notice', override_reason: '图表测试：评分未全' });
      }
  });
  after(async () => { await app?.close(); });

  test('a member sees their 先锋指数 and attendance as charts on the phone', async () => {
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'dangyuan');
    await page.waitForURL(/\/mine$/);
    await page.locator('[data-test=index-trend] canvas').first().waitFor();
    await page.locator('[data-test=attendance-trend] canvas').first().waitFor();
    const w = (await page.locator('[data-test=index-trend]').boundingBox()).width;
    assert.ok(w <= PHONE.width, `the chart fits the phone (${w}px)`);
    await page.waitForTimeout(800);
    await page.locator('[data-test=my-scores]').screenshot({ path: path.join(ROOT, 'docs/screenshots/charts-mine-phone.png') });
    assertNoPageErrors(page);
    await page.context().close();
  });

  test("a branch's 堡垒指数 in 组织机构, attendance over the year in 落实情况", async () => {
    const page = await app.page();
    await loginAs(page, 'admin', ADMIN_PASSWORD);
    await page.goto(`/orgs/${b1.id}`);
    await page.locator('[data-test=index-trend] canvas').first().waitFor();
    await page.goto('/compliance');
    await page.locator('[data-test=attendance-trend] canvas').first().waitFor();
    await page.waitForTimeout(800);
    await page.screenshot({ path: path.join(ROOT, 'docs/screenshots/charts-compliance-desktop.png') });
    assertNoPageErrors(page);
    await page.context().close();
  });
});
