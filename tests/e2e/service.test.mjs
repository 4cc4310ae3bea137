// Service to the people through the browser: a branch secretary announces a
// volunteer activity; a member on the phone registers with a community, signs
// up and reports their hours; the secretary confirms them on the 志愿服务
// page and records a visit on the 联系点 page.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, pickOption, assertNoPageErrors, apiLogin, PHONE } from './harness.mjs';

const TODAY = '2026-06-25';

describe('service to the people', { skip: SKIP }, () => {
  let app, z, me;
  before(async () => {
    app = await startApp({ today: TODAY });
    z = await apiLogin(app.url, 'zhibu1');
    const d = await apiLogin(app.url, 'dangyuan');
    me = d.user.person_id;
  });
  after(async () => { await app?.close(); });

  test('the secretary announces an activity on the desktop', async () => {
    const page = await app.page();
    await loginAs(page, 'zhibu1');
    await page.goto('/volunteering');
    await page.locator('[data-test=activity-new]').click();
    const dialog = page.locator('[data-test=activity-dialog]');
    await pickOption(page, dialog.locator('[data-test=activity-org]'), '机关第一党支部');
    await page.locator('[data-test=activity-title]').fill('社区环境整治');
    await page.locator('[data-test=activity-save]').click();
    await page.locator('[data-test=activities-table]', { hasText: '社区环境整治' }).waitFor();
    const acts = (await z.fetch('/api/v1/service-activities')).data.items;
    assert.ok(acts.some((a) => a.title === '社区环境整治' && a.held_on === TODAY && a.kind === 'volunteer'));
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a member on the phone registers, signs up and reports hours; the secretary confirms them', async () => {
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'dangyuan');
    await page.waitForURL(/\/mine$/);
    const box = page.locator('[data-test=my-service]');
    await box.locator('[data-test=my-community]').fill('城东社区');
    await box.locator('[data-test=my-register]').click();
    await box.locator('[data-test=my-registration]', { hasText: '城东社区' }).waitFor();
    await box.locator('[data-test=open-activity]', { hasText: '社区环境整治' }).locator('[data-test=my-signup-button]').click();
    const mine = box.locator('[data-test=my-signup]', { hasText: '社区环境整治' });
    await mine.waitFor();
    await mine.locator('[data-test=my-hours] input').fill('3.5');
    await mine.locator('[data-test=my-report]').click();
    await box.locator('[data-test=my-signup]', { hasText: '待确认' }).waitFor();
    const reg = (await z.fetch(`/api/v1/community-registrations?person_id=${me}`)).data.items;
    assert.deepEqual(reg.map((r) => [r.community, r.registered_on, r.confirmed]), [['城东社区', TODAY, false]]);
    let s = (await z.fetch(`/api/v1/service-signups?person_id=${me}`)).data.items;
    assert.deepEqual(s.map((x) => [x.activity_title, x.status, x.hours]), [['社区环境整治', 'reported', 3.5]]);
    assertNoPageErrors(page);
    await page.context().close();

    const desk = await app.page();
    await loginAs(desk, 'zhibu1');
    await desk.goto('/volunteering');
    await desk.locator('.el-tabs__item', { hasText: '服务时长' }).click();
    await desk.locator('[data-test=signups-table] [data-test=signup-confirm]').first().click();
    await desk.locator('.el-message-box__btns .el-button--primary').click();
    await desk.locator('[data-test=signups-table]', { hasText: '已确认' }).waitFor();
    s = (await z.fetch(`/api/v1/service-signups?person_id=${me}`)).data.items;
    assert.deepEqual(s.map((x) => [x.status, x.hours]), [['confirmed', 3.5]]);
    // the registration, confirmed on its tab
    await desk.locator('.el-tabs__item', { hasText: '进社区报到' }).click();
    await desk.locator('[data-test=registration-confirm]').first().click();
    await desk.locator('[data-test=registrations-table]', { hasText: TODAY }).waitFor();
    assert.equal((await z.fetch(`/api/v1/community-registrations?person_id=${me}&status=confirmed`)).data.total, 1);
    assertNoPageErrors(desk);
    await desk.context().close();
  });

  test('the secretary records a visit to a member\'s contact', async () => {
    const c = await z.fetch('/api/v1/contacts', { method: 'POST', json: { person_id: me, kind: 'household', name: '王大爷家', started_on: '2026-01-10' } });
    assert.equal(c.status, 201, JSON.stringify(c.data));
    const page = await app.page();
    await loginAs(page, 'zhibu1');
    await page.goto('/contacts');
    const row = page.locator('[data-test=contacts-table] .el-table__row', { hasText: '王大爷家' });
    await row.locator('[data-test=visit-new]').click();
    await page.locator('[data-test=visit-content]').fill('送米送油，了解就医情况');
    await page.locator('[data-test=visit-save]').click();
    await page.locator('[data-test=contacts-table] .el-table__row', { hasText: '王大爷家' }).locator('td', { hasText: /^\s*1\s*$/ }).first().waitFor();
    const visits = (await z.fetch(`/api/v1/contact-visits?contact_id=${c.data.id}`)).data.items;
    assert.deepEqual(visits.map((v) => [v.visited_on, v.content]), [[TODAY, '送米送油，了解就医情况']]);
    assertNoPageErrors(page);
    await page.context().close();
  });
});
