// Organisational life through the browser: a branch secretary records a
// meeting with the form, takes attendance on the expected list (with a reason
// for leave), uploads a photo as evidence, and finds it all saved; a member
// reads their own page.
import { test, before, after, describe } from 'node:test';
import assert from 'node:assert/strict';
import { SKIP, startApp, loginAs, pickOption, assertNoPageErrors, apiLogin, PNG_1PX, PHONE } from './harness.mjs';

describe('meetings and attendance', { skip: SKIP }, () => {
  let app;
  before(async () => { app = await startApp(); });
  after(async () => { await app?.close(); });

  test('record a 支部党员大会, take attendance, upload evidence', async () => {
    const page = await app.page();
    await loginAs(page, 'zhibu1');
    await page.goto('/meetings');
    await page.locator('[data-test=meeting-new]').click();
    const form = page.locator('[data-test=meeting-form]');
    await pickOption(page, form.locator('[data-test=meeting-org]'), '机关第一党支部');
    await pickOption(page, form.locator('[data-test=meeting-kind]'), '支部党员大会');
    await page.locator('[data-test=meeting-topic]').fill('学习贯彻党的二十届四中全会精神');
    await page.locator('[data-test=meeting-place]').fill('三楼会议室');
    await page.locator('[data-test=meeting-save]').click();
    await page.waitForURL(/\/meetings\/\d+$/);
    const id = Number(page.url().match(/\/meetings\/(\d+)$/)[1]);

    const z = await apiLogin(app.url, 'zhibu1');
    const before = (await z.fetch(`/api/v1/meetings/${id}`)).data;
    assert.equal(before.topic, '学习贯彻党的二十届四中全会精神');
    const expected = before.attendance.filter((a) => a.expected);
    assert.ok(expected.length >= 3, 'the branch members are expected');
    const [onLeave, late] = [expected[1], expected[2]];

    await page.locator('[data-test=all-present]').click();
    await page.locator(`[data-test=att-${onLeave.person_id}] .el-radio-button`, { hasText: '请假' }).click();
    await page.locator(`[data-test=att-${late.person_id}] .el-radio-button`, { hasText: '迟到' }).click();
    // leave without a reason is refused before it is sent
    await page.locator('[data-test=attendance-save]').click();
    await page.locator('.field-error', { hasText: '请假须填写事由' }).waitFor();
    await page.locator(`[data-test=reason-${onLeave.person_id}]`).fill('出差（省厅培训）');
    await page.locator('[data-test=attendance-save]').click();
    await page.locator('[data-test=attendance-summary]', { hasText: `出席 ${expected.length - 2}` }).waitFor();

    const after = (await z.fetch(`/api/v1/meetings/${id}`)).data;
    const by = new Map(after.attendance.map((a) => [a.person_id, a]));
    assert.equal(by.get(onLeave.person_id).status, '请假');
    assert.equal(by.get(onLeave.person_id).reason, '出差（省厅培训）');
    assert.equal(by.get(late.person_id).status, '迟到');
    assert.equal(by.get(expected[0].person_id).status, '出席');
    assert.equal(after.summary.untaken, after.attendance.length - expected.length);

    // evidence
    await page.locator('[data-test=file-upload] input[type=file]').setInputFiles({ name: '会议现场.png', mimeType: 'image/png', buffer: PNG_1PX });
    await page.locator('[data-test=file-item]', { hasText: '会议现场.png' }).waitFor();

    // after a reload the page shows what was saved
    await page.reload();
    await page.locator('[data-test=file-item]').first().waitFor();
    assert.ok(await page.locator(`[data-test=att-${onLeave.person_id}] .el-radio-button.is-active`, { hasText: '请假' }).count() === 1);
    assert.equal(await page.locator(`[data-test=reason-${onLeave.person_id}]`).inputValue(), '出差（省厅培训）');
    const files = (await z.fetch(`/api/v1/meetings/${id}`)).data.files;
    assert.equal(files.length, 1);
    assert.equal(files[0].mime, 'image/png');
    assertNoPageErrors(page);
    await page.context().close();
  });

  test('a discipline inspector reads a meeting but is not offered attendance', async () => {
    const page = await app.page();
    await loginAs(page, 'jijian');
    await page.goto('/meetings');
    await page.locator('[data-test=meetings-table] .el-table__row').first().waitFor();
    assert.equal(await page.locator('[data-test=meeting-new]').count(), 0);
    await page.locator('[data-test=meetings-table] .el-table__row a').first().click();
    await page.locator('[data-test=attendance]').waitFor();
    assert.equal(await page.locator('[data-test=attendance-save]').count(), 0);
    assert.equal(await page.locator('[data-test=file-upload]').count(), 0);
    await page.context().close();
  });

  test('a member sees 我的 with their record and meetings, on a phone', async () => {
    const page = await app.page({ viewport: PHONE });
    await loginAs(page, 'dangyuan');
    await page.waitForURL(/\/mine$/);
    const mine = page.locator('[data-test=mine]');
    await mine.locator('.name', { hasText: '刘思源' }).waitFor();
    // the name shows from the session before the person's record arrives; wait for the record's line
    await mine.locator('.muted', { hasText: '机关第一党支部' }).waitFor();
    assert.match(await mine.innerText(), /机关第一党支部/);
    await page.locator('[data-test=my-attendance]', { hasText: '学习贯彻党的二十届四中全会精神' }).waitFor();
    assertNoPageErrors(page);
    await page.context().close();
  });
});
