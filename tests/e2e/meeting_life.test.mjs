// Meetings with a life cycle through the browser (issue 12, item 2): a branch
// secretary plans a meeting, the member finds it on 我的 on a phone and asks for
// leave, the secretary records it as held, corrects the record (void + record
// anew), voids it, and plans another that is cancelled — each step confirmed in
// a dialog, each reason kept.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, pickOption, assertNoPageErrors, apiLogin, PHONE } from './harness.mjs';

/** Answers an ElMessageBox.prompt with text and confirms it. */
async function answerPrompt(page, text) {
  const box = page.locator('.el-message-box:visible');
  await box.locator('input').fill(text);
  await box.locator('.el-message-box__btns .el-button--primary').click();
  await box.waitFor({ state: 'hidden' });
}

describe('meeting life cycle: plan → leave → hold → correct → void; plan → cancel', { skip: SKIP }, () => {
  let app;
  before(async () => { app = await startApp(); });
  after(async () => { await app?.close(); });

  async function plan(page, topic) {
    await page.goto('/meetings');
    await page.locator('[data-test=meeting-plan]').click();
    const form = page.locator('[data-test=meeting-form]');
    await form.locator('.el-dialog__title', { hasText: '计划会议' }).waitFor();
    await pickOption(page, form.locator('[data-test=meeting-org]'), '机关第一党支部');
    await pickOption(page, form.locator('[data-test=meeting-kind]'), '支部党员大会');
    await page.locator('[data-test=meeting-topic]').fill(topic);
    await page.locator('[data-test=meeting-place]').fill('三楼会议室');
    await page.locator('[data-test=meeting-save]').click();
    await page.waitForURL(/\/meetings\/\d+$/);
    await page.locator('[data-test=meeting-status]', { hasText: '计划中' }).waitFor();
    return Number(page.url().match(/\/meetings\/(\d+)$/)[1]);
  }

  test('plan, ask leave on 我的 (phone), hold, correct and void', async () => {
    const z = await apiLogin(app.url, 'zhibu1');
    const page = await app.page();
    await loginAs(page, 'zhibu1');
    const id = await plan(page, '计划：学习新修订的支部工作条例');
    await page.locator('[data-test=meeting-banner]', { hasText: '计划于' }).waitFor();
    assert.equal(await page.locator('[data-test=attendance-save]').count(), 0, 'no attendance before it is held');
    const planned = (await z.fetch(`/api/v1/meetings/${id}`)).data;
    assert.equal(planned.status, 'planned');

    // the member, on a phone: the notice on 我的, and leave with a reason
    const phone = await app.page({ viewport: PHONE });
    await loginAs(phone, 'dangyuan');
    await phone.waitForURL(/\/mine$/);
    const item = phone.locator(`[data-test=upcoming-${id}]`);
    await item.locator('.m-topic', { hasText: '计划：学习新修订的支部工作条例' }).waitFor();
    await item.locator('[data-test=upcoming-ask-leave]').click();
    await answerPrompt(phone, '到省厅参加培训');
    await item.locator('[data-test=upcoming-leave-tag]').waitFor();
    const me = (await apiLogin(app.url, 'dangyuan')).user.person_id;
    const row = (await z.fetch(`/api/v1/meetings/${id}`)).data.attendance.find((a) => a.person_id === me);
    assert.deepEqual([row.status, row.reason], ['请假', '到省厅参加培训']);
    assertNoPageErrors(phone);
    await phone.context().close();

    // held: the plan's fields, recorded today; the leave is on the attendance
    await page.reload();
    await page.locator('[data-test=meeting-hold]').click();
    const form = page.locator('[data-test=meeting-form]');
    await form.locator('.el-dialog__title', { hasText: '登记召开' }).waitFor();
    await page.locator('[data-test=meeting-save]').click();
    await page.locator('[data-test=meeting-status]', { hasText: '已召开' }).waitFor();
    await page.locator(`[data-test=att-${me}] .el-radio-button.is-active`, { hasText: '请假' }).waitFor();
    const held = (await z.fetch(`/api/v1/meetings/${id}`)).data;
    assert.equal(held.status, 'held');
    assert.equal(held.late_recorded, false);

    // corrected: a reason, a new topic; the page moves to the new record
    await page.locator('[data-test=meeting-correct]').click();
    await form.locator('.el-dialog__title', { hasText: '更正会议记录' }).waitFor();
    await page.locator('[data-test=meeting-save]').click();
    await form.locator('.el-form-item__error', { hasText: '请填写更正原因' }).waitFor();
    await page.locator('[data-test=meeting-reason]').fill('主题登记错误');
    await page.locator('[data-test=meeting-topic]').fill('学习新修订的《中国共产党支部工作条例（试行）》');
    await page.locator('[data-test=meeting-save]').click();
    await page.waitForURL((u) => u.pathname !== `/meetings/${id}` && /\/meetings\/\d+$/.test(u.pathname));
    const newId = Number(page.url().match(/\/meetings\/(\d+)$/)[1]);
    await page.locator('[data-test=corrects]').waitFor();
    const old = (await z.fetch(`/api/v1/meetings/${id}`)).data;
    assert.deepEqual([old.status, old.status_reason, old.corrected_by], ['voided', '主题登记错误', newId]);
    const fresh = (await z.fetch(`/api/v1/meetings/${newId}`)).data;
    assert.equal(fresh.topic, '学习新修订的《中国共产党支部工作条例（试行）》');
    assert.equal(fresh.attendance.find((a) => a.person_id === me).status, '请假', 'attendance carried over');

    // voided, after the confirmation (going back leaves it as it is)
    await page.locator('[data-test=meeting-void]').click();
    await page.locator('.el-message-box:visible .el-message-box__btns .el-button:not(.el-button--primary)').click();
    assert.equal((await z.fetch(`/api/v1/meetings/${newId}`)).data.status, 'held');
    await page.locator('[data-test=meeting-void]').click();
    await answerPrompt(page, '重复登记');
    await page.locator('[data-test=meeting-banner]', { hasText: '记录已作废：重复登记' }).waitFor();
    assert.equal(await page.locator('[data-test=meeting-edit]').count(), 0, 'a voided record is kept as it is');
    assert.equal((await z.fetch(`/api/v1/meetings/${newId}`)).data.status, 'voided');
    // listed among the voided, not among the records
    await page.goto('/meetings');
    await page.locator('[data-test=meeting-status] .el-radio-button', { hasText: '已作废' }).click();
    await page.locator(`[data-test=status-${newId}]`, { hasText: '已作废' }).waitFor();
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('plan and cancel with a reason; it leaves the member\'s upcoming list', async () => {
    const z = await apiLogin(app.url, 'zhibu1');
    const page = await app.page();
    await loginAs(page, 'zhibu1');
    const id = await plan(page, '将取消的党员大会');
    await page.locator('[data-test=meeting-cancel]').click();
    // a reason is required
    const box = page.locator('.el-message-box:visible');
    await box.locator('.el-message-box__btns .el-button--primary').click();
    await box.locator('.el-message-box__errormsg', { hasText: '请填写原因' }).waitFor();
    await answerPrompt(page, '与局党组会议时间冲突');
    await page.locator('[data-test=meeting-banner]', { hasText: '会议已取消：与局党组会议时间冲突' }).waitFor();
    assert.equal(await page.locator('[data-test=meeting-hold]').count(), 0);
    const m = (await z.fetch(`/api/v1/meetings/${id}`)).data;
    assert.deepEqual([m.status, m.status_reason], ['cancelled', '与局党组会议时间冲突']);
    const d = await apiLogin(app.url, 'dangyuan');
    assert.ok(!(await d.fetch('/api/v1/meetings/upcoming')).data.items.some((x) => x.id === id));
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a lecture planned from the lectures page, seen by every member, then held and its attendance taken', async () => {
    const dw = await apiLogin(app.url, 'dangwei');
    const page = await app.page();
    await loginAs(page, 'dangwei');
    await page.goto('/lectures');
    await page.locator('[data-test=lecture-plan]').click();
    const form = page.locator('[data-test=lecture-form]');
    await form.locator('.el-dialog__title', { hasText: '计划讲堂' }).waitFor();
    await page.locator('[data-test=lecture-topic]').fill('计划的讲堂：政府采购新规');
    await page.locator('[data-test=lecture-save]').click();
    await page.waitForURL(/\/lectures\/\d+$/);
    const id = Number(page.url().match(/\/lectures\/(\d+)$/)[1]);
    await page.locator('[data-test=lecture-banner]', { hasText: '计划于' }).waitFor();
    assert.equal((await dw.fetch(`/api/v1/lectures/${id}`)).data.status, 'planned');
    const d = await apiLogin(app.url, 'dangyuan');
    const up = (await d.fetch('/api/v1/meetings/upcoming')).data.items.find((x) => x.id === id);
    assert.ok(up && up.listed === false, 'a bureau lecture is on everyone\'s upcoming list');
    await page.locator('[data-test=lecture-hold]').click();
    await page.locator('.el-message-box:visible .el-message-box__btns .el-button--primary').click();
    await page.locator('[data-test=lecture-void]').waitFor();
    const held = (await dw.fetch(`/api/v1/lectures/${id}`)).data;
    assert.equal(held.status, 'held');
    assertNoPageErrors(page);
    await page.context().close();
  });
});
