// 谈心谈话 and 廉政风险 through the browser: a branch secretary records a talk
// with the form; its content shows to the participants and 纪检, not to the
// party administrator; a member on a phone finds their own talk; a committee
// post makes a talk due; 纪检 adds a risk point and the fund process is drawn.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, pickOption, assertNoPageErrors, apiLogin, PHONE } from './harness.mjs';

const CONTENT = '谈话要点：交流思想，鼓励其发挥骨干作用。';

describe('talks and integrity risks', { skip: SKIP }, () => {
  let app;
  before(async () => { app = await startApp(); });
  after(async () => { await app?.close(); });

  test('a secretary records a talk; who reads its content', async () => {
    const z = await apiLogin(app.url, 'zhibu1');
    const d = await apiLogin(app.url, 'dangyuan');
    const page = await app.page();
    await loginAs(page, 'zhibu1');
    await page.goto('/talks');
    await page.locator('[data-test=talk-new]').click();
    const form = page.locator('[data-test=talk-form]');
    await pickOption(page, form.locator('.el-form-item', { hasText: '所属组织' }).locator('.el-select'), '机关第一党支部');
    // the member talked with, found by name
    const me = (await d.fetch('/api/v1/session')).data.user;
    const person = (await z.fetch(`/api/v1/people/${me.person_id}`)).data;
    const talkees = form.locator('[data-test=talk-talkees]');
    await talkees.click();
    await talkees.locator('input').fill(person.name);
    await page.locator('.el-select-dropdown:visible .el-select-dropdown__item', { hasText: person.name }).first().click();
    await form.locator('.el-form-item', { hasText: '谈话事由' }).locator('input').fill('骨干培养');
    await form.locator('textarea').fill(CONTENT);
    await page.locator('[data-test=talk-save]').click();
    await page.locator('[data-test=talks-table]', { hasText: '骨干培养' }).waitFor();
    const saved = (await z.fetch('/api/v1/talks')).data.items.find((t) => t.occasion === '骨干培养');
    assert.ok(saved, 'saved through the form');
    assert.deepEqual(saved.talkees.map((p) => p.person_id), [me.person_id]);
    assert.deepEqual(saved.talkers.map((p) => p.person_id), [z.user.person_id]);
    // the list never shows the content; the drawer does, to the talker
    assert.ok(!(await page.locator('[data-test=talks-table]').innerText()).includes('交流思想'));
    await page.locator('[data-test=talks-table] tr', { hasText: '骨干培养' }).click();
    await page.locator('[data-test=talk-content]', { hasText: '交流思想' }).waitFor();
    assertNoPageErrors(page);
    await page.context().close();

    // the party administrator manages talks but does not read their content
    const p2 = await app.page();
    await loginAs(p2, 'dangwei');
    await p2.goto('/talks');
    await p2.locator('[data-test=talks-table] tr', { hasText: '骨干培养' }).click();
    await p2.locator('[data-test=talk-sealed]').waitFor();
    assert.equal(await p2.locator('[data-test=talk-content]').count(), 0);
    assertNoPageErrors(p2);
    await p2.context().close();

    // the member, on a phone, finds their own talk in the menu and reads it
    const p3 = await app.page({ viewport: PHONE });
    await loginAs(p3, 'dangyuan');
    await p3.goto('/talks');
    await p3.locator('[data-test=talks-table] tr', { hasText: '谈心' }).first().click();
    await p3.locator('[data-test=talk-content]', { hasText: '交流思想' }).waitFor();
    // no tabs for what a member cannot ask
    assert.equal(await p3.locator('.el-tabs__item', { hasText: '五必谈待谈' }).count(), 0);
    assertNoPageErrors(p3);
    await p3.context().close();
  });

  test('a committee post makes a talk due; 纪检 sees it and the statistics', async () => {
    const admin = await apiLogin(app.url, 'admin');
    const orgs = (await admin.fetch('/api/v1/orgs')).data.items;
    const b3 = orgs.find((o) => o.name === '机关第三党支部');
    const people = (await admin.fetch(`/api/v1/people?branch_id=${b3.id}&limit=100`)).data.items;
    const committee = new Set((await admin.fetch(`/api/v1/orgs/${b3.id}`)).data.committee.map((c) => c.person_id));
    const p = people.find((x) => x.political_status === '中共党员' && !committee.has(x.id));
    const r = await admin.fetch(`/api/v1/orgs/${b3.id}/committee`, { method: 'POST', json: { person_id: p.id, post: '青年委员' } });
    assert.equal(r.status, 201, JSON.stringify(r.data));
    const page = await app.page();
    await loginAs(page, 'jijian');
    await page.goto('/talks');
    await page.locator('.el-tabs__item', { hasText: '五必谈待谈' }).click();
    await page.locator('[data-test=talks-due]', { hasText: p.name }).waitFor();
    assert.match(await page.locator('[data-test=talks-due]').innerText(), /青年委员/);
    await page.locator('.el-tabs__item', { hasText: '统计' }).click();
    await page.locator('[data-test=talks-totals]').waitFor();
    await page.locator('[data-test=talks-relations]').waitFor();
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('纪检 adds a risk point; the fund process is drawn, also on a phone', async () => {
    const page = await app.page();
    await loginAs(page, 'jijian');
    await page.goto('/risk-points');
    await page.locator('[data-test=risk-new]').click();
    const form = page.locator('[data-test=risk-form]');
    await form.locator('.el-form-item', { hasText: '风险点' }).locator('textarea').fill('未按规定审核支付凭证');
    await form.locator('.el-radio-button', { hasText: '高' }).click();
    await page.locator('[data-test=risk-save]').click();
    await page.locator('[data-test=risks-table]', { hasText: '未按规定审核支付凭证' }).waitFor();
    const j = await apiLogin(app.url, 'jijian');
    const risk = (await j.fetch('/api/v1/risk-points')).data.items[0];
    assert.equal(risk.level, '高');
    const f = await j.fetch('/api/v1/fund-processes', { method: 'POST', json: { name: '资金支出', steps: [
      { name: '申请' }, { name: '审核', risk_point_ids: [risk.id] }, { name: '审批' }, { name: '支付' }, { name: '记账' }] } });
    assert.equal(f.status, 201, JSON.stringify(f.data));
    await page.goto('/risk-points');
    await page.locator('.el-tabs__item', { hasText: '资金运行图' }).click();
    await page.locator('[data-test=fund-chart] canvas').waitFor();
    // 以案促改: a case with its lessons
    await page.locator('.el-tabs__item', { hasText: '以案促改' }).click();
    await page.locator('[data-test=case-new]').click();
    const cf = page.locator('[data-test=case-form]');
    await cf.locator('.el-form-item', { hasText: '案例' }).first().locator('input').fill('违规发放补贴案');
    await cf.locator('.el-form-item', { hasText: '警示教训' }).locator('textarea').fill('审核把关不严');
    await page.locator('[data-test=case-save]').click();
    await page.locator('[data-test=case-card]', { hasText: '审核把关不严' }).waitFor();
    assertNoPageErrors(page);
    await page.context().close();

    const phone = await app.page({ viewport: PHONE });
    await loginAs(phone, 'zhibu1');
    await phone.goto('/risk-points');
    await phone.locator('[data-test=risks-table]', { hasText: '未按规定审核支付凭证' }).waitFor();
    assert.equal(await phone.locator('[data-test=risk-new]').count(), 0, 'a secretary reads, does not edit');
    await phone.locator('.el-tabs__item', { hasText: '资金运行图' }).click();
    await phone.locator('[data-test=fund-chart] canvas').waitFor();
    assertNoPageErrors(phone);
    await phone.context().close();
  });
  test('纪检 lets party_admin read talk contents and adds a kind in 设置; a secretary may not change it', async () => {
    const page = await app.page();
    await loginAs(page, 'jijian');
    await page.goto('/talks');
    await page.locator('.el-tabs__item', { hasText: '设置' }).click();
    const box = page.locator('[data-test=talk-settings]');
    await box.locator('[data-test=ts-roles]').waitFor();
    await box.locator('[data-test=ts-roles] .el-checkbox', { hasText: '机关党委' }).click();
    const kinds = box.locator('[data-test=ts-kinds]');
    await kinds.click();
    await page.keyboard.type('廉政提醒谈话');
    await page.keyboard.press('Enter');
    await page.keyboard.press('Escape');
    await box.locator('[data-test=ts-save]').click();
    await page.locator('.el-message--success').waitFor();
    const api = await apiLogin(app.url, 'jijian');
    const s = (await api.fetch('/api/v1/talks/settings')).data;
    assert.ok(s.content_roles.includes('party_admin'), JSON.stringify(s));
    assert.ok(s.kinds.includes('廉政提醒谈话'), JSON.stringify(s));
    assertNoPageErrors(page);
    await page.context().close();
    // a branch secretary sees the settings but the server refuses the change, and says so
    const sec = await app.page();
    await loginAs(sec, 'zhibu1');
    await sec.goto('/talks');
    await sec.locator('.el-tabs__item', { hasText: '设置' }).click();
    const b2 = sec.locator('[data-test=talk-settings]');
    await b2.locator('[data-test=ts-save]').click();
    await b2.locator('.el-alert--error').waitFor();
    await sec.context().close();
  });
});
