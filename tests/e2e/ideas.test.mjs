// Ideas and duty through the browser (issue 15): a member on the phone sees
// the motto of the day on 我的, makes a suggestion and submits a motto on the
// 献计献策 page; the 机关党委 adopts the suggestion in its drawer; the member
// finds their duty on the 值班值守 page and says a day they cannot.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, assertNoPageErrors, apiLogin, PHONE } from './harness.mjs';

const TODAY = '2026-06-25';

describe('ideas and duty', { skip: SKIP }, () => {
  let app, dw, z, me;
  before(async () => {
    app = await startApp({ today: TODAY });
    dw = await apiLogin(app.url, 'dangwei');
    z = await apiLogin(app.url, 'zhibu1');
    me = (await apiLogin(app.url, 'dangyuan')).user.person_id;
    const m = await dw.fetch('/api/v1/mottos', { method: 'POST', json: { person_id: me, text: '干净干事，清白做人', submitted_on: '2026-06-01' } });
    await dw.fetch(`/api/v1/mottos/${m.data.id}/review`, { method: 'POST', json: { decision: 'approved', reviewed_on: '2026-06-02' } });
  });
  after(async () => { await app?.close(); });

  test('a member on the phone: the motto of the day, a suggestion and a motto; the 机关党委 adopts the suggestion', async () => {
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'dangyuan');
    await page.waitForURL(/\/mine$/);
    await page.locator('[data-test=motto-of-day]', { hasText: '干净干事，清白做人' }).waitFor();
    await page.goto('/ideas');
    await page.locator('[data-test=suggestion-new]').click();
    await page.locator('[data-test=suggestion-title]').fill('推行报销业务最多跑一次');
    await page.locator('[data-test=suggestion-content]').fill('线上提交、集中审核、按周支付');
    await page.locator('[data-test=suggestion-save]').click();
    await page.locator('[data-test=suggestions-table]', { hasText: '推行报销业务最多跑一次' }).waitFor();
    await page.locator('.el-tabs__item', { hasText: '格言' }).click();
    await page.locator('[data-test=motto-text]').fill('为国理财，为民服务');
    await page.locator('[data-test=motto-submit]').click();
    await page.locator('[data-test=mottos-table]', { hasText: '为国理财，为民服务' }).waitFor();
    assertNoPageErrors(page);
    await page.context().close();

    const s = (await dw.fetch(`/api/v1/suggestions?person_id=${me}`)).data.items;
    assert.deepEqual(s.map((x) => [x.title, x.status, x.submitted_on]), [['推行报销业务最多跑一次', 'pending', TODAY]]);
    const desk = await app.page();
    await loginAs(desk, 'dangwei');
    await desk.goto('/ideas');
    await desk.locator('[data-test=suggestions-table] .el-table__row', { hasText: '推行报销业务最多跑一次' }).click();
    const drawer = desk.locator('[data-test=suggestion-detail]');
    await drawer.locator('[data-test=review-reason]').fill('切实可行');
    await drawer.locator('[data-test=review-save]').click();
    await drawer.locator('b', { hasText: '采纳为工作思路' }).waitFor();
    assert.equal((await dw.fetch(`/api/v1/suggestions/${s[0].id}`)).data.status, 'adopted');
    assertNoPageErrors(desk);
    await desk.context().close();
  });

  test('a member on the phone finds their duty and says a day they cannot', async () => {
    const b1 = (await z.fetch('/api/v1/orgs')).data.items.find((o) => o.name === '机关第一党支部');
    const r = (await z.fetch('/api/v1/rosters', { method: 'POST', json: { org_id: b1.id, kind: 'flood', title: '汛期防汛值班', place: '值班室' } })).data;
    const [sh] = (await z.fetch(`/api/v1/rosters/${r.id}/shifts`, { method: 'POST', json: { from: '2026-07-01', start_time: '08:00', hours: 24, required: 2 } })).data.shifts;
    await z.fetch(`/api/v1/duty-shifts/${sh.id}/assignments`, { method: 'POST', json: { person_id: me } });
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'dangyuan');
    await page.goto('/duty');
    await page.locator('[data-test=my-duty]', { hasText: '汛期防汛值班' }).waitFor();
    await page.locator('[data-test=unavailable-day] input').fill('2026-07-05');
    await page.keyboard.press('Enter');
    await page.locator('[data-test=unavailable-save]').click();
    await page.locator('.el-message', { hasText: '已保存' }).waitFor();
    const u = (await z.fetch(`/api/v1/duty-unavailable?person_id=${me}`)).data.items;
    assert.deepEqual(u.map((x) => x.day), ['2026-07-05']);
    assertNoPageErrors(page);
    await page.context().close();
  });
});
